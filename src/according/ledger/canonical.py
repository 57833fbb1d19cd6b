"""What the registry of canonical entities keeps and hands out, as the merge rules
(:mod:`according.ledger.placement`) and the store (:mod:`according.store.canonical_state`)
share it: a document entity as given (:class:`EntityInput`) and as placed
(:class:`Contribution`), a document's entities (:class:`DocumentEntities`), a bare
surname (:class:`Float`), a canonical entity (:class:`CanonicalEntity`, built from its
running totals by :func:`build_entity`) and what a write changed
(:class:`RegistryChanges`).

An *anchor* is what identifies a canonical entity: its label class and name key
("PERSON|mohammed khulaifi"), "=..." after the class for an alias-table entity
("ORG|=israel defense forces"), "~..." for a bare surname's own entity
("PERSON|~halvorsen"). A *ref* is a document entity, ``(document id, entity id)``.
Canonical ids are "C1", "C2", ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from according.ledger.aliases import alias_table
from according.ledger.names import entity_surfaces, fold_words
from according.records import Entity

__all__ = [
    "CanonicalEntity",
    "Contribution",
    "DocumentEntities",
    "EntityInput",
    "Float",
    "Kind",
    "Ref",
    "RegistryChanges",
    "build_entity",
    "id_number",
]

Ref = tuple[str, str]
"""A document entity: ``(document id, entity id)``."""
Kind = Literal["person", "surname", "other"]
"""How the rules read a document entity: a person's full name, a bare surname (a
one-word person name), or anything else."""


def id_number(cid: str) -> int:
    """The number of a canonical id, for ordering: "C12" → 12 (0 for anything else)."""
    return int(cid[1:]) if cid[:1] == "C" and cid[1:].isdigit() else 0


@dataclass(frozen=True, slots=True)
class EntityInput:
    """What the registry keeps of one document entity as given: all it needs to place
    it again. ``surfaces`` are the forms it is written in (:func:`entity_surfaces`)."""

    entity: str
    name: str
    label: str
    descriptions: tuple[str, ...]
    surfaces: tuple[str, ...]

    @classmethod
    def of(cls, entity: Entity) -> EntityInput:
        """The input of a document entity."""
        return cls(
            entity.id,
            entity.name,
            entity.label,
            tuple(entity.descriptions),
            entity_surfaces(entity),
        )


@dataclass(frozen=True, slots=True)
class Contribution:
    """One document entity as the rules read it: its ``kind``, its own ``anchor`` (for a
    bare surname, the surname's own entity, wherever it is placed), the ``surname`` of a
    person or a bare surname, the number of words of its name (titles aside) for
    choosing a display name, and its ``evidence``: the keys of its descriptions."""

    entity: str
    name: str
    label: str
    kind: Kind
    anchor: str
    surname: str | None
    display_words: int
    descriptions: tuple[str, ...]
    surfaces: tuple[str, ...]
    evidence: frozenset[str]


@dataclass(frozen=True, slots=True)
class DocumentEntities:
    """A document's entities: as given (``inputs``) and as read (``contributions``, in the
    same order), and the document's ``context``: the evidence keys its organisations and
    places give its people."""

    inputs: tuple[EntityInput, ...]
    contributions: tuple[Contribution, ...]
    context: frozenset[str]


@dataclass(frozen=True, slots=True)
class Float:
    """A bare surname as the registry keeps it: the document entity and the evidence
    keys it can be joined by (its description pairs and its document's context)."""

    contribution: Contribution
    keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class CanonicalEntity:
    """One actor across documents.

    ``name`` is its best display name: the name with most words (titles and suffixes
    aside), then not in capitals, then seen in most document entities, then
    alphabetically first. ``label`` is the alias table's label, else the most frequent
    label. ``aliases`` are every surface form seen (entity names and mentions), sorted;
    ``descriptions`` the roles given to it, most frequent first; ``documents`` the number
    of documents that mention it; ``key`` its anchor, what identifies it in the
    registry.
    """

    id: str
    key: str
    name: str
    label: str
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...]
    documents: int


@dataclass(frozen=True, slots=True)
class RegistryChanges:
    """What changed since the last :meth:`~according.ledger.placement.Placer.take_changes`:
    canonical entities created, updated or emptied (an emptied one builds to None), and
    documents whose entity-to-canonical mapping may differ."""

    canonical_ids: tuple[str, ...]
    documents: tuple[str, ...]


def build_entity(
    cid: str,
    anchor: str,
    names: Mapping[str, int],
    words: Mapping[str, int],
    labels: Mapping[str, int],
    surfaces: Iterable[str],
    descriptions: Mapping[str, int],
    documents: int,
) -> CanonicalEntity:
    """A canonical entity from its totals (see :class:`CanonicalEntity` for how its name,
    label and descriptions are chosen); ``words``: each name's words (titles aside)."""
    name = min(names, key=lambda n: (-words[n], n.isupper(), -names[n], n))
    label = alias_table().labels.get(anchor) or min(labels, key=lambda lab: (-labels[lab], lab))
    by_key: dict[tuple[str, ...], list[str]] = {}
    for desc in descriptions:
        by_key.setdefault(fold_words(desc), []).append(desc)
    ranked = sorted(
        (
            (
                sum(descriptions[d] for d in group),
                min(group, key=lambda d: (-descriptions[d], d)),
            )
            for group in by_key.values()
        ),
        key=lambda item: (-item[0], item[1]),
    )
    return CanonicalEntity(
        id=cid,
        key=anchor,
        name=name,
        label=label,
        aliases=tuple(sorted(surfaces)),
        descriptions=tuple(d for _, d in ranked),
        documents=documents,
    )
