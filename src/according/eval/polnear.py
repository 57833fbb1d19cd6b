"""PolNeAR in brat standoff: run the pipeline over a folder, score. The gold is read by
:mod:`according.nlp.attribution.corpus` (training reads it too); its readers are
re-exported here.

The scoring itself is ``polnear_score.py`` of the project's shared ``eval`` folder, run
as it is; this module only finds it, feeds it our predictions and returns its JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from according.errors import InputError
from according.eval.scorer import find_scorer as _find_scorer
from according.eval.scorer import run_scorer
from according.ingest import iter_documents
from according.nlp.attribution.corpus import GoldAttribution, gold_files, read_ann

if TYPE_CHECKING:
    from according.analyze import Analyzer

__all__ = [
    "GoldAttribution",
    "find_scorer",
    "gold_files",
    "predict_polnear",
    "read_ann",
    "score_polnear",
]


def find_scorer(folder: Path) -> Path | None:
    """``eval/polnear_score.py`` in a folder above ``folder`` (the shared layout:
    ``shared/data/polnear/dev`` → ``shared/eval``)."""
    return _find_scorer(folder, "polnear_score.py")


def predict_polnear(folder: Path, out: Path, analyzer: Analyzer) -> int:
    """Write the ledger of every text of ``folder/text`` to ``out`` (JSON Lines, ids as
    the scorer reads them); return how many documents."""
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        items = iter_documents([str(folder / "text")], analyzer.options)
        for result in analyzer.analyze_many(items):
            if isinstance(result, InputError):
                raise result
            fh.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            count += 1
    return count


def score_polnear(folder: Path, predictions: Path, scorer: Path) -> dict[str, Any]:
    """The scorer's JSON for ``predictions`` (ledger JSON Lines) against ``folder``;
    raises ScorerError when the scorer fails."""
    return run_scorer(scorer, folder, predictions)
