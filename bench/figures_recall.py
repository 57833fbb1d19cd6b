"""Figures beyond shootings: war tolls, hostage and prisoner exchanges, bombings and
outbreaks, scored on the project's own sentences (``tests/data/figures_recall.jsonl``).

    .venv/bin/python bench/figures_recall.py [--split dev|test|all] [--misses]

Each line of the gold file is one short text of one ``kind`` with its ``split``: rules
are developed on ``dev`` and ``test`` is held out, read only for its score. A gold
figure names its number by its text (``nth`` its occurrence, from 0); a predicted
figure is found when its number span overlaps that occurrence, and fully right when its
measure, value and qualifier match and its source names the gold one (the shorter name
shares at least half its words with the other, as the shared scorer has it; ``null``
for the reporter's own voice). Prints precision, recall and F1 of found and full per
kind and overall; ``--misses`` lists what was missed or wrong.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from according.analyze import Analyzer
from according.options import Options
from according.records import Document, Figure

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "figures_recall.jsonl"
_STOP = frozenset({"the", "a", "an", "of", "in", "at", "by", "to", "and", "its", "s"})


@dataclass
class Tally:
    """Counts of one kind: gold and predicted figures, found and fully right pairs."""

    gold: int = 0
    pred: int = 0
    found: int = 0
    full: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.found += other.found
        self.full += other.full
        self.notes += other.notes


def load_gold(path: Path = GOLD, split: str = "all") -> list[dict[str, Any]]:
    """The gold texts of ``split`` ("dev", "test" or "all")."""
    items = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    return [item for item in items if split == "all" or item["split"] == split]


def _words(name: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (name or "").lower()) if w not in _STOP}


def same_source(predicted: str | None, gold: str | None) -> bool:
    """Whether two source names name the same source (both ``None``, or the shorter
    shares at least half its words with the other)."""
    p, g = _words(predicted), _words(gold)
    if not p or not g:
        return not p and not g
    return len(p & g) / min(len(p), len(g)) >= 0.5


def _occurrence(text: str, number: str, nth: int) -> tuple[int, int]:
    """Where the ``nth`` occurrence of ``number`` stands as a word ("5", not the 5 of
    "52")."""
    found = list(re.finditer(rf"(?<![\w,.]){re.escape(number)}(?![\w]|[,.]\d)", text))
    return found[nth].start(), found[nth].end()


def score_item(item: dict[str, Any], figures: Sequence[Figure]) -> Tally:
    """Match one text's predicted figures to its gold ones."""
    tally = Tally(gold=len(item["figures"]), pred=len(figures))
    text, used = item["text"], set()
    for g in item["figures"]:
        start, end = _occurrence(text, g["number"], g.get("nth", 0))
        match = next(
            (
                f
                for f in figures
                if f.id not in used and f.number.start < end and start < f.number.end
            ),
            None,
        )
        if match is None:
            tally.notes.append(f"{item['id']} MISSED {g['number']!r} {g['measure']}: {text}")
            continue
        used.add(match.id)
        tally.found += 1
        source = match.attributed_to.text if match.attributed_to else None
        got = (match.measure, match.value, match.qualifier)
        want = (g["measure"], g["value"], g["qualifier"])
        if got == want and same_source(source, g["source"]):
            tally.full += 1
        else:
            tally.notes.append(
                f"{item['id']} WRONG {g['number']!r} {got} from {source!r}, "
                f"want {want} from {g['source']!r}: {text}"
            )
    for f in figures:
        if f.id not in used:
            tally.notes.append(f"{item['id']} EXTRA {f.number.text!r} {f.measure}: {text}")
    return tally


def score(analyzer: Analyzer, items: Iterable[dict[str, Any]]) -> dict[str, Tally]:
    """A tally per kind of text, and ``"all"``."""
    tallies: dict[str, Tally] = {}
    for item in items:
        ledger = analyzer.analyze(Document(id=f"{item['id']}.txt", text=item["text"]))
        tallies.setdefault(item["kind"], Tally()).add(score_item(item, ledger.figures))
    total = Tally()
    for tally in tallies.values():
        total.add(tally)
    tallies["all"] = total
    return tallies


def _prf(right: int, pred: int, gold: int) -> str:
    p = right / pred if pred else 0.0
    r = right / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--misses", action="store_true", help="list misses and wrong reads")
    args = parser.parse_args(argv)
    tallies = score(Analyzer(Options()), load_gold(split=args.split))
    for kind, t in tallies.items():
        print(
            f"{args.split:4} {kind:9} gold {t.gold:3}  found {_prf(t.found, t.pred, t.gold)}"
            f"  full {_prf(t.full, t.pred, t.gold)}"
        )
    if args.misses:
        print("\n".join(tallies["all"].notes))


if __name__ == "__main__":
    main()
