"""The analysis version follows the models: package version, the spaCy model's own
version and a digest of the shipped data; a store re-analyses what a new version would
analyse differently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from according import __version__, analyze
from according.analyze import ANALYSIS_VERSION, Analyzer, analysis_version, tree_digest
from according.options import Options
from according.run import ingest
from according.store import Store

DATA = Path(analyze.__file__).parent / "data"


def test_version_names_package_model_and_data() -> None:
    assert ANALYSIS_VERSION.startswith(f"according {__version__}; ")
    assert "en_core_web_sm" in ANALYSIS_VERSION and "3.8.0" in ANALYSIS_VERSION
    assert f"data {tree_digest(DATA)[:16]}" in ANALYSIS_VERSION


def test_any_change_under_the_data_changes_the_digest(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    assert tree_digest(copy) == tree_digest(DATA)
    model = copy / "attribution" / "extent.json"
    model.write_bytes(model.read_bytes() + b" ")  # a retrained model
    retrained = tree_digest(copy)
    assert retrained != tree_digest(DATA)
    (copy / "months.txt").rename(copy / "months2.txt")  # a renamed word list
    assert tree_digest(copy) not in (retrained, tree_digest(DATA))


def test_another_attribution_model_is_another_version(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(DATA / "attribution", folder)
    assert analysis_version(str(folder)) != ANALYSIS_VERSION
    assert analysis_version(str(folder)).startswith(ANALYSIS_VERSION)


def test_a_store_analyses_again_after_a_new_version(
    analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "report.txt"
    article.write_text(
        "Rescuers pulled 14 people from the rubble in Tromsdal, the mayor said on Monday.\n",
        encoding="utf-8",
    )
    options = Options()
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        first = ingest([str(article)], store, options, analyzer=analyzer)
        again = ingest([str(article)], store, options, analyzer=analyzer)
        # a retrained model ships: the same input now has another analysis version
        monkeypatch.setattr(analyze, "analysis_version", lambda model=None: "retrained")
        after = ingest([str(article)], store, options, analyzer=analyzer)
    assert dict(first.outcomes) == {"added": 1}
    assert dict(again.outcomes) == {"unchanged": 1}
    assert dict(after.outcomes) == {"replaced": 1}


def test_the_user_agent_names_the_package_version() -> None:
    from according.options import FetchOptions

    assert FetchOptions().user_agent.startswith(f"according/{__version__} ")
