"""The number-expression finder: what could count people, and what never can."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from according.nlp.figures import numbers
from according.nlp.figures.numbers import (
    MAX_COUNT,
    MAX_NUMERAL_DIGITS,
    NumberExpr,
    find_numbers,
    parse_number_words,
)
from according.typography import APOSTROPHES, HYPHENS, ODD_SPACES

Found = tuple[str, int, str, int | None, int | None, bool]


def found(sentence: str) -> list[Found]:
    """(text, value, qualifier, low, high, vague) of each number found."""
    return [(n.text, n.value, n.qualifier, n.low, n.high, n.vague) for n in find_numbers(sentence)]


def texts(sentence: str) -> list[str]:
    return [n.text for n in find_numbers(sentence)]


def qualifier_words(sentence: str) -> list[str | None]:
    return [
        None if n.qualifier_start is None else sentence[n.qualifier_start : n.qualifier_end]
        for n in find_numbers(sentence)
    ]


# ---------------------------------------------------------------- digits


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Police said 224 people were detained overnight in the capital.",
            [("224", 224, "exact", 224, 224, False)],
        ),
        (
            "The blast destroyed the market and left 1,400 families without shelter.",
            [("1,400", 1400, "exact", 1400, 1400, False)],
        ),
        (
            "Officials counted 1,09,503 people in the relief camps by Sunday evening.",
            [("1,09,503", 109503, "exact", 109503, 109503, False)],
        ),
        (
            "The agency says 1.2 million people have fled the fighting since spring.",
            [("1.2 million", 1200000, "exact", 1200000, 1200000, False)],
        ),
        (
            "Floods have forced 2.5 lakh people into shelters across the district.",
            [("2.5 lakh", 250000, "exact", 250000, 250000, False)],
        ),
        (
            "The drought has affected 3 crore people, the state government said.",
            [("3 crore", 30000000, "exact", 30000000, 30000000, False)],
        ),
        (
            "The fighting has uprooted 1 million people in the region.",
            [("1 million", 1000000, "exact", 1000000, 1000000, False)],
        ),
        (
            "Aid groups say 5m people need food assistance this winter.",
            [("5m", 5000000, "exact", 5000000, 5000000, False)],
        ),
    ],
)
def test_digits_with_separators_and_scales(sentence: str, expected: list[Found]) -> None:
    assert found(sentence) == expected


def test_a_decimal_without_a_scale_is_no_count() -> None:
    # "1.500" is 1.5 written with a decimal point, not fifteen hundred
    assert found("The ministry listed 1.500 evacuees in its first report.") == []
    assert texts("About 1.500 million people voted.") == ["1.500 million"]


# ---------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Three soldiers were wounded in the ambush.", [("Three", 3, "exact", 3, 3, False)]),
        (
            "Ninety six people died when the ferry capsized.",
            [("Ninety six", 96, "exact", 96, 96, False)],
        ),
        (
            "Rescuers pulled ninety-six survivors from the rubble.",
            [("ninety-six", 96, "exact", 96, 96, False)],
        ),
        (
            "Twenty-three miners were trapped underground.",
            [("Twenty-three", 23, "exact", 23, 23, False)],
        ),
        (
            "Coast guards rescued one hundred and twelve passengers overnight.",
            [("one hundred and twelve", 112, "exact", 112, 112, False)],
        ),
        (
            "A hundred families fled the village.",
            [("A hundred", 100, "exact", 100, 100, False)],
        ),
        (
            "A dozen people were hurt in the stampede.",
            [("A dozen", 12, "about", None, None, False)],
        ),
        (
            "Two dozen protesters were arrested.",
            [("Two dozen", 24, "exact", 24, 24, False)],
        ),
        (
            "At least a half-dozen patrons were hurt.",
            [("a half-dozen", 6, "at_least", 6, None, False)],
        ),
        ("One soldier was killed on patrol.", [("One", 1, "exact", 1, 1, False)]),
        (
            "A thousand residents were evacuated.",
            [("A thousand", 1000, "exact", 1000, 1000, False)],
        ),
        (
            "The war has left half a million people homeless.",
            [("half a million", 500000, "exact", 500000, 500000, False)],
        ),
        (
            "The floods displaced two and a half million people.",
            [("two and a half million", 2500000, "exact", 2500000, 2500000, False)],
        ),
    ],
)
def test_number_words(sentence: str, expected: list[Found]) -> None:
    assert found(sentence) == expected


# ---------------------------------------------------------------- vague amounts


@pytest.mark.parametrize(
    ("sentence", "number", "value"),
    [
        ("Multiple people were injured in the crash.", "Multiple", 2),
        ("Several officers were hurt during the raid.", "Several", 3),
        ("Dozens of students were detained.", "Dozens", 24),
        ("Scores of villagers fled into the hills.", "Scores", 40),
        ("Tens of people were wounded by shrapnel.", "Tens", 20),
        ("Hundreds were arrested after the protest.", "Hundreds", 200),
        ("Thousands fled the city overnight.", "Thousands", 2000),
        ("Tens of thousands of people lost power and shelter.", "Tens of thousands", 20000),
        ("Hundreds of thousands of people have been displaced.", "Hundreds of thousands", 200000),
        ("Millions have fled the country since the war began.", "Millions", 2000000),
        ("Several hundred people marched to the ministry.", "Several hundred", 300),
    ],
)
def test_vague_amounts_are_at_least_their_most_conservative_reading(
    sentence: str, number: str, value: int
) -> None:
    assert found(sentence) == [(number, value, "at_least", value, None, True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "A few people were hurt when the roof gave way.",
        "Many residents fled and some were arrested.",
        "Some people stayed behind to guard their homes.",
    ],
)
def test_few_many_and_some_are_not_numbers(sentence: str) -> None:
    assert found(sentence) == []


# ---------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [
        ("about", "about"),
        ("around", "about"),
        ("some", "about"),
        ("roughly", "about"),
        ("nearly", "about"),
        ("almost", "about"),
        ("approximately", "about"),
        ("an estimated", "about"),
        ("close to", "about"),
        ("at least", "at_least"),
        ("no fewer than", "at_least"),
        ("no less than", "at_least"),
        ("more than", "more_than"),
        ("over", "more_than"),
        ("upwards of", "more_than"),
        ("in excess of", "more_than"),
        ("above", "more_than"),
        ("up to", "at_most"),
        ("at most", "at_most"),
        ("no more than", "at_most"),
        ("as many as", "at_most"),
        ("fewer than", "less_than"),
        ("less than", "less_than"),
        ("under", "less_than"),
        ("below", "less_than"),
    ],
)
def test_qualifier_words_before_a_number(words: str, qualifier: str) -> None:
    sentence = f"The ministry said {words} 200 people were killed in the strikes."
    (number,) = find_numbers(sentence)
    assert (number.text, number.value, number.qualifier) == ("200", 200, qualifier)
    assert qualifier_words(sentence) == [words]
    low, high = {
        "about": (None, None),
        "at_least": (200, None),
        "more_than": (200, None),
        "at_most": (None, 200),
        "less_than": (None, 200),
    }[qualifier]
    assert (number.low, number.high) == (low, high)


def test_more_than_1400_has_a_lower_bound_only() -> None:
    sentence = "More than 1,400 people were killed, officials said."
    assert found(sentence) == [("1,400", 1400, "more_than", 1400, None, False)]
    assert qualifier_words(sentence) == ["More than"]


def test_a_crossed_total_is_more_than_it() -> None:
    assert found("The death toll crossed 3,000 on Sunday.") == [
        ("3,000", 3000, "more_than", 3000, None, False)
    ]


def test_a_qualifier_governs_only_its_own_number() -> None:
    sentence = "At least 22 were killed and another 38 were injured in the attack."
    assert found(sentence) == [
        ("22", 22, "at_least", 22, None, False),
        ("38", 38, "exact", 38, 38, False),
    ]
    assert qualifier_words(sentence) == ["At least", None]


def test_some_before_a_number_is_about_and_alone_is_nothing() -> None:
    assert found("Some 200 villagers sheltered in the school.") == [
        ("200", 200, "about", None, None, False)
    ]
    assert found("Some villagers sheltered in the school.") == []


def test_a_qualifier_overrides_what_a_number_carries() -> None:
    assert found("More than a dozen people were hurt.") == [
        ("a dozen", 12, "more_than", 12, None, False)
    ]
    assert found("Nearly dozens were hurt.")[0][2] == "about"


@pytest.mark.parametrize(
    ("sentence", "expected", "words"),
    [
        (
            "Police said 20 or so people were hurt.",
            ("20", 20, "about", None, None, False),
            "or so",
        ),
        (
            "A crowd of 40-odd protesters gathered at the gate.",
            ("40", 40, "about", None, None, False),
            "odd",
        ),
        (
            "Four or more people were wounded.",
            ("Four", 4, "at_least", 4, None, False),
            "or more",
        ),
    ],
)
def test_qualifier_words_after_a_number(sentence: str, expected: Found, words: str) -> None:
    assert found(sentence) == [expected]
    assert qualifier_words(sentence) == [words]


def test_up_to_after_a_rise_is_a_total_not_a_bound() -> None:
    assert found("The death toll has gone up to 488.") == [("488", 488, "exact", 488, 488, False)]
    assert found("Up to 40 people may have been inside.") == [
        ("40", 40, "at_most", None, 40, False)
    ]


# ---------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("sentence", "number", "low", "high", "words"),
    [
        ("Between 10 and 15 aid workers were evacuated.", "10 and 15", 10, 15, "Between"),
        ("Police said 10-15 people were hurt.", "10-15", 10, 15, None),
        ("Police said 10–15 people were hurt.", "10–15", 10, 15, None),
        ("Four to five men opened fire.", "Four to five", 4, 5, None),
        ("Three or four gunmen fled on foot.", "Three or four", 3, 4, None),
        ("There are 20 camps with 35 to 40,000 people.", "35 to 40,000", 35000, 40000, None),
        (
            "The storm displaced between two and three million people.",
            "two and three million",
            2000000,
            3000000,
            "between",
        ),
        (
            "Anywhere from 20 to 30 people were inside.",
            "20 to 30",
            20,
            30,
            "Anywhere from",
        ),
    ],
)
def test_ranges_span_the_whole_range(
    sentence: str, number: str, low: int, high: int, words: str | None
) -> None:
    (expr,) = [n for n in find_numbers(sentence) if n.qualifier == "range"]
    assert (expr.text, expr.value, expr.low, expr.high, expr.vague) == (
        number,
        low,
        low,
        high,
        False,
    )
    assert qualifier_words(sentence)[-1] == words


def test_from_a_to_b_is_a_change_not_a_range() -> None:
    assert found("The toll rose from 30 to 57 overnight.") == [
        ("30", 30, "exact", 30, 30, False),
        ("57", 57, "exact", 57, 57, False),
    ]


# ---------------------------------------------------------------- traps


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # years
        ("In 2012, gunmen killed 40 villagers.", ["40"]),
        ("The camp has housed refugees since 1948.", []),
        ("The 2014 war left 2,200 people dead.", ["2,200"]),
        ("The conflict of 2014-16 displaced thousands.", ["thousands"]),
        ("Attacks rose from 2014 to 2016.", []),
        # dates
        ("On October 7, militants seized 240 hostages.", ["240"]),
        ("The strike on 7 October killed 12.", ["12"]),
        ("The strike on Oct. 7 killed 12.", ["12"]),
        ("The report dated 2023-10-26 lists 30 victims.", ["30"]),
        ("A report filed 10/26 listed 30 victims.", ["30"]),
        ("on march 21, the number of refugees rose.", []),
        ("About 30 may have died in the collapse.", ["30"]),
        # times
        ("The blast at 10:30 wounded 14 people.", ["14"]),
        ("The siege ended at 3 p.m. with 8 hostages freed.", ["8"]),
        ("The curfew starts at 8pm.", []),
        # ages
        ("A man aged 35 was arrested.", []),
        ("Police arrested a 35-year-old man.", []),
        ("The victim, Ahmed Karimi, 42, was shot.", []),
        ("Sara Lind, 14 and Mia Lind, 17 -- were hurt.", []),
        ("The gunman was 35 years old.", []),
        ("His son asif (5) lay on the next bed.", []),
        ("Two children aged 5 and 7 were hurt.", ["Two"]),
        # ordinals
        ("It was the first attack on the town this year.", []),
        ("The 3rd battalion lost two men.", ["two"]),
        ("The second attack came at dawn.", []),
        ("It was the fifth raid this month.", []),
        # money
        ("The ministry pledged $5 million for the 300 families.", ["300"]),
        ("The bill came to 5 million dollars.", []),
        ("Tickets cost €30.", []),
        ("Each family received Rs 500.", []),
        ("The damage is put at £2bn.", []),
        ("The fund holds 5 billion euros.", []),
        ("Donors gave thousands of dollars.", []),
        # percentages
        ("Turnout fell by 40% in the north.", []),
        ("Turnout fell by 40 percent.", []),
        ("Turnout fell by 40 per cent.", []),
        ("Burns covered from 50 to 70 per cent of his body.", []),
        # phone numbers
        ("Families can call +44 20 7946 0958 for news.", []),
        ("The hotline is 555-123-4567.", []),
        ("Call (555) 123-4567 for help.", []),
        # measures and durations
        ("The convoy stopped 5 km from the border.", []),
        ("Residents within 30 kilometres were moved.", []),
        ("The march covered 10 miles.", []),
        ("Troops seized 3 tonnes of explosives.", []),
        ("Police found 5 kg of heroin.", []),
        ("The standoff lasted 20 hours.", []),
        ("Fighting raged for 3 days.", []),
        ("Talks will resume in two weeks.", []),
        ("Shelling went on for three straight days.", []),
        ("A three-day siege ended on Friday.", []),
        # scores
        ("The home side won 3-1.", []),
        ("The match ended 2-2.", []),
        # versions, models, labels
        ("An F-16 crashed near the base.", []),
        ("COVID-19 cases rose.", []),
        ("Resolution 2334 was adopted.", []),
        ("A Boeing 737 with 157 people on board crashed.", ["157"]),
        ("The G20 summit opened.", []),
        ("A magnitude 7 quake struck the coast.", []),
        # pages, sections, articles
        ("See page 5 of the report.", []),
        ("Police invoked section 144 in the city.", []),
        ("Article 370 was repealed.", []),
        # addresses and emergency numbers
        ("Shots were fired at 7050 Old State Road.", []),
        ("Two men were shot in the 5500 block of Main.", ["Two"]),
        ("A neighbour called 911.", []),
        # fractions, proportions, set phrases
        ("Two thirds of the victims were women.", []),
        ("One in five children is malnourished.", []),
        ("No one was hurt in the blast.", []),
        ("The prisoners were released one by one.", []),
        # decades, compound modifiers
        ("Violence peaked in the 1990s.", []),
        ("Most were in their 40s.", []),
        ("A 12-member team was sent.", []),
    ],
)
def test_what_never_counts_people_is_left_out(sentence: str, kept: list[str]) -> None:
    assert texts(sentence) == kept


def test_a_year_with_a_qualifier_and_a_noun_is_a_count() -> None:
    assert texts("More than 2000 people were evacuated.") == ["2000"]
    assert texts("Around 2010, the group split.") == []


def test_counts_of_things_are_kept_for_the_caller() -> None:
    assert texts("Militants torched 50 vehicles and 12 buses.") == ["50", "12"]


# ---------------------------------------------------------------- text handling


def test_offsets_hold_for_the_original_text() -> None:
    sentence = "Officials said more\u00a0than 1.2\u00a0million people fled, and 10\u201315 died."
    numbers = find_numbers(sentence)
    assert [(n.text, n.value, n.qualifier) for n in numbers] == [
        ("1.2\u00a0million", 1200000, "more_than"),
        ("10\u201315", 10, "range"),
    ]
    for n in numbers:
        assert sentence[n.start : n.end] == n.text
    assert qualifier_words(sentence) == ["more\u00a0than", None]


def test_curly_apostrophes_are_read_as_straight_ones() -> None:
    assert texts("The vigil began at 5 o\u2019clock with 300 mourners.") == ["300"]


def test_headline_capitals() -> None:
    assert found("THREE KILLED, DOZENS HURT IN BLAST") == [
        ("THREE", 3, "exact", 3, 3, False),
        ("DOZENS", 24, "at_least", 24, None, True),
    ]


def test_numbers_come_in_text_order_without_overlap() -> None:
    paragraph = (
        "Police arrested 12 people, seven women and five men. Of the 130 injured, 77 were "
        "children. Three more people died on Tuesday, bringing the toll to 57, and between "
        "10 and 15 remain missing; dozens of families have fled."
    )
    numbers = find_numbers(paragraph)
    assert [n.text for n in numbers] == [
        "12",
        "seven",
        "five",
        "130",
        "77",
        "Three",
        "57",
        "10 and 15",
        "dozens",
    ]
    ends = [0] + [n.end for n in numbers]
    assert all(n.start >= end for n, end in zip(numbers, ends, strict=False))


def test_a_number_expression_needs_a_known_qualifier() -> None:
    with pytest.raises(ValueError, match="qualifier"):
        NumberExpr(0, 1, "3", 3, "roughly", 3, 3, None, None, False)


# ---------------------------------------------------------------- parse_number_words


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("three", 3),
        ("Ninety six", 96),
        ("ninety-six", 96),
        ("twenty-three", 23),
        ("one hundred and twelve", 112),
        ("a hundred", 100),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("a thousand", 1000),
        ("half a million", 500000),
        ("two hundred thousand", 200000),
        ("two million three hundred thousand", 2300000),
        ("two crore fifty lakh", 25000000),
        ("1.2 million", 1200000),
        ("2.5 lakh", 250000),
        ("2bn", 2000000000),
        ("1,09,503", 109503),
        ("one", 1),
        ("one two", None),
        ("hundred", None),
        ("three hundred hundred", None),
        ("thousand million", None),
        ("first", None),
        ("1.5", None),
        ("a", None),
        ("and", None),
        ("", None),
    ],
)
def test_parse_number_words(phrase: str, value: int | None) -> None:
    assert parse_number_words(phrase) == value


# ---------------------------------------------------------------- crafted text: linear time


def _timed(text: str) -> tuple[float, list[NumberExpr]]:
    started = time.perf_counter()
    found = find_numbers(text)
    return time.perf_counter() - started, found


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # each took minutes before (a run of number words was re-read from every word to
        # its end; a list of numbers was read back to its start from every number; a run
        # of blanks was split every way): now well under a second; the bound is for a
        # slow shared machine
        pytest.param("nine hundred and " * 20_000, 10_000, id="nine-hundred-and"),
        pytest.param("between " + "10 and " * 20_000 + "10 people died", 20_001, id="10-and-10"),
        pytest.param("ninety-six " * 1_000, 1_000, id="ninety-six"),
        pytest.param("1,000 " * 8_000, 8_000, id="1,000"),
        pytest.param("nine" + " " * 40 + "x", 1, id="words-then-blanks"),
        pytest.param("5" + " " * 16_000 + "x", 1, id="number-then-blanks"),
    ],
)
def test_crafted_text_is_read_in_linear_time(text: str, count: int) -> None:
    elapsed, found = _timed(text)
    assert len(found) == count
    assert elapsed < 8, f"{elapsed:.1f} s"


def _classified(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many words ``find_numbers`` classifies in ``text``: the work of reading
    number phrases."""
    calls = 0
    classify: Callable[..., object] = numbers._classify

    def counting(*args: object) -> object:
        nonlocal calls
        calls += 1
        return classify(*args)

    with monkeypatch.context() as patch:
        patch.setattr(numbers, "_classify", counting)
        find_numbers(text)
    return calls


@pytest.mark.parametrize(
    "unit", ["nine hundred and ", "ninety-six ", "one two three ", "two million three "]
)
def test_work_on_a_run_of_number_words_grows_linearly(
    unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _classified(unit * 200, monkeypatch)
    large = _classified(unit * 800, monkeypatch)
    assert large <= 4.5 * small, (small, large)  # quadruple, not sixteen or sixty-four times


# ---------------------------------------------------------------- huge numbers


def test_a_numeral_of_thousands_of_digits_is_skipped_not_converted() -> None:
    text = "Officials said " + "9" * 5_000 + " people were killed and 12 were injured."
    assert texts(text) == ["12"]
    assert texts("1." + "0" * 5_000 + " million people fled") == []
    assert parse_number_words("7" * 5_000) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (f"Some {MAX_COUNT:,} people were counted.", [f"{MAX_COUNT:,}"]),
        (f"Some {MAX_COUNT + 1:,} people were counted.", []),
        ("Some 99999999999999999999 people were counted.", []),  # beyond 64 bits
        ("Between 5 and 99999999999999999999 people were counted.", []),
        ("Nine hundred billion people were counted.", []),
        ("Up to 3 billion people were counted.", ["3 billion"]),
    ],
)
def test_a_count_beyond_max_count_is_no_number(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected
    assert all(n.value <= MAX_COUNT for n in find_numbers(sentence))


def test_max_numeral_digits_reads_beyond_max_count() -> None:
    assert 10 ** (MAX_NUMERAL_DIGITS - 1) > MAX_COUNT


# ---------------------------------------------------------------- marks (according.typography)


def test_every_hyphen_but_a_long_dash_joins_a_range() -> None:
    for hyphen in HYPHENS:
        found = find_numbers(f"Between 10{hyphen}15 people were hurt.")
        if unicodedata.name(hyphen) in ("EM DASH", "HORIZONTAL BAR"):
            assert [n.text for n in found] != [f"10{hyphen}15"], hyphen
        else:
            assert [(n.text, n.low, n.high) for n in found] == [(f"10{hyphen}15", 10, 15)]


def test_every_apostrophe_and_odd_space_reads_as_its_ascii_form() -> None:
    for apostrophe in APOSTROPHES:
        assert texts(f"Protests of the 1990{apostrophe}s drew 300 people.") == ["300"]
    for space in ODD_SPACES:
        assert texts(f"About{space}300{space}people fled.") == ["300"]
        assert qualifier_words(f"About{space}300 people fled.") == ["About"]


# ---------------------------------------------------------------- properties (hypothesis)

_WORDS = [
    "one", "two", "nine", "twelve", "ninety", "ninety-six", "hundred", "thousand", "million",
    "billion", "lakh", "crore", "dozen", "dozens", "a", "an", "half", "and", "or", "to",
    "between", "from", "at least", "more than", "up to", "about", "or so", "or more",
    "tens of thousands", "hundreds", "people", "killed", "May", "aged", "per cent", "$",
]  # fmt: skip
_MARKS = [" ", "  ", "-", "–", "—", ",", ", ", ".", "/", ":", "'", "’", "(", ")", "\n", "\u00a0"]
_fragments = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_MARKS),
    st.integers(min_value=0, max_value=10**25).map(str),
    st.integers(min_value=0, max_value=10**13).map(lambda n: f"{n:,}"),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(str),
    st.text(max_size=4),  # junk, any characters
)
_texts = st.lists(_fragments, max_size=30).map(" ".join) | st.lists(_fragments, max_size=30).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_numbers_in_any_text_are_well_formed(text: str) -> None:
    found = find_numbers(text)
    end = 0
    for n in found:
        assert end <= n.start < n.end <= len(text), n  # in order, not overlapping
        assert text[n.start : n.end] == n.text
        assert 0 < n.value <= MAX_COUNT
        for bound in (n.low, n.high):
            assert bound is None or 0 < bound <= MAX_COUNT
        if n.low is not None and n.high is not None:
            assert n.low <= n.high
        if n.qualifier_start is not None:
            assert n.qualifier_end is not None
            assert 0 <= n.qualifier_start < n.qualifier_end <= len(text)
            assert text[n.qualifier_start : n.qualifier_end].strip()
        end = n.end


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_number_words_parse_or_give_none(text: str) -> None:
    value = parse_number_words(text)
    assert value is None or 0 <= value <= MAX_COUNT
