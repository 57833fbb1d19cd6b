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
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

import pycrfsuite
from spacy.tokens import Doc

from according.nlp.attribution.features import TokenTable, paragraphs
from according.nlp.attribution.link import AttributionDraft, attribution_kind, whole_names
from according.nlp.attribution.spans import ROLES, TokenSpan, span_labels, tagged_spans

__all__ = [
    "RETAG_MARGIN",
    "CueContext",
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

    def _token(self, i: int) -> list[str]:
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

    def _around(self, j: int, k: int) -> tuple[str, str, str]:
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
        doc = self.doc
        c0, c1 = cue
        root = doc[c0:c1].root
        # the cue's dependency subtrees, by the relation that hangs them on it
        subtree: dict[int, str] = {}
        for t in range(c0, c1):
            for child in doc[t].children:
                if c0 <= child.i < c1:
                    continue
                for k in range(child.left_edge.i, child.right_edge.i + 1):
                    subtree.setdefault(k, child.dep_)
        above: dict[int, str] = {}
        node = root
        for _ in range(4):
            if node.head.i == node.i:
                break
            above[node.head.i] = node.dep_
            node = node.head
        beside: dict[int, str] = {}
        if root.head.i != root.i:
            for child in root.head.children:
                if child.i != root.i:
                    for k in range(child.left_edge.i, child.right_edge.i + 1):
                        beside.setdefault(k, child.dep_)
        cue_sentence = self.sent_of[c0]
        cue_quotation = self.quotation[c0]
        cue_lemma = self.lemma[root.i]
        joint = self.joint
        out: list[list[str]] = []
        for i in range(lo, hi):
            if i < c0:
                side, d = "L", c0 - i
            elif i >= c1:
                side, d = "R", i - c1 + 1
            else:
                side, d = "C", 0
            sd = str(max(min(self.sent_of[i] - cue_sentence, 2), -2))
            rel = subtree.get(i)
            if rel is not None:
                where = rel
            elif i in above:
                where = "anc"
            elif i in beside:
                where = "sib:" + beside[i]
            else:
                where = "none"
            q = self.quotation[i]
            f = [
                *self._token(i),
                "side=" + side,
                "sd=" + sd,
                "side_d=" + side + _distance(d),
                "sameq=" + ("y" if q >= 0 and q == cue_quotation else "in" if q >= 0 else "n"),
                "rel=" + where,
                "rel_side=" + (rel or "none") + side,
                "cw=" + cue_lemma,
                "hrel=" + (subtree.get(self.heads[i]) or "none"),
                "jts=" + joint[i] + side + sd,
                "jtr=" + joint[i] + (rel or "none"),
                "jt-1=" + (joint[i - 1] if i > lo else "pad"),
                "jt+1=" + (joint[i + 1] if i + 1 < hi else "pad"),
            ]
            if rel is not None:
                f.append("rel_cue=" + rel + "|" + cue_lemma)
            if i in above:
                f.append("anc=" + above[i])
            if c0 <= self.heads[i] < c1:
                f.append("child_of_cue=" + self.dep[i])
            for k in (-1, 1):
                j = i + k
                if lo <= j < hi:
                    f.extend(self._around(j, k))
                    f.append(f"{k}rel=" + (subtree.get(j) or "none"))
                    if c0 <= j < c1:
                        f.append(f"{k}cue")
                else:
                    f.append(f"{k}pad")
            out.append(f)
        return out


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
