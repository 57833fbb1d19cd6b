from __future__ import annotations

import datetime as dt

import pytest

from according.dating import MONTHS
from according.nlp.dates import resolve_dates

PUB = dt.date(2023, 10, 26)  # a Thursday


@pytest.mark.parametrize(
    ("phrase", "published", "value", "text"),
    [
        ("October 7", PUB, "2023-10-07", "October 7"),
        ("Oct. 7", PUB, "2023-10-07", "Oct. 7"),
        ("7 October", PUB, "2023-10-07", "7 October"),
        ("the 7th of October", PUB, "2023-10-07", "7th of October"),
        ("December 28", dt.date(2024, 1, 3), "2023-12-28", "December 28"),
        ("November 10", PUB, "2023-11-10", "November 10"),
        ("March 3, 2026", None, "2026-03-03", "March 3, 2026"),
        ("3 March 2026", None, "2026-03-03", "3 March 2026"),
        ("2016-09-12", None, "2016-09-12", "2016-09-12"),
        ("9/12/2016", None, "2016-09-12", "9/12/2016"),
        ("September 2016", None, "2016-09", "September 2016"),
        ("in 2002", None, "2002", "2002"),
        ("Tuesday", PUB, "2023-10-24", "Tuesday"),
        ("on Thursday", PUB, "2023-10-26", "Thursday"),
        ("last Thursday", PUB, "2023-10-19", "last Thursday"),
        ("next Monday", PUB, "2023-10-30", "next Monday"),
        ("yesterday", PUB, "2023-10-25", "yesterday"),
        ("today", PUB, "2023-10-26", "today"),
        ("three days ago", PUB, "2023-10-23", "three days ago"),
    ],
)
def test_date_phrases_resolve_against_the_published_date(
    phrase: str, published: dt.date | None, value: str, text: str
) -> None:
    found = list(resolve_dates(phrase, 100, published))
    assert [(d.text, d.value) for d in found] == [(text, value)]
    d = found[0]
    assert phrase[d.start - 100 : d.end - 100] == d.text


@pytest.mark.parametrize("phrase", ["October 7", "Tuesday", "yesterday"])
def test_relative_dates_need_a_published_date(phrase: str) -> None:
    assert list(resolve_dates(phrase, 0, None)) == []


@pytest.mark.parametrize("phrase", ["a few days", "the next few days", "last week", "February 30"])
def test_phrases_naming_no_calendar_date_are_left_out(phrase: str) -> None:
    assert list(resolve_dates(phrase, 0, PUB)) == []


def test_the_month_table_numbers_each_name_and_abbreviation() -> None:
    assert set(MONTHS.values()) == set(range(1, 13))
    assert (MONTHS["january"], MONTHS["may"], MONTHS["sept"], MONTHS["dec"]) == (1, 5, 9, 12)
