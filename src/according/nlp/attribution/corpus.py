"""PolNeAR in brat standoff: the gold attributions of a folder, as training and
evaluation both read them.

- :func:`gold_files`: the ``(text, annotation)`` pairs of a PolNeAR folder (``text/``,
  ``attributions/``).
- :func:`read_ann`: the attributions of one ``.ann`` file, as character spans per role.

Training (:mod:`according.nlp.attribution.train`) and scoring
(:mod:`according.eval.polnear`) import it from here, so training needs nothing above
``nlp``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from according.nlp.attribution.spans import ROLES

__all__ = ["GoldAttribution", "gold_files", "read_ann"]

GoldAttribution = dict[str, list[tuple[int, int]]]
"""One gold attribution: the character spans of each of its roles (``source``,
``cue``, ``content``; a role may be discontinuous)."""
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
