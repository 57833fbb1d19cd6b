"""Canonical entities kept in the store: reading them.

Listing them (most mentioned first, by name and label) and looking up the canonical id
of one document entity. A name finds the entities with an alias of its key
(``canonical_keys``, see :func:`according.ledger.names.name_key`), or holding it as
whole words. The rows are written by :mod:`according.store.canonical_write`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, desc, or_, select

from according.ledger.names import name_key
from according.store.canonical_state import canonical_id
from according.store.schema import canonical_entities, canonical_keys, entity_links

__all__ = ["StoredEntity", "canonical_of", "entities", "matching_ids"]

ce, links, keys_ = canonical_entities, entity_links, canonical_keys


@dataclass(frozen=True, slots=True)
class StoredEntity:
    """A canonical entity as the store lists it: ``aliases`` every form it is written in
    (its name among them), ``descriptions`` the roles given to it (most frequent first),
    ``documents`` how many documents mention it, ``mentions`` how often, ``quotes`` how
    many attributions it is the speaker of."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...]
    documents: int
    mentions: int
    quotes: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "descriptions": list(self.descriptions),
            "documents": self.documents,
            "mentions": self.mentions,
            "quotes": self.quotes,
        }


def _query_keys(name: str) -> set[str]:
    """The keys a name has as a person and as anything else."""
    return {k for k in (name_key(name), name_key(name, label="ORG")) if k}


def _aligned(key: str, query: str, *, partial: bool) -> bool:
    if key == query:
        return True
    return partial and f" {query} " in f" {key} "


def matching_ids(conn: Connection, name: str, *, partial: bool = False) -> set[int]:
    """Canonical entities a name denotes: one of their aliases has its key (case,
    diacritics, hyphens, "al-", titles folded; see :func:`name_key`), or, ``partial``,
    holds it as whole words ("Khulaifi" in "Mohammed Al-Khulaifi", "Valley Defence" in
    "Ruvel Valley Defence Front")."""
    wanted = _query_keys(name)
    if not wanted:
        return set()
    conditions: list[Any] = [keys_.c.key.in_(sorted(wanted))]
    if partial:
        for k in wanted:
            escaped = k.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conditions += [
                keys_.c.key.like(f"{escaped} %", escape="\\"),
                keys_.c.key.like(f"% {escaped}", escape="\\"),
                keys_.c.key.like(f"% {escaped} %", escape="\\"),
            ]
    rows = conn.execute(
        select(keys_.c.key, keys_.c.canonical_id, ce.c.label)
        .join(ce, ce.c.id == keys_.c.canonical_id)
        .where(or_(*conditions), ce.c.documents > 0)
    ).all()
    found: set[int] = set()
    for key, n, label in rows:
        # the name read as this entity's label reads its aliases ("Al Gore" the person)
        query = name_key(name, label=label)
        if _aligned(key, query, partial=partial):
            found.add(n)
    return found


def entities(
    conn: Connection,
    *,
    name: str | None = None,
    label: str | None = None,
    limit: int | None = None,
    exact: bool = False,
) -> list[StoredEntity]:
    """Canonical entities, most mentioned first (then in most documents), those a
    ``name`` denotes (:func:`matching_ids`; whole words of an alias unless ``exact``)
    with this ``label``."""
    query = select(ce).where(ce.c.documents > 0)
    if name is not None:
        found = matching_ids(conn, name, partial=not exact)
        if not found:
            return []
        query = query.where(ce.c.id.in_(sorted(found)))
    if label:
        query = query.where(ce.c.label == label.upper())
    query = query.order_by(desc(ce.c.mentions), desc(ce.c.documents), ce.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [
        StoredEntity(
            id=canonical_id(r.id),
            name=r.name,
            label=r.label,
            aliases=tuple(r.aliases),
            descriptions=tuple(r.descriptions),
            documents=r.documents,
            mentions=r.mentions,
            quotes=r.quotes,
        )
        for r in conn.execute(query)
    ]


def canonical_of(conn: Connection, document_id: int, eid: str) -> str | None:
    """The canonical id of entity ``eid`` of the document ``document_id``, if any."""
    n = conn.scalar(
        select(links.c.canonical_id).where(links.c.document_id == document_id, links.c.eid == eid)
    )
    return None if n is None else canonical_id(n)
