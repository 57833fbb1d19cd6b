"""The command line end to end, on inputs written here and the bundled demo corpus."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from according.cli import app
from according.store.repository import Store
from conftest import Ingested, shared_path
from ledger_checks import check_ledger

REPORT = """Floods force hundreds from homes in Brenmoor

The river Alde burst its banks in Brenmoor on Tuesday, the regional governor, Ida Stroud, said.
"We have moved everyone from the lower town," Stroud told reporters on Wednesday.
The Norland Red Cross said it was sheltering families in two schools.
"""

PAGE = """<!doctype html><html lang="en"><head><title>Dam holds as rain eases | Alde Post</title>
<meta property="og:title" content="Dam holds as rain eases">
<meta property="og:site_name" content="Alde Post">
<meta name="author" content="Tomas Reyes">
<meta property="article:published_time" content="2026-03-05T09:12:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Dam holds as rain eases</h1>
<p>Engineers said on Thursday that the Kelby dam on the river Alde was holding after three
days of heavy rain, easing fears of a second flood in Brenmoor.</p>
<p>"The structure is sound," said Mara Olsen, the chief engineer of the Norland water board.
She said inspections would continue through the weekend.</p>
<p>Governor Ida Stroud thanked volunteers who filled sandbags along the embankment.</p>
</article><footer>© 2026 Alde Post. All rights reserved.</footer></body></html>
"""


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "according", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "floods.txt").write_text(REPORT, encoding="utf-8")
    (folder / "dam.html").write_text(PAGE, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    return folder


def test_analyze_prints_a_ledger_per_document_and_reports_bad_inputs(inputs: Path) -> None:
    result = CliRunner().invoke(app, ["analyze", str(inputs), "--published", "2026-03-05"])
    assert result.exit_code == 1
    assert f"error: {inputs / 'empty.txt'}: empty" in result.stderr
    ledgers = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert [Path(x["id"]).name for x in ledgers] == ["dam.html", "floods.txt"]
    for ledger in ledgers:
        check_ledger(ledger)
        assert ledger["published"] == "2026-03-05"
    dam, floods = ledgers
    assert dam["title"] == "Dam holds as rain eases"
    assert dam["author"] == "Tomas Reyes"
    assert "Home" not in dam["text"] and "All rights reserved" not in dam["text"]
    assert floods["text"] == REPORT
    names = {e["name"] for e in floods["entities"]}
    assert {"Ida Stroud", "Brenmoor", "Norland Red Cross"} <= names
    stroud = next(e for e in floods["entities"] if e["name"] == "Ida Stroud")
    assert [m["text"] for m in stroud["mentions"]] == ["Ida Stroud", "Stroud"]
    assert {(d["text"], d["value"]) for d in floods["dates"]} == {
        ("Tuesday", "2026-03-03"),
        ("Wednesday", "2026-03-04"),
    }


def test_analyze_reads_standard_input() -> None:
    result = CliRunner().invoke(app, ["analyze", "-"], input=REPORT)
    assert result.exit_code == 0, result.output
    (ledger,) = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert ledger["text"] == REPORT


def test_ingest_twice_leaves_the_store_unchanged(inputs: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(inputs), "--db", db])
    assert first.exit_code == 1  # the empty file
    assert "2 documents: 2 added, 0 replaced, 0 unchanged; 1 failed" in first.stderr

    def dump() -> list[dict[str, object]]:
        with Store(db) as store:
            ledgers = [store.get(str(inputs / name)) for name in ("dam.html", "floods.txt")]
        return [ledger.to_json() for ledger in ledgers if ledger is not None]

    before = dump()
    assert len(before) == 2
    stats_before = runner.invoke(app, ["stats", "--db", db, "--json"]).stdout
    second = runner.invoke(app, ["ingest", str(inputs), "--db", db])
    assert "2 documents: 0 added, 0 replaced, 2 unchanged; 1 failed" in second.stderr
    assert dump() == before
    assert runner.invoke(app, ["stats", "--db", db, "--json"]).stdout == stats_before
    assert json.loads(stats_before)["documents"] == 2

    # a changed text under the same path is a new document (no URL: keyed by its text)
    (inputs / "floods.txt").write_text(REPORT + "More rain is forecast.\n", encoding="utf-8")
    third = runner.invoke(app, ["ingest", str(inputs / "floods.txt"), "--db", db])
    assert third.exit_code == 0, third.output


def test_show_search_and_stats(inputs: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    runner = CliRunner()
    runner.invoke(app, ["ingest", str(inputs), "--db", db, "--published", "2026-03-05"])
    doc = str(inputs / "floods.txt")

    shown = runner.invoke(app, ["show", doc, "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "Ida Stroud" in shown.stdout and "Norland Red Cross" in shown.stdout

    as_json = json.loads(runner.invoke(app, ["show", doc, "--db", db, "--json"]).stdout)
    analyzed = runner.invoke(app, ["analyze", doc, "--published", "2026-03-05"]).stdout
    assert as_json == json.loads(analyzed)

    missing = runner.invoke(app, ["show", "nowhere.txt", "--db", db])
    assert missing.exit_code == 1 and "no stored document" in missing.stderr

    hits = json.loads(runner.invoke(app, ["search", "sandbags", "--db", db, "--json"]).stdout)
    assert [Path(h["id"]).name for h in hits] == ["dam.html"]
    odd = runner.invoke(app, ["search", '"Red Cross" C++ \'', "--db", db])
    assert odd.exit_code == 0, odd.output

    stats = json.loads(runner.invoke(app, ["stats", "--db", db, "--json"]).stdout)
    assert stats["documents"] == 2
    assert stats["first_published"] == stats["last_published"] == "2026-03-05"


def test_db_comes_from_the_environment(inputs: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'env.db'}"
    result = _run("ingest", str(inputs / "floods.txt"), env={"ACCORDING_DB": db})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env.db").exists()


def test_a_bad_store_url_is_a_clear_error(inputs: Path) -> None:
    result = CliRunner().invoke(app, ["stats", "--db", "nosuchdb://x"])
    assert result.exit_code == 2
    assert "nosuchdb://x" in result.stderr


def test_killed_ingest_leaves_no_half_written_document(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(150):
        (folder / f"r{i:03}.txt").write_text(
            f"Report {i}. " + REPORT.replace("Tuesday", f"day {i}") * 3, encoding="utf-8"
        )
    db_path = tmp_path / "killed.db"
    db = f"sqlite:///{db_path}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "according", "ingest", str(folder), "--db", db, "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db_path.exists():
            with Store(db) as store:
                stored = store.stats().documents
            if stored >= 40:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert stored >= 40, "ingest finished or stalled before it could be killed"
    with Store(db) as store:
        kept = store.stats().documents
        assert 40 <= kept < 150
        for ref in sorted(os.listdir(folder))[:kept]:
            ledger = store.get(str(folder / ref))
            assert ledger is not None and ledger.entities
    # running again completes the rest, keeping what was stored
    again = _run("ingest", str(folder), "--db", db, "-q")
    assert again.returncode == 0, again.stderr
    assert f"{kept} unchanged" in again.stderr
    with Store(db) as store:
        assert store.stats().documents == 150
        resumed = store.stats()
    # ... to the same counts as a run that was never killed
    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    uninterrupted = CliRunner().invoke(app, ["ingest", str(folder), "--db", whole, "-q"])
    assert uninterrupted.exit_code == 0, uninterrupted.stderr
    with Store(whole) as store:
        assert store.stats() == resumed


def test_demo_corpus_ingests_cleanly(demo_store: Ingested) -> None:
    with Store(demo_store.url) as store:
        stats = store.stats()
        assert stats.documents >= 12
        assert stats.entities > 50 and stats.dates > 10


def test_two_files_with_the_same_text_are_one_document(tmp_path: Path) -> None:
    folder = tmp_path / "dup"
    folder.mkdir()
    # the names' dates give the copies different published dates: still one document
    (folder / "2026-03-01-a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "2026-03-02-b.txt").write_text(REPORT, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'dup.db'}"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert "2 documents: 1 added, 0 replaced, 1 unchanged; 0 failed" in first.stderr
    again = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert "2 documents: 0 added, 0 replaced, 2 unchanged; 0 failed" in again.stderr
    with Store(db) as store:
        assert store.stats().documents == 1
        assert store.get(str(folder / "2026-03-02-b.txt")) is None
        ledger = store.get(str(folder / "2026-03-01-a.txt"))
        assert ledger is not None and ledger.document.published == dt.date(2026, 3, 1)


# ---------------------------------------------------------------- eval figures

BLAST = """Blast in Varn kills 12

Police said 12 people were killed and 30 injured in the blast at the Varn bus station.
"""


def _figure(
    text: str, number: str, measure: str, value: int, source: str | None
) -> dict[str, object]:
    start = text.index(number, text.index("Police") if source else 0)
    return {
        "measure": measure,
        "value": value,
        "qualifier": "exact",
        "low": value,
        "high": value,
        "attributed_to": source,
        "number": {"start": start, "end": start + len(number), "text": number},
    }


def test_eval_figures_prints_the_scorers_numbers(tmp_path: Path) -> None:
    scorer = shared_path("eval", "figures_score.py")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "blast.txt").write_text(BLAST, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    figures = [
        _figure(BLAST, "12", "killed", 12, None),  # the headline's
        _figure(BLAST, "12", "killed", 12, "Police"),
        _figure(BLAST, "30", "injured", 30, "Police"),
    ]
    gold.write_text(json.dumps({"id": "blast.txt", "figures": figures}) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    args = ["eval", "figures", str(gold), str(texts), "--scorer", str(scorer), "--out", str(pred)]

    table = CliRunner().invoke(app, args)
    assert table.exit_code == 0, table.output
    (ledger,) = [json.loads(ln) for ln in pred.read_text(encoding="utf-8").splitlines()]
    assert Path(ledger["id"]).name == "blast.txt"
    expected = json.loads(
        subprocess.run(
            [sys.executable, str(scorer), str(gold), str(pred)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert expected["found"]["gold"] == 3 and expected["found"]["f1"] > 0
    lines = table.stdout.splitlines()
    assert lines[0] == "1 documents"
    for metric in ("found", "full"):
        cell = expected[metric]
        assert (
            f"{metric:6} P {cell['p']:.3f}  R {cell['r']:.3f}  F1 {cell['f1']:.3f}"
            f"  (pred {cell['pred']}, gold 3)"
        ) in lines
    accuracy = expected["accuracy_on_found"]
    assert f"measure {accuracy['measure']:.3f}" in table.stdout
    assert f"source {accuracy['source']:.3f}" in table.stdout
    assert f"misses: {len(expected['misses'])} " in table.stdout

    as_json = CliRunner().invoke(app, [*args, "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout) == expected


def test_eval_figures_bad_paths_are_clear_errors(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    gold = tmp_path / "gold.jsonl"
    runner = CliRunner()

    no_gold = runner.invoke(app, ["eval", "figures", str(gold), str(texts)])
    assert no_gold.exit_code == 2
    assert no_gold.stderr.strip() == f"error: {gold}: no such gold file"

    gold.write_text('{"id": "a.txt", "figures": []}\nnot json\n', encoding="utf-8")
    no_texts = runner.invoke(app, ["eval", "figures", str(gold), str(tmp_path / "none")])
    assert no_texts.exit_code == 2
    assert no_texts.stderr.strip() == f"error: {tmp_path / 'none'}: no such folder of texts"

    scorer = tmp_path / "eval" / "figures_score.py"  # found above GOLD, never run here
    scorer.parent.mkdir()
    scorer.write_text("raise SystemExit(3)\n", encoding="utf-8")
    bad_gold = runner.invoke(app, ["eval", "figures", str(gold), str(texts)])
    assert bad_gold.exit_code == 2
    assert bad_gold.stderr.startswith(f"error: {gold}: line 2 is not a JSON object")
    assert len(bad_gold.stderr.strip().splitlines()) == 1


FIGURES_DEV_FLOORS = {"found": 0.914, "full": 0.832}  # 0.01 under measured (0.924, 0.842)


def test_eval_figures_dev_scores_hold() -> None:
    dev = shared_path("data", "figures-dev")
    result = CliRunner().invoke(
        app, ["eval", "figures", str(dev / "gold.jsonl"), str(dev / "texts"), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["documents"] == 30
    for metric, floor in FIGURES_DEV_FLOORS.items():
        assert scores[metric]["f1"] >= floor, (metric, scores[metric])
