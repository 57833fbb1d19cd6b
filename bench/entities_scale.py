"""Memory and time of the canonical-entity step as a store grows.

    .venv/bin/python bench/entities_scale.py [--sizes 1000,5000,10000,20000] [--per-doc 28]
                                             [--db URL]

Saves synthetic documents (fictional people drawn from a few thousand first and last
names with a skewed draw, so some are in every other document; titles, descriptions
and bare-surname mentions; organisations, places and groups) into a fresh SQLite store
(or ``--db``), one :meth:`Store.save` each. At each size it prints the writer's resident
memory now and at its peak, the time of the entity step
(:func:`according.store.canonical_write.index_document`: median and 95th percentile over the
last 500 saves) and of the whole save, and what a new process pays before its first
write (the registry lives in the tables: nothing to load). No spaCy runs here.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from according.records import Document, Entity, Ledger, Span
from according.store import canonical_write
from according.store.repository import Store

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ven",
    "tor",
    "sel",
    "dun",
    "bra",
    "che",
    "fi",
    "gan",
    "hol",
    "ix",
    "jur",
    "kel",
    "mor",
    "nas",
    "pel",
    "qui",
]
ROLES = ["minister", "spokesman", "president", "director", "senator", "chief", "envoy"]
ROLE_PREFIX = ["foreign", "finance", "deputy", "former", "defence", "health", "senior"]
TITLES = ["", "", "", "President ", "Dr. ", "Senator ", "Sheikh "]
ORG_TAILS = ["Party", "Front", "Ministry", "Council", "Bank", "Agency", "Union", "Group"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def vocabulary(seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    firsts = sorted({_word(rng, rng.randint(2, 3)) for _ in range(3000)})
    lasts = sorted({_word(rng, rng.randint(2, 4)) for _ in range(5000)})
    orgs = sorted({f"{_word(rng, 2)} {_word(rng, 2)} {rng.choice(ORG_TAILS)}" for _ in range(2000)})
    places = sorted({_word(rng, rng.randint(2, 3)) for _ in range(800)})
    groups = sorted({_word(rng, 2) + "ian" for _ in range(200)})
    return {"first": firsts, "last": lasts, "org": orgs, "place": places, "group": groups}


def make_ledger(i: int, rng: random.Random, vocab: dict[str, list[str]], per_doc: int) -> Ledger:
    """A document of about ``per_doc`` entities: half people (a quarter of them also
    mentioned by bare surname, as a separate entity in one in five documents), the rest
    organisations, places and groups."""
    chunks: list[str] = []
    pos = 0
    items: list[tuple[str, str, list[str], tuple[str, ...]]] = []

    def put(text: str) -> Span:
        nonlocal pos
        span = Span(pos, pos + len(text), text)
        chunks.append(text + ". ")
        pos += len(text) + 2
        return span

    people = per_doc // 2
    for _ in range(people):
        # a skewed draw: some people are in the news every day
        first = vocab["first"][int(rng.paretovariate(1.2) * 7) % len(vocab["first"])]
        last = vocab["last"][int(rng.paretovariate(1.1) * 11) % len(vocab["last"])]
        full = f"{rng.choice(TITLES)}{first} {last}"
        desc: tuple[str, ...] = ()
        if rng.random() < 0.4:
            desc = (f"{rng.choice(ROLE_PREFIX)} {rng.choice(ROLES)}",)
        surfaces = [full] + ([last] if rng.random() < 0.5 else [])
        items.append(("PERSON", full, surfaces, desc))
        if rng.random() < 0.05:
            items.append(("PERSON", last, [last], desc))  # a bare surname on its own
    for _ in range(per_doc - people):
        r = rng.random()
        if r < 0.5:
            items.append(("ORG", rng.choice(vocab["org"]), [], ()))
        elif r < 0.85:
            items.append(("GPE", rng.choice(vocab["place"]), [], ()))
        else:
            items.append(("NORP", rng.choice(vocab["group"]), [], ()))
    entities: list[Entity] = []
    seen: set[tuple[str, str]] = set()
    for label, name, surfaces, described in items:
        if (label, name) in seen:
            continue
        seen.add((label, name))
        spans = tuple(put(s) for s in (surfaces or [name]))
        entities.append(Entity(f"E{len(entities) + 1}", name, label, spans, described))
    text = "".join(chunks)
    return Ledger(Document(f"synthetic/{i}.txt", text), tuple(entities))


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def first_write(url: str, per_doc: int) -> None:
    """In a child process: open the store and save one more document; print the time
    and the memory that took."""
    rng = random.Random(99)
    ledger = make_ledger(10**9, rng, vocabulary(), per_doc)
    before = rss_mib()
    started = time.perf_counter()
    with Store(url) as store:
        store.save(ledger, "first-write")
        took = time.perf_counter() - started
        print(f"{took:.3f} {rss_mib() - before:.1f}")
        store.delete(ledger.document.id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,5000,10000,20000")
    parser.add_argument("--per-doc", type=int, default=28)
    parser.add_argument("--db", help="a store URL (default: a new SQLite file)")
    parser.add_argument("--first-write", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_write:
        first_write(args.first_write, args.per_doc)
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rng = random.Random(1)
    vocab = vocabulary()
    timings: list[float] = []
    saves: list[float] = []
    original = canonical_write.index_document

    def timed(*a: Any, **k: Any) -> None:
        started = time.perf_counter()
        try:
            original(*a, **k)
        finally:
            timings.append(time.perf_counter() - started)

    canonical_write.index_document = timed
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{tmp}/bench.db"
        store = Store(url)
        done = 0
        entities = 0
        print(
            "docs  doc-entities  canonical  rss-MiB  peak-MiB  entity-step-ms(median, p95)  "
            "save-ms(median)  new-process-first-write-s"
        )
        for size in sizes:
            while done < size:
                ledger = make_ledger(done, rng, vocab, args.per_doc)
                entities += len(ledger.entities)
                started = time.perf_counter()
                store.save(ledger, f"h{done}")
                saves.append(time.perf_counter() - started)
                done += 1
            n_canonical = len(store.entities())
            out = subprocess.run(
                [sys.executable, __file__, "--first-write", url, "--per-doc", str(args.per_doc)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            last = sorted(timings[-500:])
            print(
                f"{done:>5} {entities:>12} {n_canonical:>10} {rss_mib():>8.1f} {peak_mib():>9.1f}"
                f"  {statistics.median(last) * 1e3:>12.2f}, {last[int(len(last) * 0.95)] * 1e3:.2f}"
                f"  {statistics.median(saves[-500:]) * 1e3:>14.2f}  {float(out[0]):>10.2f}"
            )
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
