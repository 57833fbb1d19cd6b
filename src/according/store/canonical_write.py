"""Canonical entities kept in the store: writing one document's.

A save or delete places or removes the document's entities
(:class:`according.ledger.placement.Placer` over
:class:`according.store.canonical_state.TableState`, where the storage design is
described) and writes what changed in the transaction that writes the document: the
registry's counts, the document's links, the links of bare surnames that moved in other
documents, and the rows and keys of the canonical entities that changed, their
documents, mentions and quotes moved by the difference between the old and new links.
The caller's transaction holds :func:`lock` (PostgreSQL), so the registry's rows change
one document at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select
from sqlalchemy import update as sql_update

from according.ledger.names import name_key
from according.ledger.placement import Placer
from according.records import Entity, Ledger
from according.store.canonical_state import TableState, canonical_number
from according.store.schema import canonical_entities, canonical_keys, documents, entity_links
from according.store.sql import advisory_lock, chunks

__all__ = ["backfill", "drop_document", "index_document", "lock"]

#: Serialises registry writes between PostgreSQL writers ("enti").
_PG_ENTITY_LOCK = 0x656E7469
_PAGE = 200

ce, links, keys_ = canonical_entities, entity_links, canonical_keys


def lock(conn: Connection) -> None:
    """On PostgreSQL, take this module's advisory lock until the transaction ends."""
    advisory_lock(conn, _PG_ENTITY_LOCK)


def _alias_keys(name: str, label: str, aliases: Iterable[str]) -> set[str]:
    return {k for k in (name_key(a, label=label) for a in (name, *aliases)) if k}


def _named(ledger: Ledger) -> list[Entity]:
    """The entities the registry takes (an entity with no name has no canonical one)."""
    return [e for e in ledger.entities if e.name.strip()]


@dataclass(frozen=True, slots=True)
class _Link:
    """What the counts of ``canonical_entities`` need of one ``entity_links`` row."""

    document_id: int
    eid: str
    canonical: int
    mentions: int
    quotes: int


def _placer(conn: Connection) -> tuple[Placer, TableState]:
    state = TableState(conn)
    return Placer(state), state


def index_document(
    conn: Connection, document_id: int, ledger: Ledger, *, replaced: bool = True
) -> None:
    """Place the entities of the document ``document_id`` (just saved as ``ledger``) and
    write what changed, in the caller's transaction (which holds :func:`lock`).
    ``replaced``: the document was stored before."""
    placer, state = _placer(conn)
    doc = str(document_id)
    named = _named(ledger)
    if named:
        placer.add_document(doc, named)
    elif replaced:
        placer.remove_document(doc)
    quotes = Counter(a.speaker for a in ledger.attributions if a.speaker)
    mentions = {e.id: len(e.mentions) for e in named}
    _write(conn, placer, state, document_id, mentions, quotes)


def drop_document(conn: Connection, document_id: int) -> None:
    """Take the document ``document_id`` out (before it is deleted) and write what
    changed, in the caller's transaction."""
    placer, state = _placer(conn)
    placer.remove_document(str(document_id))
    _write(conn, placer, state, document_id, {}, Counter())


def backfill(conn: Connection) -> int:
    """Place the entities of every stored document (a store made before canonical
    entities, or before this schema of them), in id order; return how many documents."""
    done = 0
    last = 0
    while True:
        page = conn.execute(
            select(documents.c.id, documents.c.ledger)
            .where(documents.c.id > last)
            .order_by(documents.c.id)
            .limit(_PAGE)
        ).all()
        for row in page:
            index_document(conn, row.id, Ledger.from_json(row.ledger), replaced=False)
        done += len(page)
        if len(page) < _PAGE:
            return done
        last = page[-1].id


def _stored_links(conn: Connection, document_ids: set[int]) -> dict[int, list[_Link]]:
    found: dict[int, list[_Link]] = {}
    for chunk in chunks(document_ids):
        for r in conn.execute(
            select(links.c.document_id, links.c.eid, links.c.canonical_id, links.c.mentions,
                   links.c.quotes)
            .where(links.c.document_id.in_(chunk))
        ):  # fmt: skip
            found.setdefault(r.document_id, []).append(
                _Link(r.document_id, r.eid, r.canonical_id, r.mentions, r.quotes)
            )
    return found


def _write(
    conn: Connection,
    placer: Placer,
    state: TableState,
    document_id: int,
    mentions: Mapping[str, int],
    quotes: Mapping[str, int],
) -> None:
    """Write the counts, the links of ``document_id`` (``mentions`` and ``quotes`` per
    entity), the links that moved in other documents, and the canonical entities that
    changed with their documents, mentions and quotes moved by the links' differences."""
    changes = placer.take_changes()
    state.flush()
    doc = str(document_id)
    fresh = [
        {**row, "document_id": document_id, "mentions": mentions.get(row["eid"], 0),
         "quotes": quotes.get(row["eid"], 0)}
        for row in state.links(doc)
    ]  # fmt: skip
    moved = state.moved()
    others = {int(d) for d, _ in moved}
    old = _stored_links(conn, others | {document_id})
    delta: dict[int, list[int]] = {}

    def count(links_: Iterable[_Link], sign: int) -> None:
        for n in {x.canonical for x in links_}:
            delta.setdefault(n, [0, 0, 0])[0] += sign
        for x in links_:
            d = delta.setdefault(x.canonical, [0, 0, 0])
            d[1] += sign * x.mentions
            d[2] += sign * x.quotes

    count(old.get(document_id, ()), -1)
    count([_Link(document_id, r["eid"], r["canonical_id"], r["mentions"], r["quotes"])
           for r in fresh], +1)  # fmt: skip
    for other in sorted(others):
        before = old.get(other, [])
        after = [
            _Link(x.document_id, x.eid, moved.get((str(other), x.eid), x.canonical),
                  x.mentions, x.quotes)
            for x in before
        ]  # fmt: skip
        count(before, -1)
        count(after, +1)
    touched = {canonical_number(c) for c in changes.canonical_ids}
    touched |= {n for n, d in delta.items() if any(d)}
    _write_canonical(conn, state, touched, delta)
    conn.execute(delete(links).where(links.c.document_id == document_id))
    if fresh:
        conn.execute(insert(links), fresh)
    if moved:
        conn.execute(
            sql_update(links)
            .where(links.c.document_id == bindparam("b_doc"), links.c.eid == bindparam("b_eid"))
            .values(canonical_id=bindparam("b_canonical")),
            [{"b_doc": int(d), "b_eid": e, "b_canonical": n}
             for (d, e), n in sorted(moved.items())],
        )  # fmt: skip


def _write_canonical(
    conn: Connection, state: TableState, numbers: set[int], delta: Mapping[int, Sequence[int]]
) -> None:
    """Update the rows of the canonical entities ``numbers`` from the counts, their
    documents, mentions and quotes moved by ``delta``, and their keys."""
    if not numbers:
        return
    existing: dict[int, tuple[int, int, int]] = {}
    old_keys: set[tuple[str, int]] = set()
    for chunk in chunks(numbers):
        for n, d, m, q, k in conn.execute(
            select(ce.c.id, ce.c.documents, ce.c.mentions, ce.c.quotes, keys_.c.key)
            .outerjoin(keys_, keys_.c.canonical_id == ce.c.id)
            .where(ce.c.id.in_(chunk))
        ):
            existing[n] = (d, m, q)
            if k is not None:
                old_keys.add((k, n))
    full: list[dict[str, Any]] = []
    bare: list[dict[str, Any]] = []
    new_keys: set[tuple[str, int]] = set()
    built = state.build_many(numbers)
    for n in sorted(numbers):
        entity = built[n]
        dd, dm, dq = delta.get(n, (0, 0, 0))
        d, m, q = existing[n]
        values: dict[str, Any] = {"documents": d + dd, "mentions": m + dm, "quotes": q + dq}
        if entity is None:  # left (or met and left within this write)
            values.update(aliases=[], descriptions=[])
            bare.append({f"b_{k}": v for k, v in values.items()} | {"b_id": n})
            continue
        values.update(
            name=entity.name,
            label=entity.label,
            aliases=list(entity.aliases),
            descriptions=list(entity.descriptions),
        )
        full.append({f"b_{k}": v for k, v in values.items()} | {"b_id": n})
        new_keys.update((k, n) for k in _alias_keys(entity.name, entity.label, entity.aliases))
    # a left entity keeps its name and label
    columns = ["mentions", "quotes", "documents", "aliases", "descriptions"]
    for rows, names in ((full, [*columns, "name", "label"]), (bare, columns)):
        if rows:
            conn.execute(
                sql_update(ce)
                .where(ce.c.id == bindparam("b_id"))
                .values({c: bindparam(f"b_{c}") for c in names}),
                rows,
            )
    gone = old_keys - new_keys
    if gone:
        conn.execute(
            delete(keys_).where(
                keys_.c.key == bindparam("b_key"), keys_.c.canonical_id == bindparam("b_id")
            ),
            [{"b_key": k, "b_id": n} for k, n in sorted(gone)],
        )
    added = new_keys - old_keys
    if added:
        conn.execute(insert(keys_), [{"key": k, "canonical_id": n} for k, n in sorted(added)])
