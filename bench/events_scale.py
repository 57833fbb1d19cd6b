"""How fast documents are saved with their events as the store grows, what grouping
costs, and how long one event's series take to read.

    .venv/bin/python bench/events_scale.py [--documents N] [--per-event K] [--db URL]

It saves ``--documents`` (100,000) synthetic ledgers of fictional shootings into a fresh
SQLite store (or ``--db``): each incident has a city (of 300), a day (of two years),
a victim's name and a toll; about ``--per-event`` (3) documents report each, a day or
two apart, each with its own title words, the city as a place entity, the victim as a
person entity (in most), the toll as figures and a random text. No spaCy runs here.

At 1,000, 10,000, 50,000 and 100,000 documents (those up to ``--documents``, and
``--documents`` itself) it prints the mean time to save a document since the last row,
the part of it that grouping takes (sketch, candidates, score, write), the number of
events and how pure they are (the share of events whose documents all report one
incident, and of incidents whose documents sit in one event), and the time to read one
event's series (``figure_series(store, event=...)``, in this process; the median of 20
random events).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from according.records import Document, Entity, Figure, Ledger, Span
from according.store import events as store_events
from according.store.queries import figure_series
from according.store.repository import Store

CHECKPOINTS = (1_000, 10_000, 50_000, 100_000)
SYLLABLES = ("ka", "lo", "mi", "ven", "dra", "sol", "ter", "bru", "an", "gel", "ro", "vi")
WORDS = ("shooting", "police", "killed", "wounded", "night", "street", "victim", "suspect",
         "gunfire", "hospital", "arrest", "neighbors", "vigil", "investigation", "car")  # fmt: skip


def word(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class Incidents:
    """Fictional incidents and the reports of each."""

    def __init__(self, rng: random.Random, per_event: int) -> None:
        self.rng = rng
        self.per_event = per_event
        self.cities = [f"{word(rng)} {rng.choice(('City', 'Falls', 'Park', 'Heights'))}"
                       for _ in range(300)]  # fmt: skip
        self.open: list[dict[str, object]] = []
        self.made = 0

    def next(self) -> dict[str, object]:
        """The incident the next document reports: a new one, or one still reported."""
        if not self.open or self.rng.random() < 1 / self.per_event:
            self.made += 1
            day = dt.date(2024, 1, 1) + dt.timedelta(days=self.rng.randrange(730))
            self.open.append({
                "id": self.made, "city": self.rng.choice(self.cities), "day": day,
                "victim": f"{word(self.rng, 2)} {word(self.rng)}",
                "killed": self.rng.randrange(0, 4), "injured": self.rng.randrange(1, 6),
                "reports": 0,
            })  # fmt: skip
        incident = self.rng.choice(self.open[-50:])
        incident["reports"] = int(str(incident["reports"])) + 1
        if int(str(incident["reports"])) >= self.per_event + 2:
            self.open.remove(incident)
        return incident


def ledger(i: int, incident: dict[str, object], rng: random.Random) -> Ledger:
    city, victim = str(incident["city"]), str(incident["victim"])
    day = incident["day"]
    assert isinstance(day, dt.date)
    published = day + dt.timedelta(days=rng.randrange(3))
    title = " ".join(rng.sample(WORDS, 4)) + f" in {city}"
    body = " ".join(f"{rng.choice(WORDS)}{rng.randrange(1000)}" for _ in range(120))
    text = f"{title}\n\n{body} {city} {victim}.\n"
    at_city = text.rindex(city)
    at_victim = text.rindex(victim)
    entities = [Entity("E1", city, "GPE", (Span(at_city, at_city + len(city), city),))]
    if rng.random() < 0.7:
        entities.append(
            Entity("E2", victim, "PERSON", (Span(at_victim, at_victim + len(victim), victim),))
        )
    figures = []
    for k, measure in enumerate(("killed", "injured")):
        value = int(str(incident[measure]))
        if value:
            span = Span(k, k + 1, text[k])
            figures.append(Figure(f"F{k + 1}", measure, value, "exact", span, span, low=value,
                                  place=city, as_of=published))  # fmt: skip
    document = Document(id=f"synthetic/{i}.txt", text=text, title=title, published=published,
                        site="Bench Times")  # fmt: skip
    return Ledger(document=document, entities=tuple(entities), figures=tuple(figures))


def purity(truth: dict[str, int], found: dict[str, int]) -> tuple[float, float]:
    """The share of events of one incident, and of incidents in one event."""
    incidents_of: dict[int, set[int]] = defaultdict(set)
    events_of: dict[int, set[int]] = defaultdict(set)
    for doc, event in found.items():
        incidents_of[event].add(truth[doc])
        events_of[truth[doc]].add(event)
    pure = sum(len(v) == 1 for v in incidents_of.values()) / max(len(incidents_of), 1)
    whole = sum(len(v) == 1 for v in events_of.values()) / max(len(events_of), 1)
    return pure, whole


def one_event(store: Store, events: list[int], rng: random.Random) -> float:
    times = []
    for event in rng.sample(events, min(20, len(events))):
        t0 = time.perf_counter()
        figure_series(store, event=event)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--per-event", type=int, default=3)
    parser.add_argument("--db", help="a store URL (default: a fresh SQLite file)")
    args = parser.parse_args(argv)
    rng = random.Random(2026)
    incidents = Incidents(rng, args.per_event)
    checkpoints = {n for n in CHECKPOINTS if n < args.documents} | {args.documents}
    truth: dict[str, int] = {}
    grouping = 0.0
    assign = store_events.assign

    def timed(*a: object, **k: object) -> int:
        nonlocal grouping
        t0 = time.perf_counter()
        out = assign(*a, **k)  # type: ignore[arg-type]
        grouping += time.perf_counter() - t0
        return out

    store_events.assign = timed
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store(url)
        print(f"{args.documents:,} synthetic documents, about {args.per_event} per incident;"
              f" {url}")  # fmt: skip
        print(f"{'documents':>9} {'docs/s':>8} {'save ms':>8} {'group ms':>8} {'events':>8} "
              f"{'pure':>6} {'whole':>6} {'1 event s':>9}")  # fmt: skip
        saved = 0.0
        since = 0
        for i in range(1, args.documents + 1):
            incident = incidents.next()
            item = ledger(i, incident, rng)
            truth[item.document.id] = int(str(incident["id"]))
            t0 = time.perf_counter()
            store.save(item, f"hash-{i}")
            saved += time.perf_counter() - t0
            since += 1
            if i in checkpoints:
                found = store.events_of()
                pure, whole = purity(truth, found)
                ids = sorted(set(found.values()))
                seconds = one_event(store, ids, rng)
                print(f"{i:>9,} {since / saved:>8.0f} {saved / since * 1000:>8.2f} "
                      f"{grouping / since * 1000:>8.2f} {len(ids):>8,} {pure:>6.3f} "
                      f"{whole:>6.3f} {seconds:>9.3f}", flush=True)  # fmt: skip
                saved = grouping = 0.0
                since = 0
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
