"""The merge rules of entities across documents: one canonical entity per actor, with its
aliases and descriptions, kept up to date as documents arrive, change and leave.

A document's entities (:class:`according.records.Entity`, already grouped within the
document by :mod:`according.nlp.entities`) each join exactly one canonical entity.
Names are compared by :func:`~according.ledger.names.name_key`: case, diacritics,
dashes, apostrophes, possessives ("Qatar's"), dots ("U.N."), a leading "the", Arabic
articles ("al-", "El-", "al ") and, for people, titles ("President", "Sheikh", "Dr.")
and suffixes ("Jr.") folded away.

**Merge rules** (conservative: when in doubt, two names stay two entities):

1. *Same key, compatible label.* Labels are compatible within a class: PERSON; ORG
   and NORP; GPE, LOC and FAC. "Hamas" (ORG) and "Hamas" (NORP) meet; "Qatar" (GPE)
   and "Qatari" (NORP) do not (different keys), nor "Qatar" (GPE) and "Qatar" (ORG).
2. *Alias table* (:mod:`according.ledger.aliases`): names on one line are one
   entity, e.g. "IDF" = "Israel Defense Forces" = "Israeli army". A PERSON line joins
   people only; any other line joins organisations, places and groups whatever label the
   recogniser gave (it mislabels acronyms), and its label is the entity's label. A name
   written in capitals ("IDF", "U.N.") that the recogniser called a person is looked up
   among the organisations too. Acronyms are never made up from the table's names: one
   that is not listed is joined only by rule 3.
3. *Acronyms in one document.* A name written in capitals joins the one other entity of
   the same document whose initials it is ("IDF" beside "Israel Defense Forces",
   "UNRWA" beside "UN Relief and Works Agency"), taking that entity's canonical entity.
   This holds for that document only: it never makes the acronym a global alias (one
   document's "IDF" may be another's "Islamic Development Fund"). With two candidates,
   or none, the table and rule 1 decide.
4. *People.* A person's name of two words or more (after titles; "bin Salman" and
   "de Gaulle" count as one word) is a full name: same full key, same person. Two people
   who share a surname ("Joe Biden", "Hunter Biden") are two keys and stay apart.
5. *A surname alone* ("Al-Khulaifi", "Biden"; any one-word person name) joins a full
   name only when exactly one canonical person has that surname **and** there is
   evidence: a description pair in common ("Qatar's Foreign Minister" and "Qatari
   foreign minister" share *foreign minister*: a role word and one more word), or an
   organisation or place (ORG, GPE, LOC, FAC) that its document shares with a document
   of that person's full name. Otherwise it stays in a canonical entity of its own,
   shared by every unjoined mention of that surname (one "Biden" entity for the bare
   "Biden"s no evidence places). The choice is revisited whenever the people with that
   surname or their evidence change, so it does not depend on the order in which
   documents arrive: a bare name moves to a full name when a later document supplies the
   evidence, and back when a second person with that surname appears.

Evidence for rule 5 is taken from full-name mentions only (never from surnames already
joined), so the grouping is a function of the set of documents, whatever their order.
Canonical ids ("C1", "C2", ...) are handed out in order of first sight and never
reused; an entity whose every mention is removed disappears and gets its id back if its
name returns.

**State.** The rules (:class:`Placer`) ask a :class:`RegistryState` only local
questions: a document's entities, a canonical entity's running totals, whether a person
holds an evidence key, the one person with a surname, the bare surnames holding a key.
The store keeps the state in its tables (:class:`according.store.canonical_state.TableState`),
so a writer reads only what one document touches and its memory does not grow with the
store. What crosses between the rules and a state is in :mod:`according.ledger.canonical`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from according.ledger.aliases import Alias, AliasTable, alias_table
from according.ledger.canonical import (
    Contribution,
    DocumentEntities,
    EntityInput,
    Float,
    Kind,
    Ref,
    RegistryChanges,
    id_number,
)
from according.ledger.names import (
    acronym,
    description_keys,
    initials,
    label_class,
    name_key,
    name_parts,
)
from according.records import Entity

__all__ = ["Placer", "RegistryState", "classify"]

# Labels whose entities count as a shared context for rule 5.
_CONTEXT_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})


def classify(item: EntityInput, table: AliasTable) -> Contribution:
    """How the rules read one document entity on its own (rules 1, 2, 4 and 5; rule 3
    needs its document): its kind, anchor, surname and evidence."""
    cls = label_class(item.label)
    key = name_key(item.name, label=item.label)
    alias: Alias | None
    if cls == "PERSON":
        alias = table.people.get(key)
        if alias is None and acronym(item.name) is not None:
            alias = table.others.get(key)
    else:
        alias = table.others.get(key)
    parts = name_parts(key)
    kind: Kind = "other"
    surname: str | None = None
    if alias is not None:
        anchor = alias.anchor
        if alias.label == "PERSON":
            kind = "person"
            surname = parts[-1] if len(parts) > 1 else None
    elif cls == "PERSON":
        if len(parts) > 1:
            kind, anchor, surname = "person", f"PERSON|{key}", parts[-1]
        else:
            kind, anchor, surname = "surname", f"PERSON|~{key}", key
    else:
        anchor = f"{cls}|{key}"
    evidence: frozenset[str] = frozenset().union(*map(description_keys, item.descriptions))
    return Contribution(
        entity=item.entity,
        name=item.name,
        label=item.label,
        kind=kind,
        anchor=anchor,
        surname=surname,
        display_words=len(parts) if cls == "PERSON" else len(key.split()),
        descriptions=item.descriptions,
        surfaces=item.surfaces,
        evidence=evidence,
    )


def _document(inputs: tuple[EntityInput, ...], table: AliasTable) -> DocumentEntities:
    contributions = [classify(item, table) for item in inputs]
    # rule 3: an acronym takes the anchor of the one entity of this document it abbreviates
    expansions: dict[str, set[str]] = {}
    for item, c in zip(inputs, contributions, strict=True):
        letters = initials(item.name)
        if letters is not None and c.kind != "surname" and acronym(item.name) is None:
            expansions.setdefault(letters, set()).add(c.anchor)
    for i, item in enumerate(inputs):
        letters = acronym(item.name)
        found = expansions.get(letters, set()) if letters else set()
        if len(found) == 1:
            (anchor,) = found
            if anchor != contributions[i].anchor:
                contributions[i] = _replace_anchor(contributions[i], anchor)
    context = frozenset(
        "c:" + c.anchor for c in contributions if c.label in _CONTEXT_LABELS and c.kind == "other"
    )
    return DocumentEntities(inputs, tuple(contributions), context)


def _replace_anchor(c: Contribution, anchor: str) -> Contribution:
    """An acronym placed by its document: it joins, and adds no surname or evidence."""
    return replace(c, kind="other", anchor=anchor, surname=None, evidence=frozenset())


class RegistryState(Protocol):
    """Where a registry keeps what it knows. The store keeps it in its tables
    (:class:`according.store.canonical_state.TableState`), so that nothing proportional to the
    store stays in memory. Every method answers for the state as changed by the calls
    before it.

    An *anchor* is what identifies a canonical entity (its class and name key); a *ref*
    is a document entity, ``(document id, entity id)`` (see
    :mod:`according.ledger.canonical`).
    """

    def id_of(self, anchor: str) -> str | None:
        """The canonical id handed out for ``anchor``, if any."""

    def hand_out(self, anchor: str) -> str:
        """A new canonical id for ``anchor`` (which has none)."""

    def document(self, doc_id: str) -> DocumentEntities | None:
        """A document's entities as placed (None for a document not in the registry)."""

    def set_document(self, doc_id: str, doc: DocumentEntities | None) -> None:
        """Keep (or, None, forget) a document's entities."""

    def count(self, anchor: str, doc_id: str, c: Contribution, sign: int) -> None:
        """Add (+1) or take away (-1) a document entity in a canonical entity's totals
        (names, surface forms, labels, descriptions, documents)."""

    def evidence(self, anchor: str, keys: frozenset[str], sign: int) -> list[str]:
        """Add or take away one count of each evidence key of a person; the keys that
        the person gained (count now 1) or lost (count now 0)."""

    def has_evidence(self, anchor: str, keys: frozenset[str]) -> bool:
        """Whether the person holds any of ``keys``."""

    def surname(self, anchor: str, surname: str, sign: int) -> bool:
        """Add or take away one count of a person's surname; whether the person gained
        it or lost it."""

    def surnames(self, anchor: str) -> list[str]:
        """The surnames of a person (usually one)."""

    def target(self, surname: str) -> str | None:
        """The one person with this surname; None for none or several."""

    def people(self, surname: str, upto: int) -> int:
        """How many people have this surname, counted up to ``upto``."""

    def add_float(self, ref: Ref, found: Float) -> None:
        """Keep a bare surname (its place is set next)."""

    def remove_float(self, ref: Ref) -> None:
        """Forget a bare surname and its place."""

    def float_(self, ref: Ref) -> Float:
        """A bare surname kept."""

    def floats_with(self, surname: str, keys: Iterable[str]) -> set[Ref]:
        """The bare surnames ``surname`` that hold any of ``keys``."""

    def floats_sharing(self, surname: str, anchor: str) -> set[Ref]:
        """The bare surnames ``surname`` that hold an evidence key of the person."""

    def floats_placed_away(self, surname: str) -> set[Ref]:
        """The bare surnames ``surname`` placed with a person (not in their own entity)."""

    def place(self, ref: Ref) -> str:
        """Where a bare surname is placed (an anchor)."""

    def set_place(self, ref: Ref, anchor: str) -> None:
        """Place a bare surname."""


class Placer:
    """The merge rules of the module's docstring, over a :class:`RegistryState`: places
    one document's entities at a time, and moves bare surnames as the people they may
    join change. Whatever the state, the grouping is a function of the set of
    documents."""

    def __init__(self, state: RegistryState) -> None:
        self._table = alias_table()
        self.state = state
        self._changed: set[str] = set()
        self._changed_docs: set[str] = set()

    def add_document(self, doc_id: str, entities: Sequence[Entity]) -> dict[str, str]:
        """Place a document's entities; returns each entity id's canonical id.

        Adding a document again with the same entities changes nothing; with different
        entities, its earlier entities are removed first.
        """
        seen: set[str] = set()
        for entity in entities:
            if entity.id in seen:
                raise ValueError(f"document {doc_id!r}: entity id {entity.id!r} twice")
            if not entity.name.strip():
                raise ValueError(f"document {doc_id!r}: entity {entity.id!r} has no name")
            seen.add(entity.id)
        self.add_inputs(doc_id, tuple(EntityInput.of(e) for e in entities))
        return self.mapping(doc_id)

    def remove_document(self, doc_id: str) -> bool:
        """Take a document's entities out; False when the document is unknown."""
        doc = self.state.document(doc_id)
        if doc is None:
            return False
        self.state.set_document(doc_id, None)
        self._changed_docs.add(doc_id)
        for c in sorted(doc.contributions, key=lambda c: c.kind != "surname"):
            if c.kind == "surname":
                ref = (doc_id, c.entity)
                anchor = self.state.place(ref)
                self.state.remove_float(ref)
                self._detach(anchor, doc_id, c, frozenset())
            else:
                self._detach(c.anchor, doc_id, c, c.evidence | doc.context)
        return True

    def mapping(self, doc_id: str) -> dict[str, str]:
        """Each entity id of a document → its canonical id (empty for an unknown one)."""
        doc = self.state.document(doc_id)
        if doc is None:
            return {}
        found: dict[str, str] = {}
        for c in doc.contributions:
            anchor = self.state.place((doc_id, c.entity)) if c.kind == "surname" else c.anchor
            cid = self.state.id_of(anchor)
            assert cid is not None, anchor
            found[c.entity] = cid
        return found

    def take_changes(self) -> RegistryChanges:
        """What changed since the last call (for a store that writes changes only)."""
        ids = {self.state.id_of(a) for a in self._changed} - {None}
        changes = RegistryChanges(
            tuple(sorted((i for i in ids if i is not None), key=id_number)),
            tuple(sorted(self._changed_docs)),
        )
        self._changed.clear()
        self._changed_docs.clear()
        return changes

    def add_inputs(self, doc_id: str, inputs: tuple[EntityInput, ...]) -> None:
        """Place a document's entities as the registry keeps them (what
        :meth:`add_document` places once it has checked the entities; for rebuilding a
        registry from its inputs). The same inputs again change nothing; other inputs
        replace the document's earlier ones."""
        old = self.state.document(doc_id)
        if old is not None:
            if old.inputs == inputs:
                return
            self.remove_document(doc_id)
        doc = _document(inputs, self._table)
        self.state.set_document(doc_id, doc)
        self._changed_docs.add(doc_id)
        # full names and the rest first, so bare surnames find their people in place
        for c in sorted(doc.contributions, key=lambda c: c.kind == "surname"):
            keys = c.evidence | doc.context
            if c.kind != "surname":
                self._attach(c.anchor, doc_id, c, keys)
                continue
            assert c.surname is not None
            ref = (doc_id, c.entity)
            self.state.add_float(ref, Float(c, keys))
            target = self._target(c.surname)
            joins = target is not None and self.state.has_evidence(target, keys)
            anchor = target if joins and target is not None else c.anchor
            self.state.set_place(ref, anchor)
            self._attach(anchor, doc_id, c, frozenset())

    # ------------------------------------------------------------------ internals

    def _attach(self, anchor: str, doc_id: str, c: Contribution, keys: frozenset[str]) -> None:
        if self.state.id_of(anchor) is None:
            self.state.hand_out(anchor)
        self.state.count(anchor, doc_id, c, +1)
        self._changed.add(anchor)
        if c.kind != "person":
            return
        gained = self.state.evidence(anchor, keys, +1)
        new_surname = c.surname is not None and self.state.surname(anchor, c.surname, +1)
        if not gained and not new_surname:
            return
        for surname in self.state.surnames(anchor):
            if surname == c.surname and new_surname:
                # with two people or more before, there was and is no one person
                if self.state.people(surname, 3) < 3:
                    self._retarget(surname)
            elif gained and self._target(surname) == anchor:
                self._gain(surname, gained)

    def _detach(self, anchor: str, doc_id: str, c: Contribution, keys: frozenset[str]) -> None:
        self.state.count(anchor, doc_id, c, -1)
        self._changed.add(anchor)
        if c.kind != "person":
            return
        lost = self.state.evidence(anchor, keys, -1)
        gone = c.surname is not None and self.state.surname(anchor, c.surname, -1)
        # with two people or more left, there was and is no one person
        if gone and c.surname is not None and self.state.people(c.surname, 2) < 2:
            self._retarget(c.surname)
        if lost:
            for surname in self.state.surnames(anchor):
                if self._target(surname) == anchor:
                    self._lose(surname, lost)

    # bare surnames (rule 5)

    def _target(self, surname: str) -> str | None:
        """The one person with this surname, None for none or several."""
        return self.state.target(surname)

    def _move(self, surname: str, ref: Ref, *, to_target: bool) -> None:
        c = self.state.float_(ref).contribution
        here = self.state.place(ref)
        target = self._target(surname) if to_target else None
        there = target or c.anchor
        if here == there:
            return
        self._detach(here, ref[0], c, frozenset())
        self._attach(there, ref[0], c, frozenset())
        self.state.set_place(ref, there)
        self._changed_docs.add(ref[0])

    def _retarget(self, surname: str) -> None:
        """Re-place the bare surnames after the people with that surname changed: those
        placed with someone else than the one person leave, and those that share
        evidence with the one person join."""
        target = self._target(surname)
        for ref in sorted(self.state.floats_placed_away(surname)):
            if self.state.place(ref) != target:
                self._move(surname, ref, to_target=False)
        if target is not None:
            self._join(surname, target, self.state.floats_sharing(surname, target))

    def _gain(self, surname: str, keys: Iterable[str]) -> None:
        """The one person gained evidence keys: join the bare surnames that share one."""
        target = self._target(surname)
        if target is not None:
            self._join(surname, target, self.state.floats_with(surname, keys))

    def _join(self, surname: str, target: str, refs: Iterable[Ref]) -> None:
        for ref in sorted(refs):
            if self.state.place(ref) != target:
                self._move(surname, ref, to_target=True)

    def _lose(self, surname: str, keys: Iterable[str]) -> None:
        """The one person lost evidence keys: bare surnames left without evidence leave."""
        target = self._target(surname)
        if target is None:
            return
        leaving = [
            ref
            for ref in self.state.floats_with(surname, keys)
            if self.state.place(ref) == target
            and not self.state.has_evidence(target, self.state.float_(ref).keys)
        ]
        for ref in sorted(leaving):
            self._move(surname, ref, to_target=False)
