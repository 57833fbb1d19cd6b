"""Figure series read from the store: the series keys each figure row holds (written at
save, filled in when a schema 3 store is opened), and series grouped and filtered in SQL
that are exactly those ``build_series`` makes of every stored figure, on every backend:
copies that reword who was counted or add a place, a place only copies name, figures
naming no place, two documents with one ledger id, and date filters that keep a copy
without its original."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
from sqlalchemy import inspect, select, text, update

from according.errors import QueryError
from according.ledger.series import Series, build_series, place_key
from according.records import POPULATIONS, AttributedTo, Document, Figure, Ledger
from according.store import Store, queries
from according.store.queries import figure_points, figure_series
from according.store.schema import SCHEMA_VERSION, figures, meta
from store_fixtures import sp

pytest_plugins = ["store_fixtures"]

D = dt.date

# --- a siege reported by a newspaper, two aggregators and a radio station ------------------

SIEGE = """Four hostages freed as talks at Halvenna Dam go on

TAVRIL, March 6 - Four hostages were released on Thursday, the relief agency Hearthline said, after two weeks of talks at the dam.

Hearthline said 19 people were still held inside the dam's turbine hall. Governor Mirela Vostanic said 5 soldiers and 5 civilians had been killed since the siege began, and that 3 people died of their wounds on Wednesday.

Families waited at the clinic in the valley through the night. Doctors there said they had treated dozens of people for smoke and exhaustion since the weekend.

Talks are expected to resume on Friday, a council spokesman said, and the army has been told to hold its positions along the river.
"""

RADIO = """Meridian Radio: siege toll rises

The army said on Friday that 4 soldiers had been killed in Tavril since the fighters seized the dam, with 7 people on the valley road and 4 civilians in the town, and that 23 people were still held hostage. A spokesman added that 40 fighters had been arrested near the river crossing.
"""

# the radio's notes, edited and ingested again (no URL, so a new document, same ledger id)
NOTES = "Notes: the army says 40 militants were arrested at the river crossing on Thursday."
NOTES_EDITED = (
    "Notes, updated: 2 fighters were killed at the crossing; 12 fighters were arrested there"
    " on Thursday, and 40 fighters in all, the army says."
)


@dataclass(frozen=True)
class Said:
    """A figure as a test writes it: the phrase it is read from, then what was read."""

    phrase: str
    measure: str
    value: int
    who: str | None
    place: str | None
    source: str | None
    as_of: dt.date | None = None
    qualifier: str = "exact"


def report(doc_id: str, body: str, said: list[Said], *, published: dt.date, site: str) -> Ledger:
    items = []
    for k, s in enumerate(said):
        span = sp(body, s.phrase)
        number = sp(body, str(s.value)) if str(s.value) in body else span
        items.append(
            Figure(
                f"F{k + 1}", s.measure, s.value, s.qualifier, span, number, low=s.value,
                who=s.who, place=s.place, as_of=s.as_of,
                population=s.who if s.who in POPULATIONS else "people",
                attributed_to=AttributedTo(s.source) if s.source else None,
            )
        )  # fmt: skip
    document = Document(id=doc_id, text=body, published=published, site=site)
    return Ledger(document=document, figures=tuple(items))


FREED = Said("Four hostages were released", "released", 4, "hostages", None,
             "the relief agency Hearthline", D(2026, 3, 6))  # fmt: skip
HELD = Said("19 people were still held", "held_hostage", 19, "people", None, "Hearthline",
            D(2026, 3, 6))  # fmt: skip
SOLDIERS = Said("5 soldiers", "killed", 5, "soldiers", None, "Governor Mirela Vostanic",
                D(2026, 3, 6))  # fmt: skip
CIVILIANS = Said("5 civilians", "killed", 5, "civilians", None, "Governor Mirela Vostanic",
                 D(2026, 3, 6))  # fmt: skip
WOUNDS = Said("3 people died of their wounds", "killed", 3, "people", None,
              "Governor Mirela Vostanic", D(2026, 3, 6))  # fmt: skip


def siege_reports() -> list[Ledger]:
    """The newspaper's story; two aggregator copies (one reads the freed as "foreign
    nationals" and the relief agency as "the humanitarian agency", and places the held in
    Tavril; the other dates the release a day later); the radio's report, placed in
    Tavril; and the radio's notes, stored twice under one ledger id."""
    copy = SIEGE + "\nShare this article\nSource link\n"
    return [
        report("courier/siege.txt", SIEGE, [FREED, HELD, SOLDIERS, CIVILIANS, WOUNDS],
               published=D(2026, 3, 6), site="Highland Courier"),
        report("pulse/siege-copy.txt", copy.replace("Four hostages freed", "Hostages freed"),
               [Said(FREED.phrase, "released", 4, "foreign nationals", None,
                     "the humanitarian agency", D(2026, 3, 6)),
                Said(HELD.phrase, "held_hostage", 19, "people", "Tavril", "Hearthline",
                     D(2026, 3, 6)),
                SOLDIERS, CIVILIANS, WOUNDS],
               published=D(2026, 3, 7), site="Headline Pulse"),
        report("brief/siege.html", copy,
               [Said(FREED.phrase, "released", 4, "hostages", None,
                     "the relief agency Hearthline", D(2026, 3, 7)),
                HELD, SOLDIERS, CIVILIANS, WOUNDS],
               published=D(2026, 3, 7), site="Daily World Brief"),
        report("meridian/toll.txt", RADIO,
               [Said("4 soldiers had been killed in Tavril", "killed", 4, "soldiers", "Tavril",
                     "The army", D(2026, 3, 7)),
                Said("7 people on the valley road", "killed", 7, "people", "Tavril",
                     "The army", D(2026, 3, 7)),
                Said("4 civilians in the town", "killed", 4, "civilians", "Tavril",
                     "The army", D(2026, 3, 7)),
                Said("23 people were still held", "held_hostage", 23, "people", None,
                     "The army", D(2026, 3, 7)),
                Said("40 fighters", "arrested", 40, "fighters", "the river crossing",
                     "A spokesman", D(2026, 3, 7))],
               published=D(2026, 3, 7), site="Meridian Radio"),
        report("meridian/notes.txt", NOTES,
               [Said("40 militants", "arrested", 40, "militants", None, "the army",
                     D(2026, 3, 5))],
               published=D(2026, 3, 5), site="Meridian Radio"),
        report("meridian/notes.txt", NOTES_EDITED,
               [Said("2 fighters", "killed", 2, "fighters", None, "the army", D(2026, 3, 5)),
                Said("12 fighters", "arrested", 12, "fighters", None, "the army",
                     D(2026, 3, 5)),
                Said("40 fighters in all", "arrested", 40, "fighters", None, "the army",
                     D(2026, 3, 5))],
               published=D(2026, 3, 6), site="Meridian Radio"),
    ]  # fmt: skip


def every_figure(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """The series ``build_series`` makes of every stored figure (the reading of series
    before they were grouped in SQL), with the place filter applied after."""
    place = filters.pop("place", None)
    series = build_series(figure_points(store, **filters), store.originals(), store.events_of())
    if place is not None:
        wanted = place_key(place) or ""
        series = [
            s
            for s in series
            if wanted in (place_key(s.place) or "")
            or (
                s.event_id is not None
                and any(wanted in (place_key(p.place) or "") for p in s.points)
            )
        ]
    return [s.to_json() for s in series]


def as_json(series: list[Series]) -> list[dict[str, Any]]:
    return [s.to_json() for s in series]


FILTERS: list[dict[str, Any]] = [
    {},
    {"measure": "killed"},
    {"measure": "released"},
    {"measure": "held_hostage"},
    {"measure": "arrested"},
    {"who": "hostages"},
    {"who": "foreign nationals"},
    {"who": "soldiers"},
    {"place": "Tavril"},
    {"place": "the Tavril province"},
    {"place": "river"},
    {"place": "Gaza"},
    {"since": D(2026, 3, 7)},
    {"until": D(2026, 3, 6)},
    {"measure": "killed", "place": "Tavril", "since": D(2026, 3, 6)},
]


@pytest.fixture
def siege(store: Store) -> Store:
    for item in siege_reports():
        store.save(item, item.document.text)
    return store


@pytest.fixture(params=["with the notes", "without the notes"])
def sieges(request: pytest.FixtureRequest, store: Store) -> Store:
    """The siege's reports, with or without the notes stored twice under one ledger id
    (the series reader then looks for no such documents)."""
    for item in siege_reports():
        if request.param == "with the notes" or item.document.id != "meridian/notes.txt":
            store.save(item, item.document.text)
    return store


def test_the_copies_are_a_cluster_and_the_notes_share_a_ledger_id(siege: Store) -> None:
    [cluster] = siege.clusters()
    assert cluster.original.doc_id == "courier/siege.txt"
    assert {m.doc_id for m in cluster.members} == {
        "courier/siege.txt", "pulse/siege-copy.txt", "brief/siege.html",
    }  # fmt: skip
    assert [d.doc_id for d in siege.documents()].count("meridian/notes.txt") == 2


def test_each_figure_row_holds_its_series_keys(siege: Store) -> None:
    with siege.engine.connect() as conn:
        keys = set(conn.execute(select(figures.c.who, figures.c.who_key, figures.c.place,
                                       figures.c.place_key)))  # fmt: skip
    assert ("foreign nationals", "national", None, None) in keys
    assert ("civilians", "people", None, None) in keys
    assert ("people", "people", "Tavril", "tavril") in keys
    assert ("fighters", "fighter", "the river crossing", "river crossing") in keys


def test_the_siege_series_read_in_sql(siege: Store) -> None:
    """The siege's reports are one event (the copies join their original's); its series
    are keyed by event, measure and population, so the place a figure names or leaves
    out no longer splits them."""
    events = siege.events_of()
    siege_event = events["courier/siege.txt"]
    assert events["pulse/siege-copy.txt"] == events["brief/siege.html"] == siege_event
    assert events["meridian/toll.txt"] == siege_event
    by_key = {(s.event_id, s.measure, s.who): s for s in figure_series(siege)}
    # the release, one report with its copies, even where a copy reads "foreign nationals"
    # or dates it a day later
    released = by_key[siege_event, "released", "hostages"]
    assert [(p.document, p.as_of, p.copies) for p in released.points] == [
        ("courier/siege.txt", D(2026, 3, 6), ("brief/siege.html", "pulse/siege-copy.txt")),
    ]
    # the hostages still held, the newspaper's 19 then the radio's 23 (one naming Tavril
    # only in a copy, the other no place): one series of the event
    held = by_key[siege_event, "held_hostage", "people"]
    assert [p.value for p in held.points] == [19, 23]
    # soldiers, civilians and people killed: three populations, three series
    killed = {who: [(p.value, p.document) for p in s.points]
              for (e, m, who), s in by_key.items() if e == siege_event and m == "killed"}  # fmt: skip
    assert killed == {
        "soldiers": [(5, "courier/siege.txt"), (4, "meridian/toll.txt")],
        "civilians": [(5, "courier/siege.txt"), (4, "meridian/toll.txt")],
        "people": [(3, "courier/siege.txt"), (7, "meridian/toll.txt")],
    }
    # the notes stored twice are two documents of one ledger id: one event, the edited
    # one's fighters in one series (the first notes' militants count people)
    notes = events["meridian/notes.txt"]
    arrested = by_key[notes, "arrested", "fighters"]
    assert [(p.value, p.document, p.published) for p in arrested.points] == [
        (40, "meridian/notes.txt", D(2026, 3, 6)),
        (12, "meridian/notes.txt", D(2026, 3, 6)),
    ]


@pytest.mark.parametrize("place", ["the", "%", "_", "-", "the %"])
def test_a_place_with_no_name_is_a_query_error_not_every_series(siege: Store, place: str) -> None:
    with pytest.raises(QueryError, match="no place name"):
        figure_series(siege, place=place)
    with pytest.raises(QueryError, match="no words"):
        figure_series(siege, who="%")


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_series_are_those_of_every_figure(sieges: Store, filters: dict[str, Any]) -> None:
    assert as_json(figure_series(sieges, **filters)) == every_figure(sieges, **filters)


def test_a_filtered_query_makes_points_of_its_series_alone(
    siege: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    point = queries._Points.__call__

    def counted(self: Any, row: Any) -> Any:
        made.append(row.measure)
        return point(self, row)

    monkeypatch.setattr(queries._Points, "__call__", counted)
    [held] = figure_series(siege, measure="held_hostage", who="people")
    assert len(held.points) == 2
    assert set(made) == {"held_hostage"}
    made.clear()
    assert figure_series(siege, measure="killed", place="Gaza") == []
    assert made == []


# --- many copies, made at random ----------------------------------------------------------

SYLLABLES = "bdfgklmnprstvz"


def prose(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) + rng.choice("aeiou") for _ in range(3))
        for _ in range(words)
    ) + "."  # fmt: skip


PLACES = ("Tavril", "Tavril province", "Corvessa", "the Gaza Strip", "Gaza", None)
WHO = ("people", "hostages", "civilians", "soldiers", "children", "foreign nationals", None)
SOURCES = ("the army", "Health ministry", "the health ministry", "a relief agency", None)


def random_reports(seed: int) -> Iterator[Ledger]:
    """Articles with random figures, their reposts (each figure kept, dropped or read
    differently: who, place, as-of date, source) and articles stored twice under one
    ledger id."""
    rng = random.Random(seed)
    for a in range(10):
        body = "\n\n".join(prose(rng, 50) for _ in range(3))
        day = D(2026, 3, 1) + dt.timedelta(days=rng.randrange(8))
        said = [
            Said(body[i * 6 : i * 6 + 5], rng.choice(("killed", "held_hostage", "released")),
                 rng.choice((3, 5, 12, 19)), rng.choice(WHO), rng.choice(PLACES),
                 rng.choice(SOURCES), day - dt.timedelta(days=rng.randrange(2)),
                 rng.choice(("exact", "about")))
            for i in range(rng.randrange(3, 8))
        ]  # fmt: skip
        yield report(f"wire/{a}.txt", body, said, published=day, site=f"Paper {a % 3}")
        for c in range(rng.randrange(4)):
            copied = []
            for s in said:
                roll = rng.random()
                if roll < 0.15:
                    continue
                if roll < 0.35:
                    s = replace(s, who=rng.choice(WHO))
                elif roll < 0.5:
                    s = replace(s, place=rng.choice(PLACES))
                elif roll < 0.6:
                    s = replace(s, source=rng.choice(SOURCES), as_of=day + dt.timedelta(days=1))
                copied.append(s)
            name = f"copy/{rng.randrange(1000)}-{a}-{c}.txt"
            when = day + dt.timedelta(days=rng.randrange(2))
            yield report(name, body + f"\nShare this article ({c})\n", copied, published=when,
                         site=f"Aggregator {c}")  # fmt: skip
        if a % 4 == 0:  # another article under the same name
            other = prose(rng, 40)
            yield report(f"wire/{a}.txt", other, [replace(s, phrase=other[:5]) for s in said[:2]],
                         published=day, site=f"Paper {a % 3}")  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_series_of_random_reposts_are_those_of_every_figure(store: Store, seed: int) -> None:
    for i, item in enumerate(random_reports(seed)):
        store.save(item, str(i))
    assert store.clusters()
    for filters in [
        *FILTERS,
        {"who": "people", "place": "gaza"},
        {"measure": "released", "until": D(2026, 3, 4)},
    ]:
        assert as_json(figure_series(store, **filters)) == every_figure(store, **filters), filters


# --- a store made before series keys --------------------------------------------------------


def make_schema_3(store: Store) -> None:
    """Make ``store`` what schema 3 made: figures without series keys, indexed by measure."""
    with store.begin() as conn:
        conn.execute(text("DROP INDEX ix_figures_series"))
        for column in ("who_key", "place_key", "shared_number"):
            conn.execute(text(f"ALTER TABLE figures DROP COLUMN {column}"))
        conn.execute(text("CREATE INDEX ix_figures_measure ON figures (measure)"))
        conn.execute(update(meta).where(meta.c.name == "schema_version").values(value="3"))


def test_a_schema_3_store_gets_its_series_keys_when_opened(durable_url: str) -> None:
    with Store(durable_url) as store:
        for i, item in enumerate(siege_reports()):
            store.save(item, str(i))
        before = {repr(f): as_json(figure_series(store, **f)) for f in FILTERS}
        make_schema_3(store)
    with Store(durable_url) as store:
        with store.engine.connect() as conn:
            version = conn.scalar(select(meta.c.value).where(meta.c.name == "schema_version"))
            indexes = {i["name"] for i in inspect(conn).get_indexes("figures")}
            unkeyed = conn.scalar(select(figures.c.fid).where(figures.c.who_key.is_(None)).limit(1))
        assert version == str(SCHEMA_VERSION)
        assert "ix_figures_series" in indexes and "ix_figures_measure" not in indexes
        assert unkeyed is None
        assert {repr(f): as_json(figure_series(store, **f)) for f in FILTERS} == before
        # and it is written to as a new store is
        store.save(report("later.txt", RADIO, [Said("23 people were still held",
                   "held_hostage", 23, "people", "Tavril", "The army")],
                   published=D(2026, 3, 8), site="Meridian Radio"), "1")  # fmt: skip
        assert any(s.place == "Tavril" for s in figure_series(store, measure="held_hostage"))


def test_the_keys_are_filled_in_batches(durable_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from according.store import rows

    monkeypatch.setattr(rows, "FILL_DOCUMENTS", 2)
    with Store(durable_url) as store:
        for i, item in enumerate(siege_reports()):
            store.save(item, str(i))
        make_schema_3(store)
    with Store(durable_url) as store, store.engine.connect() as conn:
        keyed = conn.execute(select(figures.c.who, figures.c.who_key, figures.c.place_key)).all()
    assert len(keyed) == sum(len(r.figures) for r in siege_reports())
    assert ("foreign nationals", "national", None) in keyed
    assert all(who_key for _, who_key, _ in keyed)
