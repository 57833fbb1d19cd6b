"""Shared fixtures: the loaded pipeline (once per session) and paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "qatar-hostages.txt"
DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the test skips when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture(scope="session")
def analyzer():  # type: ignore[no-untyped-def]
    from according.analyze import Analyzer

    return Analyzer()
