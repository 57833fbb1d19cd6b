"""Dates: found in the text and normalised to ISO dates relative to the published date.

``October 7`` in an article published on 2023-10-26 is 2023-10-07; ``Tuesday`` is the
last Tuesday on or before the published date; ``yesterday`` the day before it. A date
given with its year needs no published date. The value is as precise as the text:
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. Phrases that name no calendar date ("a few
days", "last week") are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from according.dating import MONTHS, WEEKDAYS
from according.nlp.parser_text import as_written
from according.records import DateMention

__all__ = ["DateFinder", "resolve_dates"]

RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
LOOKAHEAD_DAYS = 60
"""A month and day without a year fall in the published year unless that puts them more
than this many days after publication; then they are last year's."""

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"

_PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("my", re.compile(rf"\b{_MONTH}(?:\s+of)?,?\s+{_YEAR}\b", re.I)),
    ("numeric", re.compile(r"\b(?P<month>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)/(?P<year>\d{4})\b")),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<rel>last|this|next|on|past)\s+)?{_WEEKDAY}(?!\w)", re.I),
    ),
    ("relative", re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven)\s+days\s+ago\b", re.I)),
    ("year", re.compile(rf"\b(?:in\s+)?{_YEAR}\b", re.I)),
]
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: dt.date) -> dt.date | None:
    date = _safe_date(published.year, month, day)
    if date is None:
        return None
    if (date - published).days > LOOKAHEAD_DAYS:
        date = _safe_date(published.year - 1, month, day)
    return date


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> str | None:
    g = m.groupdict()
    if kind in ("iso", "numeric") or (kind in ("mdy", "dmy") and g.get("year")):
        date = _safe_date(int(g["year"]), _month(g["month"]), int(g["day"]))
        return date.isoformat() if date else None
    if kind in ("mdy", "dmy"):
        if published is None:
            return None
        date = _infer_year(_month(g["month"]), int(g["day"]), published)
        return date.isoformat() if date else None
    if kind == "my":
        return f"{int(g['year']):04d}-{_month(g['month']):02d}"
    if kind == "year":
        return g["year"]
    if published is None:
        return None
    if kind == "relative":
        return (published + dt.timedelta(days=RELATIVE_DAYS[g["word"].lower()])).isoformat()
    if kind == "ago":
        n = g["n"].lower()
        days = int(n) if n.isdigit() else _SMALL[n]
        return (published - dt.timedelta(days=days)).isoformat()
    if kind == "weekday":
        target = WEEKDAYS[g["weekday"].lower().rstrip(".")]
        rel = (g.get("rel") or "").lower()
        back = (published.weekday() - target) % 7
        if rel == "next":
            ahead = (target - published.weekday()) % 7 or 7
            return (published + dt.timedelta(days=ahead)).isoformat()
        if rel == "last" and back == 0:
            back = 7
        return (published - dt.timedelta(days=back)).isoformat()
    return None


def resolve_dates(text: str, offset: int, published: dt.date | None) -> Iterator[DateMention]:
    """The calendar dates named in ``text`` (a date phrase found at ``offset`` of its
    document), each normalised against ``published``; overlapping readings give way to
    the first, most specific pattern."""
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            value = _resolve(kind, m, published)
            if value is None:
                continue
            if kind == "weekday" and (m.group("rel") or "").lower() == "on":
                start = m.start("weekday")
            if kind == "year" and text[start:end].lower().startswith("in"):
                start = m.start("year")
            taken.append((start, end))
            yield DateMention(offset + start, offset + end, text[start:end], value)


class DateFinder:
    """Finds the dates in a Doc's DATE entities (``doc._.according_dates``), normalised
    against ``doc._.published``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published: dt.date | None = doc._.published
        found: list[DateMention] = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            found.extend(resolve_dates(as_written(ent), ent.start_char, published))
        found.sort(key=lambda d: d.start)
        doc._.according_dates = found
        return doc
