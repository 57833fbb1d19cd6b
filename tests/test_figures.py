"""Reported figures through the whole pipeline, on sentences written for these tests:
what is a figure (FIGURES.md), who reported it, and the numbers that never are one."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from spacy.tokens import Doc
from typer.testing import CliRunner

from according.analyze import Analyzer
from according.cli import app
from according.nlp.figures import extract
from according.nlp.figures.extract import find_figures
from according.records import Document, Figure, Ledger
from according.store.repository import Store

Read = tuple[str, str, int, str, int | None, int | None]
"""(number text, measure, value, qualifier, low, high) of a figure."""


def analyze(analyzer: Analyzer, text: str) -> Ledger:
    ledger = analyzer.analyze(Document(id="test.txt", text=text))
    for f in ledger.figures:
        assert text[f.number.start : f.number.end] == f.number.text, f
        assert text[f.span.start : f.span.end] == f.span.text, f
        assert f.span.start <= f.number.start and f.number.end <= f.span.end, f
    return ledger


def reads(ledger: Ledger) -> list[Read]:
    return [(f.number.text, f.measure, f.value, f.qualifier, f.low, f.high) for f in ledger.figures]


def only(ledger: Ledger) -> Figure:
    assert len(ledger.figures) == 1, reads(ledger)
    return ledger.figures[0]


# ---------------------------------------------------------------- what is a figure


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Hamas has held 224 people since the raid on the border town of Tarsa.",
            [("224", "held_hostage", 224, "exact", 224, 224)],
            id="held",
        ),
        pytest.param(
            "The gunmen killed more than 1,400 people in the attacks on the valley villages.",
            [("1,400", "killed", 1400, "more_than", 1400, None)],
            id="more-than",
        ),
        pytest.param(
            "By Sunday evening the death toll rose to 57 as rescuers searched the rubble in Orvel.",
            [("57", "killed", 57, "exact", 57, 57)],
            id="toll-rose-to",
        ),
        pytest.param(
            "In the market bombing, 22 were killed and another 38 were injured.",
            [("22", "killed", 22, "exact", 22, 22), ("38", "injured", 38, "exact", 38, 38)],
            id="killed-and-injured",
        ),
        pytest.param(
            "The families of 224 abductees marched to the parliament in Kessar on Friday.",
            [("224", "held_hostage", 224, "exact", 224, 224)],
            id="abductees",
        ),
        pytest.param(
            "The militia released only 4 hostages after a week of talks in Dunmere.",
            [("4", "released", 4, "exact", 4, 4)],
            id="released",
        ),
        pytest.param(
            "Dozens of people were injured when the stand collapsed at the stadium in Pell.",
            [("Dozens", "injured", 24, "at_least", 24, None)],
            id="dozens",
        ),
        pytest.param(
            "Police in Brenmoor said 3 people died in the fire at the warehouse.",
            [("3", "killed", 3, "exact", 3, 3)],
            id="died",
        ),
    ],
)
def test_figures_are_read(analyzer: Analyzer, sentence: str, expected: list[Read]) -> None:
    assert reads(analyze(analyzer, sentence)) == expected


def test_a_range_spans_both_bounds(analyzer: Analyzer) -> None:
    text = "Between 10 and 15 people were arrested after the protest in Lorvik."
    figure = only(analyze(analyzer, text))
    assert (figure.measure, figure.value, figure.qualifier) == ("arrested", 10, "range")
    assert (figure.low, figure.high) == (10, 15)
    assert "10" in figure.number.text and "15" in figure.number.text


# ---------------------------------------------------------------- who reported it


def test_according_to_names_the_source_and_its_attribution(analyzer: Analyzer) -> None:
    text = (
        "More than 300 people were killed in the fighting around Halden, "
        "according to Israeli authorities."
    )
    ledger = analyze(analyzer, text)
    figure = only(ledger)
    assert (figure.measure, figure.value, figure.qualifier) == ("killed", 300, "more_than")
    assert figure.attributed_to is not None
    assert "Israeli authorities" in figure.attributed_to.text
    by_id = {a.id: a for a in ledger.attributions}
    assert figure.attributed_to.attribution in by_id
    assert by_id[figure.attributed_to.attribution].cue.text == "according to"


def test_said_names_the_source(analyzer: Analyzer) -> None:
    ledger = analyze(analyzer, "In Brenmoor, police said 3 people died in the fire at the depot.")
    figure = only(ledger)
    assert figure.measure == "killed" and figure.value == 3
    assert figure.attributed_to is not None
    assert figure.attributed_to.text.lower() == "police"
    assert figure.attributed_to.attribution in {a.id for a in ledger.attributions}


def test_a_quoted_figure_is_the_speakers(analyzer: Analyzer) -> None:
    text = "“We found 6 bodies in the river,” said Ida Stroud, the mayor of Brenmoor."
    figure = only(analyze(analyzer, text))
    assert (figure.measure, figure.value) == ("killed", 6)
    assert figure.attributed_to is not None
    assert "Ida Stroud" in figure.attributed_to.text


@pytest.mark.parametrize(
    ("text", "source"),
    [
        pytest.param(
            "Among the raids that night was one in Halden where five people were killed "
            "and one man was badly hurt, according to the regional police.",
            "the regional police",
            id="according-to-covers-the-sentence",
        ),
        pytest.param(
            "One aid worker was killed and five others were missing after the ambush near "
            "Orvel, a consulate spokeswoman in Varn said on Tuesday.",
            "a consulate spokeswoman in Varn",
            id="closing-cue-with-a-trailing-phrase",
        ),
        pytest.param(
            "Sheriff Dana Kolb confirmed at an evening news briefing that five people were "
            "dead after the fire at the depot.",
            "Sheriff Dana Kolb",
            id="that-clause-hung-on-a-noun",
        ),
        pytest.param(
            "Sheriff Dana Kolb confirmed that two people were dead, and five others were wounded.",
            "Sheriff Dana Kolb",
            id="a-clause-going-on-from-the-that-clause",
        ),
    ],
)
def test_a_cue_the_parse_keeps_apart_still_names_the_source(
    analyzer: Analyzer, text: str, source: str
) -> None:
    fives = [f for f in analyze(analyzer, text).figures if f.value == 5]
    assert fives, text
    for figure in fives:
        assert figure.attributed_to is not None, figure
        assert source.lower() in figure.attributed_to.text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed 14 people in the village of Orvel on Sunday night.",
        "Gunmen killed 14 people in Orvel and the army said it would hunt them down.",
        "Floods in the Alde valley have killed 14 people since Tuesday.",
        "The rains eased on Monday. At least 14 people were killed in the floods.",
        "Rebels in the hills released 14 hostages on Monday.",
    ],
)
def test_the_reporters_own_voice_has_no_source(analyzer: Analyzer, text: str) -> None:
    figure = only(analyze(analyzer, text))
    assert figure.value == 14
    assert figure.attributed_to is None


# ---------------------------------------------------------------- never a figure


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "A 35-year-old man was killed when a car hit him on the Kelby road.", id="age"
        ),
        pytest.param("Smith, 42, was injured in the crash on Tuesday night.", id="age-apposed"),
        pytest.param(
            "On October 7, gunmen killed a guard at the gate of the Varn depot.", id="date"
        ),
        pytest.param("The 2014 war killed a journalist from Pell.", id="year"),
        pytest.param(
            "The second attack killed a soldier at the checkpoint outside Marn.", id="ordinal"
        ),
        pytest.param("The government pledged $5 million in aid for the injured.", id="money"),
        pytest.param("50 vehicles were destroyed in the blast at the depot.", id="vehicles"),
        pytest.param("Three buildings were evacuated after the gas leak in Orvel.", id="buildings"),
        pytest.param(
            "Nearly 40 percent of the wounded were children, the hospital said.", id="percent"
        ),
        pytest.param(
            "Snipers killed civilians over three days of fighting in Halden.", id="duration"
        ),
    ],
)
def test_not_a_figure(analyzer: Analyzer, text: str) -> None:
    # a victim named with no number ("a 35-year-old man was killed") is an implied count
    # (tests/test_implied.py), not a reported figure
    assert [f for f in analyze(analyzer, text).figures if not f.implied] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Police arrested a 35-year-old man over the stabbing in which two people died.",
            [("two", "killed", 2, "exact", 2, 2)],
            id="age",
        ),
        pytest.param(
            "On October 7, gunmen killed 12 people in the village of Orvel.",
            [("12", "killed", 12, "exact", 12, 12)],
            id="date",
        ),
        pytest.param(
            "The 2014 war killed thousands in the region.",
            [("thousands", "killed", 2000, "at_least", 2000, None)],
            id="year",
        ),
        pytest.param(
            "Fire crews said 50 vehicles were destroyed and 2 people were hurt.",
            [("2", "injured", 2, "exact", 2, 2)],
            id="vehicles",
        ),
        pytest.param(
            "About 40% of the 200 injured were children.",
            [("200", "injured", 200, "exact", 200, 200)],
            id="percent",
        ),
        pytest.param(
            "At least 9 people were killed over three days of fighting in Halden.",
            [("9", "killed", 9, "at_least", 9, None)],
            id="duration",
        ),
        pytest.param(
            "The fighting, which lasted 12 hours, left 7 people dead.",
            [("7", "killed", 7, "exact", 7, 7)],
            id="hours",
        ),
        pytest.param(
            "Three people, including a 9-year-old girl, were wounded.",
            [("Three", "injured", 3, "exact", 3, 3)],
            id="age-inside",
        ),
        pytest.param(
            "The 3 suspects, aged 19, 21 and 24, were arrested on Monday.",
            [("3", "arrested", 3, "exact", 3, 3)],
            id="ages-listed",
        ),
        pytest.param(
            "The army deployed 3,000 troops to the border after 9 soldiers were killed.",
            [("9", "killed", 9, "exact", 9, 9)],
            id="troops-deployed",
        ),
        pytest.param(
            "The second blast, at 10:30 a.m., injured 15 people.",
            [("15", "injured", 15, "exact", 15, 15)],
            id="ordinal-and-time",
        ),
    ],
)
def test_only_the_figure_beside_a_trap(analyzer: Analyzer, text: str, expected: list[Read]) -> None:
    assert reads(analyze(analyzer, text)) == expected


# ---------------------------------------------------------------- headlines, speakers, when and where


@pytest.mark.parametrize(
    "text",
    [
        "Wounded were three women — two teenagers and one pensioner — and four men, "
        "ages 20, 23 and 27.",
        "The names of the victims have not been released. Wounded were three women — "
        "two 19-year-olds and one 40-year-old — and four men.",
    ],
)
def test_a_list_set_off_by_dashes_takes_the_measure_of_its_first_count(
    analyzer: Analyzer, text: str
) -> None:
    ledger = analyze(analyzer, text)
    assert [(f.number.text, f.measure) for f in ledger.figures] == [
        ("three", "injured"),
        ("two", "injured"),
        ("one", "injured"),
        ("four", "injured"),
    ]


def test_a_headline_prefix_names_the_source(analyzer: Analyzer) -> None:
    text = "Police: 3 dead, 12 wounded in Varn market blast\n\nThe blast hit the market at noon."
    ledger = analyze(analyzer, text)
    assert [(f.number.text, f.measure) for f in ledger.figures] == [
        ("3", "killed"),
        ("12", "injured"),
    ]
    assert all(f.attributed_to is not None for f in ledger.figures)
    assert {f.attributed_to.text for f in ledger.figures if f.attributed_to} == {"Police"}


def test_a_headline_without_a_source_prefix_is_the_reporters(analyzer: Analyzer) -> None:
    text = "Varn market blast: 3 dead, 12 wounded\n\nThe blast hit the market at noon."
    ledger = analyze(analyzer, text)
    assert len(ledger.figures) == 2
    assert all(f.attributed_to is None for f in ledger.figures)


def test_a_pronoun_source_is_resolved_to_the_speaker(analyzer: Analyzer) -> None:
    text = (
        "Governor Mirela Vostanic visited the hospital in Corvessa on Tuesday.\n\n"
        '"Nineteen people were wounded in the attack," she said.'
    )
    figure = only(analyze(analyzer, text))
    assert (figure.measure, figure.value) == ("injured", 19)
    assert figure.attributed_to is not None
    assert "Vostanic" in figure.attributed_to.text
    assert figure.attributed_to.entity is not None


def test_as_of_place_and_event_come_from_the_sentence(analyzer: Analyzer) -> None:
    text = "The bombing in Corvessa on March 3 killed 14 people, officials said."
    document = Document(id="test.txt", text=text, published=dt.date(2026, 3, 5))
    figure = only(analyzer.analyze(document))
    assert figure.as_of == dt.date(2026, 3, 3)
    assert figure.place == "Corvessa"
    assert figure.event is not None and "bombing" in figure.event
    later = Document(
        id="t2.txt", text="Rebels released 12 hostages.", published=dt.date(2026, 3, 5)
    )
    assert only(analyzer.analyze(later)).as_of == dt.date(2026, 3, 5)


def test_a_breakdown_takes_the_measure_of_its_total(analyzer: Analyzer) -> None:
    text = "Police arrested 12 people, seven women and five men, after the riot in Varn."
    assert [(r[0], r[1]) for r in reads(analyze(analyzer, text))] == [
        ("12", "arrested"),
        ("seven", "arrested"),
        ("five", "arrested"),
    ]


# ---------------------------------------------------------------- huge numbers


HUGE = (
    "Storm hits the coast of Varn\n\n"
    "Officials in Varn said 99999999999999999999 people were killed, a number no one "
    "believed. A second count put the dead at " + "9" * 5_000 + ". "
    "Police said 12 people were killed and 30 were injured when the storm hit the town.\n"
)


def test_a_huge_number_is_no_figure(analyzer: Analyzer) -> None:
    assert [(n, m, v) for n, m, v, *_ in reads(analyze(analyzer, HUGE))] == [
        ("12", "killed", 12),
        ("30", "injured", 30),
    ]


def test_a_huge_number_is_stored_without_overflow(tmp_path: Path) -> None:
    """A number beyond 64 bits once stopped an ingest with SQLite's OverflowError, and
    one of more than 4,300 digits with int's ValueError."""
    (tmp_path / "storm.txt").write_text(HUGE, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "storm.txt"), "--db", db])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        (ledger,) = store.ledgers()
    assert [f.value for f in ledger.figures] == [12, 30]


# ---------------------------------------------------------------- measure rules, one by one


def _first_rule(doc: Doc, number: str) -> tuple[str, str, str] | None:
    """The rule that gives the measure of ``number`` in ``doc``, in the order ``_read``
    asks them (the verb or toll over the counted word, then over its first conjunct;
    then the words describing the people counted, then the counted word), with the
    measure and the word that gave it."""
    token = next(t for t in doc if t.text == number)
    t = extract._tables()
    memo = extract._Memo(doc)
    noun = extract._counted(token, memo)
    people = extract._of_object(noun) or noun
    first = extract._first_conjunct(noun, memo)
    asked = [(noun, extract._GOVERNING), (first, extract._GOVERNING)]
    asked += [(people, extract._DESCRIBING), (noun, extract._DESCRIBING)]
    for word, rules in asked:
        if rules is extract._GOVERNING and word.head.i == word.i:
            continue
        for rule in rules:
            if rule is extract._describing_child:
                for child in word.children:
                    for child_rule in extract._DESCRIBING_CHILD:
                        if found := child_rule(child, word, t):
                            return child_rule.__name__, found[0], found[1].text
            elif found := rule(word, t):
                return rule.__name__, found[0], found[1].text
    return None


MEASURE_RULES = [
    # (rule, sentence, number, measure, the word that gives it)
    ("_verb_of_object", "Gunmen killed 12 villagers near the dam.", "12", "killed", "killed"),
    ("_verb_complement", "Two climbers were reported missing.", "Two", "missing", "missing"),
    ("_intransitive_verb", "Thirty pilgrims died when the bus overturned.", "Thirty", "killed", "died"),
    ("_subject_complement", "Two hikers lay dead on the trail.", "Two", "killed", "dead"),
    ("_dwelling", "About 9,000 families were still living in shelters.", "9,000", "displaced", "in"),
    ("_housed", "The relief camp at Varn, which houses around 600 people, ran out of food.", "600", "displaced", "houses"),
    ("_suffering", "Three workers sustained serious burn injuries.", "Three", "injured", "injuries"),
    ("_copula", "Six passengers are in hospital.", "Six", "injured", "in"),
    ("_inverted_copula", "Wounded were three guards.", "three", "injured", "Wounded"),
    ("_toll_of", "The death toll rose to 57 on Monday.", "57", "killed", "toll"),
    ("_noun_itself", "There were 224 hostages in the tunnel.", "224", "held_hostage", "hostages"),
    ("_word_after", "Soldiers found 9 dead in the village.", "9", "killed", "dead"),
    ("_modifier", "The list named three kidnapped teachers.", "three", "kidnapped", "kidnapped"),
    ("_passive_clause", "Police named six men who were wounded in the attack.", "six", "injured", "wounded"),
    ("_intransitive_clause", "Officials counted 2,000 villagers who fled their homes.", "2,000", "displaced", "fled"),
    ("_relative_complement", "Police named 12 men who are in custody.", "12", "arrested", "in"),
    ("_state_phrase", "Medics saw 14 people in hospital after the blast.", "14", "injured", "in"),
    ("_clause_complement", "Floods left 3,000 people rendered homeless.", "3,000", "displaced", "homeless"),
    ("_place_with", "Officials visited hospitals with 350 people.", "350", "injured", "hospitals"),
    ("_lost", "The landslide claimed 23 lives in the hill villages.", "23", "killed", "claimed"),
    ("_lives_of", "The fire took the lives of 11 workers.", "11", "killed", "lives"),
    ("_qualified_object", "The gunmen wounded over 30 in the raid.", "30", "injured", "wounded"),
    ("_among", "Two doctors were among the hostages freed on Monday.", "Two", "released", "freed"),
    ("_partitive_of", "Of the dead, 12 were teachers.", "12", "killed", "dead"),
    ("_group_includes", "The dead included 7 nurses.", "7", "killed", "dead"),
    ("_up_from", "Officials said 75 miners had been killed, up from 60 on Friday.", "60", "killed", "killed"),
    ("_exchanged", "The militia freed two pilots in exchange for 40 prisoners.", "40", "released", "exchange"),
    ("_stand_in", "A total of 18 guards were wounded in the riot.", "18", "injured", "wounded"),
    ("_state_ended", "Medics examined the 31 released hostages at the border.", "31", "released", "released"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "sentence", "number", "measure", "trigger"),
    [pytest.param(*case, id=case[0]) for case in MEASURE_RULES],
)
def test_each_measure_rule_on_its_own_sentence(
    analyzer: Analyzer, rule: str, sentence: str, number: str, measure: str, trigger: str
) -> None:
    assert _first_rule(analyzer.nlp(sentence), number) == (rule, measure, trigger)


def test_left_as_reads_what_leave_leaves_people_as(analyzer: Analyzer) -> None:
    """A parse that makes the state a clausal complement of "left" (none of the
    sentences tried here parses so): "The blast left 19 people wounded"."""
    words = ["The", "blast", "left", "19", "people", "wounded"]
    doc = Doc(
        analyzer.nlp.vocab,
        words=words,
        heads=[1, 2, 2, 4, 2, 2],
        deps=["det", "nsubj", "ROOT", "nummod", "dobj", "ccomp"],
        pos=["DET", "NOUN", "VERB", "NUM", "NOUN", "VERB"],
        tags=["DT", "NN", "VBD", "CD", "NNS", "VBD"],
        lemmas=["the", "blast", "leave", "19", "people", "wound"],
    )
    found = extract._left_as(doc[4], extract._tables())
    assert found is not None and (found[0], found[1].text) == ("injured", "wounded")


def test_every_measure_rule_has_an_example_and_a_case() -> None:
    rules = [*extract._GOVERNING, *extract._DESCRIBING, *extract._DESCRIBING_CHILD]
    tested = {case[0] for case in MEASURE_RULES} | {"_left_as", "_describing_child"}
    for rule in rules:
        assert rule.__doc__ and '"' in rule.__doc__, rule.__name__
        assert rule.__name__ in tested, rule.__name__


def test_figures_of_a_long_chain_of_numbers_take_linear_time(analyzer: Analyzer) -> None:
    """ "between 10 and 10 and ... 10 people died": every number's head is the one before
    it; reading them once took seconds per thousand numbers, growing with the square."""
    text = "between " + "10 and " * 8_000 + "10 people died"
    doc = analyzer.nlp(text)
    started = time.perf_counter()
    find_figures(doc, (), (), (), None)
    assert time.perf_counter() - started < 4


def test_thousands_of_figures_in_one_sentence_take_linear_time(analyzer: Analyzer) -> None:
    """Each figure read its sentence's place, event, line and date, the document's
    text and its chain of clauses anew: 2,000 figures took 13 s, growing with the square."""
    doc = analyzer.nlp("Police said " + "3 were killed, " * 3_000 + "and 4 were hurt.")
    started = time.perf_counter()
    figures = find_figures(doc, (), (), (), None)
    assert time.perf_counter() - started < 4
    assert len(figures) == 3_001
