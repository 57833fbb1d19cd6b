"""The merge rules run in memory: a reference registry for the tests.

:class:`EntityRegistry` is :class:`according.ledger.placement.Placer` over
:class:`MemoryState`, which keeps the registry's state in dicts indexed by anchor, by
surname and by document. The store keeps the same state in its tables
(:class:`according.store.canonical_state.TableState`); the tests check the rules on this one and
check that the store's tables group as it does (:func:`stored_registry` rebuilds one from
a store's tables). Not part of the installed package: nothing but the tests needs it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from according.ledger.aliases import alias_table
from according.ledger.canonical import (
    CanonicalEntity,
    Contribution,
    DocumentEntities,
    EntityInput,
    Float,
    Ref,
    build_entity,
    id_number,
)
from according.ledger.placement import Placer, classify
from according.store import Store
from according.store.canonical_state import canonical_id
from according.store.schema import canonical_entities, entity_links

__all__ = ["EntityRegistry", "MemoryState", "canonical_row", "stored_registry"]

Row = dict[str, Any]


def canonical_row(entity: CanonicalEntity) -> Row:
    """A canonical entity as a plain row."""
    return {
        "id": entity.id,
        "key": entity.key,
        "name": entity.name,
        "label": entity.label,
        "aliases": list(entity.aliases),
        "descriptions": list(entity.descriptions),
        "documents": entity.documents,
    }


@dataclass(eq=False, slots=True)
class _Node:
    """A canonical entity's running totals (every counter counts document entities)."""

    id: str
    docs: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    descriptions: Counter[str] = field(default_factory=Counter)
    words: dict[str, int] = field(default_factory=dict)  # display name → words in its key
    # people only, from full-name mentions: evidence keys and surnames
    evidence: Counter[str] = field(default_factory=Counter)
    surnames: Counter[str] = field(default_factory=Counter)


def _decrement(counter: Counter[str], key: str, by: int = 1) -> None:
    left = counter[key] - by
    if left > 0:
        counter[key] = left
    else:
        del counter[key]


class MemoryState:
    """A registry's state in dicts, indexed by anchor, by surname and by document (no
    lookup scans all entities)."""

    def __init__(self) -> None:
        self.docs: dict[str, DocumentEntities] = {}
        self.nodes: dict[str, _Node] = {}  # anchor → live canonical entity
        self.ids: dict[str, str] = {}  # anchor → id, for every anchor ever seen
        self.anchors: dict[str, str] = {}  # id → anchor
        self.next = 1
        self.by_surname: dict[str, set[str]] = {}  # surname → anchors of people
        self.floats: dict[str, dict[Ref, Float]] = {}  # surname → bare surnames
        self.by_key: dict[str, dict[str, set[Ref]]] = {}  # surname → evidence key → refs
        self.places: dict[Ref, str] = {}
        self.float_surname: dict[Ref, str] = {}

    def id_of(self, anchor: str) -> str | None:
        return self.ids.get(anchor)

    def hand_out(self, anchor: str) -> str:
        cid = f"C{self.next}"
        self.next += 1
        self.ids[anchor] = cid
        self.anchors[cid] = anchor
        return cid

    def anchor_of(self, canonical_id: str) -> str | None:
        return self.anchors.get(canonical_id)

    def document(self, doc_id: str) -> DocumentEntities | None:
        return self.docs.get(doc_id)

    def set_document(self, doc_id: str, doc: DocumentEntities | None) -> None:
        if doc is None:
            self.docs.pop(doc_id, None)
        else:
            self.docs[doc_id] = doc

    def count(self, anchor: str, doc_id: str, c: Contribution, sign: int) -> None:
        node = self.nodes.get(anchor)
        if node is None:
            node = self.nodes[anchor] = _Node(self.ids[anchor])
        if sign > 0:
            node.docs[doc_id] += 1
            node.names[c.name] += 1
            node.words[c.name] = max(node.words.get(c.name, 0), c.display_words)
            node.surfaces.update(c.surfaces)
            node.labels[c.label] += 1
            node.descriptions.update(c.descriptions)
            return
        _decrement(node.docs, doc_id)
        _decrement(node.names, c.name)
        if c.name not in node.names:
            node.words.pop(c.name, None)
        for surface in c.surfaces:
            _decrement(node.surfaces, surface)
        _decrement(node.labels, c.label)
        for desc in c.descriptions:
            _decrement(node.descriptions, desc)
        self._prune(anchor)

    def _prune(self, anchor: str) -> None:
        """Forget a canonical entity left with nothing."""
        node = self.nodes[anchor]
        if not node.labels and not node.surnames and not node.evidence:
            del self.nodes[anchor]

    def evidence(self, anchor: str, keys: frozenset[str], sign: int) -> list[str]:
        held = self.nodes[anchor].evidence
        if sign > 0:
            gained = [k for k in keys if k not in held]
            held.update(keys)
            return gained
        for k in keys:
            _decrement(held, k)
        self._prune(anchor)
        return [k for k in keys if k not in held]

    def has_evidence(self, anchor: str, keys: frozenset[str]) -> bool:
        held = self.nodes[anchor].evidence
        return any(k in held for k in keys)

    def surname(self, anchor: str, surname: str, sign: int) -> bool:
        node = self.nodes[anchor]
        if sign > 0:
            node.surnames[surname] += 1
            if node.surnames[surname] == 1:
                self.by_surname.setdefault(surname, set()).add(anchor)
                return True
            return False
        _decrement(node.surnames, surname)
        if surname in node.surnames:
            return False
        people = self.by_surname[surname]
        people.discard(anchor)
        if not people:
            del self.by_surname[surname]
        self._prune(anchor)
        return True

    def surnames(self, anchor: str) -> list[str]:
        node = self.nodes.get(anchor)
        return list(node.surnames) if node is not None else []

    def persons(self, surname: str) -> set[str]:
        """The people with this surname."""
        return self.by_surname.get(surname, set())

    def target(self, surname: str) -> str | None:
        found = self.persons(surname)
        return next(iter(found)) if len(found) == 1 else None

    def people(self, surname: str, upto: int) -> int:
        return min(len(self.persons(surname)), upto)

    def add_float(self, ref: Ref, found: Float) -> None:
        surname = found.contribution.surname
        assert surname is not None
        self.floats.setdefault(surname, {})[ref] = found
        self.float_surname[ref] = surname
        index = self.by_key.setdefault(surname, {})
        for k in found.keys:
            index.setdefault(k, set()).add(ref)

    def remove_float(self, ref: Ref) -> None:
        surname = self.float_surname.pop(ref)
        del self.places[ref]
        found = self.floats[surname].pop(ref)
        index = self.by_key[surname]
        for k in found.keys:
            index[k].discard(ref)
            if not index[k]:
                del index[k]
        if not self.floats[surname]:
            del self.floats[surname], self.by_key[surname]

    def float_(self, ref: Ref) -> Float:
        return self.floats[self.float_surname[ref]][ref]

    def floats_with(self, surname: str, keys: Iterable[str]) -> set[Ref]:
        index = self.by_key.get(surname, {})
        return {ref for k in keys for ref in index.get(k, ())}

    def floats_sharing(self, surname: str, anchor: str) -> set[Ref]:
        held = self.nodes[anchor].evidence
        index = self.by_key.get(surname, {})
        small, large = (held, index) if len(held) <= len(index) else (index, held)
        return {ref for k in small if k in large for ref in index[k]}

    def floats_placed_away(self, surname: str) -> set[Ref]:
        return {
            ref
            for ref, found in self.floats.get(surname, {}).items()
            if self.places[ref] != found.contribution.anchor
        }

    def place(self, ref: Ref) -> str:
        return self.places[ref]

    def set_place(self, ref: Ref, anchor: str) -> None:
        self.places[ref] = anchor

    def build(self, anchor: str) -> CanonicalEntity | None:
        node = self.nodes.get(anchor)
        if node is None or not node.labels:
            return None
        return build_entity(
            node.id,
            anchor,
            node.names,
            node.words,
            node.labels,
            node.surfaces,
            node.descriptions,
            len(node.docs),
        )


class EntityRegistry(Placer):
    """Canonical entities across documents, in memory, updated one document at a time.

    The state is the set of documents' entities plus the ids handed out;
    :meth:`to_rows` and :meth:`from_rows` carry it as plain rows.
    """

    state: MemoryState

    def __init__(self) -> None:
        super().__init__(MemoryState())

    def canonical(self, canonical_id: str) -> CanonicalEntity | None:
        """The canonical entity with this id, None when it has no mention (left)."""
        anchor = self.state.anchor_of(canonical_id)
        return None if anchor is None else self.state.build(anchor)

    def key_of(self, canonical_id: str) -> str | None:
        """The key this id was handed out for (also once its entity has left), None for
        an id never handed out."""
        return self.state.anchor_of(canonical_id)

    def __iter__(self) -> Iterator[CanonicalEntity]:
        """Every canonical entity, by id."""
        for anchor in sorted(self.state.nodes, key=lambda a: id_number(self.state.ids[a])):
            built = self.state.build(anchor)
            if built is not None:
                yield built

    def __len__(self) -> int:
        return sum(1 for node in self.state.nodes.values() if node.labels)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.state.docs

    def find(self, name: str, label: str | None = None) -> list[CanonicalEntity]:
        """Canonical entities a name can denote: its own key in each label class (or the
        one of ``label``), and for a one-word person name every person with that
        surname."""
        labels = (label,) if label else ("PERSON", "ORG", "GPE")
        anchors: set[str] = set()
        for lab in labels:
            c = classify(EntityInput("", name, lab, (), (name,)), alias_table())
            anchors.add(c.anchor)
            if c.kind == "surname" and c.surname is not None:
                anchors.update(self.state.persons(c.surname))
        found = [e for e in map(self.state.build, anchors) if e is not None]
        return sorted(found, key=lambda e: id_number(e.id))

    def index_sizes(self) -> dict[str, int]:
        """Sizes of the indexes (for tests and stats)."""
        return {
            "documents": len(self.state.docs),
            "canonical": len(self),
            "ids": len(self.state.ids),
            "surnames": len(self.state.by_surname.keys() | self.state.floats.keys()),
            "bare_surnames": len(self.state.places),
            "joined_surnames": sum(
                len(self.state.floats_placed_away(s)) for s in self.state.floats
            ),
        }

    # -------------------------------------------------------------- serialisation

    def to_rows(self) -> dict[str, list[Row]]:
        """The registry as plain rows, one list per table.

        ``entities`` (the document entities as given) and ``ids`` (every key's id) are
        the state; :meth:`from_rows` reads only these. ``canonical`` (one row per
        canonical entity) and ``links`` (document, entity → canonical id) are derived.
        """
        entities: list[Row] = []
        links: list[Row] = []
        for doc_id in sorted(self.state.docs):
            doc = self.state.docs[doc_id]
            mapping = self.mapping(doc_id)
            for position, item in enumerate(doc.inputs):
                entities.append(
                    {
                        "document": doc_id,
                        "entity": item.entity,
                        "position": position,
                        "name": item.name,
                        "label": item.label,
                        "descriptions": list(item.descriptions),
                        "surfaces": list(item.surfaces),
                    }
                )
                links.append(
                    {"document": doc_id, "entity": item.entity, "canonical": mapping[item.entity]}
                )
        ids = [
            {"key": anchor, "id": cid}
            for anchor, cid in sorted(self.state.ids.items(), key=lambda kv: id_number(kv[1]))
        ]
        return {
            "entities": entities,
            "ids": ids,
            "canonical": [canonical_row(e) for e in self],
            "links": links,
        }

    @classmethod
    def from_rows(cls, rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> EntityRegistry:
        """A registry rebuilt from :meth:`to_rows` (its ``entities`` and ``ids``)."""
        registry = cls()
        state = registry.state
        for row in rows.get("ids", ()):
            anchor, cid = str(row["key"]), str(row["id"])
            state.ids[anchor] = cid
            state.anchors[cid] = anchor
            state.next = max(state.next, id_number(cid) + 1)
        by_doc: dict[str, list[tuple[int, EntityInput]]] = {}
        for row in rows.get("entities", ()):
            item = EntityInput(
                entity=str(row["entity"]),
                name=str(row["name"]),
                label=str(row["label"]),
                descriptions=tuple(row.get("descriptions") or ()),
                surfaces=tuple(row.get("surfaces") or (str(row["name"]),)),
            )
            by_doc.setdefault(str(row["document"]), []).append((int(row.get("position", 0)), item))
        for doc_id in sorted(by_doc):
            registry.add_inputs(doc_id, tuple(item for _, item in sorted(by_doc[doc_id])))
        registry.take_changes()
        return registry


def stored_registry(store: Store) -> EntityRegistry:
    """The registry a store keeps in its tables, rebuilt in memory from the document
    entities and ids it holds (to compare with one kept in step, or built afresh)."""
    with store.engine.connect() as conn:
        ids = [
            {"key": key, "id": canonical_id(n)}
            for key, n in conn.execute(
                select(canonical_entities.c.key, canonical_entities.c.id).order_by(
                    canonical_entities.c.id
                )
            )
        ]
        rows = conn.execute(
            select(entity_links).order_by(entity_links.c.document_id, entity_links.c.position)
        ).all()
    entities = [
        {
            "document": str(r.document_id),
            "entity": r.eid,
            "position": r.position,
            "name": r.name,
            "label": r.label,
            "descriptions": r.descriptions,
            "surfaces": r.surfaces,
        }
        for r in rows
    ]
    return EntityRegistry.from_rows({"ids": ids, "entities": entities})
