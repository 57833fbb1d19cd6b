"""Reported figures against a gold file: run the pipeline over a folder of texts, score.

The gold is JSON Lines, ``{"id": "NAME.txt", "figures": [...]}`` a line (FIGURES.md);
the scoring is ``figures_score.py`` of the project's shared ``eval`` folder, run as it
is. This module reads only the gold's document names (to say which have no text), writes
our ledgers where the scorer reads them and returns its JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from according.errors import InputError
from according.eval.scorer import find_scorer as _find_scorer
from according.eval.scorer import run_scorer
from according.ingest import iter_documents

if TYPE_CHECKING:
    from according.analyze import Analyzer

__all__ = [
    "Misses",
    "Predictions",
    "count_misses",
    "find_scorer",
    "gold_names",
    "predict_figures",
    "score_figures",
]

SCORER = "figures_score.py"


@dataclass(frozen=True)
class Predictions:
    """What :func:`predict_figures` wrote: the names of the documents analysed (as the
    scorer matches them, by basename) and the inputs that could not be."""

    names: tuple[str, ...]
    errors: tuple[InputError, ...]


@dataclass(frozen=True)
class Misses:
    """Gold figures the pipeline did not get fully right: not found at all, or found
    with a wrong measure, value, qualifier or source."""

    not_found: int
    wrong: int

    @property
    def total(self) -> int:
        return self.not_found + self.wrong


def find_scorer(gold: Path) -> Path | None:
    """``eval/figures_score.py`` in a folder above ``gold`` (the shared layout:
    ``shared/data/figures-dev/gold.jsonl`` → ``shared/eval``)."""
    return _find_scorer(gold, SCORER)


def _key(obj: Any) -> str:
    """A gold object's document name as the scorer reads it: the basename of its id."""
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    name = obj.get("id") or obj.get("path") or obj.get("document") or ""
    return Path(str(name)).name


def gold_names(gold: Path) -> list[str]:
    """The document names of a gold file (JSON Lines, or one JSON object as the seed's
    ``*.expected.json``); raises InputError naming the file when it cannot be read."""
    try:
        raw = gold.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(gold), f"cannot read: {e}") from None
    if not raw:
        raise InputError(str(gold), "empty gold file")
    try:
        return [_key(json.loads(raw))]
    except (json.JSONDecodeError, ValueError):
        pass
    names = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            names.append(_key(json.loads(line)))
        except (json.JSONDecodeError, ValueError) as e:
            raise InputError(str(gold), f"line {number} is not a JSON object ({e})") from None
    return names


def predict_figures(texts: Path, out: Path, analyzer: Analyzer) -> Predictions:
    """Write the ledger of every input under ``texts`` to ``out`` (JSON Lines, ids as
    the scorer reads them). A bad input is kept in ``errors`` and the rest go on."""
    names: list[str] = []
    errors: list[InputError] = []
    with out.open("w", encoding="utf-8") as fh:
        items = iter_documents([str(texts)], analyzer.options)
        for result in analyzer.analyze_many(items):
            if isinstance(result, InputError):
                errors.append(result)
                continue
            fh.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            names.append(Path(result.document.id).name)
    return Predictions(tuple(names), tuple(errors))


def score_figures(gold: Path, predictions: Path, scorer: Path) -> dict[str, Any]:
    """The scorer's JSON for ``predictions`` (ledger JSON Lines) against ``gold``;
    raises ScorerError when the scorer fails."""
    return run_scorer(scorer, gold, predictions)


def count_misses(result: dict[str, Any]) -> Misses:
    """How many gold figures were missed, from the scorer's totals (its ``misses`` list
    stops at 40). ``r × gold`` is a count the scorer rounded to four places."""
    gold = int(result["found"]["gold"])
    found = round(result["found"]["r"] * gold)
    full = round(result["full"]["r"] * gold)
    return Misses(not_found=gold - found, wrong=found - full)
