"""Time the worst search queries on a store of the PolNeAR texts (SQLite, or PostgreSQL
with ``--db``): a 2,000-word query, the longest query the bounds let through (64
words), and 63 exclusions.

    .venv/bin/python bench/search_bounds.py [--db URL] [--build [--copies N]]

``--build`` first stores every text under ../shared/data/polnear, ``--copies`` times
(text only, no analysis: the search reads titles and texts; each copy has its own URL).
A query past the bounds is refused at once (a QueryError), so its time is the time to
refuse it. Run it with ``PYTHONPATH`` at an older ``src`` to time the queries unbounded.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path

from according.records import Document, Ledger
from according.store import Store

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def build(store: Store, copies: int) -> None:
    for copy in range(copies):
        for path in sorted(POLNEAR.glob("*/text/*.txt")):
            text = path.read_text(encoding="utf-8")
            title = text.strip().split("\n", 1)[0][:120]
            url = f"https://bench.test/{copy}/{path.stem}"
            document = Document(id=url, text=text, title=title, url=url)
            store.save(Ledger(document), url)


def words(store: Store) -> list[str]:
    counts: Counter[str] = Counter()
    for path in sorted(POLNEAR.glob("*/text/*.txt")):
        counts.update(re.findall(r"[a-z]{3,}", path.read_text(encoding="utf-8").lower()))
    return [w for w, _ in counts.most_common()]


def timed(store: Store, label: str, query: str) -> None:
    started = time.perf_counter()
    try:
        outcome = f"{len(store.search(query))} hits"
    except Exception as exc:  # a QueryError, or what the backend raised
        outcome = f"{type(exc).__name__}: {str(exc).splitlines()[0][:80]}"
    print(f"{label:34} {time.perf_counter() - started:8.3f} s  {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite:///search-bounds.db")
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    with Store(args.db) as store:
        if args.build:
            build(store, args.copies)
        common = words(store)
        print(f"{store.dialect}: {store.stats().documents} documents")
        timed(store, "2,000 words", " ".join(common[:2000]))
        timed(store, "1,000 commonest words 'or'ed", " or ".join(common[:1000]))
        timed(store, "2,000 words 'or'ed", " or ".join(common[50:2050]))
        timed(store, "64 words (the most allowed)", " ".join(common[:64]))
        timed(store, "64 commonest words 'or'ed", " or ".join(common[:64]))
        timed(store, "64 words 'or'ed", " or ".join(common[50:114]))
        timed(store, "1 word, 63 exclusions", common[0] + " -" + " -".join(common[1:64]))
        timed(store, "1 word, 97 exclusions", common[0] + " -" + " -".join(common[1:98]))


if __name__ == "__main__":
    main()
