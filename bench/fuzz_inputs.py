"""Feed many generated odd inputs through every reader and the analysis' preparation.

    .venv/bin/python bench/fuzz_inputs.py [--count N] [--analyze K] [--seed S]

Draws ``--count`` inputs (default 100,000) from the generators of the property tests
(``tests/input_generators.py``: texts in many encodings and raw bytes, HTML fragments, feeds,
WARC files, JSON Lines), reads each as a file named for its format or as standard input,
and prepares every document for analysis (``Analyzer.prepare``). A crash is any exception
other than InputError, an InputError reported as "unexpected", or a document with a lone
surrogate; the target is 0. ``--analyze K`` also runs the full analysis (spaCy and our
components) on the first K documents that prepare. Prints the counts, the crashes (up to
10, with their input), and the slowest input.
"""

from __future__ import annotations

import argparse
import io
import logging
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from according.analyze import Analyzer
from according.errors import InputError
from according.ingest import iter_documents
from according.options import FetchOptions, Options
from according.records import Document, Ledger
from input_generators import ANY_INPUT

OPTIONS = Options(fetch=FetchOptions(max_bytes=200_000), max_seconds=10.0)


@dataclass
class Tally:
    inputs: int = 0
    documents: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    crashes: list[tuple[str, bytes, str]] = field(default_factory=list)
    slowest: tuple[float, str, bytes] = (0.0, "", b"")
    analysed: int = 0
    analysis_errors: int = 0
    read_seconds: float = 0.0
    prepared: list[Document] = field(default_factory=list)


def read(folder: Path, name: str, data: bytes) -> list[Document | InputError]:
    if name == "-":
        return list(iter_documents(["-"], OPTIONS, stdin=io.BytesIO(data)))
    path = folder / name
    path.write_bytes(data)
    return list(iter_documents([str(path)], OPTIONS))


def one(tally: Tally, preparer: Analyzer, folder: Path, name: str, data: bytes, keep: int) -> None:
    tally.inputs += 1
    started = time.perf_counter()
    try:
        for result in read(folder, name, data):
            if isinstance(result, InputError):
                kind = result.reason.split(":", 1)[0].split("(", 1)[0].strip()
                tally.errors[kind] += 1
                if result.reason.startswith("unexpected error"):
                    tally.crashes.append((name, data, str(result)))
                continue
            tally.documents += 1
            for value in (result.text, result.title, result.author, result.site, result.url):
                if value is not None:
                    value.encode("utf-8")
            prepared = preparer.prepare_or_error(result)
            if isinstance(prepared, InputError):
                if prepared.reason.startswith("analysis failed"):
                    tally.crashes.append((name, data, str(prepared)))
            elif len(tally.prepared) < keep:
                tally.prepared.append(prepared)
    except Exception:  # what the target is to have none of
        tally.crashes.append((name, data, traceback.format_exc(limit=3)))
    took = time.perf_counter() - started
    tally.read_seconds += took
    if took > tally.slowest[0]:
        tally.slowest = (took, name, data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000, help="inputs to generate")
    parser.add_argument("--analyze", type=int, default=0, help="also fully analyse K documents")
    parser.add_argument("--seed", type=int, default=20261205, help="generator seed")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the readers' warnings about odd encodings

    tally = Tally()
    preparer = Analyzer(OPTIONS, nlp=spacy.blank("en"))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        @seed(args.seed)
        @settings(
            max_examples=args.count,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(ANY_INPUT)
        def run(case: tuple[str, bytes]) -> None:
            one(tally, preparer, folder, case[0], case[1], args.analyze)
            if tally.inputs % 10_000 == 0:
                print(f"  {tally.inputs:,} inputs ...", file=sys.stderr, flush=True)

        run()
    took = time.perf_counter() - started

    if args.analyze and tally.prepared:
        analyzer = Analyzer(OPTIONS)
        t0 = time.perf_counter()
        for result in analyzer.analyze_prepared(tally.prepared):
            tally.analysed += 1
            if isinstance(result, InputError):
                tally.analysis_errors += 1
                if not result.reason.startswith("too "):
                    tally.crashes.append(("analysis", result.source.encode(), str(result)))
            else:
                assert isinstance(result, Ledger)
        analyse_took = time.perf_counter() - t0
    else:
        analyse_took = 0.0

    print(f"inputs generated and read: {tally.inputs:,} in {took:.1f} s")
    print(f"documents: {tally.documents:,}; input errors: {sum(tally.errors.values()):,}")
    for reason, count in tally.errors.most_common(12):
        print(f"  {count:7,}  {reason}")
    if args.analyze:
        print(
            f"fully analysed: {tally.analysed:,} documents in {analyse_took:.1f} s "
            f"({tally.analysis_errors} over budget or failed)"
        )
    print(f"crashes: {len(tally.crashes)}")
    for name, data, what in tally.crashes[:10]:
        print(f"  {name} {data[:80]!r}...\n    {what.strip()[:400]}")
    slow_time, slow_name, slow_data = tally.slowest
    print(
        f"slowest input: {slow_time * 1000:.0f} ms, {slow_name}, {len(slow_data):,} bytes: "
        f"{slow_data[:60]!r}"
    )
    print(f"mean per input: {tally.read_seconds / max(tally.inputs, 1) * 1000:.2f} ms")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 1 if tally.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
