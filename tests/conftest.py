"""Shared fixtures: the loaded pipeline (once per session) and paths to ../shared."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # loading it loads spaCy: the fixture imports it when first used
    from according.analyze import Analyzer

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "qatar-hostages.txt"
DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the test skips when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@dataclass(frozen=True)
class Ingested:
    """A store the demo corpus was ingested into, and what ``according ingest`` printed."""

    url: str
    stdout: str


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """The demo corpus ingested once per session by ``according ingest --quiet`` into a
    SQLite file. Tests only read it."""
    if not DEMO.is_dir():
        pytest.skip("no demo corpus")
    from typer.testing import CliRunner

    from according.cli import app

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    result = CliRunner().invoke(app, ["ingest", str(DEMO), "--db", url, "--quiet"])
    assert result.exit_code == 0, result.output
    return Ingested(url, result.stdout)


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    from according.analyze import Analyzer

    return Analyzer()
