"""Document-level entities: the named people, organisations, places and groups of a
document, each with every mention of it.

Mentions come from the statistical NER, trimmed of leading articles and trailing
possessives; a nationality followed by an institution ("Israeli army") is one
organisation. Mentions are grouped by a normalised name; a surname alone ("Al-Khulaifi")
joins the one full name in the document that ends with it, and stays apart when two
people share it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from according.nlp.parser_text import as_written
from according.typography import fold_name
from according.wordlists import load_list, load_table

__all__ = ["ENTITY_LABELS", "EntityCollector", "EntityGroup", "normalise_name"]

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")

# Word lists (data files under according/data, checked non-empty by load_list).
INSTITUTION_NOUNS = load_list("institution_nouns")
HEAD_NOUN_LABELS = load_table("head_nouns")
ROLE_WORDS = frozenset(load_list("role_words"))

_INSTITUTIONS = tuple(sorted((tuple(n.split()) for n in INSTITUTION_NOUNS), key=len, reverse=True))
_LEADING = frozenset({"the", "a", "an"})
_TRAILING = frozenset({"'s", "’s", "'", "’"})


def normalise_name(name: str) -> str:
    """A key under which spellings of one name meet: case, diacritics, dashes,
    apostrophes and spacing folded (:func:`according.typography.fold_name`)."""
    return fold_name(name)


@dataclass(eq=False)
class EntityGroup:
    """One document-level entity while it is being built (compared and hashed by
    identity)."""

    key: str
    mentions: list[Span] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    descriptions: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0]

    @property
    def name(self) -> str:
        """The fullest mention: most tokens, not in capitals, then earliest."""
        best = max(self.mentions, key=lambda m: (len(m), not m.text.isupper(), -m.start_char))
        return as_written(best)

    def absorb(self, other: EntityGroup) -> None:
        self.mentions.extend(other.mentions)
        self.mentions.sort(key=lambda m: m.start_char)
        self.labels.update(other.labels)
        for d in other.descriptions:
            if d not in self.descriptions:
                self.descriptions.append(d)


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in _TRAILING or doc[end - 1].is_punct):
        end -= 1
    if start >= end or not any(t.is_alpha for t in doc[start:end]):
        return None
    if start == span.start and end == span.end:
        return span
    return Span(doc, start, end, label=span.label)


def _institution_after(span: Span) -> Span | None:
    """``Israeli army`` from the NORP ``Israeli`` followed by an institution noun."""
    doc = span.doc
    for words in _INSTITUTIONS:
        end = span.end + len(words)
        if end <= len(doc) and tuple(t.lower_ for t in doc[span.end : end]) == words:
            return Span(doc, span.start, end, label="ORG")
    return None


def _is_dateline(span: Span) -> bool:
    """``CORVESSA, March 4 (Agency) —``: a place in capitals opening a paragraph."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    after = doc[span.end].text if span.end < len(doc) else ""
    return (
        opens and span.text.isupper() and len(span.text) > 2 and after in {",", "(", "—", "-", "–"}
    )


def _relabel(span: Span) -> Span:
    """The label a name's last word or its place as a dateline settles."""
    label = HEAD_NOUN_LABELS.get(span[-1].lower_) if len(span) > 1 else None
    if label is None and _is_dateline(span):
        label = "GPE"
    if label is None or label == span.label_:
        return span
    return Span(span.doc, span.start, span.end, label=label)


def _has_role(tokens: Span) -> bool:
    return any(t.lower_ in ROLE_WORDS for t in tokens)


def _description(mention: Span) -> str | None:
    """A role or title the text gives a person right beside its name: "US Secretary of
    State Anthony Blinken", "Qatar's Foreign Minister, Mohammed Al-Khulaifi",
    "Al-Khulaifi, one of Hamas' most experienced negotiators"."""
    doc = mention.doc
    root: Token = mention.root
    candidates: list[Span] = []
    # words before the name in its own noun phrase
    left = root.left_edge.i
    if left < mention.start:
        candidates.append(doc[left : mention.start])
    # an apposition on either side
    if root.dep_ == "appos" and not (mention.start <= root.head.i < mention.end):
        head = root.head
        candidates.append(doc[head.left_edge.i : head.i + 1])
    for child in root.children:
        if child.dep_ == "appos" and not (mention.start <= child.i < mention.end):
            candidates.append(doc[child.left_edge.i : child.right_edge.i + 1])
    for cand in candidates:
        while len(cand) and (cand[0].lower_ in _LEADING or cand[0].is_punct):
            cand = cand[1:]
        while len(cand) and cand[-1].is_punct:
            cand = cand[:-1]
        if 0 < len(cand) <= 12 and _has_role(cand) and not cand.text.isupper():
            if mention.start <= cand.start < mention.end or mention.start < cand.end <= mention.end:
                continue
            return as_written(cand)
    return None


class EntityCollector:
    """Collects ``doc.ents`` into document-level entities (``doc._.according_entities``)."""

    def __init__(self, nlp: Language, name: str, *, labels: tuple[str, ...] = ENTITY_LABELS):
        self.name = name
        self.labels = frozenset(labels)

    def __call__(self, doc: Doc) -> Doc:
        doc._.according_entities = self.collect(doc)
        return doc

    def _mentions(self, doc: Doc) -> list[Span]:
        out: list[Span] = []
        for ent in doc.ents:
            if ent.label_ not in self.labels:
                continue
            trimmed = _trim(ent)
            if trimmed is None:
                continue
            if trimmed.label_ == "NORP":
                inst = _institution_after(trimmed)
                if inst is not None:
                    trimmed = inst
            out.append(_relabel(trimmed))
        return out

    def collect(self, doc: Doc) -> list[EntityGroup]:
        groups: dict[str, EntityGroup] = {}
        for mention in self._mentions(doc):
            key = normalise_name(mention.text)
            group = groups.setdefault(key, EntityGroup(key))
            group.mentions.append(mention)
            group.labels[mention.label_] += 1
            if mention.label_ == "PERSON":
                desc = _description(mention)
                if desc and desc not in group.descriptions:
                    group.descriptions.append(desc)
        return _merge_partial_names(list(groups.values()))


def _merge_partial_names(groups: list[EntityGroup]) -> list[EntityGroup]:
    """A person named by part of a name joins the one full name that ends (or starts)
    with it; with two candidates it stays apart."""
    people = [g for g in groups if g.label == "PERSON"]
    full = [g for g in people if len(g.key.split()) > 1]
    merged: set[int] = set()
    for g in people:
        words = g.key.split()
        if len(words) > 1 and any(len(f.key.split()) > len(words) for f in full) is False:
            continue
        matches = [
            f
            for f in full
            if f is not g
            and len(f.key.split()) > len(words)
            and (f.key.split()[-len(words) :] == words or f.key.split()[: len(words)] == words)
        ]
        if len(matches) == 1:
            matches[0].absorb(g)
            merged.add(id(g))
    kept = [g for g in groups if id(g) not in merged]
    kept.sort(key=lambda g: g.mentions[0].start_char)
    return kept
