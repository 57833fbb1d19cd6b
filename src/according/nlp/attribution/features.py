"""Token features for the attribution tagger, shared by training and tagging.

Each token gets a list of string features: its word, lemma, part of speech and
dependency, its head's, whether it is inside a quotation, how likely its lemma is to be a
cue (learned from PolNeAR train), the dependency path to the nearest cue-like ancestor,
and its neighbours'. A sequence is a paragraph: quotes and content run across sentences
but not across paragraphs, and a paragraph keeps sequences short.

Each kind of feature is one small rule of :data:`TOKEN_RULES` (a token's own word, its
head, its quotation …), run in order by :func:`token_features`; the order and the strings
are what the shipped model was trained on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from according.typography import QUOTE_TOKENS_CLOSE, QUOTE_TOKENS_OPEN

__all__ = [
    "TOKEN_RULES",
    "TokenRule",
    "TokenTable",
    "TokenView",
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
_NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)


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


@dataclass
class TokenView:
    """One document's tokens as the feature rules read them: the table, each token's
    dependents, whether each token's lemma is cue-like (band 3 or 4), and what each token
    says of itself as a neighbour two, one place before or after another."""

    table: TokenTable
    children: list[list[int]]
    cue_like: list[bool]
    neighbours: dict[int, list[tuple[str, str, str, str]]]

    @classmethod
    def of(cls, table: TokenTable) -> TokenView:
        n = len(table.head)
        children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(table.head):
            if h != i:
                children[h].append(i)
        lower, pos, quotes, bands = table.lower, table.pos, table.quotes, table.band
        neighbours = {
            k: [
                (f"{k}w={lower[j]}", f"{k}p={pos[j]}", f"{k}q={quotes[j]}", f"{k}cb={bands[j]}")
                for j in range(n)
            ]
            for k in _NEIGHBOUR_OFFSETS
        }
        return cls(table, children, [b in _CUE_LIKE for b in bands], neighbours)


TokenRule = Callable[[TokenView, int], Sequence[str]]
"""A rule: the features it gives token ``i``, in order."""


def own_token(v: TokenView, i: int) -> Sequence[str]:
    """The token itself: "said" in "The mayor said the bridge was safe." gives ``bias``,
    ``w=said``, ``l=say``, ``p=VERB``, ``t=VBD``, ``d=ROOT``."""
    t = v.table
    return ("bias", "w=" + t.lower[i], "l=" + t.lemma[i], "p=" + t.pos[i], "t=" + t.tag[i],
            "d=" + t.dep[i])  # fmt: skip


def head_token(v: TokenView, i: int) -> Sequence[str]:
    """Its head: "mayor" in "The mayor said …" gives ``hl=say``, ``hp=VERB``,
    ``hd=ROOT``."""
    t = v.table
    h = t.head[i]
    return ("hl=" + t.lemma[h], "hp=" + t.pos[h], "hd=" + t.dep[h])


def quotation(v: TokenView, i: int) -> Sequence[str]:
    """Where it is in a quotation (:func:`quote_states`): "safe" in 'He said: "It is
    safe."' gives ``q=in``."""
    return ("q=" + v.table.quotes[i],)


def shape_and_entity(v: TokenView, i: int) -> Sequence[str]:
    """Its shape and entity type: "Oslo" in "Police in Oslo said …" gives ``sh=Xxxx``,
    ``e=GPE``."""
    return ("sh=" + v.table.shape[i], "e=" + v.table.ent[i])


def cue_band(v: TokenView, i: int) -> Sequence[str]:
    """How often its lemma and its head's are cues (:func:`cue_bucket`): "mayor" in "The
    mayor said …", with P(cue | say) 0.7, gives ``cb=na``, ``hcb=4``."""
    return ("cb=" + v.table.band[i], "hcb=" + v.table.band[v.table.head[i]])


def relation_to_cue_head(v: TokenView, i: int) -> Sequence[str]:
    """Its relation to a cue-like head, with the head's lemma: "mayor" in "The mayor said
    …" gives ``dp=nsubj|say``; a token whose head is no cue gives ``dp=other``."""
    t = v.table
    h = t.head[i]
    return (("dp=" + t.dep[i] + "|" + t.lemma[h]) if v.cue_like[h] else "dp=other",)


def clause_dependents(v: TokenView, i: int) -> Sequence[str]:
    """For a verb or noun: the clause relations among its dependents and its subject's
    kind: "said" in "The mayor said the bridge was safe." gives ``has=ccomp``,
    ``has=nsubj``, ``subj=NOUN``."""
    t = v.table
    if t.pos[i] not in ("VERB", "AUX", "NOUN"):
        return ()
    kids = {t.dep[c] for c in v.children[i]}
    f = ["has=" + k for k in _CLAUSE_DEPS if k in kids]
    for c in v.children[i]:
        if t.dep[c] in ("nsubj", "nsubjpass"):
            f.append("subj=" + (t.ent[c] or ("PRON" if t.pos[c] == "PRON" else t.pos[c])))
            break
    return f


def cue_ancestor(v: TokenView, i: int) -> Sequence[str]:
    """The nearest cue-like ancestor within ``_MAX_PATH`` steps: the relation that hangs
    the path on it, its lemma and how far up it is: "bridge" in "The mayor said the bridge
    was safe." gives ``anc=ccomp``, ``ancl=say``, ``ancd=2``; none gives ``anc=none``."""
    t = v.table
    node = i
    child_dep = t.dep[i]
    for depth in range(1, _MAX_PATH + 1):
        up = t.head[node]
        if up == node:
            return ("anc=none",)
        if v.cue_like[up]:
            return ("anc=" + child_dep, "ancl=" + t.lemma[up], f"ancd={min(depth, 3)}")
        node = up
        child_dep = t.dep[node]
    return ("anc=none",)


def sentence_edges(v: TokenView, i: int) -> Sequence[str]:
    """``SS`` for a sentence's first token, ``SE`` for the last before another sentence:
    "The" and "." in "The mayor said so. Then he left." (a token can be both; the text's
    last token is not ``SE``)."""
    starts = v.table.sent_start
    f = []
    if starts[i]:
        f.append("SS")
    if i + 1 < len(starts) and starts[i + 1]:
        f.append("SE")
    return f


def neighbours(v: TokenView, i: int) -> Sequence[str]:
    """The word, part of speech, quotation state and cue band of the tokens two and one
    places either side, ``-2pad`` … where there is none: "mayor" in "The mayor said …"
    gives ``-2pad``, ``-1w=the`` …, ``1w=said`` …, ``2w=the`` …"""
    n = len(v.table.head)
    f: list[str] = []
    for k in _NEIGHBOUR_OFFSETS:
        j = i + k
        if 0 <= j < n:
            f.extend(v.neighbours[k][j])
        else:
            f.append(f"{k}pad")
    return f


TOKEN_RULES: tuple[TokenRule, ...] = (
    own_token,
    head_token,
    quotation,
    shape_and_entity,
    cue_band,
    relation_to_cue_head,
    clause_dependents,
    cue_ancestor,
    sentence_edges,
    neighbours,
)
"""The rules that describe a token for the joint tagger, in the order its features were
trained in (a feature string that changes, or moves, breaks the trained model)."""


def token_features(
    doc: Doc, cue_prob: Mapping[str, float], table: TokenTable | None = None
) -> list[list[str]]:
    """The feature strings of every token of ``doc`` (from ``table`` when it is given):
    each rule of :data:`TOKEN_RULES` in turn."""
    if len(doc) == 0:
        return []
    view = TokenView.of(table or TokenTable.read(doc, cue_prob))
    return [[f for rule in TOKEN_RULES for f in rule(view, i)] for i in range(len(doc))]
