"""Names as the ledger compares them across documents: the key under which spellings of
one name meet (:func:`name_key`), the parts, initials and acronyms of a name, the word
pairs of a description that are evidence for a surname, the label classes within which
labels are compatible, and the forms in which a document entity is written.

Folding starts from :func:`according.typography.plain` (diacritics, dashes, apostrophes),
the one table of how news text writes its marks; this module adds what is particular to
names: case, possessives ("Qatar's"), dots ("U.N."), a leading "the", Arabic articles
("al-", "El-", "al ") and, for people, titles ("President", "Sheikh", "Dr.") and suffixes
("Jr."). The merge rules that use these keys are in :mod:`according.ledger.placement`.
"""

from __future__ import annotations

import functools
import re

from according.records import Entity
from according.typography import plain
from according.wordlists import load_list

__all__ = [
    "ROLE_WORDS",
    "acronym",
    "description_keys",
    "entity_surfaces",
    "fold_words",
    "initials",
    "label_class",
    "name_key",
    "name_parts",
]


#: Names whose folded forms are kept (in each of a few caches): the names in the news
#: on one day, not every name ever seen, so a long ingest's memory stays flat.
_CACHE = 1 << 14

# Word lists (data files under according/data, checked non-empty by load_list).
#: Words that make a description a role ("minister", "spokesman"): see
#: :func:`description_keys`.
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

_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_OTHER = re.compile(r"[^\w\s'&-]")
_HYPHEN = re.compile(r"\s*-\s*")
_WORD = re.compile(r"[^\W_]+")


def label_class(label: str) -> str:
    """The class within which labels are compatible: PERSON; ORG (ORG, NORP); PLACE
    (GPE, LOC, FAC); any other label is a class of its own."""
    return _LABEL_CLASSES.get(label, label)


@functools.lru_cache(maxsize=_CACHE)
def fold_words(text: str) -> tuple[str, ...]:
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
        words = fold_words(entry)
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
    words = list(fold_words(name))
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
def name_parts(key: str) -> tuple[str, ...]:
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
def acronym(name: str) -> str | None:
    """The letters of a name written as an acronym ("IDF", "U.N.", "UNRWA's"), folded;
    None for any other name."""
    bare = _POSSESSIVE.sub("", plain(name).strip()).replace("'S", "")
    letters = bare.replace(".", "").replace(" ", "")
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper():
        return letters.casefold()
    return None


@functools.lru_cache(maxsize=_CACHE)
def initials(name: str) -> str | None:
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
def description_keys(description: str) -> frozenset[str]:
    """The evidence keys of a description (merge rule 5): pairs of its words, one of them
    a role word, "Qatar's Foreign Minister" → {d:foreign+minister, d:minister+qatar}."""
    words = [w for w in fold_words(description) if w not in _STOPWORDS]
    keys: set[str] = set()
    for role in {w for w in words if w in ROLE_WORDS}:
        for other in words:
            if other != role:
                keys.add("d:" + "+".join(sorted((role, other))))
    return frozenset(keys)


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
