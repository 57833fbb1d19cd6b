"""The whole analysis against the bare spaCy model, on the same texts, in one run.

    .venv/bin/python bench/pipeline_speed.py [--split dev|train] [--limit N] [--rounds R]

Reads ``../shared/data/polnear/SPLIT/text/*.txt``; times the bare ``en_core_web_sm``
model parsing them, then ``Analyzer.analyze_prepared`` (boilerplate, spaCy and every
component of ours, records), alternating the two ``--rounds`` times and keeping each
one's best. Prints words/s for both, their ratio, and the time each of our components
takes per 1,000 words.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import spacy

from according.analyze import Analyzer
from according.nlp.pipeline import COMPONENTS, MODEL
from according.options import Options
from according.records import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    folder = SHARED / "data" / "polnear" / args.split / "text"
    if not folder.is_dir():
        print(f"no texts at {folder}", file=sys.stderr)
        return 2
    paths = sorted(folder.glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(MODEL)
    analyzer = Analyzer(Options())
    documents = [
        analyzer.prepare(Document(id=str(p), text=t)) for p, t in zip(paths, texts, strict=True)
    ]
    list(analyzer.analyze_prepared(documents[:2]))  # warm up

    best_bare = best_full = float("inf")
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=32):
            pass
        best_bare = min(best_bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _ledger in analyzer.analyze_prepared(documents):
            pass
        best_full = min(best_full, time.perf_counter() - t0)

    # each of our components alone, on docs the model has already parsed
    parsed = list(bare.pipe(texts, batch_size=32))
    per_component: dict[str, float] = defaultdict(float)
    for doc in parsed:
        doc._.published = None
        for name in COMPONENTS:
            component = analyzer.nlp.get_pipe(name)
            t0 = time.perf_counter()
            component(doc)
            per_component[name] += time.perf_counter() - t0

    print(f"{len(texts)} documents, {words:,} words ({args.split}); best of {args.rounds}")
    print(f"bare {MODEL}: {words / best_bare:10,.0f} words/s")
    print(f"according analyze:     {words / best_full:10,.0f} words/s")
    print(f"ratio: {best_bare / best_full:.1%} of the bare model's speed")
    for name, secs in per_component.items():
        print(f"  {name:24} {1000 * secs / words * 1000:7.2f} ms per 1,000 words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
