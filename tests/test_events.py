"""Events across documents: reports of one incident in other words join one event; a
shooting in the same city a week later, or a round-up of another day, stays apart; the
store gives every document its event when it is saved (and keeps it when saved again),
groups a store made before events when it is opened, and keys series by event."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from typer.testing import CliRunner

from according.cli import app
from according.ledger.events import (
    Event,
    EventIndex,
    Sketch,
    blocking_keys,
    group,
    lead_weekdays,
    lead_words,
    person_key,
    proper_words,
    score,
    share_place,
    sketch,
)
from according.records import DateMention, Document, Entity, Figure, Ledger
from according.store import Store
from according.store.event_queries import headline
from according.store.queries import figure_series
from according.store.schema import (
    FRAME_COLUMNS,
    SCHEMA_VERSION,
    document_events,
    event_keys,
    events,
    figures,
    meta,
)
from store_fixtures import sp

pytest_plugins = ["store_fixtures"]

D = dt.date


@dataclass(frozen=True)
class Count:
    phrase: str
    measure: str
    value: int
    place: str | None = None


def report(
    doc_id: str,
    title: str,
    body: str,
    *,
    published: dt.date | None,
    places: tuple[str, ...] = (),
    people: tuple[str, ...] = (),
    orgs: tuple[str, ...] = (),
    counts: tuple[Count, ...] = (),
    dates: tuple[tuple[str, str], ...] = (),
    facilities: tuple[str, ...] = (),
) -> Ledger:
    """A ledger of a news report written for these tests, with the entities, figures and
    dates its analysis would find."""
    text = f"{title}\n\n{body}\n"
    entities = tuple(
        Entity(f"E{k + 1}", name, label, (sp(text, name),))
        for k, (name, label) in enumerate(
            [
                *((p, "GPE") for p in places),
                *((p, "PERSON") for p in people),
                *((o, "ORG") for o in orgs),
                *((f, "FAC") for f in facilities),
            ]
        )
    )
    figures = tuple(
        Figure(f"F{k + 1}", c.measure, c.value, "exact", sp(text, c.phrase),
               sp(text, c.phrase), place=c.place)
        for k, c in enumerate(counts)
    )  # fmt: skip
    mentions = tuple(DateMention(*_at(text, words), value) for words, value in dates)
    document = Document(id=doc_id, text=text, title=title, published=published)
    return Ledger(document=document, entities=entities, figures=figures, dates=mentions)


def _at(text: str, words: str) -> tuple[int, int, str]:
    span = sp(text, words)
    return span.start, span.end, span.text


# one shooting at a gas station, told by three outlets in their own words
GAS_STATION = [
    report(
        "tribune/gas-station.txt",
        "2 killed, 2 wounded in shooting at Washington Park gas station",
        "Two men were killed and two others wounded Friday night when gunmen opened fire "
        "outside a gas station in Washington Park on the South Side, Chicago police said.",
        published=D(2017, 3, 10),
        places=("Washington Park", "Chicago"),
        counts=(
            Count("Two men were killed", "killed", 2, "Washington Park"),
            Count("two others wounded", "injured", 2, "Washington Park"),
        ),
        dates=(("Friday", "2017-03-10"),),
    ),
    report(
        "sun/gas-station-shooting.txt",
        "4 shot, 2 fatally, at Washington Park gas station",
        "Four people were shot, two of them fatally, at a gas station in the Washington "
        "Park neighborhood late Friday, according to Chicago police. Lavelle Hudson, 61, "
        "was among the dead.",
        published=D(2017, 3, 11),
        places=("Washington Park", "Chicago"),
        people=("Lavelle Hudson",),
        counts=(
            Count("Four people were shot", "injured", 4, "Washington Park"),
            Count("two of them fatally", "killed", 2),
        ),
        dates=(("late Friday", "2017-03-10"),),
    ),
    report(
        "wire/victims-named.txt",
        "Men shot to death outside South Side gas station identified",
        "The Cook County medical examiner on Monday identified the two men shot to death "
        "outside a Washington Park gas station as Lavelle Hudson, 61, and Marcus Bell, 24.",
        published=D(2017, 3, 13),
        places=("Washington Park", "Cook County"),
        people=("Lavelle Hudson", "Marcus Bell"),
        counts=(Count("two men shot to death", "killed", 2),),
        dates=(("Monday", "2017-03-13"),),
    ),
]

# a shooting in the same city a week later: another event
NEXT_WEEK = report(
    "tribune/englewood.txt",
    "Man killed, woman wounded in Englewood shooting",
    "A man was killed and a woman was wounded Friday in a shooting in Englewood, on "
    "Chicago's South Side, police said.",
    published=D(2017, 3, 17),
    places=("Englewood", "Chicago"),
    counts=(Count("A man was killed", "killed", 1, "Englewood"),
            Count("a woman was wounded", "injured", 1, "Englewood")),
    dates=(("Friday", "2017-03-17"),),
)  # fmt: skip

# the same day, another city, the same toll
ELSEWHERE = report(
    "courier/motel.txt",
    "2 killed, 2 wounded in shooting at motel",
    "Two men were killed and two others were wounded Friday night in a shooting at a motel "
    "in Evansville, police said.",
    published=D(2017, 3, 10),
    places=("Evansville",),
    counts=(Count("Two men were killed", "killed", 2, "Evansville"),
            Count("two others were wounded", "injured", 2, "Evansville")),
)  # fmt: skip


def events_of(ledgers: list[Ledger]) -> dict[str, int]:
    return {d: e.id for e in group(sketch(x) for x in ledgers) for d in e.documents}


def test_a_sketch_reads_days_places_people_numbers_and_lead_words() -> None:
    s = sketch(GAS_STATION[1])
    assert s.days == {D(2017, 3, 11), D(2017, 3, 10)}
    assert s.places == {"washington park", "chicago"}
    assert s.names == {"lavelle hudson"}
    assert s.numbers == {("injured", 4), ("killed", 2)}
    assert {"washi", "gas", "stati", "fatal"} <= s.words
    assert "w:chica@2017-W10" in blocking_keys(s) and "n:lavelle hudson" in blocking_keys(s)


def test_lead_words_are_content_words_cut_to_their_stem() -> None:
    assert lead_words("Toddler shoots sister", "Toddler shoots sister\n\nPolice said") == {
        "toddl", "shoot", "siste", "polic", "said",
    }  # fmt: skip


def test_places_meet_by_key_by_words_and_in_the_lead() -> None:
    assert share_place({"3704 fannin st"}, {"fannin", "houston"}, (), ())
    assert share_place({"terrell"}, set(), (), proper_words("Terrell toddler shoots sister", ""))
    assert not share_place({"washington park"}, {"washington avenue"}, (), ())
    assert not share_place({"chicago"}, {"evansville"}, {"shoot"}, {"shoot"})


def test_an_event_headline_is_the_value_most_reports_give() -> None:
    assert headline([["killed", 2, 3], ["killed", 8, 1], ["injured", 2, 2], ["injured", 4, 2]]) == {
        "injured": 4, "killed": 2,
    }  # fmt: skip


def test_reports_of_one_shooting_in_other_words_join_one_event() -> None:
    found = events_of(GAS_STATION)
    assert len(set(found.values())) == 1


def test_a_shooting_in_the_same_city_a_week_later_stays_apart() -> None:
    found = events_of([*GAS_STATION, NEXT_WEEK])
    assert found[NEXT_WEEK.document.id] != found[GAS_STATION[0].document.id]
    # close in time and with the same toll, but in another city: apart too
    found = events_of([*GAS_STATION, ELSEWHERE])
    assert found[ELSEWHERE.document.id] != found[GAS_STATION[0].document.id]


def test_a_follow_up_months_later_joins_on_a_name_and_a_place() -> None:
    follow_up = report(
        "tribune/charged.txt",
        "Man charged in gas station killings",
        "Prosecutors charged a 30-year-old man on Tuesday in the killing of Lavelle Hudson "
        "outside a Washington Park gas station in March.",
        published=D(2017, 7, 18),
        places=("Washington Park",),
        people=("Lavelle Hudson",),
    )
    found = events_of([*GAS_STATION, follow_up])
    assert found[follow_up.document.id] == found[GAS_STATION[0].document.id]
    # an official named in every report is no such sign without a shared place
    s = Sketch("x", days=frozenset({D(2017, 7, 18)}), names=frozenset({"lavelle hudson"}))
    event = Event(1)
    event.add(sketch(GAS_STATION[1]))
    assert score(s, event) == 0.0


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_the_incident_meets_in_any_order_and_the_others_never_join(
    order: tuple[int, ...],
) -> None:
    ledgers = [[*GAS_STATION[:2], NEXT_WEEK, ELSEWHERE][i] for i in order]
    found = events_of(ledgers)
    assert found["tribune/gas-station.txt"] == found["sun/gas-station-shooting.txt"]
    assert len(set(found.values())) == 3


def test_a_report_that_meets_the_event_only_through_another_depends_on_the_order() -> None:
    """What incremental assignment does not guarantee: the victims named three days on
    (too far for time and place alone) join through the report that names one of them;
    first, they start an event of their own, which no event merges with later."""
    found = events_of(GAS_STATION)
    assert len(set(found.values())) == 1
    found = events_of([GAS_STATION[2], GAS_STATION[0], GAS_STATION[1]])
    assert found["wire/victims-named.txt"] != found["tribune/gas-station.txt"]


def test_an_event_is_stored_and_read_back_whole() -> None:
    index = EventIndex()
    for x in GAS_STATION:
        index.add(sketch(x))
    [event] = list(index)
    again = Event.from_json(event.to_json())
    assert again == event
    assert (again.first, again.last, again.place) == (D(2017, 3, 10), D(2017, 3, 13),
                                                      "washington park")  # fmt: skip


def test_crowded_keys_find_no_candidates() -> None:
    index = EventIndex(crowded=0)
    index.add(sketch(GAS_STATION[0]))
    assert index.candidates(sketch(GAS_STATION[1])) == []


# --- one incident, its place and people written otherwise; other incidents apart ------


def test_a_name_is_keyed_without_titles_nicknames_or_initials() -> None:
    assert person_key("Roman M. Kellough") == person_key("Roman Kellough") == "roman kellough"
    assert person_key("Antonio \u201cSmoke\u201d Reyes") == "antonio reyes"
    assert person_key("Sgt. Lewis") is None


def test_a_victim_named_with_and_without_a_middle_initial_joins_the_event() -> None:
    first = report(
        "courier/teen-dies.txt",
        "Teen dies after shooting near Lakeview park",
        "Marcus T. Doyle, 16, died Saturday of a gunshot wound he suffered near a park in "
        "Lakeview, police said.",
        published=D(2018, 4, 14),
        places=("Lakeview",),
        people=("Marcus T. Doyle",),
        dates=(("Saturday", "2018-04-14"),),
    )
    later = report(
        "herald/teen-charged.txt",
        "Second teen charged in Lakeview killing",
        "A 17-year-old was charged Thursday with murder in the death of Marcus Doyle, shot "
        "near a Lakeview park in April.",
        published=D(2018, 6, 21),
        places=("Lakeview",),
        people=("Marcus Doyle",),
    )
    found = events_of([first, later])
    assert found[later.document.id] == found[first.document.id]
    # another victim of the same surname, weeks later in the same town, stays apart
    other = replace(
        later,
        document=replace(later.document, id="herald/other.txt"),
        entities=(Entity("E1", "Lakeview", "GPE", (sp(later.document.text, "Lakeview"),)),
                  Entity("E2", "Alicia Doyle", "PERSON", (sp(later.document.text, "Doyle"),))),
    )  # fmt: skip
    found = events_of([first, other])
    assert found[other.document.id] != found[first.document.id]


# a student shot at a high school: one report names the district, one the city, one
# writes the city only in its lead and names only the street
SCHOOL = [
    report(
        "wfox/student-shot.txt",
        "Student hurt when gun goes off in class at Kimbrough High",
        "The Dallas Independent School District says a student at Kimbrough High was hurt "
        "when a revolver in his backpack went off during first period.",
        published=D(2016, 5, 2),
        places=("Dallas Independent School District",),
    ),
    report(
        "kdal/kimbrough-shooting.txt",
        "Kimbrough High student shot in leg, district says",
        "A Kimbrough High student was taken to hospital with a leg wound after a revolver "
        "went off in class on Monday, Dallas police said.",
        published=D(2016, 5, 2),
        places=("Dallas",),
        dates=(("Monday", "2016-05-02"),),
    ),
]


def test_places_written_otherwise_still_find_the_event() -> None:
    """Blocking finds every event that :func:`share_place` accepts: "Dallas" and "Dallas
    Independent School District" share a word; a place written only in the lead of the
    other report is found through its lead words."""
    index = EventIndex()
    first = index.add(sketch(SCHOOL[0]))
    assert index.candidates(sketch(SCHOOL[1])) == [first]
    assert index.add(sketch(SCHOOL[1])) == first
    street_only = report(
        "wmem/toddler-shot.txt",
        "Man shoots toddler inside car",
        "A man shot a 3-year-old girl inside a car on Dewees Drive on Sunday night after an "
        "argument with her mother, Memphis police said.",
        published=D(2016, 5, 16),
        facilities=("Dewees Drive",),
        dates=(("Sunday", "2016-05-15"),),
    )
    city = report(
        "tmem/girl-shot.txt",
        "Girl, 3, shot in car in Memphis",
        "Memphis police are looking for a man who shot a 3-year-old girl riding in her "
        "mother's car on Sunday night.",
        published=D(2016, 5, 16),
        places=("Memphis",),
        dates=(("Sunday", "2016-05-15"),),
    )
    index = EventIndex()
    first = index.add(sketch(street_only))
    assert index.add(sketch(city)) == first


def test_words_that_name_no_one_place_join_nothing() -> None:
    """Two shootings on one day in two towns whose reports both name "the hospital" and
    a "Central Avenue" stay apart."""
    assert not share_place({"hospital"}, {"children's hospital"}, {"hospital"}, {"hospital"})
    assert not share_place({"college avenue"}, {"central avenue"}, (), ())
    one = report(
        "a/one.txt",
        "Four hurt in shooting outside bar on College Avenue",
        "Four people were taken to the hospital after a shooting outside a bar on College "
        "Avenue early Thursday, police said.",
        published=D(2016, 7, 28),
        places=("College Avenue", "hospital"),
        counts=(Count("Four people were taken to the hospital", "injured", 4),),
    )
    two = report(
        "b/two.txt",
        "Four hurt in shooting on Central Avenue",
        "Four people were taken to the hospital after a shooting on Central Avenue late "
        "Wednesday, police said.",
        published=D(2016, 7, 28),
        places=("Central Avenue", "hospital"),
        counts=(Count("Four people were taken to the hospital", "injured", 4),),
    )
    found = events_of([one, two])
    assert found[one.document.id] != found[two.document.id]


def test_a_town_named_like_the_start_of_another_is_another_town() -> None:
    """Lead words are compared whole for places: a shooting in Spring and one in
    Springfield the same day, each told in the same words, stay apart."""

    def shooting(doc_id: str, town: str) -> Ledger:
        return report(
            doc_id,
            f"Man shot outside {town} convenience store",
            f"A man was shot and wounded outside a convenience store on Friday night, "
            f"{town} police said.",
            published=D(2019, 6, 8),
            places=(town,),
            counts=(Count("A man was shot and wounded", "injured", 1),),
        )

    spring, springfield = shooting("a/spring.txt", "Spring"), shooting("b/sf.txt", "Springfield")
    index = EventIndex()
    first = index.add(sketch(springfield))
    assert index.add(sketch(spring)) != first


def test_a_place_is_also_the_town_it_resolves_to_never_only_its_state() -> None:
    s = sketch(report("x", "Four hurt in shooting", "Four people were taken to the "
                      "hospital, Elmira, police said.", published=D(2016, 7, 28),
                      places=("the hospital, Elmira",)))  # fmt: skip
    assert s.places == {"hospital elmira", "elmira"}
    s = sketch(report("y", "Boy dies", "A boy died at a home, N.D., the sheriff said.",
                      published=D(2016, 10, 3), places=("a home, N.D.",)))  # fmt: skip
    assert "north dakota" not in s.places


def test_a_town_taken_for_an_organisation_is_a_place_of_its_report() -> None:
    """The recogniser labels "Evansville" an organisation; it is a town of the country
    the report's other places lie in. A lone "Metro" (a town in Indonesia) in a report
    from Las Vegas is no place of it."""
    s = sketch(report(
        "w/central.txt",
        "Student found dead outside Central High",
        "Evansville police said the boy was found outside the school; the Vanderburgh "
        "County coroner ruled the death a suicide.",
        published=D(2017, 1, 3),
        orgs=("Evansville", "Vanderburgh County"),
    ))  # fmt: skip
    assert {"evansville", "vanderburgh"} <= s.places
    s = sketch(report(
        "r/window.txt",
        "Man shot through window of Las Vegas home",
        "A man was shot through a window of his home, Metro said. Las Vegas police have "
        "no suspect.",
        published=D(2016, 11, 26),
        places=("Las Vegas",),
        orgs=("Metro",),
    ))  # fmt: skip
    assert s.places == {"las vegas"}


# a boy wounded in his sleep; two months on, police ask for help and name the day
SLEEPING_BOY = report(
    "rj/boy-shot.txt",
    "Boy, 11, wounded as gunmen fire into Las Vegas home",
    "An 11-year-old boy was critically wounded early Saturday when gunmen fired into a "
    "house near Eastern Avenue and Bonanza Road, Las Vegas police said.",
    published=D(2016, 11, 26),
    places=("Las Vegas",),
    facilities=("Eastern Avenue", "Bonanza Road"),
    dates=(("Saturday", "2016-11-26"),),
)


def appeal(day: str, value: str, place: str = "Las Vegas") -> Ledger:
    return report(
        f"rj/appeal-{value}-{place}.txt",
        f"Police seek gunmen who shot into {place} home",
        f"Police on Tuesday asked for help finding three men who fired into a {place} home "
        f"on {day}, wounding a boy who was asleep.",
        published=D(2017, 1, 24),
        places=(place,),
        dates=((day, value), ("Tuesday", "2017-01-24")),
    )


def test_a_follow_up_that_names_the_day_of_the_shooting_joins_it() -> None:
    named = appeal("Nov. 26", "2016-11-26")
    assert sketch(named).recalled == {D(2016, 11, 26)}
    found = events_of([SLEEPING_BOY, named])
    assert found[named.document.id] == found[SLEEPING_BOY.document.id]
    # in either order
    found = events_of([named, SLEEPING_BOY])
    assert found[named.document.id] == found[SLEEPING_BOY.document.id]


def test_a_follow_up_naming_another_day_or_another_town_stays_apart() -> None:
    for other in (appeal("Nov. 19", "2016-11-19"), appeal("Nov. 26", "2016-11-26", "Reno")):
        found = events_of([SLEEPING_BOY, other])
        assert found[other.document.id] != found[SLEEPING_BOY.document.id]


def test_a_weekday_of_the_lead_is_a_day_of_the_report() -> None:
    """The recogniser may miss a date ("Late Sunday evening" read as a time); the lead
    still names the Sunday, three days before the report, a day after the first ones."""
    assert lead_weekdays("Late Sunday evening the girl was shot", D(2016, 5, 19)) == {
        D(2016, 5, 15)
    }
    assert lead_weekdays("The hearing is set for next Monday", D(2016, 5, 19)) == set()
    first = report(
        "wm/girl-shot.txt",
        "Girl, 3, critically hurt in Whitehaven shooting",
        "A 3-year-old girl was in critical condition on Monday after a man fired into her "
        "mother's car at a Whitehaven apartment complex, Memphis police said.",
        published=D(2016, 5, 16),
        places=("Whitehaven", "Memphis"),
        dates=(("Monday", "2016-05-16"),),
    )

    def recovering(doc_id: str, published: dt.date) -> Ledger:
        return report(
            doc_id,
            "Toddler shot at Whitehaven apartments is recovering",
            "Late Sunday evening the little girl was rushed to hospital after a man opened "
            "fire on her mother's car at a Whitehaven apartment complex, Memphis police said.",
            published=published,
            places=("Whitehaven", "Memphis"),
        )

    later = recovering("wr/recovering.txt", D(2016, 5, 19))
    found = events_of([first, later])
    assert found[later.document.id] == found[first.document.id]
    # the same words a week on name the next Sunday: another shooting
    week_on = recovering("wr/next-week.txt", D(2016, 5, 24))
    found = events_of([first, week_on])
    assert found[week_on.document.id] != found[first.document.id]


FILLER = (
    "The block was quiet by morning. Neighbors said children often play on the corner "
    "and that a streetlight had been out for weeks. A community group plans a vigil on "
    "Friday and has asked the city to add patrols near the park. "
)


def test_a_judge_quoted_in_reports_of_two_shootings_does_not_join_them() -> None:
    """Months apart, one county, one judge quoted below the lead of both: the judge is
    not whom either report is about, so the later shooting starts its own event."""

    def hearing(doc_id: str, victim: str, published: dt.date) -> Ledger:
        return report(
            doc_id,
            f"Man held without bail in killing of {victim}",
            f"A man was ordered held without bail on Tuesday in the shooting death of "
            f"{victim}. {FILLER * 2}Judge Peggy Marsh of Cook County called the killing "
            "senseless.",
            published=published,
            places=("Cook County",),
            people=(victim, "Peggy Marsh"),
        )

    one = hearing("st/held-1.txt", "Dante Fields", D(2016, 2, 9))
    two = hearing("st/held-2.txt", "Luis Orozco", D(2016, 8, 16))
    found = events_of([one, two])
    assert found[one.document.id] != found[two.document.id]
    # the victim named in the lead of a later report joins it
    again = hearing("tr/trial.txt", "Dante Fields", D(2016, 9, 20))
    found = events_of([one, again])
    assert found[one.document.id] == found[again.document.id]


def test_a_report_with_no_published_date_joins_by_the_dates_it_gives() -> None:
    undated = report(
        "blog/gas-station.txt",
        "Two dead in Washington Park gas station shooting",
        "Two men were killed and two wounded at a Washington Park gas station on March 10, "
        "2017, Chicago police said.",
        published=None,
        places=("Washington Park", "Chicago"),
        counts=(Count("Two men were killed", "killed", 2, "Washington Park"),),
        dates=(("March 10, 2017", "2017-03-10"),),
    )
    found = events_of([*GAS_STATION, NEXT_WEEK, undated])
    assert found[undated.document.id] == found[GAS_STATION[0].document.id]
    # with no date at all it cannot be placed in time: it starts its own event
    adrift = replace(undated, document=replace(undated.document, id="blog/adrift.txt"), dates=())
    found = events_of([*GAS_STATION, adrift])
    assert found[adrift.document.id] != found[GAS_STATION[0].document.id]


def test_an_event_stored_before_recalled_days_reads_back() -> None:
    event = Event(1)
    event.add(sketch(GAS_STATION[0]))
    state = event.to_json()
    del state["recalled"]
    assert Event.from_json(state) == event


# --- the store --------------------------------------------------------------------------


def save_all(store: Store, ledgers: list[Ledger]) -> None:
    for x in ledgers:
        store.save(x, x.document.text)


def test_the_store_gives_each_document_its_event(store: Store) -> None:
    save_all(store, [*GAS_STATION, NEXT_WEEK, ELSEWHERE])
    found = store.events_of()
    assert len({found[x.document.id] for x in GAS_STATION}) == 1
    assert len(set(found.values())) == 3
    # ingesting again changes nothing; a document saved from new input keeps its event
    save_all(store, [*GAS_STATION, NEXT_WEEK, ELSEWHERE])
    assert store.events_of() == found
    edited = GAS_STATION[0]
    store.save(edited, edited.document.text + " (edited)")
    assert store.events_of() == found


def test_an_event_keyed_by_whole_places_before_place_words_is_still_found(
    store: Store,
) -> None:
    """A store grouped before place words holds ``p:PLACE@WEEK`` keys; a new report
    still finds its events through them."""
    save_all(store, GAS_STATION[:1])
    with store.begin() as conn:
        conn.execute(event_keys.delete().where(event_keys.c.key.like("w:%")))
        conn.execute(event_keys.insert(), [{"key": "p:washington park@2017-W10", "event_id": 1}])
    save_all(store, GAS_STATION[1:2])
    found = store.events_of()
    assert found[GAS_STATION[1].document.id] == found[GAS_STATION[0].document.id]


def test_series_are_keyed_by_event(store: Store) -> None:
    save_all(store, [*GAS_STATION, NEXT_WEEK])
    killed = [s for s in figure_series(store, measure="killed")]
    by_event = {s.event_id: [p.value for p in s.points] for s in killed}
    found = store.events_of()
    assert by_event == {
        found[GAS_STATION[0].document.id]: [2, 2, 2],
        found[NEXT_WEEK.document.id]: [1],
    }
    # one series of the shooting, though its reports name Washington Park or no place
    assert not any(s.conflicts() for s in killed)


def test_the_store_keys_an_incidents_children_as_its_people(store: Store) -> None:
    """The store groups as ``build_series`` does (``series_population``): a report
    counting the shooting's dead as children joins the people series of its event; a
    running total of children stays a series of its own."""
    wire = GAS_STATION[2]
    boys = replace(wire.figures[0], population="children")
    total = replace(wire.figures[0], id="F2", value=40, population="children",
                    period="cumulative")  # fmt: skip
    save_all(store, [*GAS_STATION[:2], replace(wire, figures=(boys, total))])
    killed = figure_series(store, measure="killed")
    assert sorted((s.who, sorted(p.value for p in s.points)) for s in killed) == [
        ("children", [40]),
        ("people", [2, 2, 2]),
    ]


def test_a_schema_5_store_gets_its_events_and_frame_when_opened(durable_url: str) -> None:
    with Store(durable_url) as store:
        save_all(store, [*GAS_STATION, NEXT_WEEK])
        found = store.events_of()
        with store.begin() as conn:
            for table in (document_events, event_keys, events):
                table.drop(conn)
            for column in FRAME_COLUMNS:
                conn.execute(text(f"ALTER TABLE figures DROP COLUMN {column}"))
            conn.execute(update(meta).where(meta.c.name == "schema_version").values(value="5"))
    with Store(durable_url) as store:
        assert store.events_of() == found
        with store.engine.connect() as conn:
            version = conn.scalar(select(meta.c.value).where(meta.c.name == "schema_version"))
            populations = set(conn.scalars(select(figures.c.population)))
        assert version == str(SCHEMA_VERSION) and populations == {"people"}
        assert len(figure_series(store, measure="killed")) == 2


def test_a_deleted_document_leaves_its_event(store: Store) -> None:
    save_all(store, GAS_STATION)
    assert store.delete(GAS_STATION[2].document.id)
    assert GAS_STATION[2].document.id not in store.events_of()
    with store.engine.connect() as conn:
        assert conn.scalar(select(events.c.documents)) == 3  # what it said stays


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def events_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    with Store(url) as store:
        save_all(store, [*GAS_STATION, NEXT_WEEK, ELSEWHERE])
    return url


def test_according_events_lists_and_filters(events_db: str) -> None:
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["events", "--db", events_db, "--json"]).stdout)
    assert [(e["first"], e["documents"]) for e in listed] == [
        ("2017-03-17", 1), ("2017-03-10", 1), ("2017-03-10", 3),
    ]  # fmt: skip
    station = listed[2]
    assert station["place"] == "washington park"
    assert station["measures"] == {"injured": 4, "killed": 2}  # a tie: the highest
    chicago = runner.invoke(app, ["events", "--db", events_db, "--place", "Chicago", "--json"])
    assert {e["id"] for e in json.loads(chicago.stdout)} == {listed[0]["id"], station["id"]}
    early = runner.invoke(app, ["events", "--db", events_db, "--until", "2017-03-12", "--json"])
    assert len(json.loads(early.stdout)) == 2
    one = runner.invoke(app, ["events", "--db", events_db, "--limit", "1", "--json"])
    assert len(json.loads(one.stdout)) == 1
    table = runner.invoke(app, ["events", "--db", events_db])
    assert table.exit_code == 0 and "washington" in table.stdout
    wrong = runner.invoke(app, ["events", "--db", events_db, "--measure", "drowned"])
    assert wrong.exit_code != 0


def test_according_events_show_gives_one_event_whole(events_db: str) -> None:
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["events", "--db", events_db, "--json"]).stdout)
    station = str(listed[2]["id"])
    shown = json.loads(runner.invoke(app, ["events", "show", station, "--db", events_db,
                                           "--json"]).stdout)  # fmt: skip
    assert [d["document"] for d in shown["documents"]] == [
        "tribune/gas-station.txt", "sun/gas-station-shooting.txt", "wire/victims-named.txt",
    ]  # fmt: skip
    killed = [s for s in shown["series"] if s["series"]["measure"] == "killed"]
    assert [p["value"] for p in killed[0]["points"]] == [2, 2, 2]
    table = runner.invoke(app, ["events", "show", station, "--db", events_db])
    assert table.exit_code == 0 and "gas-station" in table.stdout
    missing = runner.invoke(app, ["events", "show", "999", "--db", events_db])
    assert missing.exit_code == 1


def test_according_figures_reads_one_event(events_db: str) -> None:
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["events", "--db", events_db, "--json"]).stdout)
    station = str(listed[2]["id"])
    found = runner.invoke(app, ["figures", "--db", events_db, "--event", station, "--json"])
    series = json.loads(found.stdout)
    assert {s["series"]["event_id"] for s in series} == {int(station)}
    assert sorted(s["series"]["measure"] for s in series) == ["injured", "killed"]
