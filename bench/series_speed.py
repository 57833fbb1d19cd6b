"""How long figure series take to read as the store grows, the memory a query takes, and
what their keys add to ingest.

    .venv/bin/python bench/series_speed.py [--documents N] [--figures F] [--copies C] [--db URL]

It saves ``--documents`` (10,000) synthetic ledgers, each with ``--figures`` (8) figures
of fictional crises (random measure, value, qualifier, people counted, source, place
and as-of date) and a short random text, into a fresh SQLite store (or ``--db``); one
document in ``--copies`` (10) is a repost of a recent one (its text with a few words
changed, its figures repeated, one source reworded), so series merge copies as they do
on real news. No spaCy runs here.

At 1,000, 5,000, 10,000, 50,000 and 100,000 documents (those up to ``--documents``,
and ``--documents`` itself; 100,000 documents, 800,000 figures, take about 15 minutes)
it prints, for three queries, the time and the resident memory the query added at its
peak (each runs in a fresh process, which opens the store and reads the series: its
peak RSS less its RSS before the query): every series, the series of one measure
("killed"), and those of one measure and place ("killed", "Gaza"). On the ingest side:
the mean time to save a document since the last row, and the time to work out the
series keys of its figures (``series_keys``, what writing them costs beyond the index).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import replace
from pathlib import Path

from according.records import MEASURES, QUALIFIERS, AttributedTo, Document, Figure, Ledger, Span
from according.store.queries import figure_series
from according.store.repository import Store
from according.store.rows import series_keys

CHECKPOINTS = (1_000, 5_000, 10_000, 50_000, 100_000)
PLACES = ("Gaza", "the Gaza Strip", "Tavril", "Tavril province", "Corvessa", None)
SOURCES = ("the health ministry", "Health ministry", "the army", "Governor Mirela Vostanic",
           "a relief agency", None)  # fmt: skip
WHO = ("people", "soldiers", "hostages", "children", "civilians", "aid workers")
WORDS = ("dam", "river", "valley", "talks", "convoy", "shelter", "ministry", "report", "army",
         "hostages", "village", "bridge", "night", "council", "market", "clinic")  # fmt: skip
QUERIES: tuple[tuple[str, dict[str, str]], ...] = (("all", {}), ("measure", {"measure": "killed"}),
           ("measure+place", {"measure": "killed", "place": "Gaza"}))  # fmt: skip


def status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


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
                who=rng.choice(WHO),
                place=rng.choice(PLACES),
                as_of=day - dt.timedelta(days=rng.randrange(3)),
                attributed_to=None if source is None else AttributedTo(text=source),
            )
        )
    document = Document(id=f"synthetic/{i}.txt", text=text, published=day, site="Bench Times")
    return Ledger(document=document, figures=tuple(items))


def repost(i: int, of: Ledger, rng: random.Random) -> Ledger:
    """A copy of ``of`` a day later on another site: a few words changed, its figures
    repeated (the first one's source reworded)."""
    words = of.document.text.split(" ")
    for _ in range(6):
        words[rng.randrange(len(words))] = f"{rng.choice(WORDS)}{rng.randrange(100_000)}"
    published = (of.document.published or dt.date(2026, 3, 1)) + dt.timedelta(days=1)
    document = Document(id=f"synthetic/{i}.txt", text=" ".join(words), published=published,
                        site="Aggregator")  # fmt: skip
    figures = list(of.figures)
    if figures:
        figures[0] = replace(figures[0], attributed_to=AttributedTo(text="the ministry"))
    return Ledger(document=document, figures=tuple(figures))


def query(url: str, filters: dict[str, str]) -> dict[str, float]:
    """Time one query in this process, with the RSS it adds at its peak."""
    store = Store(url)
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # the peak RSS starts again from here
    before = status_kib("VmRSS")
    t0 = time.perf_counter()
    series = figure_series(store, measure=filters.get("measure"), place=filters.get("place"))
    seconds = time.perf_counter() - t0
    peak = status_kib("VmHWM")
    store.close()
    return {
        "seconds": seconds,
        "mib": (peak - before) / 1024,
        "series": len(series),
        "points": sum(len(s.points) for s in series),
    }


def measured(url: str, filters: dict[str, str]) -> dict[str, float]:
    """:func:`query` in a fresh process, so that no memory an earlier query left behind
    serves this one."""
    done = subprocess.run(
        [sys.executable, __file__, "--query", url, "--filters", json.dumps(filters)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--figures", type=int, default=8)
    parser.add_argument("--copies", type=int, default=10, help="one document in C is a repost")
    parser.add_argument("--db", help="a store URL (default: a fresh SQLite file)")
    parser.add_argument("--query", help=argparse.SUPPRESS)
    parser.add_argument("--filters", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.query:
        print(json.dumps(query(args.query, json.loads(args.filters))))
        return 0
    rng = random.Random(2026)
    checkpoints = {n for n in CHECKPOINTS if n < args.documents} | {args.documents}
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store(url)
        print(f"{args.documents:,} synthetic documents, {args.figures} figures each, "
              f"one in {args.copies} a repost; {url}")  # fmt: skip
        heads = [f"{name} s / +MiB" for name, _ in QUERIES]
        print(f"{'documents':>9} {'figures':>9} {'save ms/doc':>11} {'keys us/doc':>11} "
              + " ".join(f"{h:>21}" for h in heads) + f" {'series':>7}")  # fmt: skip
        recent: deque[Ledger] = deque(maxlen=1000)
        saved = keyed = 0.0
        since = 0
        for i in range(1, args.documents + 1):
            if recent and i % args.copies == 0:
                item = repost(i, rng.choice(recent), rng)
            else:
                item = ledger(i, args.figures, rng)
                recent.append(item)
            t0 = time.perf_counter()
            series_keys(item.figures)
            keyed += time.perf_counter() - t0
            t0 = time.perf_counter()
            store.save(item, f"hash-{i}")
            saved += time.perf_counter() - t0
            since += 1
            if i in checkpoints:
                results = [measured(url, filters) for _, filters in QUERIES]
                cells = " ".join(f"{r['seconds']:>13.3f} / {r['mib']:>5.0f}" for r in results)
                print(f"{i:>9,} {i * args.figures:>9,} {saved / since * 1000:>11.2f} "
                      f"{keyed / since * 1e6:>11.1f} {cells} {results[0]['series']:>7.0f}",
                      flush=True)  # fmt: skip
                saved = keyed = 0.0
                since = 0
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
