"""A second look at each attribution's content, from its cue.

The joint tagger marks content without knowing whose it is, and the linker then picks
it by rule. This CRF tags the content *of one cue*: each token of the cue's stretch of
text (its paragraph, two sentences either side) is described relative to that cue —
which side of it, how far, in which of its dependency subtrees, in the same quotation
or not — and by what the joint tagger made of it. Where the content it finds differs
from the linked one and the model finds it ``RETAG_MARGIN`` times likelier, it replaces
it. Trained by :mod:`according.nlp.attribution.train` on PolNeAR train only, with the
joint tags of each half of train coming from a tagger trained on the other half (so the
model learns how far to trust tags on text their tagger has not seen).

Each kind of feature of a token of the cue's window is one small rule of
:data:`CUE_RULES` (which side of the cue, which of its subtrees, …), run in order over a
:class:`CueView` of the cue; the order and the strings are what the shipped model was
trained on.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence

import pycrfsuite
from spacy.tokens import Doc

from according.nlp.attribution.features import TokenTable, paragraphs
from according.nlp.attribution.link import AttributionDraft, attribution_kind, whole_names
from according.nlp.attribution.spans import ROLES, TokenSpan, span_labels, tagged_spans

__all__ = [
    "CUE_RULES",
    "RETAG_MARGIN",
    "CueContext",
    "CueRule",
    "CueView",
    "retag_content",
    "review_content",
    "review_contents",
]

RETAG_MARGIN = 10.0
"""How many times likelier than the linked content the re-tagged one must be to replace
it (chosen on one half of PolNeAR train with the model trained on the other: exact
content F1 0.546 → 0.554 there; 3 and 30 do worse)."""
_SENTENCES_AROUND = 2
_AFTER_COLON = 200
"""The most tokens of the next paragraph a cue ending in a colon looks into."""
_JOINT_CODES = {"content": "T", "source": "S", "cue": "C"}


def _distance(d: int) -> str:
    if d <= 3:
        return str(d)
    if d <= 6:
        return "4-6"
    if d <= 12:
        return "7-12"
    if d <= 25:
        return "13-25"
    return "26+"


class CueContext:
    """What the content tagger reads of one document, computed once for all its cues."""

    def __init__(self, doc: Doc, table: TokenTable, joint: Mapping[str, list[TokenSpan]]) -> None:
        self.doc = doc
        self.text = doc.text
        n = len(doc)
        self.quotes = table.quotes
        self.lower = table.lower
        self.lemma = table.lemma
        self.pos = table.pos
        self.dep = table.dep
        self.heads = table.head
        self.bands = table.band
        self.sent_of = [0] * n
        self.sent_bounds: list[tuple[int, int]] = []
        start = 0
        for i, opens in enumerate(table.sent_start):
            if i > start and opens:
                self.sent_bounds.append((start, i))
                start = i
            self.sent_of[i] = len(self.sent_bounds)
        if n:
            self.sent_bounds.append((start, n))
        self.paras = paragraphs(doc)
        self.para_starts = [a for a, _ in self.paras]
        # which quotation each token is in (-1: none)
        self.quotation: list[int] = []
        current, count = -1, -1
        for state in self.quotes:
            if state == "open":
                count += 1
                current = count
                self.quotation.append(current)
            elif state == "close":
                self.quotation.append(current)
                current = -1
            else:
                self.quotation.append(current if state == "in" else -1)
        self.roles = ["O"] * n
        """Each token's role in the joint tagger's spans (``con``, ``sou``, ``cue``; a cue
        over a source over content), or ``O``."""
        for role in ("content", "source", "cue"):
            for a, b in joint.get(role, []):
                self.roles[a:b] = [role[:3]] * (b - a)
        self.joint = ["O"] * n
        for role in ROLES:
            code = _JOINT_CODES[role]
            for a, b in joint.get(role, []):
                self.joint[a] = code + "B"
                for i in range(a + 1, b):
                    self.joint[i] = code + "I"
        self._static: dict[int, list[str]] = {}
        self._neighbour: dict[tuple[int, int], tuple[str, str, str]] = {}
        self._features: dict[tuple[int, int, int, int], list[list[str]]] = {}
        self._held: tuple[pycrfsuite.Tagger, TokenSpan, tuple[int, int, list[str]]] | None = None

    def window(self, cue: TokenSpan) -> TokenSpan:
        """The tokens a cue's content is looked for in: its paragraph, within two
        sentences of it; a cue ending in a colon also looks into the next paragraph."""
        j = max(bisect.bisect_right(self.para_starts, cue[0]) - 1, 0)
        if not self.paras:
            return cue
        para_start, para_end = self.paras[j]
        first, last = self.sent_of[cue[0]], self.sent_of[cue[1] - 1]
        lo = self.sent_bounds[max(first - _SENTENCES_AROUND, 0)][0]
        hi = self.sent_bounds[min(last + _SENTENCES_AROUND, len(self.sent_bounds) - 1)][1]
        lo, hi = max(lo, para_start), min(hi, para_end)
        doc = self.doc
        colon = doc[cue[1] - 1].text == ":" or (cue[1] < para_end and doc[cue[1]].text == ":")
        if hi == para_end and colon and j + 1 < len(self.paras):
            nxt_start, nxt_end = self.paras[j + 1]
            hi = min(nxt_end, nxt_start + _AFTER_COLON)
        return lo, hi

    def token(self, i: int) -> list[str]:
        """The features of token ``i`` that do not depend on the cue."""
        cached = self._static.get(i)
        if cached is None:
            sent_start, sent_end = self.sent_bounds[self.sent_of[i]]
            cached = [
                "bias",
                "w=" + self.lower[i],
                "l=" + self.lemma[i],
                "p=" + self.pos[i],
                "d=" + self.dep[i],
                "q=" + self.quotes[i],
                "cb=" + self.bands[i],
                "hd=" + self.dep[self.heads[i]],
                "jt=" + self.joint[i],
            ]
            if i == sent_start:
                cached.append("SS")
            if i + 1 == sent_end:
                cached.append("SE")
            self._static[i] = cached
        return cached

    def around(self, j: int, k: int) -> tuple[str, str, str]:
        """What token ``j`` says of the token ``k`` places before it."""
        key = (j, k)
        cached = self._neighbour.get(key)
        if cached is None:
            cached = (f"{k}w=" + self.lower[j], f"{k}p=" + self.pos[j], f"{k}q=" + self.quotes[j])
            self._neighbour[key] = cached
        return cached

    def tag(self, tagger: pycrfsuite.Tagger, cue: TokenSpan) -> tuple[int, int, list[str]] | None:
        """The cue's window and the content tagger's best tags for it, or ``None`` for an
        empty window. The tagger holds the window afterwards (for ``probability``); asked
        again for the cue it last tagged, it is not run again."""
        if self._held is not None and self._held[0] is tagger and self._held[1] == cue:
            return self._held[2]
        lo, hi = self.window(cue)
        if hi <= lo:
            return None
        tagger.set(self.features(cue, lo, hi))
        tagged = (lo, hi, tagger.tag())
        self._held = (tagger, cue, tagged)
        return tagged

    def features(self, cue: TokenSpan, lo: int, hi: int) -> list[list[str]]:
        """Each token of ``lo:hi``, described relative to ``cue`` (kept: the second look
        and the extent ranker both read them)."""
        key = (*cue, lo, hi)
        cached = self._features.get(key)
        if cached is None:
            cached = self._features[key] = self._describe(cue, lo, hi)
        return cached

    def _describe(self, cue: TokenSpan, lo: int, hi: int) -> list[list[str]]:
        """Each token of ``lo:hi``: each rule of :data:`CUE_RULES` in turn."""
        view = CueView(self, cue, lo, hi)
        return [[f for rule in CUE_RULES for f in rule(view, i)] for i in range(lo, hi)]


class CueView:
    """One cue as the description rules read each token of its window ``lo:hi``: the cue's
    dependency subtrees by the relation that hangs each on it, its ancestors (four steps
    up), its head's other subtrees, its sentence, quotation and lemma."""

    def __init__(self, context: CueContext, cue: TokenSpan, lo: int, hi: int) -> None:
        doc = context.doc
        c0, c1 = cue
        root = doc[c0:c1].root
        self.context = context
        self.cue = cue
        self.lo = lo
        self.hi = hi
        # the cue's dependency subtrees, by the relation that hangs them on it
        self.subtree: dict[int, str] = {}
        for t in range(c0, c1):
            for child in doc[t].children:
                if c0 <= child.i < c1:
                    continue
                for k in range(child.left_edge.i, child.right_edge.i + 1):
                    self.subtree.setdefault(k, child.dep_)
        self.above: dict[int, str] = {}
        node = root
        for _ in range(4):
            if node.head.i == node.i:
                break
            self.above[node.head.i] = node.dep_
            node = node.head
        self.beside: dict[int, str] = {}
        if root.head.i != root.i:
            for child in root.head.children:
                if child.i != root.i:
                    for k in range(child.left_edge.i, child.right_edge.i + 1):
                        self.beside.setdefault(k, child.dep_)
        self.sentence = context.sent_of[c0]
        self.quotation = context.quotation[c0]
        self.lemma = context.lemma[root.i]

    def side(self, i: int) -> tuple[str, int]:
        """Which side of the cue token ``i`` is (``L``, ``C``, ``R``) and how many tokens
        from it (0 inside)."""
        c0, c1 = self.cue
        if i < c0:
            return "L", c0 - i
        if i >= c1:
            return "R", i - c1 + 1
        return "C", 0

    def sentences_away(self, i: int) -> str:
        """How many sentences after the cue's token ``i`` is, within -2 to 2."""
        return str(max(min(self.context.sent_of[i] - self.sentence, 2), -2))


CueRule = Callable[[CueView, int], Sequence[str]]
"""A rule: the features it gives token ``i`` of the window, in order."""


def token_itself(v: CueView, i: int) -> Sequence[str]:
    """What does not depend on the cue: "bridge" in "The mayor said the bridge would
    reopen." gives ``bias``, ``w=bridge``, ``l=bridge``, ``p=NOUN``, ``d=nsubj``, ``q=out``,
    ``cb=na``, ``hd=ccomp``, ``jt=O`` (``SS``/``SE`` at a sentence's edges)."""
    return v.context.token(i)


def place(v: CueView, i: int) -> Sequence[str]:
    """Which side of the cue, how many sentences and tokens away: "bridge" in "The mayor
    said the bridge would reopen." (cue "said") gives ``side=R``, ``sd=0``,
    ``side_d=R2``."""
    side, d = v.side(i)
    return ("side=" + side, "sd=" + v.sentences_away(i), "side_d=" + side + _distance(d))


def same_quotation(v: CueView, i: int) -> Sequence[str]:
    """Whether it is in the cue's quotation (``y``), another (``in``) or none (``n``):
    "safe" in '“It is safe,” she said.' (cue "said") gives ``sameq=in``."""
    q = v.context.quotation[i]
    return ("sameq=" + ("y" if q >= 0 and q == v.quotation else "in" if q >= 0 else "n"),)


def cue_subtree(v: CueView, i: int) -> Sequence[str]:
    """Which of the cue's subtrees it is in, else whether it is above the cue or in a
    subtree of the cue's head, and that with the side: "bridge" in "The mayor said the
    bridge would reopen." gives ``rel=ccomp``, ``rel_side=ccompR``."""
    rel = v.subtree.get(i)
    if rel is not None:
        where = rel
    elif i in v.above:
        where = "anc"
    elif i in v.beside:
        where = "sib:" + v.beside[i]
    else:
        where = "none"
    return ("rel=" + where, "rel_side=" + (rel or "none") + v.side(i)[0])


def cue_word(v: CueView, i: int) -> Sequence[str]:
    """The cue's lemma: ``cw=say`` for every token of a "said" cue's window."""
    return ("cw=" + v.lemma,)


def head_subtree(v: CueView, i: int) -> Sequence[str]:
    """Which of the cue's subtrees its head is in: "the" in "The mayor said the bridge
    would reopen." gives ``hrel=ccomp``."""
    return ("hrel=" + (v.subtree.get(v.context.heads[i]) or "none"),)


def joint_reading(v: CueView, i: int) -> Sequence[str]:
    """What the joint tagger made of it, with its side and sentence, with its subtree,
    and of its neighbours: "bridge" in "The mayor said the bridge would reopen.", inside
    content tagged from "the" (``TB``, ``TI`` …) right of the cue "said", gives
    ``jts=TIR0``, ``jtr=TIccomp``, ``jt-1=TB``, ``jt+1=TI``; ``pad`` past the window."""
    joint = v.context.joint
    return (
        "jts=" + joint[i] + v.side(i)[0] + v.sentences_away(i),
        "jtr=" + joint[i] + (v.subtree.get(i) or "none"),
        "jt-1=" + (joint[i - 1] if i > v.lo else "pad"),
        "jt+1=" + (joint[i + 1] if i + 1 < v.hi else "pad"),
    )


def subtree_and_cue_word(v: CueView, i: int) -> Sequence[str]:
    """In one of the cue's subtrees: the relation with the cue's lemma: "bridge" in "The
    mayor said the bridge would reopen." gives ``rel_cue=ccomp|say``."""
    rel = v.subtree.get(i)
    return () if rel is None else ("rel_cue=" + rel + "|" + v.lemma,)


def above_cue(v: CueView, i: int) -> Sequence[str]:
    """An ancestor of the cue (four steps up at most): the relation that hangs the step
    below it on it: "warned" in "She warned, the mayor said, that …" (cue "said") gives
    ``anc=parataxis``."""
    return ("anc=" + v.above[i],) if i in v.above else ()


def child_of_cue(v: CueView, i: int) -> Sequence[str]:
    """A dependent of a cue token: its relation: "mayor" in "The mayor said …" gives
    ``child_of_cue=nsubj``."""
    c0, c1 = v.cue
    return ("child_of_cue=" + v.context.dep[i],) if c0 <= v.context.heads[i] < c1 else ()


def neighbours(v: CueView, i: int) -> Sequence[str]:
    """The word, part of speech and quotation state of the tokens before and after it,
    which of the cue's subtrees each is in, and whether it is the cue: "the" in "The mayor
    said the bridge …" gives ``-1w=said`` … ``-1rel=none``, ``-1cue``, ``1w=bridge`` …
    ``1rel=ccomp``; ``-1pad`` / ``1pad`` at the window's edges."""
    c0, c1 = v.cue
    f: list[str] = []
    for k in (-1, 1):
        j = i + k
        if v.lo <= j < v.hi:
            f.extend(v.context.around(j, k))
            f.append(f"{k}rel=" + (v.subtree.get(j) or "none"))
            if c0 <= j < c1:
                f.append(f"{k}cue")
        else:
            f.append(f"{k}pad")
    return f


CUE_RULES: tuple[CueRule, ...] = (
    token_itself,
    place,
    same_quotation,
    cue_subtree,
    cue_word,
    head_subtree,
    joint_reading,
    subtree_and_cue_word,
    above_cue,
    child_of_cue,
    neighbours,
)
"""The rules that describe a token of a cue's window for the content tagger, in the
order its features were trained in (a feature string that changes, or moves, breaks the
trained model)."""


def retag_content(
    tagger: pycrfsuite.Tagger, context: CueContext, cue: TokenSpan, content: list[TokenSpan]
) -> list[TokenSpan] | None:
    """The content the tagger finds for ``cue`` when it is ``RETAG_MARGIN`` times
    likelier than ``content`` (the linked one); else ``None``."""
    tagged = context.tag(tagger, cue)
    if tagged is None:
        return None
    lo, hi, best = tagged
    found = tagged_spans(lo, best)
    if not found:
        return None
    linked = span_labels(content, lo, hi)
    if tagger.probability(best) <= RETAG_MARGIN * tagger.probability(linked):
        return None
    return found


def review_content(tagger: pycrfsuite.Tagger, context: CueContext, draft: AttributionDraft) -> None:
    """Give ``draft`` the content the tagger finds for its cue, where it is much likelier
    than the linked one. Whole quotations are left as they are (the second look changes
    27 of 423 on PolNeAR dev, for no gain on a held-out half of train, at a fifth of its
    cost), and so are signatures and colons."""
    doc = context.doc
    cue = doc[draft.cue[0] : draft.cue[1]].text
    if draft.kind == "direct" or all(not c.isalnum() for c in cue):
        return
    found = retag_content(tagger, context, draft.cue, draft.content)
    if found is None:
        return
    content = [whole_names(doc, span, keep_quotes=True) for span in found]
    content = [span for span in content if span[1] > span[0]]
    if content:
        draft.content = content
        draft.kind = attribution_kind(doc, draft.cue, content)


def review_contents(
    tagger: pycrfsuite.Tagger, context: CueContext, drafts: list[AttributionDraft]
) -> None:
    """:func:`review_content` of each draft."""
    for draft in drafts:
        review_content(tagger, context, draft)
