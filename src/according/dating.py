"""Calendar words, and the date a text's header gives.

The month names of ``data/months.txt`` numbered, and the weekday names, for every
layer (``nlp.dates`` resolves dates in the body with them; ingest reads a page's date
line with them).
"""

from __future__ import annotations

import datetime as dt
import re

from according.wordlists import load_list

__all__ = ["MONTHS", "WEEKDAYS", "header_date"]


def _months() -> dict[str, int]:
    """Month names and abbreviations (``data/months.txt``, which number rules read too)
    and their numbers: the file gives each month's name, then its abbreviations."""
    numbers: dict[str, int] = {}
    month, full = 0, ""
    for name in (n.lower() for n in load_list("months")):
        if not full.startswith(name):
            month, full = month + 1, name
        numbers[name] = month
    return numbers


MONTHS = _months()
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

HEADER_LINES = 8
"""How many of a text's first lines are its header."""
DATE_LINE_WORDS = 6
"""A date line holds at most this many words besides its date ("This story is from",
"Updated 10:32 a.m. EST, Tue."): a longer line is a sentence of the story."""

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_FULL_DATES = (
    re.compile(
        rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(
        rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)
_WORD = re.compile(r"[^\W\d_]+")


def header_date(text: str) -> dt.date | None:
    """The date of a text's date line: one of its first lines that is a full date with
    a few words at most ("This story is from March 4, 2002", "Updated: 4 March 2002
    10:32 IST"), as pages print their publication date above or below the headline.
    None when no such line is found (a date in a sentence of the story is the date of
    what it tells, not of the page).

    >>> header_date("Toll rises to 430\\n\\nThis story is from March 4, 2002\\n\\nahmedabad: ...")
    datetime.date(2002, 3, 4)
    >>> header_date("Riots spread\\n\\nThe riots that began on March 4, 2002 spread to Surat.")
    """
    for line in text.splitlines()[:HEADER_LINES]:
        for pattern in _FULL_DATES:
            m = pattern.search(line)
            if m is None:
                continue
            rest = line[: m.start()] + " " + line[m.end() :]
            if len(_WORD.findall(rest)) > DATE_LINE_WORDS:
                break
            month = m.group("month")
            number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
            try:
                return dt.date(int(m.group("year")), number, int(m.group("day")))
            except ValueError:
                break
    return None
