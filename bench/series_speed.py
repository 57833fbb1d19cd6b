"""How long figure series take to build as the store grows, and what they add to ingest.

    .venv/bin/python bench/series_speed.py [--documents N] [--figures F] [--db URL]

Series are not kept up to date at ingest: `according figures` builds them from the
``figures`` table when asked (one indexed query, then grouping in memory), so they add
nothing to ingest time. This script measures the query side: it saves ``--documents``
(10,000) synthetic ledgers, each with ``--figures`` (8) figures of fictional crises
(random measure, value, qualifier, source, place and as-of date) and a short random text,
into a fresh SQLite store (or ``--db``), and at 1,000, 5,000 and 10,000 documents times
building every series and the series of one measure and place, with the resident memory
(which grows with the figures read, not with the store). No spaCy runs here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from according.ledger.queries import figure_series
from according.records import MEASURES, QUALIFIERS, AttributedTo, Document, Figure, Ledger, Span
from according.store.repository import Store

CHECKPOINTS = (1_000, 5_000, 10_000)
PLACES = ("Gaza", "the Gaza Strip", "Tavril", "Tavril province", "Corvessa", None)
SOURCES = ("the health ministry", "Health ministry", "the army", "Governor Mirela Vostanic",
           "a relief agency", None)  # fmt: skip
WORDS = ("dam", "river", "valley", "talks", "convoy", "shelter", "ministry", "report", "army",
         "hostages", "village", "bridge", "night", "council", "market", "clinic")  # fmt: skip


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def ledger(i: int, figures: int, rng: random.Random) -> Ledger:
    # distinct texts, so no two documents are reposts of each other
    text = " ".join(f"{rng.choice(WORDS)}{rng.randrange(100_000)}" for _ in range(300)) + "."
    day = dt.date(2026, 3, 1) + dt.timedelta(days=rng.randrange(30))
    items = []
    for k in range(figures):
        value = rng.randrange(1, 5000)
        qualifier = rng.choice(QUALIFIERS)
        low, high = (value, value + rng.randrange(1, 50)) if qualifier == "range" else (value, None)
        number = Span(k * 10, k * 10 + 3, text[k * 10 : k * 10 + 3])
        source = rng.choice(SOURCES)
        items.append(
            Figure(
                id=f"F{k + 1}",
                measure=rng.choice(MEASURES),
                value=value,
                qualifier=qualifier,
                span=number,
                number=number,
                low=low,
                high=high,
                who=rng.choice(("people", "soldiers", "hostages", "children")),
                place=rng.choice(PLACES),
                as_of=day - dt.timedelta(days=rng.randrange(3)),
                attributed_to=None if source is None else _attributed(source),
            )
        )
    document = Document(id=f"synthetic/{i}.txt", text=text, published=day, site="Bench Times")
    return Ledger(document=document, figures=tuple(items))


def _attributed(text: str) -> AttributedTo:
    return AttributedTo(text=text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--figures", type=int, default=8)
    parser.add_argument("--db", help="a store URL (default: a fresh SQLite file)")
    args = parser.parse_args(argv)
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store.open(url)
        print(f"{args.documents:,} synthetic documents, {args.figures} figures each, {url}")
        print(f"{'documents':>10} {'save ms/doc':>12} {'all series s':>13} {'series':>7} "
              f"{'one series ms':>14} {'RSS MiB':>8}")  # fmt: skip
        saved = 0.0
        for i in range(1, args.documents + 1):
            item = ledger(i, args.figures, rng)
            t0 = time.perf_counter()
            store.save(item, f"hash-{i}")
            saved += time.perf_counter() - t0
            if i in CHECKPOINTS or i == args.documents:
                t0 = time.perf_counter()
                every = figure_series(store)
                whole = time.perf_counter() - t0
                t0 = time.perf_counter()
                figure_series(store, measure="killed", place="Gaza")
                one = time.perf_counter() - t0
                print(f"{i:>10,} {saved / i * 1000:>12.2f} {whole:>13.2f} {len(every):>7,} "
                      f"{one * 1000:>14.0f} {rss_mib():>8.0f}")  # fmt: skip
        store.close()
    print("series are built at query time: they add nothing to ingest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
