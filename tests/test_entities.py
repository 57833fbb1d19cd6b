from __future__ import annotations

import datetime as dt

from according.analyze import Analyzer
from according.records import Document


def _entities(analyzer: Analyzer, text: str) -> dict[str, tuple[str, list[str]]]:
    ledger = analyzer.analyze(Document(id="t.txt", text=text))
    for e in ledger.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    return {e.name: (e.label, [m.text for m in e.mentions]) for e in ledger.entities}


def test_surname_joins_the_one_full_name(analyzer: Analyzer) -> None:
    text = (
        "The interior minister of Norland, Erik Halvorsen, visited the flooded district "
        "on Monday. Halvorsen promised new levees. Later, Halvorsen met aid workers from "
        "the Red Cross in Tromsdal."
    )
    ents = _entities(analyzer, text)
    assert ents["Erik Halvorsen"][0] == "PERSON"
    assert ents["Erik Halvorsen"][1] == ["Erik Halvorsen", "Halvorsen", "Halvorsen"]
    assert "Halvorsen" not in ents


def test_two_people_sharing_a_surname_stay_apart(analyzer: Analyzer) -> None:
    text = (
        "Senator John Carter and his sister, the journalist Mary Carter, disagreed on "
        "Tuesday. Carter said the bill would pass."
    )
    ents = _entities(analyzer, text)
    assert "John Carter" in ents and "Mary Carter" in ents
    assert ents["John Carter"][1] == ["John Carter"]
    assert ents["Mary Carter"][1] == ["Mary Carter"]


def test_articles_and_possessives_are_trimmed_and_spellings_meet(analyzer: Analyzer) -> None:
    text = (
        "Rockets were fired from the Gaza Strip on Sunday. Aid convoys waited at the "
        "border of the Gaza Strip's southern edge while the Israeli army said it was "
        "investigating."
    )
    ents = _entities(analyzer, text)
    assert ents["Gaza Strip"][1] == ["Gaza Strip", "Gaza Strip"]
    assert ents["Israeli army"][0] == "ORG"


def test_roles_are_kept_as_descriptions(analyzer: Analyzer) -> None:
    text = (
        "Ostravia's Foreign Minister, Lena Varga, said talks would resume. "
        "US Secretary of State Anthony Blinken praised the effort."
    )
    ledger = analyzer.analyze(Document(id="t.txt", text=text, published=dt.date(2024, 1, 1)))
    desc = {e.name: e.descriptions for e in ledger.entities}
    assert desc["Lena Varga"] == ("Ostravia's Foreign Minister",)
    assert desc["Anthony Blinken"] == ("US Secretary of State",)
