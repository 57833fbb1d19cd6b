"""One bad document costs that document only: a pipeline failure, a document over its
time or size budget and a published date out of range, in analyze and ingest; and errors
reach the command line as one line."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import according.analyze
import according.nlp.figures.extract
from according.analyze import Analyzer, longest_sentence
from according.cli import app
from according.errors import AccordingError, InputError, ModelError
from according.options import Options
from according.records import Document, Ledger, RecordError, Span, SpanError
from according.run import ingest
from according.store.repository import Store

GOOD = "The mayor of Brenmoor said on Tuesday that 12 people were killed in the flood."
OTHER = "Rescue teams said 40 people had been evacuated from the lower town of Brenmoor."
POISON = "POISON: the governor said 3 people were injured when the bridge fell."
SLOW = "SLOW: the governor said 5 people were missing after the storm."


@pytest.fixture()
def trap(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Finding figures raises for a text with POISON and takes 3 s for one with SLOW."""
    real = according.nlp.figures.extract.find_figures

    def find_figures(doc: Any, *args: Any, **kwargs: Any) -> Any:
        if "POISON" in doc.text:
            raise RuntimeError("boom")
        if "SLOW" in doc.text:
            time.sleep(3)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(according.analyze, "find_figures", find_figures)
    yield


def _analyzer(base: Analyzer, **options: Any) -> Analyzer:
    return Analyzer(Options(**options), nlp=base.nlp)


def _outcomes(results: Iterator[Ledger | InputError]) -> list[str]:
    return [
        f"ledger {r.document.id}" if isinstance(r, Ledger) else f"error {r.source}: {r.reason}"
        for r in results
    ]


@pytest.mark.usefixtures("trap")
def test_a_failing_document_costs_only_itself_in_analyze(analyzer: Analyzer) -> None:
    texts = [GOOD if i != 5 else POISON for i in range(40)]  # more than one batch
    documents = [Document(id=f"d{i}", text=f"{t} ({i})") for i, t in enumerate(texts)]
    results = _outcomes(_analyzer(analyzer).analyze_many(documents))
    assert results == [
        f"ledger d{i}" if i != 5 else "error d5: analysis failed: RuntimeError: boom"
        for i in range(40)
    ]


@pytest.mark.usefixtures("trap")
def test_a_failing_document_costs_only_itself_in_ingest(analyzer: Analyzer, tmp_path: Path) -> None:
    items = [
        Document(id="good.txt", text=GOOD),
        Document(id="BAD.txt", text=POISON),
        Document(id="other.txt", text=OTHER),
    ]
    with Store(f"sqlite:///{tmp_path / 'ledger.db'}") as store:
        report = ingest([], store, Options(), analyzer=_analyzer(analyzer), items=items)
        assert [(e.source, e.reason) for e in report.errors] == [
            ("BAD.txt", "analysis failed: RuntimeError: boom")
        ]
        assert report.outcomes["added"] == 2
        assert store.get("good.txt") is not None and store.get("other.txt") is not None


@pytest.mark.usefixtures("trap")
def test_a_slow_document_is_stopped_and_the_batch_goes_on(analyzer: Analyzer) -> None:
    documents = [
        Document(id="a", text=GOOD),
        Document(id="slow", text=SLOW),
        Document(id="b", text=OTHER),
    ]
    started = time.monotonic()
    results = _outcomes(_analyzer(analyzer, max_seconds=1.0).analyze_many(documents))
    took = time.monotonic() - started
    assert results == ["ledger a", "error slow: too slow (over 1 s of analysis)", "ledger b"]
    assert took < 6, took  # the batch's second, then the slow one's; never its 3 s in full


def test_documents_over_their_size_budget_are_refused_before_parsing(
    analyzer: Analyzer,
) -> None:
    long_sentence = "floodwaters " * 100  # 1,200 characters and 100 tokens, no full stop
    documents = [
        Document(id="many", text=(GOOD + " ") * 10),
        Document(id="run-on", text=long_sentence),
        Document(id="ok", text=GOOD),
    ]
    small = _analyzer(analyzer, max_tokens=150, max_sentence_chars=1_000)
    assert _outcomes(small.analyze_many(documents)) == [
        "error many: too large (160 tokens > max 150)",
        "error run-on: too large (a sentence of 1,200 characters > max 1,000)",
        "ledger ok",
    ]


def test_longest_sentence_is_found_without_parsing() -> None:
    assert longest_sentence("One. Two words! Three?\nFour") == len("Two words!") - 1
    assert longest_sentence("x" * 50) == 50
    assert longest_sentence("") == 0


@pytest.mark.parametrize("year", [1, 9999])
def test_a_published_date_out_of_range_is_dropped_with_a_warning(
    analyzer: Analyzer, year: int, caplog: pytest.LogCaptureFixture
) -> None:
    document = Document(
        id="odd-date", text="The mayor said yesterday that 4 people were killed on Tuesday."
    )
    dated = Document(id=document.id, text=document.text, published=dt.date(year, 1, 1))
    with caplog.at_level(logging.WARNING):
        ledger = analyzer.analyze(dated)
    assert ledger.document.published is None
    assert "out of range" in caplog.text
    with pytest.raises(ValueError, match="not between"):
        Options(published=dt.date(year, 1, 1))


def test_every_deliberate_error_is_an_according_error() -> None:
    with pytest.raises(SpanError) as caught:
        Span(3, 1, "")
    assert isinstance(caught.value, AccordingError) and isinstance(caught.value, ValueError)
    assert issubclass(ModelError, AccordingError) and issubclass(InputError, AccordingError)
    with pytest.raises(RecordError):
        Document(id="", text="x")


# ---------------------------------------------------------------- the command line


@pytest.mark.usefixtures("trap")
def test_cli_analyze_reports_the_bad_document_and_prints_the_others(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    paths = []
    for name, text in (("good.txt", GOOD), ("BAD.txt", POISON), ("other.txt", OTHER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = CliRunner().invoke(app, ["analyze", *paths])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2
    assert f"error: {paths[1]}: analysis failed: RuntimeError: boom" in result.stderr


def test_cli_eval_with_a_missing_model_is_one_error_line(tmp_path: Path) -> None:
    folder = tmp_path / "polnear" / "dev"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "a.txt").write_text(GOOD, encoding="utf-8")
    scorer = tmp_path / "polnear_score.py"
    scorer.write_text("print('{}')\n", encoding="utf-8")
    missing = tmp_path / "missing"
    result = CliRunner().invoke(
        app, ["eval", "polnear", str(folder), "--model", str(missing), "--scorer", str(scorer)]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {missing}: ")
    assert "Traceback" not in result.output + result.stderr
    assert not isinstance(result.exception, AccordingError)


def test_cli_refuses_a_published_date_out_of_range(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["analyze", str(tmp_path / "a.txt"), "--published", "0001-01-01"]
    )
    assert result.exit_code == 2
    assert "not between" in result.stderr


def test_the_time_budget_fires_again_when_its_exception_is_swallowed() -> None:
    from according.analyze import _Overtime, _time_budget

    swallowed = 0
    started = time.monotonic()
    with pytest.raises(_Overtime), _time_budget(0.2):
        try:
            time.sleep(5)
        except _Overtime:  # as a garbage collector callback would
            swallowed += 1
        time.sleep(5)
    assert swallowed == 1
    assert time.monotonic() - started < 2


def test_a_ledger_that_fails_to_store_costs_only_itself(
    analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [Document(id="good.txt", text=GOOD), Document(id="BAD.txt", text=OTHER)]
    with Store(f"sqlite:///{tmp_path / 'ledger.db'}") as store:
        real = store.save

        def save(ledger: Ledger, digest: str) -> Any:
            if ledger.document.id == "BAD.txt":
                raise KeyError("a bug")
            return real(ledger, digest)

        monkeypatch.setattr(store, "save", save)
        report = ingest([], store, Options(), analyzer=_analyzer(analyzer), items=items)
        assert [(e.source, e.reason) for e in report.errors] == [
            ("BAD.txt", "not stored: KeyError: 'a bug'")
        ]
        assert report.outcomes["added"] == 1 and store.get("good.txt") is not None


def test_cli_analyze_with_standard_input_closed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "according", "analyze", "-", str(good)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.close(0),  # as `<&-` leaves it
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == "error: -: standard input is closed"
    assert len(done.stdout.splitlines()) == 1
