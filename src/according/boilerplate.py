"""Site and aggregator furniture: find it, report it, keep it out of the analysis.

Furniture is a whole line that is only a site's chrome: "Source link", "Leave a Comment",
"Read more", share and subscribe lines, cookie notices. A line that merely contains such
words inside a sentence is article text and stays.

:func:`strip_boilerplate` blanks furniture with spaces rather than cutting it out, so the
text keeps its length and every offset still indexes the input; the furniture itself is
kept, characters and all, as the document's ``boilerplate`` spans.
"""

from __future__ import annotations

import re
from dataclasses import replace

from according.records import Document, Span
from according.wordlists import load_list

__all__ = ["find_boilerplate", "strip_boilerplate"]

MAX_LINE = 200
"""Furniture lines are short; a longer line is article text whatever it says."""


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_FURNITURE = _compile(load_list("boilerplate"))
_LINE = re.compile(r"[^\n]+")


def find_boilerplate(text: str) -> list[Span]:
    """The furniture lines of ``text``, each as the span of the line without its
    surrounding white space."""
    found: list[Span] = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped or len(stripped) > MAX_LINE:
            continue
        if _FURNITURE.fullmatch(stripped):
            start = m.start() + (len(line) - len(line.lstrip()))
            found.append(Span.of(text, start, start + len(stripped)))
    return found


def strip_boilerplate(document: Document) -> Document:
    """``document`` with its furniture recorded in ``boilerplate`` and blanked in ``text``.

    Blanking keeps every character's offset: line breaks stay, everything else in a
    furniture span becomes a space.
    """
    spans = find_boilerplate(document.text)
    if not spans:
        return document
    chars = list(document.text)
    for span in spans:
        for i in range(span.start, span.end):
            if chars[i] != "\n":
                chars[i] = " "
    return replace(
        document, text="".join(chars), boilerplate=tuple(document.boilerplate) + tuple(spans)
    )
