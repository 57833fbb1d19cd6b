"""Regression guard on real articles: PolNeAR dev through the whole pipeline, scored by
the shared scorer. Floors sit just under the figures measured when the current model
was shipped; a change that loses accuracy fails here."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from according.cli import app
from conftest import shared_path

# Each floor is 0.01 under the figure measured with the models as shipped (in brackets).
FLOORS = {
    ("overlap", "source"): 0.801,  # (0.811)
    ("overlap", "cue"): 0.790,  # (0.800)
    ("overlap", "content"): 0.843,  # (0.853)
    ("exact", "source"): 0.765,  # (0.775)
    ("exact", "cue"): 0.699,  # (0.709)
    ("exact", "content"): 0.591,  # (0.601)
}
RELATION_FLOOR = 0.744  # (0.754)


def test_polnear_dev_scores_hold(tmp_path: Path) -> None:
    dev = shared_path("data", "polnear", "dev")
    result = CliRunner().invoke(app, ["eval", "polnear", str(dev), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["documents"] == 84
    for (metric, role), floor in FLOORS.items():
        assert scores[metric][role]["f1"] >= floor, (metric, role, scores[metric][role])
    assert scores["relation"]["f1"] >= RELATION_FLOOR, scores["relation"]
