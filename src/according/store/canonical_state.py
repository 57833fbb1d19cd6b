"""Canonical entities kept in the store: the registry's state in the store's tables.

The grouping is :class:`according.ledger.placement.Placer`'s (the merge rules of
:mod:`according.ledger.placement`), run over :class:`TableState`, which keeps the whole
registry in the store's tables: nothing of it stays in memory between writes, so a
writer's memory does not grow with the store, there is nothing to load when a process
starts, and several writers (processes or machines) share one registry without
catching up with each other. Each save or delete places or removes one document's
entities in the transaction that writes the document
(:mod:`according.store.canonical_write`); :class:`TableState` reads the rows the rules
ask about (a person's evidence keys, the people with a surname, the bare surnames
holding a key), keeps what the write changes in memory, and writes it when the placing
is done (:meth:`TableState.flush`). The canonical entities are listed and looked up by
:mod:`according.store.canonical_read`.

Tables (see :mod:`according.store.schema`): ``canonical_entities`` (one row per id ever
handed out; ``documents``, ``mentions`` and ``quotes`` are kept up to date by the
difference between a document's old and new links, so no write sums over a large
entity), ``entity_links`` (document entity → canonical id, with what the registry read
and decided of it), ``canonical_counts`` (the registry's running totals per canonical
entity), ``float_keys`` (the evidence keys of bare surnames) and ``canonical_keys`` (the
name keys of every alias).

**Several writers.** Every write takes a lock (on PostgreSQL a transaction-level
advisory lock, :func:`according.store.canonical_write.lock`, taken by the Store first
thing in the transaction and held to commit; SQLite writers are serialised anyway), so
the registry's rows change one document at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from according.ledger.canonical import (
    CanonicalEntity,
    Contribution,
    DocumentEntities,
    EntityInput,
    Float,
    Ref,
    build_entity,
)
from according.store.schema import (
    canonical_counts,
    canonical_entities,
    entity_links,
    float_keys,
)
from according.store.sql import chunks

__all__ = ["TableState", "canonical_id", "canonical_number"]

#: Separates a name's words from the name in a name count's value.
_US = "\x1f"

ce, links, counts, fkeys = canonical_entities, entity_links, canonical_counts, float_keys

Cell = tuple[int, str, str]  # (canonical number, field, value)
#: Surname rows, written as the partial index on them is (a bound value would not use it).
_SURNAME = counts.c.field == literal_column("'s'")


def canonical_id(number: int) -> str:
    """The registry's id of a stored canonical entity: 12 → "C12"."""
    return f"C{number}"


def canonical_number(cid: str) -> int:
    """The stored number of a registry id: "C12" → 12."""
    if cid[:1] != "C" or not cid[1:].isdigit():
        raise ValueError(f"{cid!r} is not a canonical id (C1, C2, ...)")
    return int(cid[1:])


# --- the registry's state in the tables --------------------------------------------------


class TableState:
    """A :class:`~according.ledger.placement.RegistryState` over the store's tables, for
    one write transaction: it reads what the rules ask, keeps the changes in memory and
    writes them in :meth:`flush`. Counts are kept as differences (:attr:`_delta`) over
    the stored values read so far (:attr:`_base`); bare surnames' keys are written at
    once, so the queries over them see this write's own changes."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._ids: dict[str, int | None] = {}  # anchor → number (None: none handed out)
        self._anchors: dict[int, str] = {}
        self._next: int | None = None
        self._docs: dict[str, DocumentEntities | None] = {}  # documents read or changed
        self._dirty: set[str] = set()  # documents whose entities this write replaced
        self._places: dict[Ref, str] = {}  # bare surnames' places read or changed
        self._moved: set[Ref] = set()  # bare surnames of other documents moved
        self._floats: dict[Ref, Float] = {}
        self._base: dict[Cell, int] = {}  # stored counts read
        self._delta: Counter[Cell] = Counter()  # this write's changes
        self._by_value: dict[tuple[str, str], set[int]] = {}  # (field, value) → changed
        self._surnames: dict[int, set[str]] = {}  # a person's surnames, read and changed
        self._new: dict[int, str] = {}  # numbers handed out in this write → anchor
        self._stored_floats: dict[str, bool] = {}  # surname → any bare one stored
        self._people: dict[str, tuple[int, set[int] | None]] = {}  # surname → stored people

    # ids

    def id_of(self, anchor: str) -> str | None:
        if anchor not in self._ids:
            n = self.conn.scalar(select(ce.c.id).where(ce.c.key == anchor))
            self._ids[anchor] = n
            if n is not None:
                self._anchors[n] = anchor
        n = self._ids[anchor]
        return None if n is None else canonical_id(n)

    def hand_out(self, anchor: str) -> str:
        if self._next is None:
            self._next = int(self.conn.scalar(select(func.max(ce.c.id))) or 0) + 1
        n, self._next = self._next, self._next + 1
        self._new[n] = anchor  # its row is written by flush, before its counts
        self._ids[anchor] = n
        self._anchors[n] = anchor
        self._surnames[n] = set()
        return canonical_id(n)

    def anchor_of(self, canonical_id: str) -> str | None:
        n = canonical_number(canonical_id)
        if n not in self._anchors:
            key = self.conn.scalar(select(ce.c.key).where(ce.c.id == n))
            if key is None:
                return None
            self._anchors[n] = key
            self._ids[key] = n
        return self._anchors[n]

    def _number(self, anchor: str) -> int:
        cid = self.id_of(anchor)
        assert cid is not None, anchor
        return canonical_number(cid)

    def _anchor(self, n: int) -> str:
        anchor = self.anchor_of(canonical_id(n))
        assert anchor is not None, n
        return anchor

    # documents

    def document(self, doc_id: str) -> DocumentEntities | None:
        if doc_id not in self._docs:
            self._docs[doc_id] = self._read_document(int(doc_id))
        return self._docs[doc_id]

    def _read_document(self, document_id: int) -> DocumentEntities | None:
        rows = self.conn.execute(
            select(links).where(links.c.document_id == document_id).order_by(links.c.position)
        ).all()
        if not rows:
            return None
        inputs: list[EntityInput] = []
        contributions: list[Contribution] = []
        for r in rows:
            descriptions, surfaces = tuple(r.descriptions), tuple(r.surfaces)
            inputs.append(EntityInput(r.eid, r.name, r.label, descriptions, surfaces))
            contributions.append(
                Contribution(
                    entity=r.eid, name=r.name, label=r.label, kind=r.kind, anchor=r.anchor,
                    surname=r.surname, display_words=r.words, descriptions=descriptions,
                    surfaces=surfaces, evidence=frozenset(r.keys),
                )
            )  # fmt: skip
            if r.kind == "surname":
                ref = (str(document_id), r.eid)
                self._places.setdefault(ref, self._anchor(r.canonical_id))
        # the keys stored are the evidence with the document's context already in
        return DocumentEntities(tuple(inputs), tuple(contributions), frozenset())

    def set_document(self, doc_id: str, doc: DocumentEntities | None) -> None:
        self.document(doc_id)  # read what it was, for the links' differences
        self._docs[doc_id] = doc
        self._dirty.add(doc_id)
        if doc is None:
            return
        # what placing it will ask, read in a few queries
        self._read_ids({c.anchor for c in doc.contributions})
        surnames = {c.surname for c in doc.contributions if c.surname is not None}
        self._read_people(surnames)
        self._read_stored_floats(surnames)
        people = {
            n
            for c in doc.contributions
            if c.kind == "person" and (n := self._ids.get(c.anchor)) is not None
        }
        self._read_surnames(people)
        cells: set[Cell] = set()
        for c in doc.contributions:
            n = self._ids.get(c.anchor)
            if c.kind == "person" and n is not None:
                cells.update((n, "e", k) for k in c.evidence | doc.context)
                if c.surname is not None:
                    cells.add((n, "s", c.surname))
        self._read_cells(cells)

    def _read_cells(self, cells: set[Cell]) -> None:
        """Read the stored counts of ``cells`` not read yet (0 for those not stored)."""
        missing = {cell for cell in cells if cell not in self._base}
        for cell in [cell for cell in missing if cell[0] in self._new]:
            self._base[cell] = 0  # nothing stored yet
            missing.discard(cell)
        by_field: dict[str, tuple[set[int], set[str]]] = {}
        for n, field, value in missing:
            numbers, values = by_field.setdefault(field, (set(), set()))
            numbers.add(n)
            values.add(value)
        for field, (numbers, values) in by_field.items():
            for chunk in chunks(values):
                for n, value, count in self.conn.execute(
                    select(counts.c.canonical_id, counts.c.value, counts.c.n).where(
                        counts.c.canonical_id.in_(sorted(numbers)),
                        counts.c.field == field,
                        counts.c.value.in_(chunk),
                    )
                ):
                    self._base.setdefault((n, field, value), count)
        for cell in missing:
            self._base.setdefault(cell, 0)

    def _read_ids(self, anchors: Iterable[str]) -> None:
        """Read the ids of ``anchors`` not read yet, in one query per chunk."""
        missing = {a for a in anchors if a not in self._ids}
        for chunk in chunks(missing):
            for key, n in self.conn.execute(select(ce.c.key, ce.c.id).where(ce.c.key.in_(chunk))):
                self._ids[key] = n
                self._anchors[n] = key
        for anchor in missing:
            self._ids.setdefault(anchor, None)

    # counts

    def _read(self, n: int, field: str, values: Iterable[str]) -> None:
        """Read the stored counts of ``values`` not read yet (0 for those not stored)."""
        self._read_cells({(n, field, v) for v in values})

    def _get(self, cell: Cell) -> int:
        return self._base[cell] + self._delta[cell]

    def _add(self, n: int, field: str, value: str, by: int) -> None:
        cell = (n, field, value)
        self._delta[cell] += by
        self._by_value.setdefault((field, value), set()).add(n)
        if field == "s" and n in self._surnames:
            self._surnames[n].add(value)

    def count(self, anchor: str, doc_id: str, c: Contribution, sign: int) -> None:
        n = self._number(anchor)
        self._add(n, "n", f"{c.display_words}{_US}{c.name}", sign)
        for surface in c.surfaces:
            self._add(n, "f", surface, sign)
        self._add(n, "l", c.label, sign)
        for description in c.descriptions:
            self._add(n, "r", description, sign)

    def _change(self, anchor: str, field: str, values: Iterable[str], sign: int) -> list[str]:
        """Count ``values`` once more (or less); those that appeared (or went)."""
        n = self._number(anchor)
        values = list(values)
        self._read(n, field, values)
        before = {v: self._get((n, field, v)) for v in values}
        for v in values:
            self._add(n, field, v, sign)
        return [v for v in values if before[v] == (0 if sign > 0 else 1)]

    def evidence(self, anchor: str, keys: frozenset[str], sign: int) -> list[str]:
        return self._change(anchor, "e", keys, sign)

    def has_evidence(self, anchor: str, keys: frozenset[str]) -> bool:
        n = self._number(anchor)
        self._read(n, "e", keys)
        return any(self._get((n, "e", k)) > 0 for k in keys)

    def surname(self, anchor: str, surname: str, sign: int) -> bool:
        return bool(self._change(anchor, "s", [surname], sign))

    def _read_surnames(self, numbers: Iterable[int]) -> None:
        """Read the surnames of the people ``numbers`` (not read yet)."""
        missing = set(numbers) - self._surnames.keys()
        for n in missing:
            self._surnames[n] = set()
        for chunk in chunks(missing):
            for n, value, count in self.conn.execute(
                select(counts.c.canonical_id, counts.c.value, counts.c.n).where(
                    counts.c.canonical_id.in_(chunk), counts.c.field == "s"
                )
            ):
                self._surnames[n].add(value)
                self._base.setdefault((n, "s", value), count)
        for n in missing:  # this write's own changes
            self._surnames[n] |= {v for (m, f, v) in self._delta if m == n and f == "s"}
            self._read(n, "s", self._surnames[n])

    def surnames(self, anchor: str) -> list[str]:
        cid = self.id_of(anchor)
        if cid is None:
            return []
        n = canonical_number(cid)
        self._read_surnames([n])
        return sorted(v for v in self._surnames[n] if self._get((n, "s", v)) > 0)

    def _read_people(self, surnames: Iterable[str]) -> None:
        """Read how many people have each of ``surnames`` (not read yet), and the
        smallest and largest of their numbers: a summary as cheap for a surname of
        thousands of people as for one."""
        missing = set(surnames) - self._people.keys()
        for chunk in chunks(missing):
            for surname, count, low, high in self.conn.execute(
                select(counts.c.value, func.count(), func.min(counts.c.canonical_id),
                       func.max(counts.c.canonical_id))
                .where(_SURNAME, counts.c.value.in_(chunk))
                .group_by(counts.c.value)
            ):  # fmt: skip
                self._people[surname] = (count, {low, high} if count <= 2 else None)
        for surname in missing:
            self._people.setdefault(surname, (0, set()))

    def _alive(self, surname: str, upto: int) -> list[int] | None:
        """The people with this surname now, or None when there are at least ``upto``."""
        self._read_people([surname])
        stored, known = self._people[surname]  # (the stored numbers when two or fewer)
        changed = self._by_value.get(("s", surname), set())
        if known is None:
            # at most len(changed) of the people stored may have left in this write
            if stored - len(changed) >= upto:
                return None
            known = set(
                self.conn.scalars(
                    select(counts.c.canonical_id).where(_SURNAME, counts.c.value == surname)
                ).all()
            )
            self._people[surname] = (stored, known)
        candidates = known | changed
        self._read_cells({(n, "s", surname) for n in candidates})
        alive = sorted(n for n in candidates if self._get((n, "s", surname)) > 0)
        return alive if len(alive) < upto else None

    def target(self, surname: str) -> str | None:
        alive = self._alive(surname, 2)
        return self._anchor(alive[0]) if alive else None

    def people(self, surname: str, upto: int) -> int:
        alive = self._alive(surname, upto)
        return upto if alive is None else len(alive)

    # bare surnames

    def add_float(self, ref: Ref, found: Float) -> None:
        self._floats[ref] = found
        surname = found.contribution.surname
        if found.keys:
            self.conn.execute(
                insert(fkeys),
                [{"surname": surname, "key": k, "document_id": int(ref[0]), "eid": ref[1]}
                 for k in sorted(found.keys)],
            )  # fmt: skip

    def remove_float(self, ref: Ref) -> None:
        self._floats.pop(ref, None)
        self._places.pop(ref, None)
        self._moved.discard(ref)
        self.conn.execute(
            delete(fkeys).where(fkeys.c.document_id == int(ref[0]), fkeys.c.eid == ref[1])
        )

    def float_(self, ref: Ref) -> Float:
        if ref not in self._floats:
            doc = self.document(ref[0])
            assert doc is not None, ref
            c = next(c for c in doc.contributions if c.entity == ref[1])
            self._floats[ref] = Float(c, c.evidence)
        return self._floats[ref]

    def _refs(self, query: Any) -> set[Ref]:
        return {(str(d), e) for d, e in self.conn.execute(query)}

    def floats_with(self, surname: str, keys: Iterable[str]) -> set[Ref]:
        found: set[Ref] = set()
        for chunk in chunks(set(keys)):
            found |= self._refs(
                select(fkeys.c.document_id, fkeys.c.eid)
                .where(fkeys.c.surname == surname, fkeys.c.key.in_(chunk))
                .distinct()
            )
        return found

    def _has_stored_floats(self, surname: str) -> bool:
        if surname not in self._stored_floats:
            self._read_stored_floats([surname])
        return self._stored_floats[surname]

    def _read_stored_floats(self, surnames: Iterable[str]) -> None:
        """Read whether any bare surname of each of ``surnames`` is stored."""
        missing = set(surnames) - self._stored_floats.keys()
        for chunk in chunks(missing):
            found = set(
                self.conn.scalars(
                    select(links.c.surname)
                    .where(links.c.surname.in_(chunk), links.c.kind == "surname")
                    .distinct()
                )
            )
            self._stored_floats.update((name, name in found) for name in chunk)

    def floats_sharing(self, surname: str, anchor: str) -> set[Ref]:
        if not self._has_stored_floats(surname) and not any(
            f.contribution.surname == surname for f in self._floats.values()
        ):
            return set()
        n = self._number(anchor)
        candidates = (
            self.conn.execute(select(fkeys.c.key).where(fkeys.c.surname == surname).distinct())
            .scalars()
            .all()
        )
        self._read(n, "e", candidates)
        held = [k for k in candidates if self._get((n, "e", k)) > 0]
        return self.floats_with(surname, held)

    def floats_placed_away(self, surname: str) -> set[Ref]:
        found: set[Ref] = set()
        rows = (
            self.conn.execute(
                select(
                    links.c.document_id, links.c.eid, links.c.canonical_id, links.c.anchor
                ).where(links.c.surname == surname, links.c.kind == "surname")
            )
            if self._has_stored_floats(surname)
            else ()
        )
        for document_id, eid, n, anchor in rows:
            ref = (str(document_id), eid)
            if ref[0] in self._dirty:
                continue
            self._places.setdefault(ref, self._anchor(n))
            if self._places[ref] != anchor:
                found.add(ref)
        for ref, kept in self._floats.items():  # this write's own (placed) floats
            c = kept.contribution
            if ref[0] in self._dirty and c.surname == surname and self._places[ref] != c.anchor:
                found.add(ref)
        return found

    def place(self, ref: Ref) -> str:
        if ref not in self._places:
            self.document(ref[0])
        return self._places[ref]

    def set_place(self, ref: Ref, anchor: str) -> None:
        self._places[ref] = anchor
        if ref[0] not in self._dirty:
            self._moved.add(ref)

    def build_many(self, numbers: Iterable[int]) -> dict[int, CanonicalEntity | None]:
        """The canonical entities ``numbers`` as the stored counts give them (after
        :meth:`flush`), in one query per chunk; None for one with no document entity.
        Their ``documents`` are not counted here (0)."""
        totals: dict[int, tuple[dict[str, int], dict[str, int], dict[str, int], list[str],
                                dict[str, int]]] = {}  # fmt: skip
        wanted = set(numbers)
        for chunk in chunks(wanted):
            for n, field, value, count in self.conn.execute(
                select(counts.c.canonical_id, counts.c.field, counts.c.value, counts.c.n).where(
                    counts.c.canonical_id.in_(chunk), counts.c.field.in_(("n", "f", "l", "r"))
                )
            ):
                names, words, labels, surfaces, descriptions = totals.setdefault(
                    n, ({}, {}, {}, [], {})
                )
                if field == "n":
                    w, _, name = value.partition(_US)
                    names[name] = names.get(name, 0) + count
                    words[name] = max(words.get(name, 0), int(w))
                elif field == "f":
                    surfaces.append(value)
                elif field == "l":
                    labels[value] = count
                else:
                    descriptions[value] = count
        built: dict[int, CanonicalEntity | None] = dict.fromkeys(wanted)
        for n, (names, words, labels, surfaces, descriptions) in totals.items():
            if labels:
                built[n] = build_entity(canonical_id(n), self._anchor(n), names, words,
                                        labels, surfaces, descriptions, 0)  # fmt: skip
        return built

    # writing

    def flush(self) -> None:
        """Write the rows of the canonical ids handed out (filled in by the caller) and
        the counts this write changed (added to the stored ones; rows counted down to 0
        go)."""
        if self._new:
            self.conn.execute(
                insert(ce),
                [{"id": n, "key": anchor, "name": "", "label": "", "aliases": [],
                  "descriptions": [], "documents": 0, "mentions": 0, "quotes": 0}
                 for n, anchor in sorted(self._new.items())],
            )  # fmt: skip
            self._new.clear()
        changed = sorted((cell, by) for cell, by in self._delta.items() if by)
        if not changed:
            return
        rows = [{"canonical_id": n, "field": f, "value": v, "n": by} for (n, f, v), by in changed]
        upsert = (sqlite_insert if self.conn.dialect.name == "sqlite" else pg_insert)(counts)
        self.conn.execute(
            upsert.on_conflict_do_update(
                index_elements=[counts.c.canonical_id, counts.c.field, counts.c.value],
                set_={"n": counts.c.n + upsert.excluded.n},
            ),
            rows,
        )
        fallen = [{"b_id": n, "b_field": f, "b_value": v} for (n, f, v), by in changed if by < 0]
        if fallen:
            self.conn.execute(
                delete(counts).where(
                    counts.c.canonical_id == bindparam("b_id"),
                    counts.c.field == bindparam("b_field"),
                    counts.c.value == bindparam("b_value"),
                    counts.c.n <= 0,
                ),
                fallen,
            )
        for cell, by in changed:
            if cell in self._base:
                self._base[cell] += by
        self._delta.clear()

    def links(self, doc_id: str) -> list[dict[str, Any]]:
        """The registry's columns of a document's links as placed now."""
        doc = self._docs.get(doc_id)
        if doc is None:
            return []
        rows: list[dict[str, Any]] = []
        for position, (item, c) in enumerate(zip(doc.inputs, doc.contributions, strict=True)):
            keys = c.evidence | doc.context if c.kind != "other" else frozenset()
            if c.kind == "surname":
                keys = self.float_((doc_id, c.entity)).keys
            anchor = self.place((doc_id, c.entity)) if c.kind == "surname" else c.anchor
            rows.append(
                {
                    "eid": item.entity,
                    "canonical_id": self._number(anchor),
                    "position": position,
                    "name": item.name,
                    "label": item.label,
                    "descriptions": list(item.descriptions),
                    "surfaces": list(item.surfaces),
                    "kind": c.kind,
                    "anchor": c.anchor,
                    "surname": c.surname,
                    "words": c.display_words,
                    "keys": sorted(keys),
                }
            )
        return rows

    def moved(self) -> dict[Ref, int]:
        """Bare surnames of other documents this write moved, with their new place."""
        return {ref: self._number(self._places[ref]) for ref in self._moved}
