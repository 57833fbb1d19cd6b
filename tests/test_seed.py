"""The defining example: the seed article through `according analyze`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from according.cli import app
from conftest import SHARED, shared_path
from ledger_checks import check_ledger


def _analyze_seed(*extra: str) -> dict[str, Any]:
    seed = shared_path("seed", "qatar-hostages.txt")
    result = CliRunner().invoke(app, ["analyze", str(seed), *extra])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1
    ledger: dict[str, Any] = json.loads(lines[0])
    check_ledger(ledger, seed.read_text(encoding="utf-8"))
    return ledger


def test_seed_ledger_boilerplate_entities_and_dates() -> None:
    ledger = _analyze_seed("--published", "2023-10-26")
    assert ledger["published"] == "2023-10-26"
    assert ledger["language"] == "en"
    assert [b["text"] for b in ledger["boilerplate"]] == ["Source link", "Leave a Comment"]
    names = {e["name"] for e in ledger["entities"]}
    for name in ("Mohammed Al-Khulaifi", "Qatar", "Hamas", "Sky News", "Gaza", "Anthony Blinken"):
        assert name in names, name
    khulaifi = next(e for e in ledger["entities"] if e["name"] == "Mohammed Al-Khulaifi")
    assert khulaifi["label"] == "PERSON"
    assert {m["text"] for m in khulaifi["mentions"]} == {"Mohammed Al-Khulaifi", "Al-Khulaifi"}
    assert "Qatar’s Foreign Minister" in khulaifi["descriptions"]
    assert {"text": "October 7", "value": "2023-10-07", "start": 669, "end": 678} in ledger["dates"]


def test_seed_without_published_date_leaves_month_day_unresolved() -> None:
    ledger = _analyze_seed()
    assert ledger["published"] is None
    assert all(d["text"] != "October 7" for d in ledger["dates"])


def _score(ledger: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """The shared seed scorer's figures for one ledger."""
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(ledger) + "\n", encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "seed_score.py"),
            str(SHARED / "seed" / "qatar-hostages.expected.json"),
            str(pred),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    scores: dict[str, Any] = json.loads(out.stdout)
    return scores


def test_seed_text_is_the_file_and_its_furniture_is_kept_out(tmp_path: Path) -> None:
    """The ledger's text is the file as given ("Source link" spans its own characters),
    while the furniture is kept out of the analysis (no span reaches into it: checked by
    check_ledger) and of search."""
    seed = SHARED / "seed" / "qatar-hostages.txt"
    ledger = _analyze_seed("--published", "2023-10-26")
    assert ledger["text"] == seed.read_text(encoding="utf-8")
    link = next(b for b in ledger["boilerplate"] if b["text"] == "Source link")
    assert ledger["text"][link["start"] : link["end"]] == "Source link"
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert CliRunner().invoke(app, ["ingest", str(seed), "--db", db, "--quiet"]).exit_code == 0
    found = CliRunner().invoke(app, ["search", "Comment", "--db", db, "--json"])
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout) == []
    found = CliRunner().invoke(app, ["search", "hostages", "--db", db, "--json"])
    assert len(json.loads(found.stdout)) == 1


def test_seed_every_gold_attribution_found_with_the_right_speaker(tmp_path: Path) -> None:
    scores = _score(_analyze_seed("--published", "2023-10-26"), tmp_path)
    assert scores["attributions"]["overlap"]["content"]["r"] == 1.0
    assert scores["speaker_accuracy_on_matched"] == 1.0
