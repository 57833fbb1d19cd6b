"""PolNeAR in brat standoff: read the gold, run the pipeline over a folder, score.

The scoring itself is ``polnear_score.py`` of the project's shared ``eval`` folder, run
as it is; this module only finds it, feeds it our predictions and returns its JSON.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from according.errors import InputError
from according.eval.scorer import find_scorer as _find_scorer
from according.eval.scorer import run_scorer
from according.ingest import iter_documents

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

ROLES = ("source", "cue", "content")
GoldAttribution = dict[str, list[tuple[int, int]]]
_ROLE_NUMBER = re.compile(r"\d+$")


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file: for each, its role spans (a role may be
    discontinuous). Lines that are not brat annotations are passed over."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if line.startswith("T"):
            _label, _, offsets = fields[1].partition(" ")
            parts = []
            for piece in offsets.split(";"):
                a, b = piece.split()
                parts.append((int(a), int(b)))
            spans[fields[0]] = parts
        elif line.startswith("E"):
            events.append(fields[1])
    out: list[GoldAttribution] = []
    for event in events:
        rel: GoldAttribution = {}
        for arg in event.split():
            role, _, tid = arg.partition(":")
            role = _ROLE_NUMBER.sub("", role).lower()
            if role in ROLES and tid in spans:
                rel.setdefault(role, []).extend(spans[tid])
        out.append(rel)
    return out


def gold_files(folder: Path, *, every_annotator: bool = False) -> Iterator[tuple[Path, Path]]:
    """``(text, annotation)`` pairs of a PolNeAR folder: the first annotator's file in
    sorted order, as the scorer takes it, or one pair per annotator's file."""
    ann_dir = folder / "attributions"
    anns = sorted(os.listdir(ann_dir))
    for text in sorted((folder / "text").glob("*.txt")):
        name = text.stem
        found = [a for a in anns if a.rsplit("_", 1)[0] == name]
        for ann in found if every_annotator else found[:1]:
            yield text, ann_dir / ann


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
