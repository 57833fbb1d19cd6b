"""Site and aggregator furniture: find it, report it, keep it out of the analysis.

Furniture is a whole line that is only a site's chrome: "Source link", "Leave a Comment",
"Read more", share and subscribe lines, cookie notices. A line that merely contains such
words inside a sentence is article text and stays.

:func:`mark_boilerplate` records the furniture as the document's ``boilerplate`` spans and
leaves ``text`` as it is: the ledger's text is the input as given. The analysis, search and
repost signatures read :attr:`according.records.Document.analysed_text`, where the
furniture is blanked with spaces, so every offset into it still indexes the input.
"""

from __future__ import annotations

import re
from dataclasses import replace

from according.records import Document, Span
from according.wordlists import load_list

__all__ = ["find_boilerplate", "mark_boilerplate"]

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


def mark_boilerplate(document: Document) -> Document:
    """``document`` with the furniture of its text added to ``boilerplate``; its ``text``
    is left as it is.

    >>> mark_boilerplate(Document("d", "Hello.\nRead more\n")).boilerplate
    (Span(start=7, end=16, text='Read more'),)
    """
    spans = find_boilerplate(document.text)
    known = set(document.boilerplate)
    new = tuple(s for s in spans if s not in known)
    if not new:
        return document
    return replace(document, boilerplate=tuple(document.boilerplate) + new)
