"""Entities across documents: one canonical entity per actor, with its aliases and
descriptions, kept up to date as documents arrive, change and leave.

A document's entities (:class:`according.records.Entity`, already grouped within the
document by :mod:`according.nlp.entities`) each join exactly one canonical entity.
Names are compared by :func:`name_key`: case, diacritics, dashes, apostrophes,
possessives ("Qatar's"), dots ("U.N."), a leading "the", Arabic articles ("al-", "El-",
"al ") and, for people, titles ("President", "Sheikh", "Dr.") and suffixes ("Jr.")
folded away.

**Merge rules** (conservative: when in doubt, two names stay two entities):

1. *Same key, compatible label.* Labels are compatible within a class: PERSON; ORG
   and NORP; GPE, LOC and FAC. "Hamas" (ORG) and "Hamas" (NORP) meet; "Qatar" (GPE)
   and "Qatari" (NORP) do not (different keys), nor "Qatar" (GPE) and "Qatar" (ORG).
2. *Alias table* (``according/data/entity_aliases.txt``): names on one line are one
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
:class:`EntityRegistry` keeps the state in memory (:class:`MemoryState`); the store
keeps it in its tables (:class:`according.store.canonical.TableState`), so a writer
reads only what one document touches and its memory does not grow with the store.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

from according.records import Entity
from according.typography import plain
from according.wordlists import load_list

__all__ = [
    "AliasTableError",
    "CanonicalEntity",
    "EntityRegistry",
    "Float",
    "MemoryState",
    "Placer",
    "RegistryChanges",
    "RegistryState",
    "entity_surfaces",
    "label_class",
    "name_key",
    "plain",
]

Row = dict[str, Any]
Ref = tuple[str, str]  # (document id, entity id)
Kind = Literal["person", "surname", "other"]


class AliasTableError(RuntimeError):
    """A line of the alias table that cannot be read or that contradicts another."""


#: Names whose folded forms are kept (in each of a few caches): the names in the news
#: on one day, not every name ever seen, so a long ingest's memory stays flat.
_CACHE = 1 << 14

# Word lists (data files under according/data, checked non-empty by load_list).
ROLE_WORDS = frozenset(load_list("role_words"))
_STOPWORDS = frozenset(load_list("entity_stopwords"))
_SUFFIXES = frozenset(load_list("entity_suffixes"))
_PARTICLES = frozenset(load_list("entity_particles"))
_CONNECTIVES = frozenset(load_list("entity_connectives"))
# Written apart as the first word of a non-person name, only "al" is an article
# ("Al Jazeera"); "El Salvador" and "El Paso" keep theirs.
_LEADING_PARTICLES = frozenset({"al"}) & _PARTICLES

_LABEL_CLASSES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}
# Labels whose entities count as a shared context for rule 5.
_CONTEXT_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})

_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_OTHER = re.compile(r"[^\w\s'&-]")
_HYPHEN = re.compile(r"\s*-\s*")
_WORD = re.compile(r"[^\W_]+")


def label_class(label: str) -> str:
    """The class within which labels are compatible: PERSON; ORG (ORG, NORP); PLACE
    (GPE, LOC, FAC); any other label is a class of its own."""
    return _LABEL_CLASSES.get(label, label)


@functools.lru_cache(maxsize=_CACHE)
def _fold(text: str) -> tuple[str, ...]:
    """The words of ``text`` with case, diacritics, dashes, quotes, possessives, dots and
    other punctuation folded."""
    folded = _POSSESSIVE.sub("", plain(text).casefold())
    folded = _OTHER.sub(" ", folded.replace(".", ""))
    folded = _HYPHEN.sub("-", folded)
    return tuple(w for w in (t.strip("-'") for t in folded.split()) if w)


def _load_titles() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles by their first word, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for entry in load_list("entity_titles"):
        words = _fold(entry)
        if words:
            by_first.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


_TITLES = _load_titles()


def _strip_titles(words: list[str]) -> list[str]:
    while True:
        for title in _TITLES.get(words[0], ()):
            if len(words) > len(title) and tuple(words[: len(title)]) == title:
                words = words[len(title) :]
                break
        else:
            return words


def _drop_particles(words: list[str], *, leading: frozenset[str]) -> list[str]:
    """Words without Arabic articles: joined by a hyphen, or written apart before another
    word (as the first word, only those in ``leading``)."""
    out: list[str] = []
    for i, word in enumerate(words):
        head, hyphen, rest = word.partition("-")
        if hyphen and head in _PARTICLES and rest:
            out.append(rest)
        elif word in _PARTICLES and i + 1 < len(words) and (i > 0 or word in leading):
            continue
        else:
            out.append(word)
    return out


@functools.lru_cache(maxsize=_CACHE)
def name_key(name: str, *, label: str | None = None) -> str:
    """The form under which spellings of one name meet.

    Case, diacritics, dashes, apostrophes, possessives ("Qatar's" → "qatar"), dots
    ("U.N." → "un") and other punctuation are folded, a leading "the" dropped and the
    Arabic article dropped where it is joined by a hyphen or follows another word
    ("Mohammed Al-Khulaifi", "Mohammed al Khulaifi" → "mohammed khulaifi"). For a person
    (``label`` None or "PERSON") leading titles ("President", "Sheikh", "Dr.") and
    trailing suffixes ("Jr.") go too, and an article written apart goes also at the
    front ("al Khulaifi", "Sheikh Al Thani") unless the name as written starts with it
    capitalised ("Al Gore" may be a given name). For anything else a first word "al"
    goes ("Al Jazeera" → "jazeera"), a first word "el" stays ("El Salvador").
    """
    words = list(_fold(name))
    if not words:
        return " ".join(name.casefold().split())
    person = label is None or label == "PERSON"
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if not person:
        return " ".join(_drop_particles(words, leading=_LEADING_PARTICLES))
    words = _strip_titles(words)
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    # a person's name written "Al Gore" or "El Amin" may start with a given name
    first = name.split()[0]
    given = first[:1].isupper() and first.casefold() in _PARTICLES
    return " ".join(_drop_particles(words, leading=frozenset() if given else _PARTICLES))


@functools.lru_cache(maxsize=_CACHE)
def _name_parts(key: str) -> tuple[str, ...]:
    """A person key's parts, a connective joined to what follows it
    ("mohammed bin salman" → "mohammed", "bin salman")."""
    parts: list[str] = []
    pending: list[str] = []
    for word in key.split():
        pending.append(word)
        if word not in _CONNECTIVES:
            parts.append(" ".join(pending))
            pending = []
    if pending:
        parts.append(" ".join(pending))
    return tuple(parts)


@functools.lru_cache(maxsize=_CACHE)
def _acronym(name: str) -> str | None:
    """The letters of a name written as an acronym ("IDF", "U.N.", "UNRWA's"), folded;
    None for any other name."""
    bare = _POSSESSIVE.sub("", plain(name).strip()).replace("'S", "")
    letters = bare.replace(".", "").replace(" ", "")
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper():
        return letters.casefold()
    return None


@functools.lru_cache(maxsize=_CACHE)
def _initials(name: str) -> str | None:
    """The acronym a name of two or more words would have ("Israel Defense Forces" →
    "idf", "UN Relief and Works Agency" → "unrwa"); None for a one-word name."""
    words = [
        w for w in _WORD.findall(_POSSESSIVE.sub("", plain(name))) if w.casefold() not in _STOPWORDS
    ]
    if len(words) < 2:
        return None
    letters = "".join(w if len(w) > 1 and w.isupper() else w[0] for w in words)
    return letters.casefold()


@functools.lru_cache(maxsize=1 << 14)
def _description_keys(description: str) -> frozenset[str]:
    """Pairs of words of a description, one of them a role word: "Qatar's Foreign
    Minister" → {foreign+minister, minister+qatar}."""
    words = [w for w in _fold(description) if w not in _STOPWORDS]
    keys: set[str] = set()
    for role in {w for w in words if w in ROLE_WORDS}:
        for other in words:
            if other != role:
                keys.add("d:" + "+".join(sorted((role, other))))
    return frozenset(keys)


# --------------------------------------------------------------------------- aliases


@dataclass(frozen=True, slots=True)
class _Alias:
    anchor: str
    label: str


@dataclass(frozen=True, slots=True)
class _AliasTable:
    people: Mapping[str, _Alias]  # name key → alias, PERSON lines
    others: Mapping[str, _Alias]  # name key → alias, every other line
    labels: Mapping[str, str]  # anchor → label


def _alias_anchor(label: str, head: str) -> str:
    return f"{label_class(label)}|={head}"


def _parse_alias_lines(lines: Iterable[str]) -> _AliasTable:
    """The alias table of ``LABEL: name = name = ...`` lines (see entity_aliases.txt)."""
    people: dict[str, _Alias] = {}
    others: dict[str, _Alias] = {}
    labels: dict[str, str] = {}
    for line in lines:
        label, colon, rest = line.partition(":")
        label = label.strip()
        names = [n.strip() for n in rest.split("=") if n.strip()]
        if not colon or not label.isupper() or len(names) < 2:
            raise AliasTableError(f"alias line {line!r} is not 'LABEL: name = name ...'")
        keys = [name_key(n, label=label) for n in names]
        alias = _Alias(_alias_anchor(label, keys[0]), label)
        table = people if label == "PERSON" else others
        for name, key in zip(names, keys, strict=True):
            known = table.get(key)
            if known is not None and known is not alias:
                raise AliasTableError(f"alias {name!r} is on two lines ({known.anchor})")
            table[key] = alias
        labels[alias.anchor] = label
    return _AliasTable(people, others, labels)


@functools.cache
def _alias_table() -> _AliasTable:
    return _parse_alias_lines(load_list("entity_aliases"))


# ---------------------------------------------------------------------- contributions


def entity_surfaces(entity: Entity) -> tuple[str, ...]:
    """The forms under which a document entity is written, as the registry keeps them:
    its name, then each other mention text in order of appearance, whitespace collapsed,
    each once."""
    surfaces = [" ".join(entity.name.split())]
    for mention in entity.mentions:
        text = " ".join(mention.text.split())
        if text and text not in surfaces:
            surfaces.append(text)
    return tuple(surfaces)


@dataclass(frozen=True, slots=True)
class _Input:
    """What the registry keeps of one document entity (all it needs to rebuild)."""

    entity: str
    name: str
    label: str
    descriptions: tuple[str, ...]
    surfaces: tuple[str, ...]

    @classmethod
    def of(cls, entity: Entity) -> _Input:
        return cls(
            entity.id,
            entity.name,
            entity.label,
            tuple(entity.descriptions),
            entity_surfaces(entity),
        )


@dataclass(frozen=True, slots=True)
class _Contribution:
    """One document entity as the registry places it."""

    entity: str
    name: str
    label: str
    kind: Kind
    anchor: str  # its canonical anchor; for a surname, the surname's own entity
    surname: str | None
    display_words: int
    descriptions: tuple[str, ...]
    surfaces: tuple[str, ...]
    evidence: frozenset[str]  # description keys


@dataclass(frozen=True, slots=True)
class _Doc:
    inputs: tuple[_Input, ...]
    contributions: tuple[_Contribution, ...]
    context: frozenset[str]


def _classify(item: _Input, table: _AliasTable) -> _Contribution:
    cls = label_class(item.label)
    key = name_key(item.name, label=item.label)
    alias: _Alias | None
    if cls == "PERSON":
        alias = table.people.get(key)
        if alias is None and _acronym(item.name) is not None:
            alias = table.others.get(key)
    else:
        alias = table.others.get(key)
    parts = _name_parts(key)
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
    evidence: frozenset[str] = frozenset().union(*map(_description_keys, item.descriptions))
    return _Contribution(
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


def _document(inputs: tuple[_Input, ...], table: _AliasTable) -> _Doc:
    contributions = [_classify(item, table) for item in inputs]
    # rule 3: an acronym takes the anchor of the one entity of this document it abbreviates
    expansions: dict[str, set[str]] = {}
    for item, c in zip(inputs, contributions, strict=True):
        letters = _initials(item.name)
        if letters is not None and c.kind != "surname" and _acronym(item.name) is None:
            expansions.setdefault(letters, set()).add(c.anchor)
    for i, item in enumerate(inputs):
        letters = _acronym(item.name)
        found = expansions.get(letters, set()) if letters else set()
        if len(found) == 1:
            (anchor,) = found
            if anchor != contributions[i].anchor:
                contributions[i] = _replace_anchor(contributions[i], anchor)
    context = frozenset(
        "c:" + c.anchor for c in contributions if c.label in _CONTEXT_LABELS and c.kind == "other"
    )
    return _Doc(inputs, tuple(contributions), context)


def _replace_anchor(c: _Contribution, anchor: str) -> _Contribution:
    """An acronym placed by its document: it joins, and adds no surname or evidence."""
    return replace(c, kind="other", anchor=anchor, surname=None, evidence=frozenset())


# ------------------------------------------------------------------------ the registry


@dataclass(frozen=True, slots=True)
class CanonicalEntity:
    """One actor across documents.

    ``name`` is its best display name: the name with most words (titles and suffixes
    aside), then not in capitals, then seen in most document entities, then
    alphabetically first. ``label`` is the alias table's label, else the most frequent
    label. ``aliases`` are every surface form seen (entity names and mentions), sorted;
    ``descriptions`` the roles given to it, most frequent first; ``documents`` the number
    of documents that mention it; ``key`` what identifies it in the registry (its
    class and name key, "=..." for an alias-table entity, "~..." for a bare surname).
    """

    id: str
    key: str
    name: str
    label: str
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...]
    documents: int

    def to_row(self) -> Row:
        return {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "descriptions": list(self.descriptions),
            "documents": self.documents,
        }


@dataclass(frozen=True, slots=True)
class RegistryChanges:
    """What changed since the last :meth:`EntityRegistry.take_changes`: canonical
    entities created, updated or emptied (:meth:`EntityRegistry.canonical` returns None
    for an emptied one), and documents whose entity-to-canonical mapping may differ."""

    canonical_ids: tuple[str, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Float:
    """A bare surname as the registry keeps it: the document entity and the evidence
    keys it can be joined by (its description pairs and its document's context)."""

    contribution: _Contribution
    keys: frozenset[str]


class RegistryState(Protocol):
    """Where a registry keeps what it knows. :class:`MemoryState` keeps it in dicts;
    the store keeps it in its tables (:mod:`according.store.canonical`), so that nothing
    proportional to the store stays in memory. Every method answers for the state as
    changed by the calls before it.

    An *anchor* is what identifies a canonical entity (its class and name key); a *ref*
    is a document entity, ``(document id, entity id)``.
    """

    def id_of(self, anchor: str) -> str | None:
        """The canonical id handed out for ``anchor``, if any."""

    def hand_out(self, anchor: str) -> str:
        """A new canonical id for ``anchor`` (which has none)."""

    def anchor_of(self, canonical_id: str) -> str | None:
        """The anchor a canonical id was handed out for."""

    def document(self, doc_id: str) -> _Doc | None:
        """A document's entities as placed (None for a document not in the registry)."""

    def set_document(self, doc_id: str, doc: _Doc | None) -> None:
        """Keep (or, None, forget) a document's entities."""

    def count(self, anchor: str, doc_id: str, c: _Contribution, sign: int) -> None:
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

    def build(self, anchor: str) -> CanonicalEntity | None:
        """The canonical entity of ``anchor``, None when no document entity is in it."""


class Placer:
    """The merge rules of the module's docstring, over a :class:`RegistryState`: places
    one document's entities at a time, and moves bare surnames as the people they may
    join change. Whatever the state, the grouping is a function of the set of
    documents."""

    def __init__(self, state: RegistryState) -> None:
        self._table = _alias_table()
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
        self._add(doc_id, tuple(_Input.of(e) for e in entities))
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
            tuple(sorted((i for i in ids if i is not None), key=_id_number)),
            tuple(sorted(self._changed_docs)),
        )
        self._changed.clear()
        self._changed_docs.clear()
        return changes

    # ------------------------------------------------------------------ internals

    def _add(self, doc_id: str, inputs: tuple[_Input, ...]) -> None:
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

    def _attach(self, anchor: str, doc_id: str, c: _Contribution, keys: frozenset[str]) -> None:
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

    def _detach(self, anchor: str, doc_id: str, c: _Contribution, keys: frozenset[str]) -> None:
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


# ------------------------------------------------------------------- in memory


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
    label = _alias_table().labels.get(anchor) or min(labels, key=lambda lab: (-labels[lab], lab))
    by_key: dict[tuple[str, ...], list[str]] = {}
    for desc in descriptions:
        by_key.setdefault(_fold(desc), []).append(desc)
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


def _id_number(cid: str) -> int:
    return int(cid[1:]) if cid[:1] == "C" and cid[1:].isdigit() else 0


class MemoryState:
    """A registry's state in dicts, indexed by anchor, by surname and by document (no
    lookup scans all entities)."""

    def __init__(self) -> None:
        self.docs: dict[str, _Doc] = {}
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

    def document(self, doc_id: str) -> _Doc | None:
        return self.docs.get(doc_id)

    def set_document(self, doc_id: str, doc: _Doc | None) -> None:
        if doc is None:
            self.docs.pop(doc_id, None)
        else:
            self.docs[doc_id] = doc

    def count(self, anchor: str, doc_id: str, c: _Contribution, sign: int) -> None:
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
        for anchor in sorted(self.state.nodes, key=lambda a: _id_number(self.state.ids[a])):
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
            c = _classify(_Input("", name, lab, (), (name,)), self._table)
            anchors.add(c.anchor)
            if c.kind == "surname" and c.surname is not None:
                anchors.update(self.state.persons(c.surname))
        found = [e for e in map(self.state.build, anchors) if e is not None]
        return sorted(found, key=lambda e: _id_number(e.id))

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
            for anchor, cid in sorted(self.state.ids.items(), key=lambda kv: _id_number(kv[1]))
        ]
        return {
            "entities": entities,
            "ids": ids,
            "canonical": [e.to_row() for e in self],
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
            state.next = max(state.next, _id_number(cid) + 1)
        by_doc: dict[str, list[tuple[int, _Input]]] = {}
        for row in rows.get("entities", ()):
            item = _Input(
                entity=str(row["entity"]),
                name=str(row["name"]),
                label=str(row["label"]),
                descriptions=tuple(row.get("descriptions") or ()),
                surfaces=tuple(row.get("surfaces") or (str(row["name"]),)),
            )
            by_doc.setdefault(str(row["document"]), []).append((int(row.get("position", 0)), item))
        for doc_id in sorted(by_doc):
            registry._add(doc_id, tuple(item for _, item in sorted(by_doc[doc_id])))
        registry.take_changes()
        return registry
