"""Token features for the attribution tagger, shared by training and tagging.

Each token gets a list of string features: its word, lemma, part of speech and
dependency, its head's, whether it is inside a quotation, how likely its lemma is to be a
cue (learned from PolNeAR train), the dependency path to the nearest cue-like ancestor,
and its neighbours'. A sequence is a paragraph: quotes and content run across sentences
but not across paragraphs, and a paragraph keeps sequences short.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc

from according.typography import QUOTE_TOKENS_CLOSE, QUOTE_TOKENS_OPEN

__all__ = [
    "TokenTable",
    "cue_bucket",
    "paragraphs",
    "quote_states",
    "token_features",
]

_OPEN = QUOTE_TOKENS_OPEN - QUOTE_TOKENS_CLOSE
"""Tokens that only open a quotation: "“", "‘‘", "``"."""
_CLOSE = QUOTE_TOKENS_CLOSE - QUOTE_TOKENS_OPEN
"""Tokens that only close one: "”", "’’"."""
_STRAIGHT = QUOTE_TOKENS_OPEN & QUOTE_TOKENS_CLOSE
"""Tokens that open or close one, by turns: '"' and "''" (some newspapers type both marks
as two apostrophes)."""
_CLAUSE_DEPS = (
    "ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "prep", "advcl", "parataxis",
)  # fmt: skip
_CUE_LIKE = frozenset({"3", "4"})
_MAX_PATH = 6


def quote_states(doc: Doc) -> list[str]:
    """For each token: ``open``/``close`` for a quotation mark, ``in`` inside a
    quotation, ``out`` outside. A paragraph break ends a straight-quoted stretch."""
    states: list[str] = []
    inside = False
    for t in doc:
        text = t.text
        if text in _OPEN:
            inside = True
            states.append("open")
        elif text in _CLOSE:
            inside = False
            states.append("close")
        elif text in _STRAIGHT:
            inside = not inside
            states.append("open" if inside else "close")
        else:
            if t.is_space and "\n" in text and inside and text.count("\n") > 1:
                inside = False
            states.append("in" if inside else "out")
    return states


def cue_bucket(p: float | None) -> str:
    """A coarse band of P(cue | lemma): ``na`` (unseen), ``0`` to ``4``."""
    if p is None:
        return "na"
    if p < 0.02:
        return "0"
    if p < 0.1:
        return "1"
    if p < 0.3:
        return "2"
    if p < 0.6:
        return "3"
    return "4"


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs of ``doc`` (split at white space holding a line
    break), white-space tokens between them left out."""
    out: list[tuple[int, int]] = []
    start = 0
    for t in doc:
        if t.is_space and "\n" in t.text:
            if t.i > start:
                out.append((start, t.i))
            start = t.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


@dataclass
class TokenTable:
    """The token attributes both taggers read, read from the Doc once (spaCy's
    per-token properties are the cost); a colon inside a word becomes ``_``, since
    crfsuite reads ``name:weight``."""

    quotes: list[str]
    lower: list[str] = field(default_factory=list)
    lemma: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)
    dep: list[str] = field(default_factory=list)
    shape: list[str] = field(default_factory=list)
    ent: list[str] = field(default_factory=list)
    head: list[int] = field(default_factory=list)
    sent_start: list[bool] = field(default_factory=list)
    band: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, doc: Doc, cue_prob: Mapping[str, float]) -> TokenTable:
        table = cls(quote_states(doc))
        for t in doc:
            lemma = t.lemma_.lower()
            table.lower.append(t.lower_.replace(":", "_"))
            table.lemma.append(lemma.replace(":", "_"))
            table.band.append(cue_bucket(cue_prob.get(lemma)))
            table.pos.append(t.pos_)
            table.tag.append(t.tag_.replace(":", "_"))
            table.dep.append(t.dep_)
            table.shape.append(t.shape_[:4].replace(":", "_"))
            table.ent.append(t.ent_type_)
            table.head.append(t.head.i)
            table.sent_start.append(bool(t.is_sent_start))
        return table


def token_features(
    doc: Doc, cue_prob: Mapping[str, float], table: TokenTable | None = None
) -> list[list[str]]:
    """The feature strings of every token of ``doc`` (from ``table`` when it is given)."""
    n = len(doc)
    if n == 0:
        return []
    table = table or TokenTable.read(doc, cue_prob)
    quotes = table.quotes
    lower = table.lower
    bands = table.band
    lemmas = table.lemma
    pos = table.pos
    tags = table.tag
    deps = table.dep
    shapes = table.shape
    ents = table.ent
    heads = table.head
    starts = table.sent_start
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(heads):
        if h != i:
            children[h].append(i)
    cue_like = [b in _CUE_LIKE for b in bands]
    # what each token contributes as a neighbour at each offset
    neighbours = {
        k: [
            (f"{k}w={lower[j]}", f"{k}p={pos[j]}", f"{k}q={quotes[j]}", f"{k}cb={bands[j]}")
            for j in range(n)
        ]
        for k in (-2, -1, 1, 2)
    }
    feats: list[list[str]] = []
    for i in range(n):
        h = heads[i]
        f = [
            "bias",
            "w=" + lower[i],
            "l=" + lemmas[i],
            "p=" + pos[i],
            "t=" + tags[i],
            "d=" + deps[i],
            "hl=" + lemmas[h],
            "hp=" + pos[h],
            "hd=" + deps[h],
            "q=" + quotes[i],
            "sh=" + shapes[i],
            "e=" + ents[i],
            "cb=" + bands[i],
            "hcb=" + bands[h],
            ("dp=" + deps[i] + "|" + lemmas[h]) if cue_like[h] else "dp=other",
        ]
        if pos[i] in ("VERB", "AUX", "NOUN"):
            kids = {deps[c] for c in children[i]}
            f.extend("has=" + k for k in _CLAUSE_DEPS if k in kids)
            for c in children[i]:
                if deps[c] in ("nsubj", "nsubjpass"):
                    f.append("subj=" + (ents[c] or ("PRON" if pos[c] == "PRON" else pos[c])))
                    break
        node = i
        child_dep = deps[i]
        for depth in range(1, _MAX_PATH + 1):
            up = heads[node]
            if up == node:
                f.append("anc=none")
                break
            if cue_like[up]:
                f.extend(("anc=" + child_dep, "ancl=" + lemmas[up], f"ancd={min(depth, 3)}"))
                break
            node = up
            child_dep = deps[node]
        else:
            f.append("anc=none")
        if starts[i]:
            f.append("SS")
        if i + 1 < n and starts[i + 1]:
            f.append("SE")
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < n:
                f.extend(neighbours[k][j])
            else:
                f.append(f"{k}pad")
        feats.append(f)
    return feats
