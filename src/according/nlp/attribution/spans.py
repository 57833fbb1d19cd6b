"""Token spans and the tags that mark them: what the taggers, the linker, the second look
and the extent ranker all speak in.

- :data:`TokenSpan`: tokens ``start:end`` of a Doc; :data:`ROLES`: the roles a span can
  have in an attribution.
- :func:`spans_from_tags`: the spans a BIO tag sequence marks for one role (the joint
  tagger's ``B-source``, ``I-cue`` …).
- :func:`content_labels`, :func:`span_labels`, :func:`tagged_spans`: the content
  tagger's ``B``/``I``/``O`` labels of a window and the spans they mark, both ways.

This module imports nothing of the package: every other attribution module may use it.
"""

from __future__ import annotations

__all__ = [
    "ROLES",
    "TokenSpan",
    "content_labels",
    "span_labels",
    "spans_from_tags",
    "tagged_spans",
]

ROLES = ("source", "cue", "content")
"""The roles of an attribution's spans, in the order the joint tagger's tags are read."""

TokenSpan = tuple[int, int]
"""Tokens ``start:end`` of a Doc."""


def spans_from_tags(tags: list[str], role: str) -> list[TokenSpan]:
    """The token spans a BIO tag sequence marks for ``role`` (an ``I`` with no ``B``
    before it opens a span)."""
    out: list[TokenSpan] = []
    start: int | None = None
    begin, inside = "B-" + role, "I-" + role
    for i, tag in enumerate(tags):
        if tag == begin or (tag == inside and start is None):
            if start is not None:
                out.append((start, i))
            start = i
        elif tag != inside and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(tags)))
    return out


def content_labels(tokens: set[int], lo: int, hi: int) -> list[str]:
    """``B``/``I``/``O`` for tokens ``lo:hi``, given the tokens of the content."""
    labels: list[str] = []
    inside = False
    for i in range(lo, hi):
        if i in tokens:
            labels.append("I" if inside else "B")
            inside = True
        else:
            labels.append("O")
            inside = False
    return labels


def span_labels(spans: list[TokenSpan], lo: int, hi: int) -> list[str]:
    """:func:`content_labels` of the tokens of ``spans``, faster."""
    labels = ["O"] * (hi - lo)
    end = lo
    for a, b in sorted(spans):
        a, b = max(a, lo), min(b, hi)
        if a >= b:
            continue
        if a > end or a == lo:
            labels[a - lo] = "B"
            a += 1
        elif a < end:
            a = end
        labels[a - lo : b - lo] = ["I"] * (b - a)
        end = max(end, b)
    return labels


def tagged_spans(lo: int, tags: list[str]) -> list[TokenSpan]:
    """The content spans the content tagger's ``tags`` (``B``/``I``/``O`` for the tokens
    from ``lo`` on) mark."""
    marked = [t if t == "O" else t + "-content" for t in tags]
    return [(a + lo, b + lo) for a, b in spans_from_tags(marked, "content")]
