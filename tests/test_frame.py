"""The frame of a figure (FIGURES.md "The frame"), one rule of ``nlp/figures/frame.py``
a test, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Span as SpacySpan

from according.analyze import Analyzer
from according.nlp.figures.frame import DocumentFrame
from according.records import Document, Figure, Ledger

PUBLISHED = dt.date(2024, 3, 8)  # a Friday


def ledger_of(analyzer: Analyzer, text: str, published: dt.date | None = PUBLISHED) -> Ledger:
    return analyzer.analyze(Document(id="frame.txt", text=text, published=published))


def figure(ledger: Ledger, number: str, last: bool = False) -> Figure:
    found = [f for f in ledger.figures if f.number.text == number and not f.implied]
    assert found, [(f.number.text, f.measure) for f in ledger.figures]
    return found[-1] if last else found[0]


@pytest.mark.parametrize(
    ("text", "number", "population"),
    [
        ("Four soldiers were killed in the ambush near the border.", "Four", "soldiers"),
        ("The strike killed 12 children and two medics.", "12", "children"),
        ("Rebels released 3 health workers on Monday.", "3", "medics"),
        ("Militants have held 40 people since the raid on the town.", "40", "hostages"),
        ("The army said it killed 15 militants in the operation.", "15", "fighters"),
        ("Two journalists were wounded by shrapnel in the city.", "Two", "journalists"),
        ("The group freed 6 hostages on Tuesday.", "6", "hostages"),
        ("Israel released 39 prisoners from its jails overnight.", "39", "prisoners"),
        ("Three police officers were wounded in the shootout.", "Three", "police"),
        ("Police said 5 people were killed in the crash.", "5", "people"),
        ("Twelve Thai nationals died in the attack on the farm.", "Twelve", "nationals:TH"),
        ("The ministry said 3 Americans were wounded in the blast.", "3", "nationals:US"),
    ],
)
def test_the_population_is_read_from_the_counted_noun_or_the_measure(
    analyzer: Analyzer, text: str, number: str, population: str
) -> None:
    assert figure(ledger_of(analyzer, text), number).population == population


def test_elderly_decides_the_class_of_a_general_noun(analyzer: Analyzer) -> None:
    ledger = ledger_of(analyzer, "The militia released two elderly women on Friday.")
    assert figure(ledger, "two").population == "elderly"


def test_people_released_are_hostages_or_prisoners_as_the_sentence_calls_them(
    analyzer: Analyzer,
) -> None:
    text = "In the exchange of prisoners, the government released 25 people from custody."
    assert figure(ledger_of(analyzer, text), "25").population == "prisoners"
    text = "The kidnappers released 7 people, the first hostages to go free."
    assert figure(ledger_of(analyzer, text), "7").population == "hostages"


def test_kidnappers_released_are_flagged(analyzer: Analyzer) -> None:
    """Machine translation of "released 4 of the kidnapped"."""
    ledger = ledger_of(analyzer, "The militia has in fact released only 4 kidnappers so far.")
    f = figure(ledger, "4")
    assert f.measure == "released"
    assert f.flags == ("population contradicts measure",)
    plain = figure(ledger_of(analyzer, "The militia has released 4 hostages."), "4")
    assert plain.flags == ()


def test_the_place_of_the_figures_own_clause(analyzer: Analyzer) -> None:
    text = (
        "Officials in Kabul condemned the attack. Nine people were killed in Herat on "
        "Tuesday, the governor said."
    )
    assert figure(ledger_of(analyzer, text), "Nine").place == "Herat"


def test_a_place_inside_a_period_is_not_the_place(analyzer: Analyzer) -> None:
    """The hostages were taken in an attack *on Israel*; they are held where the
    document says hostages are held."""
    text = (
        "The group has held 130 people since the attack launched on Israel in October.\n\n"
        "Their families were told that their relatives were being held in Gaza."
    )
    assert figure(ledger_of(analyzer, text), "130").place == "Gaza"


def test_the_place_of_the_event_a_relative_clause_describes(analyzer: Analyzer) -> None:
    text = "Rebels held the town after the assault launched on Goma, which killed 52 people."
    assert figure(ledger_of(analyzer, text), "52").place == "Goma"


def test_the_place_of_the_clause_a_participle_hangs_on(analyzer: Analyzer) -> None:
    text = "The army answered with heavy shelling on Aleppo, killing 30 people."
    assert figure(ledger_of(analyzer, text), "30").place == "Aleppo"


def test_a_venue_is_written_with_the_town_of_the_dateline(analyzer: Analyzer) -> None:
    text = (
        "Two dead in bar shooting\n\n"
        "DAYTON, Ohio — Two men were shot dead at the Blue Heron bar early Sunday, police "
        "said.\n\nThe bar had been open for a year."
    )
    place = figure(ledger_of(analyzer, text), "Two", last=True).place
    assert place is not None and place.endswith("DAYTON")
    assert "Blue Heron bar" in place


def test_with_no_place_in_the_sentence_the_dateline_gives_it(analyzer: Analyzer) -> None:
    text = (
        "SPRINGFIELD, Ill. — A quiet street woke to gunfire.\n\n"
        "Police said three people were wounded."
    )
    assert figure(ledger_of(analyzer, text), "three").place == "SPRINGFIELD"


@pytest.mark.parametrize(
    ("text", "number", "period"),
    [
        ("Twelve people were killed in the past 24 hours, the ministry said.", "Twelve",
         "window"),
        ("Five people were killed overnight in the shelling.", "Five", "window"),
        ("The death toll rose to 57 on Thursday.", "57", "cumulative"),
        ("So far 210 people have been killed in the fighting.", "210", "cumulative"),
        ("About 300 people remain missing after the flood.", "300", "cumulative"),
        ("Two men were wounded outside a store on Main Street.", "Two", "incident"),
    ],
)  # fmt: skip
def test_the_period_of_a_count(analyzer: Analyzer, text: str, number: str, period: str) -> None:
    assert figure(ledger_of(analyzer, text), number).period == period


def test_a_count_since_a_date_is_cumulative_and_holds_as_of_the_report(
    analyzer: Analyzer,
) -> None:
    """The start of a period is never the as-of date."""
    text = "The army said 315 soldiers have been killed since fighting began on October 7."
    f = figure(ledger_of(analyzer, text, dt.date(2023, 12, 1)), "315")
    assert f.period == "cumulative"
    assert f.since == dt.date(2023, 10, 7)
    assert f.as_of == dt.date(2023, 12, 1)


def test_the_date_of_the_statement_is_the_as_of_date(analyzer: Analyzer) -> None:
    text = "At least 40 people were killed in the strikes, the ministry said on Wednesday."
    f = figure(ledger_of(analyzer, text), "40")
    assert f.as_of == dt.date(2024, 3, 6)


def test_with_no_date_a_count_holds_as_of_the_published_date(analyzer: Analyzer) -> None:
    f = figure(ledger_of(analyzer, "Police said 3 people were arrested."), "3")
    assert f.as_of == PUBLISHED


def test_a_breakdown_names_its_total(analyzer: Analyzer) -> None:
    ledger = ledger_of(analyzer, "The strikes killed 7,028 people, including 2,913 children.")
    total, part = figure(ledger, "7,028"), figure(ledger, "2,913")
    assert part.part_of == total.id
    assert total.part_of is None


def test_a_list_set_beside_a_count_breaks_it_down(analyzer: Analyzer) -> None:
    text = "The group has released 4 hostages, a mother and her daughter, and two elderly women."
    ledger = ledger_of(analyzer, text)
    assert figure(ledger, "two").part_of == figure(ledger, "4").id


def test_the_frame_is_in_the_ledger_json(analyzer: Analyzer) -> None:
    ledger = ledger_of(analyzer, "The death toll rose to 57 in Gaza on Thursday.")
    data = ledger.to_json()["figures"][0]
    for key in ("population", "place_id", "period", "since", "part_of", "flags", "implied"):
        assert key in data
    assert Ledger.from_json(ledger.to_json()) == ledger


def test_a_partitive_of_whom_breaks_down_the_count_before_it(analyzer: Analyzer) -> None:
    ledger = ledger_of(
        analyzer, "The clinic treated 31 wounded people, six of whom remain in care."
    )
    assert figure(ledger, "six").part_of == figure(ledger, "31").id


def test_a_place_that_points_back_is_no_venue(analyzer: Analyzer) -> None:
    text = "GARNET, Mont. — The gunmen stormed the depot.\n\nThey held 12 people in that building."
    place = figure(ledger_of(analyzer, text), "12").place
    assert place is None or "building" not in place


def test_a_partitive_breaks_down_the_count_of_the_sentence_before(analyzer: Analyzer) -> None:
    text = (
        "Police said five people were wounded outside the bar on Main Street. "
        "One of them is in critical condition."
    )
    ledger = ledger_of(analyzer, text)
    assert figure(ledger, "One").part_of == figure(ledger, "five").id


def test_a_partitive_of_a_definite_group_breaks_down_the_count_before_it(
    analyzer: Analyzer,
) -> None:
    text = "Four men were wounded in the shooting. Two of the victims were taken to hospital."
    ledger = ledger_of(analyzer, text)
    assert figure(ledger, "Two").part_of == figure(ledger, "Four").id


def test_a_date_of_another_clause_is_not_the_counts(analyzer: Analyzer) -> None:
    text = (
        "The toll in the district is now 52, though fresh clashes were reported on Tuesday "
        "in two villages."
    )
    assert figure(ledger_of(analyzer, text), "52").as_of == PUBLISHED


def test_a_date_of_the_clause_holding_the_count_is_its_date(analyzer: Analyzer) -> None:
    text = "On Tuesday, police said 3 people were killed in the attack."
    assert figure(ledger_of(analyzer, text), "3").as_of == dt.date(2024, 3, 5)


def test_a_childs_age_in_months_is_no_window(analyzer: Analyzer) -> None:
    text = "Police said 2 people, including a 17-month-old girl, were killed in the shooting."
    assert figure(ledger_of(analyzer, text), "2").period == "incident"


def test_a_count_for_this_year_is_a_running_total(analyzer: Analyzer) -> None:
    text = "The number of homicides in the city this year is more than 750, police said."
    assert figure(ledger_of(analyzer, text), "750").period == "cumulative"


def test_a_figure_whose_sentence_names_no_place_is_where_the_story_is(
    analyzer: Analyzer,
) -> None:
    """The scene: the place the sentences before it name ("taken to X. Two are in
    critical condition"), not the dateline."""
    text = (
        "MARLOW, Okla. — A gunman opened fire at a warehouse on Tuesday.\n\n"
        "Five victims were taken to Saint Anne Medical Center. Two victims are in "
        "critical condition, officials said."
    )
    place = figure(ledger_of(analyzer, text), "Two").place
    assert place is not None and "Saint Anne Medical Center" in place


def test_a_venue_that_points_back_sets_no_scene(analyzer: Analyzer) -> None:
    """ "the house" points back to the place named before it (Fernwood)."""
    text = (
        "CHICAGO — There was a shooting in Fernwood on Sunday night.\n\n"
        "A buyer came back to the house and broke in.\n\n"
        "Two men and two women were killed."
    )
    place = figure(ledger_of(analyzer, text), "Two").place
    assert place is not None and "Fernwood" in place and "house" not in place


def test_the_scene_prefers_a_named_venue(analyzer: Analyzer) -> None:
    text = (
        "A fight in the parking lot of a liquor store on Carver Avenue ended in gunfire "
        "early Sunday in Sacramento.\n\nDeputies said one man died."
    )
    place = figure(ledger_of(analyzer, text), "one").place
    assert place is not None and "Carver Avenue" in place


def test_a_dateline_written_with_a_colon(analyzer: Analyzer) -> None:
    """Lower-case wire copy: "vadodara: ..." is the town the report is filed from."""
    text = (
        "riots in the city\n\n"
        "vadodara: curfew was clamped on the old city on sunday. the police said that "
        "three persons were injured."
    )
    assert figure(ledger_of(analyzer, text), "three").place == "vadodara"


def test_a_headline_source_is_no_dateline(analyzer: Analyzer) -> None:
    text = "Police: 2 hurt\n\nPolice: two people were hurt when a car hit a wall."
    assert figure(ledger_of(analyzer, text), "two").place is None


def test_a_hospital_that_received_the_victims_is_their_place(analyzer: Analyzer) -> None:
    """The subject of the figure's clause is a venue: the people counted are there."""
    text = (
        "LARNE, Kan. — A gunman opened fire at a plant on Friday.\n\n"
        "Officials say Saint Luke Hospital received 9 victims."
    )
    place = figure(ledger_of(analyzer, text), "9").place
    assert place is not None and "Saint Luke Hospital" in place


def test_a_town_named_with_its_kind_in_lower_case_text(analyzer: Analyzer) -> None:
    """ "petlad town", "anand district": the town the gazetteer knows, written as named;
    a place phrase of a participle ("in police firing *in petlad town*") is the
    clause's."""
    text = (
        "riots in gujarat\n\n"
        "vadodara: violence continued on sunday. two persons were killed in police firing "
        "in petlad town."
    )
    f = figure(ledger_of(analyzer, text), "two")
    assert f.place == "petlad town"
    assert f.place_id is not None and f.place_id != "geonames:1253573"  # not Vadodara


def test_a_venue_named_beside_its_noun_is_written_by_its_name(analyzer: Analyzer) -> None:
    text = (
        "clashes in the city\n\n"
        "vadodara: in another locality, shakarpura, a mob gathered at night. one person "
        "was killed in the firing."
    )
    place = figure(ledger_of(analyzer, text), "one").place
    assert place is not None and place.startswith("shakarpura")


def test_a_breakdown_is_where_its_total_is(analyzer: Analyzer) -> None:
    """ "Two of the victims" are where the five were wounded, not at the place the
    sentence before names first."""
    text = (
        "DAYTON, Ohio — Police searched a house on Elm Street after five people were "
        "wounded at Lakeview Park on Sunday. Two of the victims are in critical condition."
    )
    ledger = ledger_of(analyzer, text)
    assert figure(ledger, "Two").part_of == figure(ledger, "five").id
    assert figure(ledger, "Two").place == figure(ledger, "five").place


def test_a_state_named_beside_its_towns_is_the_place_of_a_running_toll(
    analyzer: Analyzer,
) -> None:
    """The gazetteer keys an Indian town's state by a GeoNames code: a state named
    beside towns all of one division holds them."""
    text = (
        "toll rises in the state\n\n"
        "ahmedabad: the army was sent to godhra on friday. curfew continued in ahmedabad "
        "and vadodara, and in other towns of gujarat. the death toll now stands at 420."
    )
    assert figure(ledger_of(analyzer, text), "420").place == "gujarat"


def test_the_counts_own_phrase_comes_before_its_verbs(analyzer: Analyzer) -> None:
    """A gapped list: "four taken to A, *one to B* and the last to C"."""
    text = (
        "The injured were taken to area hospitals, with four transported to Saint Mary "
        "Hospital, one to Lakeside Medical Center and the last airlifted to Mercy Hospital."
    )
    place = figure(ledger_of(analyzer, text), "one").place
    assert place is not None and "Lakeside Medical Center" in place


def test_people_brought_from_a_town_are_from_it(analyzer: Analyzer) -> None:
    text = (
        "ahmedabad: the civil hospital was full on friday. trucks brought 40 dead from "
        "godhra in the night."
    )
    place = figure(ledger_of(analyzer, text), "40").place
    assert place is not None and place.startswith("godhra")


def test_the_scene_reaches_back_past_sentences_that_name_no_place(analyzer: Analyzer) -> None:
    """A lower-case town the tagger reads as an adjective ("broke out in *petlad*") sets
    the scene for the counts told sentences later."""
    text = (
        "clashes in anand\n\n"
        "vadodara: trouble broke out in petlad after a mob set a colony on fire. heavy "
        "stone-pelting followed. the police fired 45 rounds at night. a curfew was "
        "imposed. one person was injured in the firing."
    )
    assert figure(ledger_of(analyzer, text), "one").place == "petlad"


def test_an_event_told_before_is_where_it_was_told(analyzer: Analyzer) -> None:
    """ "after the shootout": where the document first places a shootout, not the place
    of the sentence before."""
    text = (
        "SALEM, Ore. — A shootout broke out early Sunday at the Red Fox bar. A witness "
        "who lives in Keizer said police were slow to come. Officers arrested four "
        "people after the shootout."
    )
    place = figure(ledger_of(analyzer, text), "four").place
    assert place is not None and "Red Fox bar" in place


def test_a_news_agency_is_no_town(analyzer: Analyzer) -> None:
    """A name the recogniser gives a person or a group is read as a town only after a
    place preposition ("in Goma"), never a wire agency's "(UPI)" (a town in the
    Philippines)."""
    doc = analyzer.nlp("BATON ROUGE, May 3 (UPI) -- Rebels fought in Goma at dawn.")
    upi = next(t for t in doc if t.text == "UPI")
    goma = next(t for t in doc if t.text == "Goma")
    doc.ents = [
        SpacySpan(doc, upi.i, upi.i + 1, label="NORP"),
        SpacySpan(doc, goma.i, goma.i + 1, label="PERSON"),
    ]
    context = DocumentFrame(doc, [], None)
    assert upi.i not in context.place_of
    assert goma.i in context.place_of


def test_a_block_of_a_street_is_a_named_venue(analyzer: Analyzer) -> None:
    text = (
        "CAMDEN, N.J. — Police were called to the 1400 block of Harlan Avenue after "
        "midnight.\n\nTwo men were found dead inside a car."
    )
    place = figure(ledger_of(analyzer, text), "Two").place
    assert place is not None and "1400 block of Harlan Avenue" in place


def test_a_count_at_the_scene_is_where_the_event_was(analyzer: Analyzer) -> None:
    """ "at the scene" points back: the place told before, not the hospitals the rest of
    the sentence names."""
    text = (
        "FRESNO, Calif. — Gunmen opened fire outside a party on Belmont Avenue late "
        "Saturday.\n\nTwo people died at the scene and 5 were taken to area hospitals."
    )
    place = figure(ledger_of(analyzer, text), "Two").place
    assert place is not None and "Belmont Avenue" in place


def test_a_headline_run_into_the_dateline_keeps_its_own_place(analyzer: Analyzer) -> None:
    """The parser makes the dateline's town the object of the headline's "at"; the line
    break ends the headline's phrase."""
    text = (
        "Mob kills 12 at Shah Alam Colony\n\n"
        "ahmedabad: a mob set fire to houses on friday night, police said."
    )
    place = figure(ledger_of(analyzer, text), "12").place
    assert place is not None and "Shah Alam Colony" in place


def test_a_definite_count_told_again_is_where_it_was_first(analyzer: Analyzer) -> None:
    """ "The four" are the four wounded at the party, not at the hospitals the
    sentence before names."""
    text = (
        "TULSA, Okla. — Four teens were wounded at a party on Pine Street on Saturday. "
        "They were taken to Saint Francis Hospital and Hillcrest Medical Center.\n\n"
        "The four are in stable condition."
    )
    ledger = ledger_of(analyzer, text)
    assert figure(ledger, "four").place == figure(ledger, "Four").place


def test_a_count_up_to_now_of_a_state_is_the_states(analyzer: Analyzer) -> None:
    """The present perfect counts up to now: in a report about several towns of one
    state, its place is the state, not the town the sentence before names."""
    text = (
        "violence spreads\n\n"
        "ahmedabad: curfew continued in ahmedabad and vadodara, and the army was sent to "
        "godhra and other towns of gujarat. a shop was torched in vadodara. police said 85 "
        "persons have been killed in police firing."
    )
    assert figure(ledger_of(analyzer, text), "85").place == "gujarat"


def test_a_place_of_a_verb_joined_to_the_figures_verb(analyzer: Analyzer) -> None:
    """ "treated and released from X": the verbs share the subject, so the place."""
    text = (
        "DENVER — Several people were hurt in a shooting on Sunday.\n\n"
        "One man was treated for a wound and released from Rose Medical Center, a "
        "spokeswoman said."
    )
    place = figure(ledger_of(analyzer, text), "One").place
    assert place is not None and "Rose Medical Center" in place


def test_where_a_figure_was_said_is_not_its_place(analyzer: Analyzer) -> None:
    text = (
        "Five people were killed in an air strike on Rafah on Monday.\n\n"
        "The ministry told reporters in Cairo on Tuesday that 12 more people had died."
    )
    place = figure(ledger_of(analyzer, text), "12").place
    assert place is not None and "Rafah" in place


def test_whom_a_speaker_told_is_no_scene(analyzer: Analyzer) -> None:
    text = (
        "Eleven hostages were held in the depot at Marrow Flats.\n\n"
        "The mediator said in his statements to Channel Nine that talks went on.\n\n"
        "The gunmen released 4 hostages on Friday."
    )
    place = figure(ledger_of(analyzer, text), "4").place
    assert place is None or "Channel Nine" not in place


def test_captives_released_are_released_from_where_they_were_held(analyzer: Analyzer) -> None:
    text = (
        "The gunmen have held 30 people in Mosul since Sunday.\n\n"
        "All eyes are on Doha, which leads the talks.\n\n"
        "The gunmen released 4 hostages on Friday."
    )
    assert figure(ledger_of(analyzer, text), "4").place == "Mosul"


def test_a_breakdown_of_another_measure_is_not_where_that_count_is(analyzer: Analyzer) -> None:
    """ "Two of them died" breaks down no count of the injured: only a total of the same
    measure lends its place."""
    doc = analyzer.nlp("Four men were hurt at the market. Two of them died.")
    four = next(t for t in doc if t.text == "Four")
    two = next(t for t in doc if t.text == "Two")
    context = DocumentFrame(doc, [], None)
    context.remember_place(four.head, four, "injured", ("the market", None))
    assert context.total_place(two, two, "killed") is None
    assert context.total_place(two, two, "injured") == ("the market", None)


def test_a_dateline_never_reaches_into_the_headline(analyzer: Analyzer) -> None:
    text = (
        "TOLL CLIMBS\n\n"
        "KANO, Nigeria — The city was quiet on Monday.\n\nPolice said 14 people died."
    )
    assert figure(ledger_of(analyzer, text), "14").place == "KANO"
