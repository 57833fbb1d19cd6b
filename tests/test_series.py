"""Figure series across documents: grouping, one report per repost cluster, latest per
source, spread, and the conflicts users are warned about."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from according.cli import app
from according.ledger.series import (
    Point,
    build_series,
    comparable,
    counted,
    place_key,
    source_key,
    who_class,
)
from conftest import Ingested

D = dt.date


def point(
    value: int,
    source: str,
    day: int,
    *,
    measure: str = "held_hostage",
    qualifier: str = "exact",
    who: str | None = "people",
    place: str | None = "Gaza",
    document: str | None = None,
    low: int | None = None,
    high: int | None = None,
) -> Point:
    return Point(
        measure=measure, value=value, qualifier=qualifier, low=low, high=high, who=who,
        place=place, event=None, as_of=D(2023, 10, day), source=source, source_entity=None,
        document=document or f"{source}-{day}-{value}.txt", published=D(2023, 10, day),
        number=str(value), span=f"{value} {who}",
    )  # fmt: skip


def test_names_meet_when_normalised() -> None:
    assert place_key("the Gaza Strip") == place_key("Gaza") == "gaza"
    assert who_class("people, most of them civilians") == who_class("abductees") == "people"
    assert who_class("Israeli soldiers") == who_class("soldier") == "soldier"
    assert source_key("Hearthline International, whose staff run clinics") == (
        "Hearthline International"
    )
    assert source_key("the health ministry") == source_key("Health ministry")


def test_hostages_held_in_gaza_from_different_articles_form_one_series() -> None:
    series = build_series(
        [
            point(224, "Israeli authorities", 20, who="people", place="the Gaza Strip"),
            point(224, "Israeli army", 24, who="abductees", place="Gaza"),
            point(222, "Israeli army", 22, who="hostages", place=None),
        ]
    )
    assert len(series) == 1
    s = series[0]
    assert (s.measure, s.who, place_key(s.place)) == ("held_hostage", "people", "gaza")
    assert [p.value for p in s.points] == [224, 222, 224]
    latest = s.latest()
    assert latest is not None and latest.as_of == D(2023, 10, 24)
    assert {k: p.value for k, p in s.by_source().items()} == {
        "Israeli army": 224,
        "Israeli authorities": 224,
    }


def test_figures_for_different_places_stay_apart_and_an_unplaced_one_is_not_guessed() -> None:
    series = build_series(
        [
            point(1400, "Israeli authorities", 20, measure="killed", place="Israel"),
            point(7000, "Gaza health ministry", 26, measure="killed", place="Gaza"),
            point(50, "Reporter", 26, measure="killed", place=None),
        ]
    )
    assert {(s.place, tuple(p.value for p in s.points)) for s in series} == {
        ("Israel", (1400,)),
        ("Gaza", (7000,)),
        (None, (50,)),
    }
    assert all(not s.conflicts() for s in series)


def test_sources_that_disagree_beyond_their_qualifiers_are_flagged() -> None:
    (s,) = build_series(
        [
            point(23, "Governor", 4),
            point(40, "Rebel spokesman", 4, qualifier="more_than"),
            point(30, "Relief agency", 4, qualifier="range", low=30, high=35),
        ]
    )
    pairs = {tuple(sorted(p["source"] for p in c["points"])) for c in s.conflicts() if c["as_of"]}
    assert ("Governor", "Rebel spokesman") in pairs
    assert ("Governor", "Relief agency") in pairs
    assert ("Rebel spokesman", "Relief agency") in pairs
    assert s.spread() == [{"as_of": "2023-10-04", "low": 23, "high": 40, "sources": 3}]


def test_qualifiers_that_overlap_are_no_conflict() -> None:
    (s,) = build_series(
        [
            point(19, "Ministry", 5, qualifier="at_least"),
            point(26, "Agency", 5),
            point(30, "Hospital", 5, qualifier="about"),
        ],
    )
    kinds = [(c["kind"], sorted(p["source"] for p in c["points"])) for c in s.conflicts()]
    assert kinds == [("disagree", ["Agency", "Hospital"])]  # 26 is not about 30 (±10%)


def test_a_cumulative_count_that_goes_backwards_is_flagged_but_a_stock_is_not() -> None:
    killed = build_series(
        [point(57, "Ministry", 5, measure="killed"), point(40, "Ministry", 6, measure="killed")]
    )[0]
    assert [c["kind"] for c in killed.conflicts()] == ["backwards"]
    held = build_series([point(23, "Governor", 5), point(19, "Governor", 6)])[0]
    assert held.conflicts() == []


def test_a_figure_repeated_by_reposts_is_one_report_with_its_copies() -> None:
    original = point(4, "Relief agency", 6, measure="released", document="courier.txt")
    copies = [
        point(4, "Relief agency", 6, measure="released", document="pulse.txt"),
        point(4, "Relief agency", 6, measure="released", document="brief.html"),
    ]
    other = point(4, "Relief agency", 6, measure="released", document="other-paper.txt")
    originals = {"pulse.txt": "courier.txt", "brief.html": "courier.txt"}
    (s,) = build_series([*copies, original, other], originals)
    assert sorted((p.document, p.copies) for p in s.points) == [
        ("courier.txt", ("brief.html", "pulse.txt")),
        ("other-paper.txt", ()),
    ]


@pytest.fixture
def demo_db(demo_store: Ingested) -> str:
    return demo_store.url


def test_figures_command_shows_disagreeing_sources_on_the_demo(
    demo_db: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["figures", "--db", demo_db, "--measure", "held_hostage", "--json"])
    assert result.exit_code == 0, result.output
    series = json.loads(result.stdout)
    assert series and all(s["series"]["measure"] == "held_hostage" for s in series)
    assert {"series", "points", "latest", "by_source", "conflicts"} <= set(series[0])
    disagreeing = [c for s in series for c in s["conflicts"] if c["kind"] == "disagree"]
    assert disagreeing, "the demo's hostage counts disagree between sources"
    assert all(c["points"][0]["source"] != c["points"][1]["source"] for c in disagreeing)
    plot = tmp_path / "held.svg"
    drawn = runner.invoke(
        app, ["figures", "--db", demo_db, "--measure", "held_hostage", "--plot", str(plot)]
    )
    assert drawn.exit_code == 0, drawn.output
    assert plot.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    assert "held hostage" in drawn.stdout


def test_figures_command_rejects_bad_options(demo_db: str) -> None:
    runner = CliRunner()
    bad = runner.invoke(app, ["figures", "--db", demo_db, "--measure", "eaten"])
    assert bad.exit_code == 2 and "eaten" in bad.output
    plot = runner.invoke(app, ["figures", "--db", demo_db, "--plot", "out.gif"])
    assert plot.exit_code == 2 and "out.gif" in plot.output
    since = runner.invoke(app, ["figures", "--db", demo_db, "--since", "2026-03-09", "--json"])
    assert since.exit_code == 0
    days = [p["as_of"] for s in json.loads(since.stdout) for p in s["points"]]
    assert days and min(days) >= "2026-03-09"


def test_quotes_by_speaker_over_time(demo_db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["quotes", "--db", demo_db, "--speaker", "vostanic", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) >= 3
    assert all("vostanic" in (r["speaker"] + (r["source"] or "")).lower() for r in rows)
    days = [r["published"] for r in rows]
    assert days == sorted(days) and len(set(days)) >= 2, "her words across several days"
    said = runner.invoke(app, ["quotes", "--db", demo_db, "--text", "twenty-three", "--json"])
    assert said.exit_code == 0
    assert all("twenty-three" in r["content"].lower() for r in json.loads(said.stdout))
    table = runner.invoke(app, ["quotes", "--db", demo_db, "--speaker", "vostanic"])
    assert "Vostanic" in table.stdout


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_writes_every_row(demo_db: str, tmp_path: Path, fmt: str) -> None:
    import csv

    import pyarrow.parquet as pq

    out = tmp_path / f"figures.{fmt}"
    result = CliRunner().invoke(
        app, ["export", "figures", "--db", demo_db, "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    stats = CliRunner().invoke(app, ["stats", "--db", demo_db, "--json"])
    total = json.loads(stats.stdout)["figures"]
    if fmt == "csv":
        with out.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    else:
        rows = pq.read_table(out).to_pylist()
    assert len(rows) == total > 0
    assert {"measure", "value", "qualifier", "doc_id", "attributed_text"} <= set(rows[0])
    assert {str(r["measure"]) for r in rows} <= {
        "killed", "injured", "kidnapped", "held_hostage", "released", "missing",
        "displaced", "arrested", "evacuated",
    }  # fmt: skip


def test_export_rejects_an_unknown_table_or_format(demo_db: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["export", "nothing", "--db", demo_db]).exit_code == 2
    assert (
        runner.invoke(app, ["export", "figures", "--format", "xls", "--db", demo_db]).exit_code == 2
    )
    assert (
        runner.invoke(app, ["export", "figures", "--format", "parquet", "--db", demo_db]).exit_code
        == 2
    )


def test_a_copy_that_rewords_the_source_is_still_the_same_report() -> None:
    original = point(4, "Relief agency", 6, measure="released", document="courier.txt")
    reworded = point(4, "Humanitarian agency", 6, measure="released", document="pulse.txt")
    same_doc_other_source = point(4, "Army", 6, measure="released", document="courier.txt")
    (s,) = build_series([reworded, original, same_doc_other_source], {"pulse.txt": "courier.txt"})
    assert sorted((p.source, p.copies) for p in s.points) == [
        ("Army", ()),
        ("Relief agency", ("pulse.txt",)),
    ]


def test_conflicts_and_latest_views(demo_db: str) -> None:
    runner = CliRunner()
    only = runner.invoke(app, ["figures", "--db", demo_db, "--conflicts", "--json"])
    assert only.exit_code == 0, only.output
    series = json.loads(only.stdout)
    assert series and all(s["conflicts"] for s in series)
    every = json.loads(runner.invoke(app, ["figures", "--db", demo_db, "--json"]).stdout)
    assert len(every) > len(series)
    table = runner.invoke(app, ["figures", "--db", demo_db, "--conflicts", "--latest"])
    assert table.exit_code == 0 and "disagree" in table.stdout


# --- series keyed by event; conflicts only between comparable points ----------------------


def test_series_of_an_event_are_keyed_by_measure_and_population() -> None:
    """Two shootings in one city a week apart are two events, so two series; within an
    event the place a report names or leaves out does not split it, the population
    does."""
    first = [point(2, "Police", 10, measure="killed", place="Washington Park"),
             point(2, "Tribune", 11, measure="killed", place=None)]  # fmt: skip
    later = [point(1, "Police", 17, measure="killed", place="Englewood")]
    officers = [replace(point(1, "Police", 11, measure="killed"), population="police")]
    events = {p.document: 1 for p in [*first, *officers]} | {p.document: 2 for p in later}
    found = build_series([*first, *later, *officers], events=events)
    keys = sorted((s.event_id, s.who, len(s.points)) for s in found)
    assert keys == [(1, "people", 2), (1, "police", 1), (2, "people", 1)]
    assert not any(s.conflicts() for s in found)


def test_an_incidents_children_are_its_people_but_a_running_total_of_them_is_not() -> None:
    """ "A 15-year-old boy was killed" and "one person was killed" count one incident's
    dead; a ministry's running total of children killed is a series of its own. A count
    of children never conflicts with a count of people (it may be part of it)."""
    boy = replace(point(1, "Police", 10, measure="killed"), population="children")
    person = point(1, "Tribune", 10, measure="killed")
    two = point(2, "Herald", 10, measure="killed")
    total = replace(
        point(2913, "Ministry", 10, measure="killed"), population="children", period="cumulative"
    )
    events = {p.document: 1 for p in [boy, person, two, total]}
    found = build_series([boy, person, two, total], events=events)
    keys = sorted((s.who, sorted(p.value for p in s.points)) for s in found)
    assert keys == [("children", [2913]), ("people", [1, 1, 2])]
    people = next(s for s in found if s.who == "people")
    disputed = [{q["value"] for q in c["points"]} for c in people.conflicts()]
    assert disputed == [{1, 2}]


def test_a_breakdown_never_conflicts_with_its_total() -> None:
    total = point(7028, "Ministry", 10, measure="killed")
    part = replace(point(2913, "Agency", 10, measure="killed"), part_of="F1")
    other = point(5000, "Agency", 10, measure="killed")
    assert not comparable(total, part)
    [series] = build_series([total, part], events={total.document: 1, part.document: 1})
    assert series.conflicts() == []
    assert series.latest() == total
    [series] = build_series([total, other], events={total.document: 1, other.document: 1})
    assert [c["kind"] for c in series.conflicts()] == ["disagree"]


def test_a_window_count_never_conflicts_with_a_cumulative_one() -> None:
    toll = replace(point(315, "Army", 10, measure="killed"), period="cumulative")
    weekend = replace(point(8, "Police", 10, measure="killed"), period="window")
    assert not comparable(toll, weekend)
    [series] = build_series([toll, weekend], events={toll.document: 1, weekend.document: 1})
    assert series.conflicts() == []


def test_a_window_count_that_falls_does_not_go_backwards() -> None:
    weeks = [replace(point(v, "Police", d, measure="killed"), period="window")
             for v, d in ((8, 3), (5, 10))]  # fmt: skip
    [series] = build_series(weeks, events={p.document: 1 for p in weeks})
    assert series.conflicts() == []
    tolls = [replace(p, period="cumulative") for p in weeks]
    [series] = build_series(tolls, events={p.document: 1 for p in tolls})
    assert [c["kind"] for c in series.conflicts()] == ["backwards"]


def test_an_implied_count_fills_in_only_where_no_report_gives_one() -> None:
    reported = point(2, "Police", 10, measure="killed")
    implied = replace(point(3, "Tribune", 11, measure="killed"), implied=True)
    assert counted([reported, implied]) == [reported]
    assert counted([implied]) == [implied]
    [series] = build_series([reported, implied], events={reported.document: 1, implied.document: 1})
    assert series.latest() == reported and series.conflicts() == []
    [alone] = build_series([implied], events={implied.document: 1})
    assert alone.latest() == implied


def test_the_latest_count_is_the_one_the_days_reports_give() -> None:
    """Each report's count is the one it repeats (headline, lead, body), not a part it
    gives later ("two victims were taken to hospital"); the day's count is the one most
    reports give, and a children's count does not stand for the incident's people."""
    wounded = [
        point(2, "Police", 8, measure="injured", document="tribune.txt"),
        point(4, "Police", 8, measure="injured", document="tribune.txt"),
        point(4, "Police", 8, measure="injured", document="tribune.txt"),
        point(4, "Sun", 8, measure="injured", document="sun.txt"),
        replace(point(1, "Sun", 8, measure="injured", document="sun.txt"), population="children"),
        point(5, "Herald", 8, measure="injured", document="herald.txt"),
        point(3, "Police", 7, measure="injured", document="early.txt"),
    ]
    events = {p.document: 1 for p in wounded}
    (series,) = build_series(wounded, events=events)
    latest = series.latest()
    assert latest is not None and latest.value == 4 and latest.as_of == D(2023, 10, 8)


def test_a_years_tally_beside_an_incidents_counts_is_not_its_latest() -> None:
    killed = [
        point(2, "Police", 8, measure="killed", document="tribune.txt"),
        point(2, "Sun", 9, measure="killed", document="sun.txt"),
        replace(point(750, "Sun", 9, measure="killed", document="sun.txt"), period="cumulative"),
        replace(point(750, "Sun", 9, measure="killed", document="sun.txt"), period="cumulative"),
    ]
    (series,) = build_series(killed, events={p.document: 1 for p in killed})
    latest = series.latest()
    assert latest is not None and latest.value == 2
