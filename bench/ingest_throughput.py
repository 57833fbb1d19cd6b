"""Ingest throughput and peak memory on the PolNeAR train texts.

    .venv/bin/python bench/ingest_throughput.py [--limit N] [--db URL]

Reads ``../shared/data/polnear/train/text/*.txt``, runs the whole ``according ingest``
path (read, boilerplate, spaCy + our components, store) into a fresh SQLite file, then
runs it again (every document unchanged). Prints documents/s and words/s for both, peak
resident memory after the ingest, and then the bare spaCy model's words/s on the same
texts for comparison.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from according.analyze import Analyzer
from according.nlp.pipeline import MODEL
from according.options import Options
from according.run import ingest
from according.store.repository import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
TRAIN = SHARED / "data" / "polnear" / "train" / "text"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N texts")
    parser.add_argument("--db", default=None, help="store URL (default: a temp SQLite file)")
    args = parser.parse_args()
    if not TRAIN.is_dir():
        print(f"no PolNeAR train texts at {TRAIN}", file=sys.stderr)
        return 2
    paths = sorted(str(p) for p in TRAIN.glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)

    options = Options()
    analyzer = Analyzer(options)
    analyzer.analyze_prepared([analyzer.prepare_text("warm up the pipeline.")])
    print(
        f"{len(paths)} documents, {words:,} words; model {MODEL}; after load "
        f"{peak_rss_mib():.0f} MiB peak RSS"
    )

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{tmp}/bench.db"
        with Store(url) as store:
            for label in ("ingest (new):", "ingest (again):"):
                t0 = time.perf_counter()
                report = ingest(paths, store, options, analyzer=analyzer)
                secs = time.perf_counter() - t0
                print(
                    f"{label:16} {report.documents / secs:8.1f} docs/s "
                    f"{words / secs:10,.0f} words/s  ({report.documents} docs in {secs:.1f} s; "
                    f"{dict(report.outcomes)}; {report.failed} failed)"
                )
    print(f"peak RSS after ingest: {peak_rss_mib():.0f} MiB")

    import spacy

    bare = spacy.load(MODEL)
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=options.batch_size):
        pass
    bare_s = time.perf_counter() - t0
    print(f"bare spaCy:      {len(texts) / bare_s:8.1f} docs/s {words / bare_s:10,.0f} words/s")
    del bare

    return 0


if __name__ == "__main__":
    sys.exit(main())
