"""Token features for the attribution taggers, shared by training and tagging.

Each token gets a list of string features: its word, lemma, part of speech and
dependency, its head's, whether it is inside a quotation, how likely its lemma is to be a
cue (learned from PolNeAR train), the dependency path to the nearest cue-like ancestor,
and its neighbours'. A sequence is a paragraph: quotes and content run across sentences
but not across paragraphs, and a paragraph keeps sequences short.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

__all__ = ["cue_bucket", "paragraphs", "quote_states", "token_features"]

_OPEN = {"“", "‘‘", "``"}
_CLOSE = {"”", "’’", "''"}
_STRAIGHT = {'"'}
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


def token_features(doc: Doc, cue_prob: Mapping[str, float]) -> list[list[str]]:
    """The feature strings of every token of ``doc``."""
    quotes = quote_states(doc)
    lemmas = [t.lemma_.lower() for t in doc]
    bands = [cue_bucket(cue_prob.get(lemma)) for lemma in lemmas]
    lower = [t.lower_ for t in doc]
    pos = [t.pos_ for t in doc]
    n = len(doc)
    feats: list[list[str]] = []
    for t in doc:
        i = t.i
        head = t.head
        h = head.i
        f = [
            "bias",
            "w=" + lower[i],
            "l=" + lemmas[i],
            "p=" + pos[i],
            "t=" + t.tag_,
            "d=" + t.dep_,
            "hl=" + lemmas[h],
            "hp=" + pos[h],
            "hd=" + head.dep_,
            "q=" + quotes[i],
            "sh=" + t.shape_[:4],
            "e=" + t.ent_type_,
            "cb=" + bands[i],
            "hcb=" + bands[h],
            ("dp=" + t.dep_ + "|" + lemmas[h]) if bands[h] in _CUE_LIKE else "dp=other",
        ]
        if pos[i] in ("VERB", "AUX", "NOUN"):
            kids = {c.dep_ for c in t.children}
            f.extend("has=" + k for k in _CLAUSE_DEPS if k in kids)
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    f.append("subj=" + (c.ent_type_ or ("PRON" if c.pos_ == "PRON" else c.pos_)))
                    break
        node = t
        child_dep = t.dep_
        for depth in range(1, _MAX_PATH + 1):
            if node.head.i == node.i:
                f.append("anc=none")
                break
            if bands[node.head.i] in _CUE_LIKE:
                f.extend(
                    ("anc=" + child_dep, "ancl=" + lemmas[node.head.i], f"ancd={min(depth, 3)}")
                )
                break
            node = node.head
            child_dep = node.dep_
        else:
            f.append("anc=none")
        if t.is_sent_start:
            f.append("SS")
        if i + 1 < n and doc[i + 1].is_sent_start:
            f.append("SE")
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < n:
                f.extend(
                    (f"{k}w={lower[j]}", f"{k}p={pos[j]}", f"{k}q={quotes[j]}", f"{k}cb={bands[j]}")
                )
            else:
                f.append(f"{k}pad")
        # crfsuite reads "name:weight"; a colon in a word must not look like one
        feats.append([x.replace(":", "_") for x in f])
    return feats
