"""Property: whatever text comes in, `analyze` either returns a ledger that keeps the
contract (text as given, every span quotes it, nothing of the analysis in the furniture)
or raises InputError, never anything else.

The text is built from pieces news is made of — words, names, numbers in digits and
words, quotation marks and dashes of every kind, odd spaces, furniture lines, line
breaks — and from arbitrary characters, so that the pieces meet in ways no article
shows."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from according.analyze import Analyzer
from according.errors import InputError
from according.records import Document
from according.typography import APOSTROPHES, HYPHENS, ODD_SPACES
from ledger_checks import check_ledger

_WORDS = (
    "said", "told", "according to", "killed", "wounded", "hostages", "released", "held",
    "the army", "officials", "Minister", "Hamas", "Gaza", "police", "people", "at least",
    "more than", "between", "and", "dozens", "ninety-six", "1,400", "2.5 million", "12",
    "on Tuesday", "October 7", "since", "he", "she", "they", "Read more", "Source link",
)  # fmt: skip
_MARKS = tuple("“”‘’\"'«»—–―-:;,.()[]") + tuple(HYPHENS) + tuple(APOSTROPHES)
_BLANKS = (" ", " ", " ", "\n", "\n\n", "\t", *ODD_SPACES)

_piece = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_MARKS),
    st.sampled_from(_BLANKS),
    st.from_regex(r"[A-Z][a-z]{1,9}( [A-Z][a-z]{1,9})?", fullmatch=True),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.text(min_size=1, max_size=4),
)
_texts = st.lists(_piece, min_size=1, max_size=60).map("".join)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=_texts, published=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))
def test_analyze_keeps_the_contract_or_says_why(
    analyzer: Analyzer, text: str, published: dt.date | None
) -> None:
    try:
        ledger = analyzer.analyze(Document(id="generated.txt", text=text, published=published))
    except InputError as error:
        assert error.source == "generated.txt"
        return
    check_ledger(ledger.to_json(), text)
