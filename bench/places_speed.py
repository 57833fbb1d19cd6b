"""What the gazetteer costs: the time to load it, the memory it adds, and resolves/s.

    .venv/bin/python bench/places_speed.py [--rounds R]

Loads the gazetteer once (timed, with the peak and the retained memory traced), then
resolves a mix of names news reports write (cities, states, countries, aliases,
ambiguous names with near places, vague and unknown names) ``--rounds`` times, each
round looked up anew and then remembered, and a
mix of nationality words through ``country_of``. Prints load seconds, the resident
memory the load adds at its peak and keeps (Linux), and calls per second of each; and,
when ``../shared`` is there, how many of the figures-dev gold places resolve.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from according.places import country_of, forget_answers, gazetteer_size, resolve

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "figures-dev" / "gold.jsonl"

#: (name, country, near): a mix in the proportions a figure frame might ask.
NAMES: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    ("Chicago", None, ()),
    ("the Strip", None, ()),
    ("Gaza", None, ()),
    ("Khan Younis", None, ()),
    ("Calif.", None, ()),
    ("Springfield", None, ("Illinois",)),
    ("Paris", "US", ()),
    ("Hamilton", None, ("Ontario", "Toronto")),
    ("Georgia", None, ("Atlanta",)),
    ("Springfield, Ill.", None, ()),
    ("Kharkiv", None, ()),
    ("Israel", None, ()),
    ("the city", None, ()),
    ("Zorblatt Heights", None, ()),
)
WORDS = ("Thai", "Israelis", "Americans", "Palestinian", "British", "Kurdish", "Ukraine")


_TRACED = """
import tracemalloc
tracemalloc.start()
from according.places import gazetteer_size
gazetteer_size()
kept, peak = tracemalloc.get_traced_memory()
print(round(peak / 2**20), round(kept / 2**20))
"""


def _rss_mib() -> float:
    """The process's resident set now (Linux /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def _peak_rss_mib() -> float:
    """The process's largest resident set so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()

    rss, peak = _rss_mib(), _peak_rss_mib()
    start = time.perf_counter()
    places, names = gazetteer_size()
    load = time.perf_counter() - start
    print(f"load: {load:.2f} s, {places:,} places under {names:,} names")
    print(
        f"resident memory added: peak {_peak_rss_mib() - peak:.0f} MiB,"
        f" {_rss_mib() - rss:.0f} MiB now (freed memory may stay resident)"
    )
    traced = subprocess.run(
        [sys.executable, "-c", _TRACED], capture_output=True, text=True, check=True
    ).stdout.split()
    print(
        f"python allocations (traced, another process): peak {traced[0]} MiB"
        f" while loading, {traced[1]} MiB kept"
    )

    for remembered in (False, True):
        start = time.perf_counter()
        for _ in range(args.rounds):
            if not remembered:
                forget_answers()
            for name, country, near in NAMES:
                resolve(name, country=country, near=near)
        calls = args.rounds * len(NAMES)
        rate = calls / (time.perf_counter() - start)
        way = "remembered" if remembered else "looked up"
        print(f"resolve, {way}: {rate:,.0f} calls/s ({calls:,} calls)")

    start = time.perf_counter()
    for _ in range(args.rounds):
        for word in WORDS:
            country_of(word)
    calls = args.rounds * len(WORDS)
    print(f"country_of: {calls / (time.perf_counter() - start):,.0f} calls/s ({calls:,} calls)")

    if GOLD.exists():
        gold = [
            figure["place"]
            for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()
            for figure in json.loads(line)["figures"]
            if figure.get("place")
        ]
        found = sum(resolve(name) is not None for name in gold)
        distinct = set(gold)
        found_distinct = sum(resolve(name) is not None for name in distinct)
        print(
            f"figures-dev gold places resolved: {found}/{len(gold)} figures,"
            f" {found_distinct}/{len(distinct)} distinct names"
        )


if __name__ == "__main__":
    main()
