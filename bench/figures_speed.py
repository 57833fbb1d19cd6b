"""What finding figures adds to the time of ``analyze``, on the same texts, in one run.

    .venv/bin/python bench/figures_speed.py [--rounds R] [--limit N]

Reads the PolNeAR dev texts (``../shared/data/polnear/dev/text``) and the figures-dev
texts (``../shared/data/figures-dev/texts``). For each set, times
``Analyzer.analyze_prepared`` (spaCy, every component of ours, records) with
figures on, and with ``find_figures`` replaced by one returning ``()``, alternating the
two ``--rounds`` times and keeping each one's best; the run with figures also times
``find_figures`` itself, call by call. Prints words/s both ways, what figures add to
the time, and the time ``find_figures`` takes per 1,000 words: when the difference
between the two ways is within the spread between rounds, the time of ``find_figures``
itself is the measure to trust.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import according.analyze
from according.analyze import Analyzer
from according.nlp.figures.extract import find_figures
from according.options import Options
from according.records import Document, Figure, Ledger

SHARED = Path(__file__).resolve().parents[2] / "shared"
SETS = {
    "polnear dev": SHARED / "data" / "polnear" / "dev" / "text",
    "figures-dev": SHARED / "data" / "figures-dev" / "texts",
}


@dataclass
class Best:
    """The best time of each way over the rounds, and the figures found."""

    on: float = float("inf")
    off: float = float("inf")
    inside: float = float("inf")
    figures: int = 0
    spread: float = 0.0
    """The largest gap between two runs of the same way, relative to the faster."""

    def note(self, first: float, second: float) -> None:
        self.spread = max(self.spread, abs(first - second) / min(first, second))


@contextmanager
def patched(find: Callable[..., tuple[Figure, ...]]) -> Iterator[None]:
    """``find`` in place of ``find_figures`` where ``Analyzer`` calls it."""
    with mock.patch.object(according.analyze, "find_figures", find):
        yield


def time_set(analyzer: Analyzer, documents: Sequence[Document], rounds: int) -> Best:
    best = Best()
    inside = 0.0

    def timed(*args: Any, **kwargs: Any) -> tuple[Figure, ...]:
        nonlocal inside
        t0 = time.perf_counter()
        figures = find_figures(*args, **kwargs)
        inside += time.perf_counter() - t0
        return figures

    def none(*_args: Any, **_kwargs: Any) -> tuple[Figure, ...]:
        return ()

    def run_on() -> None:
        nonlocal inside
        inside = 0.0
        with patched(timed):
            t0 = time.perf_counter()
            ledgers = list(analyzer.analyze_prepared(documents))
            took = time.perf_counter() - t0
        if best.on < float("inf"):
            best.note(best.on, took)
        best.on = min(best.on, took)
        best.inside = min(best.inside, inside)
        best.figures = sum(len(x.figures) for x in ledgers if isinstance(x, Ledger))

    def run_off() -> None:
        with patched(none):
            t0 = time.perf_counter()
            for _ledger in analyzer.analyze_prepared(documents):
                pass
            took = time.perf_counter() - t0
        if best.off < float("inf"):
            best.note(best.off, took)
        best.off = min(best.off, took)

    for i in range(rounds):  # alternate which goes first, so neither always runs cold
        for run in (run_on, run_off) if i % 2 == 0 else (run_off, run_on):
            run()
    return best


def report(name: str, docs: int, words: int, best: Best) -> None:
    added = (best.on - best.off) / best.off
    print(f"{name}: {docs} documents, {words:,} words, {best.figures} figures")
    print(f"  analyze with figures:    {words / best.on:10,.0f} words/s")
    print(f"  analyze without figures: {words / best.off:10,.0f} words/s")
    print(
        f"  figures add {added:+.1%} to analyze time (difference of best runs; "
        f"runs of the same way differ by up to {best.spread:.1%})"
    )
    print(
        f"  find_figures alone: {1000 * best.inside / words * 1000:.2f} ms per 1,000 words, "
        f"{best.inside / best.on:.1%} of analyze time"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="At most N texts of each set.")
    args = parser.parse_args()
    missing = [str(folder) for folder in SETS.values() if not folder.is_dir()]
    if missing:
        print(f"no texts at {', '.join(missing)}", file=sys.stderr)
        return 2

    analyzer = Analyzer(Options())
    loaded: dict[str, tuple[list[Document], int]] = {}
    for name, folder in SETS.items():
        paths = sorted(folder.glob("*.txt"))
        if args.limit:
            paths = paths[: args.limit]
        texts = [p.read_text(encoding="utf-8") for p in paths]
        documents = [
            analyzer.prepare(Document(id=str(p), text=t)) for p, t in zip(paths, texts, strict=True)
        ]
        loaded[name] = (documents, sum(len(t.split()) for t in texts))
    for documents, _words in loaded.values():  # warm up: vocabulary, word lists, caches
        for _ledger in analyzer.analyze_prepared(documents):
            pass

    print(f"best of {args.rounds} rounds, figures on and off alternating")
    total = Best(on=0.0, off=0.0, inside=0.0)
    total_docs = total_words = 0
    for name, (documents, words) in loaded.items():
        best = time_set(analyzer, documents, args.rounds)
        report(name, len(documents), words, best)
        total.on += best.on
        total.off += best.off
        total.inside += best.inside
        total.figures += best.figures
        total.spread = max(total.spread, best.spread)
        total_docs += len(documents)
        total_words += words
    report("all", total_docs, total_words, total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
