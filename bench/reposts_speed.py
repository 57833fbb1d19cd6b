"""What repost clustering adds to ingest time, and whether its memory stays flat.

    .venv/bin/python bench/reposts_speed.py [--documents N] [--sample S] [--db URL]

Builds ``--documents`` (10,000) documents from the PolNeAR train texts
(``../shared/data/polnear/train/text``): the 840 articles and synthetic copies of them
(``tests/synthetic.py``: furniture, dropped and moved paragraphs, light
rewording), in a seeded shuffled order, each copy made when it is saved (nothing of the
corpus is held but the articles). Each document is saved into a fresh SQLite store (or
``--db``) as a ledger without records, so no spaCy runs here: the time of the
clustering step (signature, LSH bands, candidates, verification, cluster update, inside
``Store.save``'s transaction) is taken call by call, with the whole save around it.

The analysis (spaCy and our components), which dominates ingest, is timed on ``--sample``
(50) of the articles and its time per document extrapolated to the run: the overhead
printed is clustering time / (analysis + save time without clustering), per document.
The resident memory (current and peak) is printed at 1,000, 5,000 and 10,000 documents,
with the clustering time per document over the last 1,000. At the end: the clusters
found, and pairwise precision and recall of "same cluster" against the articles the
copies were made from (PolNeAR train holds a few articles published twice, which
count against precision here).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from according.boilerplate import mark_boilerplate
from according.ingest.text import date_in_name
from according.records import Document, Ledger
from according.store import clusters as clusters_module
from according.store.repository import Store

# the copy generator is test scaffolding, kept beside the tests rather than installed
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from synthetic import make_copy

SHARED = Path(__file__).resolve().parents[2] / "shared"
TRAIN = SHARED / "data" / "polnear" / "train" / "text"
CHECKPOINTS = (1_000, 5_000, 10_000)
SEED = 2016


def rss_mib() -> float:
    """The resident set size now, in MiB (Linux)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timer:
    """Wraps ``clusters.index_document`` to time each call: the total, and the calls
    and seconds since the last :meth:`window` (no list that grows with the run)."""

    def __init__(self) -> None:
        self.calls = self.seconds = 0.0
        self.window_calls = self.window_seconds = 0.0
        self.slowest = 0.0
        self._wrapped = clusters_module.index_document

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        t0 = time.perf_counter()
        try:
            self._wrapped(*args, **kwargs)
        finally:
            took = time.perf_counter() - t0
            self.calls += 1
            self.seconds += took
            self.window_calls += 1
            self.window_seconds += took
            self.slowest = max(self.slowest, took)

    def window(self) -> float:
        """Mean seconds per call since the last window."""
        mean = self.window_seconds / max(self.window_calls, 1)
        self.window_calls = self.window_seconds = 0.0
        return mean


Article = tuple[str, str, dt.date | None]


def doc_id(i: int, articles: list[Article]) -> str:
    """The id of the ``i``-th document of :func:`corpus` (made from article ``i % len``)."""
    name = articles[i % len(articles)][0]
    return name if i < len(articles) else f"copy/{i}/{name}"


def corpus(articles: list[Article], n: int) -> Iterator[tuple[int, Document]]:
    """``n`` documents: the articles and copies of them, shuffled; each with the number of
    the article it comes from."""
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    for i in order:
        source = i % len(articles)
        _, body, published = articles[source]
        if i < len(articles):
            yield source, Document(id=doc_id(i, articles), text=body, published=published)
            continue
        rng = random.Random(f"{SEED}:{i}")
        later = published + dt.timedelta(days=rng.randint(0, 3)) if published else None
        copy = make_copy(body, rng)
        yield source, Document(id=doc_id(i, articles), text=copy, published=later)


def analysis_seconds(texts: list[str]) -> float:
    """Seconds per document to analyse ``texts`` (spaCy and our components)."""
    from according.analyze import Analyzer

    analyzer = Analyzer()
    analyzer.analyze_prepared([analyzer.prepare_text("Warm up the pipeline, he said.")])
    documents = [analyzer.prepare(Document(id=f"s{i}", text=t)) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    for _ in analyzer.analyze_prepared(documents):
        pass
    return (time.perf_counter() - t0) / len(texts)


def pairs(counts: Counter[Any]) -> int:
    return sum(c * (c - 1) // 2 for c in counts.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=50, help="articles to analyse (spaCy)")
    parser.add_argument("--db", default=None, help="store URL (default: a temp SQLite file)")
    args = parser.parse_args()
    if not TRAIN.is_dir():
        print(f"no PolNeAR train texts at {TRAIN}", file=sys.stderr)
        return 2
    paths = sorted(TRAIN.glob("*.txt"))
    articles = [(p.name, p.read_text(encoding="utf-8"), date_in_name(p.name)) for p in paths]
    print(
        f"{args.documents:,} documents: {len(articles)} PolNeAR train articles and "
        f"{args.documents - len(articles):,} synthetic copies; start RSS {rss_mib():.0f} MiB"
    )

    timer = Timer()
    clusters_module.index_document = timer  # a timing wrapper
    save_seconds = window_save = 0.0
    window_start = 0
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{tmp}/reposts.db"
        with Store(url) as store:
            print(
                f"{'documents':>9} {'cluster ms/doc':>15} {'save ms/doc':>12} {'RSS MiB':>8} "
                f"{'peak MiB':>9} {'clusters':>9} {'per cluster':>12}"
            )
            for n, (_, document) in enumerate(corpus(articles, args.documents), 1):
                ledger = Ledger(mark_boilerplate(document))
                t0 = time.perf_counter()
                store.save(ledger, document.id)
                took = time.perf_counter() - t0
                save_seconds += took
                window_save += took
                if n in CHECKPOINTS or n == args.documents:
                    with store.engine.connect() as conn:
                        clusters, copies = clusters_module.count(conn)
                    print(
                        f"{n:>9,} {timer.window() * 1000:>15.2f} "
                        f"{window_save / (n - window_start) * 1000:>12.2f} "
                        f"{rss_mib():>8.0f} {peak_rss_mib():>9.0f} {clusters:>9,} "
                        f"{(clusters + copies) / max(clusters, 1):>12.1f}"
                    )
                    window_save, window_start = 0.0, n
            found = store.clusters()
    clusters_module.index_document = timer._wrapped

    cluster_ms = timer.seconds / timer.calls * 1000
    save_ms = save_seconds / args.documents * 1000
    print(
        f"clustering: {cluster_ms:.2f} ms/doc (slowest {timer.slowest * 1000:.1f} ms); "
        f"whole save {save_ms:.2f} ms/doc"
    )

    rng = random.Random(SEED)
    sample = [body for _, body, _ in rng.sample(articles, min(args.sample, len(articles)))]
    analyse_ms = analysis_seconds(sample) * 1000
    rest = analyse_ms + save_ms - cluster_ms
    print(
        f"analysis: {analyse_ms:.1f} ms/doc, timed on {len(sample)} articles and extrapolated "
        f"to the {args.documents:,} documents (copies are about as long as articles)"
    )
    print(
        f"clustering adds {cluster_ms / rest:.2%} to ingest time per document "
        f"({cluster_ms:.2f} ms on {rest:.1f} ms of analysis and saving)"
    )

    gold = {doc_id(i, articles): i % len(articles) for i in range(args.documents)}
    predicted = {m.doc_id: f"cluster {c.id}" for c in found for m in c.members}
    together: Counter[tuple[str, int]] = Counter()
    for ident, source in gold.items():
        together[(predicted.get(ident, ident), source)] += 1
    by_cluster: Counter[str] = Counter()
    for (cluster, _), count in together.items():
        by_cluster[cluster] += count
    tp, pred, true = pairs(together), pairs(by_cluster), pairs(Counter(gold.values()))
    mixed = sum(1 for c in found if len({gold[m.doc_id] for m in c.members}) > 1)
    print(
        f"{len(found)} clusters; pairwise precision {tp / pred:.4f}, recall {tp / true:.4f}; "
        f"{mixed} clusters join distinct articles"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
