"""Implied counts (FIGURES.md "Implied counts"): victims named one by one with no
number, through the whole pipeline, on sentences written for these tests in the style of
local news reports. One test per rule of ``according.nlp.figures.implied``."""

from __future__ import annotations

import json
import time

import pytest

from according.analyze import Analyzer
from according.nlp.figures.implied import find_implied
from according.records import Document, Figure, Ledger
from conftest import shared_path

Read = tuple[str, int, str, str]
"""(measure, value, qualifier, number text) of an implied figure."""


def analyze(analyzer: Analyzer, text: str) -> Ledger:
    ledger = analyzer.analyze(Document(id="local.txt", text=text))
    for f in ledger.figures:
        assert text[f.number.start : f.number.end] == f.number.text, f
        assert text[f.span.start : f.span.end] == f.span.text, f
        assert f.span.start <= f.number.start and f.number.end <= f.span.end, f
    return ledger


def implied(analyzer: Analyzer, text: str) -> list[Read]:
    return [
        (f.measure, f.value, f.qualifier, f.number.text)
        for f in analyze(analyzer, text).figures
        if f.implied
    ]


def only(analyzer: Analyzer, text: str) -> Figure:
    figures = [f for f in analyze(analyzer, text).figures if f.implied]
    assert len(figures) == 1, figures
    return figures[0]


# ---------------------------------------------------------------- what counts


def test_coordinated_victims_are_counted_together(analyzer: Analyzer) -> None:
    text = (
        "A man and a 2-year-old boy were killed and a pregnant woman was injured Saturday "
        "when someone fired into a parked car on Delmar Street, police said."
    )
    assert implied(analyzer, text) == [
        ("killed", 2, "exact", "A man and a 2-year-old boy"),
        ("injured", 1, "exact", "a pregnant woman"),
    ]


def test_passive_subject_of_a_measure_verb(analyzer: Analyzer) -> None:
    figure = only(
        analyzer, "A 23-year-old man was shot and killed Saturday night on the city's east side."
    )
    assert (figure.measure, figure.value, figure.qualifier) == ("killed", 1, "exact")
    assert figure.number.text == figure.who == "A 23-year-old man"
    assert figure.span.text == "A 23-year-old man was shot and killed"
    assert (figure.low, figure.high, figure.implied) == (1, 1, True)


def test_subject_of_an_intransitive_verb_a_named_victim(analyzer: Analyzer) -> None:
    text = "Marcus Hale, 34, died at Mercy Hospital a few hours after the shooting."
    assert implied(analyzer, text) == [("killed", 1, "exact", "Marcus Hale, 34")]


def test_object_of_a_measure_verb(analyzer: Analyzer) -> None:
    text = "Investigators say a gunman killed a woman outside a laundromat on Pine Avenue."
    assert implied(analyzer, text) == [("killed", 1, "exact", "a woman")]


def test_found_dead(analyzer: Analyzer) -> None:
    text = "Officers found a man dead in an alley behind the 1200 block of Lowell Street."
    assert implied(analyzer, text) == [("killed", 1, "exact", "a man")]


def test_a_state_the_victim_is_in(analyzer: Analyzer) -> None:
    text = "A woman in her 20s is in stable condition after being shot near the bus depot."
    assert implied(analyzer, text) == [("injured", 1, "exact", "A woman in her 20s")]


def test_a_verb_sharing_the_subject(analyzer: Analyzer) -> None:
    text = "A teenager was shot in the leg and taken to a hospital on Friday."
    assert implied(analyzer, text) == [("injured", 1, "exact", "A teenager")]


def test_a_death_outranks_the_wound(analyzer: Analyzer) -> None:
    text = "A 41-year-old woman was wounded in the chest and later died at the hospital."
    assert implied(analyzer, text) == [("killed", 1, "exact", "A 41-year-old woman")]


def test_a_hospital_where_the_victim_died(analyzer: Analyzer) -> None:
    text = "Carter was taken to St. Luke's Hospital, where he was pronounced dead."
    assert [m for m, *_ in implied(analyzer, text)] == ["killed"]


def test_apposition_is_one_person(analyzer: Analyzer) -> None:
    text = "The victim, a 21-year-old woman, was taken to a hospital with a wound to the arm."
    assert implied(analyzer, text) == [("injured", 1, "exact", "a 21-year-old woman")]
    text = "A second victim, an 18-year-old Yonkers resident, was treated and released."
    assert [v for _, v, *_ in implied(analyzer, text)] == [1]


def test_among_the_dead_is_at_least(analyzer: Analyzer) -> None:
    text = "Among the dead were a retired firefighter and his grandson, relatives said."
    figure = only(analyzer, text)
    assert (figure.measure, figure.value, figure.qualifier) == ("killed", 2, "at_least")
    assert (figure.low, figure.high) == (2, None)


def test_a_headline_of_bare_nouns(analyzer: Analyzer) -> None:
    text = (
        "Man killed in shooting on Route 9\n\n"
        "Police are looking for the driver of a silver sedan after the shooting late Sunday."
    )
    assert implied(analyzer, text) == [("killed", 1, "exact", "Man")]


def test_a_possessive_victim(analyzer: Analyzer) -> None:
    text = (
        "Police said his 6-month-old daughter was wounded in the neck and is in stable condition."
    )
    assert implied(analyzer, text) == [("injured", 1, "exact", "his 6-month-old daughter")]


def test_a_person_word_by_its_ending(analyzer: Analyzer) -> None:
    text = "A volunteer firefighter was killed when a gunman opened fire at the station."
    assert implied(analyzer, text) == [("killed", 1, "exact", "A volunteer firefighter")]


def test_a_headline_the_parser_ran_into_the_text(analyzer: Analyzer) -> None:
    text = (
        "Toddler killed, woman hurt in Northgate shooting\n\n"
        "A man and a 3-year-old girl were killed and a woman was injured Tuesday in a "
        "shooting in Northgate."
    )
    assert implied(analyzer, text) == [
        ("killed", 2, "exact", "A man and a 3-year-old girl"),
        ("injured", 1, "exact", "woman"),
    ]


# ---------------------------------------------------------------- each victim once


def test_each_victim_once_per_document(analyzer: Analyzer) -> None:
    text = (
        "Man shot and killed outside corner store\n\n"
        "A 30-year-old man was shot and killed outside a corner store on Elm Street late "
        "Friday, police said. The man was identified as Darnell Price. Price died at the "
        "scene. He had been shot several times, and the victim's family said he was "
        "killed on his way home."
    )
    assert implied(analyzer, text) == [("killed", 1, "exact", "Man")]


def test_the_sentence_naming_most_victims_counts(analyzer: Analyzer) -> None:
    text = (
        "A woman was killed in a shooting on Sunday.\n\n"
        "Rita Gomez, 52, and Luis Gomez, 55, were killed when a man opened fire on their "
        "porch. Rita Gomez died at the scene."
    )
    assert implied(analyzer, text) == [("killed", 2, "exact", "Rita Gomez, 52, and Luis Gomez, 55")]


# ---------------------------------------------------------------- what never counts


def test_a_measure_the_numbers_count(analyzer: Analyzer) -> None:
    text = (
        "Two people were killed in the shooting on Grand Avenue, police said. "
        "Marcus Hale, 34, died at the scene."
    )
    ledger = analyze(analyzer, text)
    assert [(f.measure, f.value, f.implied) for f in ledger.figures] == [("killed", 2, False)]


def test_a_victim_coordinated_with_a_number(analyzer: Analyzer) -> None:
    text = "A man and two children were wounded in the drive-by shooting on Vine Street."
    assert implied(analyzer, text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A 19-year-old man was arrested at the scene, police said.", id="arrested"),
        pytest.param(
            "A suspect was taken into custody after a brief chase on Thursday.", id="custody"
        ),
        pytest.param(
            "A clerk could have been killed if the bullet had gone a few inches lower.",
            id="hypothetical",
        ),
        pytest.param("No one was hurt in the shooting, police said.", id="no-one"),
        pytest.param("A woman inside the house was not hurt, police said.", id="negated"),
        pytest.param(
            "If a child is shot in a home, the owner of the gun can be charged.", id="condition"
        ),
        pytest.param(
            "Police say a man who kills his wife often has a history of threats.", id="generic"
        ),
        pytest.param("In Marlow County a child is shot every other week.", id="habitual"),
        pytest.param(
            "Deputies say the suspect admitted to killing the family of four.", id="agent"
        ),
        pytest.param(
            "He was transported to Stroger Hospital, where he was listed in good condition.",
            id="a-place-named-like-a-person",
        ),
        pytest.param("Kara spoke to her neighbours on Wednesday afternoon.", id="no-measure"),
        pytest.param(
            "The coroner said Ethan's death was an accident that happened at a friend's home.",
            id="a-death-is-no-person",
        ),
    ],
)
def test_no_implied_count(analyzer: Analyzer, text: str) -> None:
    assert implied(analyzer, text) == []


def test_the_agent_is_no_victim(analyzer: Analyzer) -> None:
    text = "A man shot and killed his neighbor during an argument over a parking space."
    assert implied(analyzer, text) == [("killed", 1, "exact", "his neighbor")]


# ---------------------------------------------------------------- in the ledger


def test_ids_continue_after_the_numbered_figures(analyzer: Analyzer) -> None:
    text = (
        "Three people were wounded and a 17-year-old girl was killed in a shooting at a "
        "house party in Eastgate early Sunday, police said."
    )
    ledger = analyze(analyzer, text)
    reads = [(f.id, f.measure, f.value, f.implied) for f in ledger.figures]
    assert reads == [("F1", "injured", 3, False), ("F2", "killed", 1, True)]
    assert ledger.figures[1].attributed_to is not None
    assert ledger.figures[1].attributed_to.text == "police"


def test_implied_in_the_ledger_json(analyzer: Analyzer) -> None:
    ledger = analyze(analyzer, "A woman was wounded in the leg on Tuesday night.")
    data = json.loads(json.dumps(ledger.to_json()))
    assert [(f["implied"], f["number"]["text"]) for f in data["figures"]] == [(True, "A woman")]
    assert Ledger.from_json(data).figures == ledger.figures


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A man and " * 1500 + "a woman were killed.", id="one-coordination"),
        pytest.param("Man killed\n" * 1500, id="headlines-parsed-as-one"),
        pytest.param("A man was shot" + " and killed" * 1500 + ".", id="a-chain-of-verbs"),
    ],
)
def test_thousands_of_victims_in_linear_time(analyzer: Analyzer, text: str) -> None:
    doc = analyzer.nlp(analyzer._make_doc(analyzer.prepare_text(text)))
    started = time.monotonic()
    figures = find_implied(doc, ())
    assert time.monotonic() - started < 3  # about 0.1 s; quadratic walks took over 20 s
    assert [f.measure for f in figures] == ["killed"]


# ---------------------------------------------------------------- on real reports


@pytest.mark.shared
@pytest.mark.parametrize(
    ("article", "expected"),
    [
        pytest.param("gva_774567_1", [("killed", 2), ("injured", 1)], id="two-killed-one-hurt"),
        pytest.param("gva_774567_2", [("killed", 2), ("injured", 1)], id="headline-run-on"),
        pytest.param("gva_440972_4", [("killed", 1)], id="a-named-child"),
        pytest.param("gva_761805_3", [("injured", 1)], id="the-victim-a-woman"),
        pytest.param("gva_593690_4", [("injured", 1)], id="killed-given-by-numbers"),
    ],
)
def test_series_dev_reports(
    analyzer: Analyzer, article: str, expected: list[tuple[str, int]]
) -> None:
    """Implied counts of local news reports in ../shared/data/series-dev (a shooting's
    victims named one by one)."""
    text = shared_path("data", "series-dev", "texts", f"{article}.txt").read_text("utf-8")
    ledger = analyze(analyzer, text)
    assert [(f.measure, f.value) for f in ledger.figures if f.implied] == expected
