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
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from according.records import Entity
from according.wordlists import load_list

__all__ = [
    "AliasTableError",
    "CanonicalEntity",
    "EntityRegistry",
    "RegistryChanges",
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

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_QUOTES = dict.fromkeys(map(ord, "‘’‛`´ʼ′"), "'")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_OTHER = re.compile(r"[^\w\s'&-]")
_HYPHEN = re.compile(r"\s*-\s*")
_WORD = re.compile(r"[^\W_]+")


def label_class(label: str) -> str:
    """The class within which labels are compatible: PERSON; ORG (ORG, NORP); PLACE
    (GPE, LOC, FAC); any other label is a class of its own."""
    return _LABEL_CLASSES.get(label, label)


def plain(text: str) -> str:
    """``text`` without diacritics, with dashes and quotation marks in their ASCII forms."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_DASHES).translate(_QUOTES)


@functools.lru_cache(maxsize=1 << 16)
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


@functools.lru_cache(maxsize=1 << 17)
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


@functools.lru_cache(maxsize=1 << 16)
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


@functools.lru_cache(maxsize=1 << 16)
def _acronym(name: str) -> str | None:
    """The letters of a name written as an acronym ("IDF", "U.N.", "UNRWA's"), folded;
    None for any other name."""
    bare = _POSSESSIVE.sub("", plain(name).strip()).replace("'S", "")
    letters = bare.replace(".", "").replace(" ", "")
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper():
        return letters.casefold()
    return None


@functools.lru_cache(maxsize=1 << 16)
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


@dataclass(eq=False, slots=True)
class _Node:
    """A canonical entity's running totals (every counter counts document entities)."""

    id: str
    size: int = 0
    docs: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    descriptions: Counter[str] = field(default_factory=Counter)
    words: dict[str, int] = field(default_factory=dict)  # display name → words in its key
    # people only, from full-name mentions: evidence keys and surnames
    evidence: Counter[str] = field(default_factory=Counter)
    surnames: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class _Float:
    doc: str
    contribution: _Contribution
    keys: frozenset[str]


@dataclass(eq=False, slots=True)
class _Bucket:
    """Everything indexed under one surname."""

    persons: set[str] = field(default_factory=set)  # anchors of people with this surname
    floats: dict[Ref, _Float] = field(default_factory=dict)  # bare surnames
    by_key: dict[str, set[Ref]] = field(default_factory=dict)  # evidence key → floats
    target: str | None = None  # the one person with this surname, if exactly one
    attached: set[Ref] = field(default_factory=set)  # floats placed with the target


def _decrement(counter: Counter[str], key: str, by: int = 1) -> None:
    left = counter[key] - by
    if left > 0:
        counter[key] = left
    else:
        del counter[key]


def _id_number(cid: str) -> int:
    return int(cid[1:]) if cid[:1] == "C" and cid[1:].isdigit() else 0


class EntityRegistry:
    """Canonical entities across documents, updated one document at a time.

    Lookups go through dict indexes (by canonical key, by surname, by document), never a
    scan of all entities. The state is the set of documents' entities plus the ids
    handed out; :meth:`to_rows` and :meth:`from_rows` carry it as plain rows.
    """

    def __init__(self) -> None:
        self._table = _alias_table()
        self._docs: dict[str, _Doc] = {}
        self._nodes: dict[str, _Node] = {}  # anchor → live canonical entity
        self._ids: dict[str, str] = {}  # anchor → id, for every anchor ever seen
        self._anchors: dict[str, str] = {}  # id → anchor
        self._next = 1
        self._buckets: dict[str, _Bucket] = {}  # surname → bucket
        self._place: dict[Ref, str] = {}  # a bare surname's current anchor
        self._changed: set[str] = set()
        self._changed_docs: set[str] = set()

    # ----------------------------------------------------------------- public API

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
        doc = self._docs.pop(doc_id, None)
        if doc is None:
            return False
        self._changed_docs.add(doc_id)
        ordered = sorted(doc.contributions, key=lambda c: c.kind != "surname")
        for c in ordered:
            if c.kind == "surname":
                self._remove_float(doc_id, c)
            else:
                self._detach(c.anchor, doc_id, c, doc.context)
        return True

    def mapping(self, doc_id: str) -> dict[str, str]:
        """Each entity id of a document → its canonical id (empty for an unknown one)."""
        doc = self._docs.get(doc_id)
        if doc is None:
            return {}
        return {c.entity: self._ids[self._where(doc_id, c)] for c in doc.contributions}

    def canonical(self, canonical_id: str) -> CanonicalEntity | None:
        """The canonical entity with this id, None when it has no mention (left)."""
        anchor = self._anchors.get(canonical_id)
        node = self._nodes.get(anchor) if anchor is not None else None
        if anchor is None or node is None:
            return None
        return self._build(anchor, node)

    def key_of(self, canonical_id: str) -> str | None:
        """The key this id was handed out for (also once its entity has left), None for
        an id never handed out."""
        return self._anchors.get(canonical_id)

    def __iter__(self) -> Iterator[CanonicalEntity]:
        """Every canonical entity, by id."""
        for anchor in sorted(self._nodes, key=lambda a: _id_number(self._ids[a])):
            yield self._build(anchor, self._nodes[anchor])

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    def find(self, name: str, label: str | None = None) -> list[CanonicalEntity]:
        """Canonical entities a name can denote: its own key in each label class (or the
        one of ``label``), and for a one-word person name every person with that
        surname."""
        labels = (label,) if label else ("PERSON", "ORG", "GPE")
        anchors: set[str] = set()
        for lab in labels:
            c = _classify(_Input("", name, lab, (), (name,)), self._table)
            anchors.add(c.anchor)
            if c.kind == "surname" and c.surname in self._buckets:
                anchors.update(self._buckets[c.surname].persons)
        found = [self._build(a, self._nodes[a]) for a in anchors if a in self._nodes]
        return sorted(found, key=lambda e: _id_number(e.id))

    def take_changes(self) -> RegistryChanges:
        """What changed since the last call (for a store that writes changes only)."""
        changes = RegistryChanges(
            tuple(sorted((self._ids[a] for a in self._changed), key=_id_number)),
            tuple(sorted(self._changed_docs)),
        )
        self._changed.clear()
        self._changed_docs.clear()
        return changes

    def adopt_ids(self, ids: Iterable[tuple[str, str]]) -> None:
        """Take ``(key, id)`` pairs handed out by another registry over the same documents
        (another writer of one store), so a key met later gets that id and new ids follow
        the largest. A key known under another id, or an id known for another key, is a
        ValueError (the two registries have diverged)."""
        for anchor, cid in ids:
            known = self._ids.get(anchor)
            if known == cid:
                continue
            if known is not None:
                raise ValueError(f"{anchor!r} is {known!r} here, not {cid!r}")
            owner = self._anchors.get(cid)
            if owner is not None:
                raise ValueError(f"canonical id {cid!r} is {owner!r}'s here, not {anchor!r}'s")
            self._ids[anchor] = cid
            self._anchors[cid] = anchor
            self._next = max(self._next, _id_number(cid) + 1)

    def index_sizes(self) -> dict[str, int]:
        """Sizes of the indexes (for tests and stats)."""
        return {
            "documents": len(self._docs),
            "canonical": len(self._nodes),
            "ids": len(self._ids),
            "surnames": len(self._buckets),
            "bare_surnames": len(self._place),
            "joined_surnames": sum(len(b.attached) for b in self._buckets.values()),
        }

    # -------------------------------------------------------------- serialisation

    def to_rows(self) -> dict[str, list[Row]]:
        """The registry as plain rows, one list per table.

        ``entities`` (the document entities as given) and ``ids`` (every key's id) are
        the state; :meth:`from_rows` reads only these. ``canonical`` (one row per
        canonical entity) and ``links`` (document, entity → canonical id) are derived,
        for a store to query.
        """
        entities: list[Row] = []
        links: list[Row] = []
        for doc_id in sorted(self._docs):
            doc = self._docs[doc_id]
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
            for anchor, cid in sorted(self._ids.items(), key=lambda kv: _id_number(kv[1]))
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
        for row in rows.get("ids", ()):
            anchor, cid = str(row["key"]), str(row["id"])
            registry._ids[anchor] = cid
            registry._anchors[cid] = anchor
            registry._next = max(registry._next, _id_number(cid) + 1)
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

    # ------------------------------------------------------------------ internals

    def _add(self, doc_id: str, inputs: tuple[_Input, ...]) -> None:
        old = self._docs.get(doc_id)
        if old is not None:
            if old.inputs == inputs:
                return
            self.remove_document(doc_id)
        doc = _document(inputs, self._table)
        self._docs[doc_id] = doc
        self._changed_docs.add(doc_id)
        # full names and the rest first, so bare surnames find their people in place
        for c in sorted(doc.contributions, key=lambda c: c.kind == "surname"):
            if c.kind == "surname":
                self._add_float(doc_id, c, doc.context)
            else:
                self._attach(c.anchor, doc_id, c, doc.context)

    def _where(self, doc_id: str, c: _Contribution) -> str:
        return self._place[(doc_id, c.entity)] if c.kind == "surname" else c.anchor

    def _node(self, anchor: str) -> _Node:
        node = self._nodes.get(anchor)
        if node is None:
            cid = self._ids.get(anchor)
            if cid is None:
                cid = f"C{self._next}"
                self._next += 1
                self._ids[anchor] = cid
                self._anchors[cid] = anchor
            node = self._nodes[anchor] = _Node(cid)
        return node

    def _build(self, anchor: str, node: _Node) -> CanonicalEntity:
        name = min(
            node.names,
            key=lambda n: (-node.words[n], n.isupper(), -node.names[n], n),
        )
        label = self._table.labels.get(anchor) or min(
            node.labels, key=lambda lab: (-node.labels[lab], lab)
        )
        by_key: dict[tuple[str, ...], list[str]] = {}
        for desc in node.descriptions:
            by_key.setdefault(_fold(desc), []).append(desc)
        descriptions = sorted(
            (
                (
                    sum(node.descriptions[d] for d in group),
                    min(group, key=lambda d: (-node.descriptions[d], d)),
                )
                for group in by_key.values()
            ),
            key=lambda item: (-item[0], item[1]),
        )
        return CanonicalEntity(
            id=node.id,
            key=anchor,
            name=name,
            label=label,
            aliases=tuple(sorted(node.surfaces)),
            descriptions=tuple(d for _, d in descriptions),
            documents=len(node.docs),
        )

    # a document entity in or out of a canonical entity

    def _attach(self, anchor: str, doc_id: str, c: _Contribution, context: frozenset[str]) -> None:
        node = self._node(anchor)
        self._changed.add(anchor)
        node.size += 1
        node.docs[doc_id] += 1
        node.names[c.name] += 1
        node.words[c.name] = max(node.words.get(c.name, 0), c.display_words)
        node.surfaces.update(c.surfaces)
        node.labels[c.label] += 1
        node.descriptions.update(c.descriptions)
        if c.kind != "person":
            return
        keys = c.evidence | context
        gained = [k for k in keys if k not in node.evidence]
        node.evidence.update(keys)
        new_surname = c.surname is not None and c.surname not in node.surnames
        if c.surname is not None:
            node.surnames[c.surname] += 1
        for surname in node.surnames:
            bucket = self._buckets.get(surname)
            if surname == c.surname and new_surname:
                bucket = self._bucket(surname)
                bucket.persons.add(anchor)
                self._retarget(surname, bucket)
            elif bucket is not None and bucket.target == anchor and gained:
                self._gain(bucket, gained)

    def _detach(self, anchor: str, doc_id: str, c: _Contribution, context: frozenset[str]) -> None:
        node = self._nodes[anchor]
        self._changed.add(anchor)
        node.size -= 1
        _decrement(node.docs, doc_id)
        _decrement(node.names, c.name)
        if c.name not in node.names:
            node.words.pop(c.name, None)
        for surface in c.surfaces:
            _decrement(node.surfaces, surface)
        _decrement(node.labels, c.label)
        for desc in c.descriptions:
            _decrement(node.descriptions, desc)
        if c.kind == "person":
            lost: list[str] = []
            for k in c.evidence | context:
                _decrement(node.evidence, k)
                if k not in node.evidence:
                    lost.append(k)
            gone_surname: str | None = None
            if c.surname is not None:
                _decrement(node.surnames, c.surname)
                if c.surname not in node.surnames:
                    gone_surname = c.surname
            if gone_surname is not None:
                bucket = self._buckets[gone_surname]
                bucket.persons.discard(anchor)
                self._retarget(gone_surname, bucket)
                self._drop_bucket_if_empty(gone_surname, bucket)
            for surname in node.surnames:
                bucket_ = self._buckets.get(surname)
                if bucket_ is not None and bucket_.target == anchor and lost:
                    self._lose(bucket_, lost)
        if node.size == 0:
            # (a bare surname leaving above may already have emptied it)
            self._nodes.pop(anchor, None)

    # bare surnames (rule 5)

    def _bucket(self, surname: str) -> _Bucket:
        bucket = self._buckets.get(surname)
        if bucket is None:
            bucket = self._buckets[surname] = _Bucket()
        return bucket

    def _drop_bucket_if_empty(self, surname: str, bucket: _Bucket) -> None:
        if not bucket.persons and not bucket.floats:
            del self._buckets[surname]

    def _has_evidence(self, bucket: _Bucket, keys: frozenset[str]) -> bool:
        if bucket.target is None:
            return False
        evidence = self._nodes[bucket.target].evidence
        return any(k in evidence for k in keys)

    def _add_float(self, doc_id: str, c: _Contribution, context: frozenset[str]) -> None:
        assert c.surname is not None
        ref = (doc_id, c.entity)
        bucket = self._bucket(c.surname)
        keys = c.evidence | context
        bucket.floats[ref] = _Float(doc_id, c, keys)
        for k in keys:
            bucket.by_key.setdefault(k, set()).add(ref)
        if bucket.target is not None and self._has_evidence(bucket, keys):
            anchor = bucket.target
            bucket.attached.add(ref)
        else:
            anchor = c.anchor
        self._place[ref] = anchor
        self._attach(anchor, doc_id, c, context)

    def _remove_float(self, doc_id: str, c: _Contribution) -> None:
        assert c.surname is not None
        ref = (doc_id, c.entity)
        bucket = self._buckets[c.surname]
        found = bucket.floats.pop(ref)
        for k in found.keys:
            refs = bucket.by_key[k]
            refs.discard(ref)
            if not refs:
                del bucket.by_key[k]
        bucket.attached.discard(ref)
        anchor = self._place.pop(ref)
        self._detach(anchor, doc_id, c, frozenset())
        self._drop_bucket_if_empty(c.surname, bucket)

    def _move(self, bucket: _Bucket, ref: Ref, to_target: bool) -> None:
        found = bucket.floats[ref]
        c = found.contribution
        here = self._place[ref]
        there = bucket.target if to_target and bucket.target is not None else c.anchor
        if here == there:
            return
        self._detach(here, found.doc, c, frozenset())
        self._attach(there, found.doc, c, frozenset())
        self._place[ref] = there
        self._changed_docs.add(found.doc)
        if to_target:
            bucket.attached.add(ref)
        else:
            bucket.attached.discard(ref)

    def _retarget(self, surname: str, bucket: _Bucket) -> None:
        """Re-place the bucket's bare surnames after its people changed."""
        target = next(iter(bucket.persons)) if len(bucket.persons) == 1 else None
        if target == bucket.target:
            return
        for ref in sorted(bucket.attached):
            self._move(bucket, ref, to_target=False)
        bucket.target = target
        if target is not None:
            evidence = self._nodes[target].evidence
            keys: Iterable[str] = (
                [k for k in evidence if k in bucket.by_key]
                if len(evidence) <= len(bucket.by_key)
                else [k for k in bucket.by_key if k in evidence]
            )
            self._gain(bucket, keys)

    def _gain(self, bucket: _Bucket, keys: Iterable[str]) -> None:
        """The target gained evidence keys: join the bare surnames that share one."""
        joining: set[Ref] = set()
        for k in keys:
            joining.update(r for r in bucket.by_key.get(k, ()) if r not in bucket.attached)
        for ref in sorted(joining):
            self._move(bucket, ref, to_target=True)

    def _lose(self, bucket: _Bucket, keys: Iterable[str]) -> None:
        """The target lost evidence keys: bare surnames left without evidence leave."""
        leaving: set[Ref] = set()
        for k in keys:
            for ref in bucket.by_key.get(k, ()):
                if ref in bucket.attached and not self._has_evidence(
                    bucket, bucket.floats[ref].keys
                ):
                    leaving.add(ref)
        for ref in sorted(leaving):
            self._move(bucket, ref, to_target=False)
