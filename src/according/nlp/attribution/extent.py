"""Where each content starts and ends: a ranker over small edits of it.

The linker and the second look give each attribution a content, but news annotators cut
contents by conventions no single rule captures: "called for a curfew in the old town,
following two nights of clashes" may end before the circumstance; "pointing out that the
patrols …" may start at "that"; an interrupted quotation is one content or two. For
each content this module lists a few edits of it:

- ``end``: cut before punctuation, a conjunction, a subordinator or a relative word;
- ``endsent``: run on to the end of the sentence;
- ``start``: start at "that", "to", "whether" …, after a comma, a colon or an opening
  quotation mark; ``startsent``: start where the sentence starts;
- both a new start and a new end, for a content of one part;
- ``merge`` the parts of a content into one, ``drop`` one part, ``split`` a part where a
  sentence starts;
- ``cc``: the content the content tagger finds for the cue;

and a conditional logit, trained on PolNeAR train by
:mod:`according.nlp.attribution.train`, scores each from features of the tokens at the
new boundary (word, tag, dependency, whether its head is the cue or inside the content),
what the edit removes or adds, what the joint tagger made of those tokens, and how much
likelier the content tagger finds the edited labelling. The best-scoring edit replaces
the content when it beats the content as it is.

Each kind of edit is one small rule of :data:`EDIT_RULES`, and each kind of new end or
start one of :data:`END_RULES` or :data:`START_RULES`, run in order by :func:`edits`; the
order and the feature strings are what the shipped ranker was trained on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from according.errors import ModelError
from according.nlp.attribution.content import CueContext
from according.nlp.attribution.link import AttributionDraft, attribution_kind
from according.nlp.attribution.spans import TokenSpan, span_labels, tagged_spans
from according.typography import (
    DASHES,
    OPENING_QUOTES,
    QUOTE_TOKENS_CLOSE,
    QUOTE_TOKENS_OPEN,
    QUOTES,
)

__all__ = [
    "EDIT_RULES",
    "END_RULES",
    "EXTENT_RANKER",
    "START_RULES",
    "Boundary",
    "Edit",
    "EditCase",
    "ExtentRanker",
    "choose_extent",
    "draft_edits",
    "edits",
    "extent_key",
    "fit_ranker",
    "load_ranker",
    "text_key",
]

EXTENT_RANKER = "extent.json"
"""The ranker's weights in a model folder."""

# The marks of this module are built from typography's tables as they were written here
# before it: the ranker was trained on features read with them, and an extent key trims
# what the PolNeAR scorer trims (eval/polnear_score.py), which is neither all of QUOTES
# (no guillemets) nor all of DASHES (no horizontal bar).
_TRIM_QUOTES = "".join(q for q in QUOTES if q not in "«»") + "'"
"""The quotation marks an extent key trims: '"', "'", "“", "”", "‘", "’"."""
_TRIM_DASHES = "".join(sorted(d for d in DASHES if len(d) == 1 and d != "―")) + "-"
"""The dashes an extent key trims: "–", "—" and the hyphen-minus."""
_TRIM = " \t\n\xa0" + _TRIM_QUOTES + ".,;:" + _TRIM_DASHES + "()[]"
"""What a content's extent is compared without at either end."""
_CUT_MARKS = DASHES | {"-", ",", ";", ":", "("}
"""Tokens an edit may end before (or start after)."""
_CUT_WORDS = frozenset(
    {
        "because", "while", "but", "as", "after", "before", "if", "when", "although",
        "though", "since", "and", "or", "so", "which", "who", "where", "despite",
        "including", "even",
    }
)  # fmt: skip
_START_WORDS = frozenset({"that", "to", "if", "whether", "how", "what", "why", "for"})
_OPENING = frozenset(OPENING_QUOTES) & frozenset(_TRIM_QUOTES)
"""Opening marks an edit may start after: "“", "‘", '"'."""
_ONE_CHAR_CLOSE = frozenset(t for t in QUOTE_TOKENS_CLOSE if len(t) == 1)
"""One-character closing marks: "”", '"'."""
_CLOSING = _ONE_CHAR_CLOSE | (
    frozenset(t for t in QUOTE_TOKENS_OPEN if len(t) == 1) - _ONE_CHAR_CLOSE
)
"""What the ``e_q`` and ``m_q`` features read as a closing mark: "”", '"' and, wrongly, the
opening "“" (never "’"): kept as it was, since the ranker was trained on it; see
:data:`according.typography.CLOSING_QUOTES`."""
_ODDS_BINS = (-3.0, -1.0, -0.3, 0.3, 1.0, 3.0)
"""Bins of log10 of how much likelier the content tagger finds an edit."""


Key = tuple[tuple[int, int], ...]


@dataclass
class Edit:
    """One way to delimit a content: its parts, what describes the change, and its
    :func:`extent_key`."""

    name: str
    spans: list[TokenSpan]
    features: list[str]
    key: Key = ()


def text_key(text: str, spans: Iterable[tuple[int, int]], trim: str = _TRIM) -> Key:
    """The character extents ``spans`` of ``text`` without the characters of ``trim``
    (punctuation and space) at their ends, in order (two contents with one key are the
    same content)."""
    out = []
    for x, y in spans:
        while x < y and text[x] in trim:
            x += 1
        while y > x and text[y - 1] in trim:
            y -= 1
        if x < y:
            out.append((x, y))
    return tuple(sorted(out))


def extent_key(doc: Doc, spans: Iterable[TokenSpan], text: str | None = None) -> Key:
    """:func:`text_key` of token ``spans`` (``text``: ``doc.text``, if at hand)."""
    chars = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in spans if b > a]
    return text_key(doc.text if text is None else text, chars)


def _size(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


def _odds(log_ratio: float) -> str:
    for edge in _ODDS_BINS:
        if log_ratio < edge:
            return f"<{edge:g}"
    return ">3"


class _Reader:
    """The token facts the edit features read, for one document."""

    def __init__(self, doc: Doc, joint: Sequence[str], text: str) -> None:
        self.doc = doc
        self.text = text
        self.joint = joint
        self.n = len(doc)

    def token(self, i: int, prefix: str) -> list[str]:
        if i < 0 or i >= self.n:
            return [prefix + "pad"]
        t = self.doc[i]
        return [prefix + "w=" + t.lower_, prefix + "p=" + t.tag_, prefix + "d=" + t.dep_,
                prefix + "hp=" + t.head.pos_]  # fmt: skip

    def relation(self, i: int, lo: int, hi: int, cue: TokenSpan) -> str:
        """Where token ``i``'s head is: the cue, inside ``lo:hi``, elsewhere, or itself."""
        h = self.doc[i].head.i
        if h == i:
            return "root"
        if cue[0] <= h < cue[1]:
            return "cue"
        return "in" if lo <= h < hi else "out"

    def top(self, lo: int, hi: int) -> int:
        """The first token of ``lo:hi`` whose head is outside it."""
        for j in range(lo, hi):
            h = self.doc[j].head.i
            if not lo <= h < hi or h == j:
                return j
        return lo

    def joint_in(self, lo: int, hi: int) -> str:
        return "".join(sorted(set(self.joint[lo:hi])))


def _cuts_end(r: _Reader, a: int, b: int) -> list[int]:
    doc = r.doc
    return [
        k
        for k in range(a + 1, b)
        if doc[k].text in _CUT_MARKS or doc[k].lower_ in _CUT_WORDS or doc[k].dep_ in ("cc", "mark")
    ]


def _cuts_start(r: _Reader, a: int, b: int) -> list[int]:
    doc = r.doc
    return [
        k
        for k in range(a + 1, b)
        if doc[k].lower_ in _START_WORDS
        or doc[k - 1].text in _CUT_MARKS
        or doc[k - 1].text in _OPENING
    ]


def _end_features(r: _Reader, a: int, b: int, k: int, cue: TokenSpan) -> list[str]:
    doc = r.doc
    removed = doc[k:b]
    top = r.top(k, b)
    return [
        *r.token(k, "e_"), *r.token(k - 1, "e-1_"), *r.token(k + 1, "e+1_"),
        "e_n=" + _size(b - k),
        "e_verb=" + str(any(t.pos_ in ("VERB", "AUX") for t in removed)),
        "e_q=" + str(any(t.text in _CLOSING for t in removed)),
        "e_headout=" + str(not a <= doc[k].head.i < k),
        "e_w_d=" + doc[k].lower_ + "|" + doc[k].dep_,
        "e_w_w1=" + doc[k].lower_ + "|" + (doc[k + 1].tag_ if k + 1 < r.n else ""),
        "e_rel=" + r.relation(k, a, k, cue),
        "e_jt=" + r.joint[k] + r.joint[k - 1],
        "e_top=" + doc[top].dep_ + "|" + r.relation(top, a, k, cue),
    ]  # fmt: skip


def _sentence_end_features(r: _Reader, b: int, k: int) -> list[str]:
    return [
        "es_jt=" + r.joint_in(b, k),
        "es_n=" + _size(k - b),
        "es_q=" + str(any(r.doc[j].text in _ONE_CHAR_CLOSE for j in range(b, k))),
        *r.token(b, "es_"),
    ]


def _start_features(r: _Reader, a: int, b: int, k: int, cue: TokenSpan) -> list[str]:
    doc = r.doc
    top = r.top(a, k)
    return [
        *r.token(k, "s_"), *r.token(k - 1, "s-1_"),
        "s_n=" + _size(k - a),
        "s_jt=" + r.joint[k - 1] + r.joint[k],
        "s_top=" + doc[top].dep_ + "|" + r.relation(top, k, b, cue),
        "s_rel=" + r.relation(k, k, b, cue),
        "s_verb=" + str(any(t.pos_ in ("VERB", "AUX") for t in doc[a:k])),
    ]  # fmt: skip


def _sentence_start_features(r: _Reader, a: int, k: int) -> list[str]:
    return ["ss_n=" + _size(a - k), *r.token(a - 1, "ss_-1")]


@dataclass(frozen=True)
class Boundary:
    """A new end (exclusive) or start for a content: the edit's name, the token it is at,
    and the features that describe it."""

    name: str
    at: int
    features: list[str]


class EditCase:
    """One content of one cue as the edit rules read it: its parts, the cue, the joint
    tagger's role for each token (``con``, ``sou``, ``cue`` or ``O``), and the new ends and
    starts the boundary rules find for it."""

    def __init__(
        self,
        doc: Doc,
        content: Sequence[TokenSpan],
        cue: TokenSpan,
        joint: Sequence[str],
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.reader = _Reader(doc, joint, doc.text if text is None else text)
        self.text = self.reader.text
        self.joint = joint
        self.content = list(content)
        self.cue = cue
        (self.a0, self.b0), (self.a, self.b) = self.content[0], self.content[-1]
        """The first part's start and end, and the last part's."""
        self.last = doc[self.b - 1]
        """The content's last token."""

    @cached_property
    def ends(self) -> list[Boundary]:
        """The new ends of the last part: each rule of :data:`END_RULES` in turn."""
        return [found for rule in END_RULES for found in rule(self)]

    @cached_property
    def starts(self) -> list[Boundary]:
        """The new starts of the first part: each rule of :data:`START_RULES` in turn."""
        return [found for rule in START_RULES for found in rule(self)]


BoundaryRule = Callable[[EditCase], Iterable[Boundary]]
"""A rule that finds new ends (or starts) of a content."""
Candidate = tuple[str, list[TokenSpan], list[str]]
"""An edit as a rule proposes it: its name, its parts, the features that describe it."""
EditRule = Callable[[EditCase], Iterable[Candidate]]
"""A rule that proposes edits of a content."""


def end_before_break(c: EditCase) -> Iterator[Boundary]:
    """``end``: before punctuation, a conjunction, a subordinator or a relative word inside
    the last part: "a curfew in the old town, following two nights of clashes" may end
    before ", following"."""
    a, b = c.a, c.b
    cuts = _cuts_end(c.reader, a, b)
    for rank, k in enumerate(cuts):
        yield Boundary(
            "end",
            k,
            [
                *_end_features(c.reader, a, b, k, c.cue),
                "e_rank=" + str(min(len(cuts) - rank, 3)),
                "e_frac=" + str(round(4 * (k - c.a0) / max(b - c.a0, 1))),
            ],
        )


def end_at_sentence_end(c: EditCase) -> Iterator[Boundary]:
    """``endsent``: run on to the end of the sentence: "the patrols would stay" in "The
    chief said the patrols would stay until Friday." may run on to "… until Friday."."""
    sentence_end = c.last.sent.end
    if sentence_end > c.b:
        yield Boundary("endsent", sentence_end, _sentence_end_features(c.reader, c.b, sentence_end))


def start_after_break(c: EditCase) -> Iterator[Boundary]:
    """``start``: at "that", "to", "whether" …, or after a comma, a colon, a dash or an
    opening quotation mark inside the first part: "reporters that the patrols would stay"
    in "The chief warned reporters that the patrols would stay." may start at "that"."""
    a0, b0 = c.a0, c.b0
    doc = c.doc
    for rank, k in enumerate(_cuts_start(c.reader, a0, b0)):
        yield Boundary(
            "start",
            k,
            [
                *_start_features(c.reader, a0, b0, k, c.cue),
                "s_rank=" + str(min(rank + 1, 3)),
                "s_frac=" + str(round(4 * (k - a0) / max(b0 - a0, 1))),
                "s_wk=" + doc[k].lower_ + "|" + doc[k - 1].tag_,
            ],
        )


def start_at_sentence_start(c: EditCase) -> Iterator[Boundary]:
    """``startsent``: where the sentence starts: "the patrols would stay" in "The chief
    said the patrols would stay." may start at "The"."""
    sentence_start = c.doc[c.a0].sent.start
    if sentence_start < c.a0:
        yield Boundary(
            "startsent", sentence_start, _sentence_start_features(c.reader, c.a0, sentence_start)
        )


END_RULES: tuple[BoundaryRule, ...] = (end_before_break, end_at_sentence_end)
"""The rules that find new ends, in order."""
START_RULES: tuple[BoundaryRule, ...] = (start_after_break, start_at_sentence_start)
"""The rules that find new starts, in order."""


def as_it_is(c: EditCase) -> Iterator[Candidate]:
    """``id``: the content unchanged, described by its edges, length, parts and what the
    joint tagger made of its neighbours: "the bridge was safe" in "The mayor said the
    bridge was safe." gives ``id_lastp=JJ``, ``id_first=DT``, ``id_len=4-7`` …"""
    doc, r, joint, content = c.doc, c.reader, c.joint, c.content
    a0, b, last = c.a0, c.b, c.last
    yield (
        "id",
        content,
        [
            "id_last=" + last.lower_ if last.is_punct else "id_lastp=" + last.tag_,
            "id_first=" + doc[a0].tag_,
            "id_len=" + _size(sum(y - x for x, y in content)),
            "id_parts=" + str(len(content)),
            *r.token(b, "id_after_"),
            *r.token(a0 - 1, "id_before_"),
            "id_sentend=" + str(b >= last.sent.end),
            "id_jt_after=" + (joint[b] if b < r.n else "pad"),
            "id_jt_before=" + (joint[a0 - 1] if a0 else "pad"),
            "id_jt_in=" + r.joint_in(a0, b),
        ],
    )


def new_end(c: EditCase) -> Iterator[Candidate]:
    """The last part with each new end of :data:`END_RULES`: "the patrols would stay until
    Friday, when the talks resume" gives "the patrols would stay until Friday" (and the
    same with its comma, and run on to the sentence's end)."""
    for end in c.ends:
        yield end.name, [*c.content[:-1], (c.a, end.at)], end.features


def new_start(c: EditCase) -> Iterator[Candidate]:
    """The first part with each new start of :data:`START_RULES`; a content of one part
    also with each later new end (``start+end``, ``startsent+endsent`` …): "reporters
    that the patrols would stay" in "The chief warned reporters that the patrols would
    stay, in the end." gives "that the patrols would stay" and, with the sentence's end,
    "that the patrols would stay, in the end."."""
    for start in c.starts:
        yield start.name, [(start.at, c.b0), *c.content[1:]], start.features
        if len(c.content) == 1:
            for end in c.ends:
                if end.at > start.at:
                    name = start.name + "+" + end.name
                    yield name, [(start.at, end.at)], [*start.features, *end.features]


def merge_parts(c: EditCase) -> Iterator[Candidate]:
    """``merge``: the parts of a content in several, as one with what lies between them:
    "“The water is rising,” the engineer said, “and the levee will not hold.”" as one
    stretch (``m_cue=True``: the cue with it)."""
    content, doc, cue = c.content, c.doc, c.cue
    if len(content) < 2:
        return
    a0, b0, b = c.a0, c.b0, c.b
    gap = doc[b0 : content[-1][0]]
    yield (
        "merge",
        [(a0, b)],
        [
            "m_gap=" + _size(len(gap)),
            "m_q=" + str(any(t.text in _CLOSING for t in gap)),
            "m_cue=" + str(b0 <= cue[0] < content[-1][0]),
            "m_sent=" + str(doc[b0 - 1].sent.start == doc[content[-1][0]].sent.start),
        ],
    )


def drop_part(c: EditCase) -> Iterator[Candidate]:
    """``drop``: a content in several parts without one of them, each in turn: "“The water
    is rising,” the engineer said, “and the levee will not hold.”" without either
    quotation (``d_i=first``, ``d_i=last``)."""
    content, doc, cue, r = c.content, c.doc, c.cue, c.reader
    if len(content) < 2:
        return
    for i, (x, y) in enumerate(content):
        place = "first" if i == 0 else "last" if i == len(content) - 1 else "mid"
        yield (
            "drop",
            content[:i] + content[i + 1 :],
            [
                "d_i=" + place,
                "d_n=" + _size(y - x),
                "d_q=" + str(doc[x].text in _OPENING),
                "d_side=" + ("b" if y <= cue[0] else "a"),
                "d_sent=" + str(doc[x].sent.start == doc[cue[0]].sent.start),
                "d_jt=" + r.joint_in(x, y),
            ],
        )


def split_at_sentence(c: EditCase) -> Iterator[Candidate]:
    """``split``: a content of one part in two where a sentence starts inside it: "the
    dam held. Nobody was hurt" as "the dam held." and "Nobody was hurt"."""
    if len(c.content) != 1:
        return
    doc = c.doc
    for k in range(c.a0 + 1, c.b0):
        if doc[k].is_sent_start:
            features = ["sp_n=" + _size(k - c.a0), *c.reader.token(k - 1, "sp_-1")]
            yield "split", [(c.a0, k), (k, c.b0)], features


EDIT_RULES: tuple[EditRule, ...] = (
    as_it_is,
    new_end,
    new_start,
    merge_parts,
    drop_part,
    split_at_sentence,
)
"""The rules that propose edits, in order: where two give one extent, the first is kept
(so the content as it is comes first, and the ranker sees each extent once)."""


def edits(
    doc: Doc,
    content: Sequence[TokenSpan],
    cue: TokenSpan,
    joint: Sequence[str],
    text: str | None = None,
) -> list[Edit]:
    """The content as it is (first), and each distinct edit of it: each rule of
    :data:`EDIT_RULES` in turn. ``joint``: the joint tagger's role for each token
    (``con``, ``sou``, ``cue`` or ``O``); ``text``: ``doc.text``, if at hand."""
    case = EditCase(doc, content, cue, joint, text)
    out: list[Edit] = []
    seen: set[Key] = set()
    for rule in EDIT_RULES:
        for name, spans, features in rule(case):
            spans = [s for s in spans if s[1] > s[0]]
            key = extent_key(doc, spans, case.text)
            if key and key not in seen:
                seen.add(key)
                out.append(Edit(name, spans, [name, *features], key))
    return out


def _with_tagger_odds(
    doc: Doc, found: list[Edit], tagger: pycrfsuite.Tagger, context: CueContext, cue: TokenSpan
) -> list[Edit]:
    """``found`` plus the content tagger's own reading of the cue's content, each with how
    much likelier than the first the tagger finds it (the tagger holds the cue's
    window afterwards)."""
    held = context.tag(tagger, cue)
    if held is None:
        return found
    lo, hi, best = held
    tagged = tagged_spans(lo, best)
    keys = {e.key for e in found}
    key = extent_key(doc, tagged, context.text)
    if key and key not in keys:
        found = [*found, Edit("cc", tagged, ["cc", "cc_parts=" + str(len(tagged))], key)]

    def log_p(spans: list[TokenSpan]) -> float:
        return math.log10(max(tagger.probability(span_labels(spans, lo, hi)), 1e-300))

    base = log_p(found[0].spans)
    for e in found:
        odds = _odds(log_p(e.spans) - base)
        e.features.extend(("ccr=" + odds, e.name + "|ccr=" + odds))
    return found


def draft_edits(
    doc: Doc, draft: AttributionDraft, tagger: pycrfsuite.Tagger, context: CueContext
) -> list[Edit]:
    """Every edit of ``draft``'s content, with the features the ranker scores (the
    first is the content as it is)."""
    found = edits(doc, draft.content, draft.cue, context.roles, context.text)
    found = _with_tagger_odds(doc, found, tagger, context, draft.cue)
    cue = doc[draft.cue[0] : draft.cue[1]]
    c = draft.content
    side = "b" if c[-1][1] <= draft.cue[0] else "a" if c[0][0] >= draft.cue[1] else "x"
    common = ["kind=" + draft.kind, "cue=" + cue.root.lemma_.lower(), "side=" + side,
              "ks=" + draft.kind + side]  # fmt: skip
    for e in found:
        e.features.extend([*(e.name + "|" + f for f in common), "bias"])
    return found


class ExtentRanker:
    """Weights of the edit features; an edit's score is the sum of its features'."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights

    @classmethod
    def load(cls, path: Path) -> ExtentRanker:
        weights = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(weights, dict) or not weights:
            raise ModelError(str(path), "no ranker weights")
        return cls({str(k): float(v) for k, v in weights.items()})

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.weights, sort_keys=True, indent=0) + "\n", encoding="utf-8")

    def score(self, features: Iterable[str]) -> float:
        w = self.weights
        return sum(w.get(f, 0.0) for f in features)

    def best(self, found: Sequence[Edit]) -> int:
        """The index of the best-scoring edit; 0 (as it is) unless another beats it."""
        scores = [self.score(e.features) for e in found]
        best = max(range(len(found)), key=scores.__getitem__)
        return best if scores[best] > scores[0] else 0


def load_ranker(directory: Path) -> ExtentRanker | None:
    """The ranker of a model folder, or ``None`` when it has none."""
    path = directory / EXTENT_RANKER
    return ExtentRanker.load(path) if path.is_file() else None


def choose_extent(
    ranker: ExtentRanker, tagger: pycrfsuite.Tagger, context: CueContext, draft: AttributionDraft
) -> None:
    """Give ``draft`` the best-scoring edit of its content. Whole quotations are left as
    they are, as the second look leaves them (on PolNeAR dev ranking them too gains
    nothing, for more time)."""
    if not draft.content or draft.kind == "direct":
        return
    doc = context.doc
    found = draft_edits(doc, draft, tagger, context)
    k = ranker.best(found) if len(found) > 1 else 0
    if k:
        draft.content = found[k].spans
        draft.kind = attribution_kind(doc, draft.cue, draft.content)


def fit_ranker(
    groups: Sequence[tuple[list[list[str]], list[bool]]],
    *,
    l2: float = 10.0,
    iterations: int = 300,
    rate: float = 0.1,
    min_count: int = 2,
) -> ExtentRanker:
    """A conditional logit over groups of edits (features, whether each is right), each
    with at least one right edit, trained with Adam on the mean log likelihood plus
    ``l2`` / groups × squared weights; features seen in fewer than ``min_count`` edits are
    left out. Deterministic: full batches, fixed order, zero start."""
    import numpy as np

    if not groups:
        raise ValueError("no groups of edits to fit the ranker to")
    counts: dict[str, int] = {}
    for features, _ in groups:
        for fs in features:
            for f in set(fs):
                counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows: list[int] = []
    columns: list[int] = []
    target: list[float] = []
    starts: list[int] = []
    for features, right in groups:
        starts.append(len(target))
        share = 1.0 / sum(right)
        for fs, ok in zip(features, right, strict=True):
            for f in sorted(set(fs)):
                if f in vocab:
                    rows.append(len(target))
                    columns.append(vocab[f])
            target.append(share if ok else 0.0)
    n_rows, n_groups = len(target), len(groups)
    row = np.array(rows, dtype=np.int64)
    col = np.array(columns, dtype=np.int64)
    y = np.array(target)
    first = np.array(starts, dtype=np.int64)
    group_of = np.repeat(np.arange(n_groups), np.diff(np.append(first, n_rows)))
    w = np.zeros(len(vocab))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, iterations + 1):
        s = np.bincount(row, weights=w[col], minlength=n_rows)
        e = np.exp(s - np.maximum.reduceat(s, first)[group_of])
        p = e / np.add.reduceat(e, first)[group_of]
        g = np.bincount(col, weights=(p - y)[row], minlength=len(w)) / n_groups
        g += l2 * w / n_groups
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {f: round(float(x), 4) for f, x in zip(names, w, strict=True) if abs(x) >= 1e-3}
    return ExtentRanker(weights)
