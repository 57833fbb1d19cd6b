"""The shared scorers (``shared/eval/*_score.py``): found beside the gold, run unchanged.

Every scorer is a script that takes paths and prints one JSON object; we never import
it, so what we report is exactly what it computes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from according.errors import AccordingError

__all__ = ["ScorerError", "find_scorer", "run_scorer"]


class ScorerError(AccordingError):
    """A scorer script failed or printed something that is not JSON."""


def find_scorer(start: Path, name: str) -> Path | None:
    """``eval/NAME`` in a folder above ``start`` (the shared layout:
    ``shared/data/polnear/dev`` → ``shared/eval/polnear_score.py``)."""
    for parent in start.resolve().parents:
        candidate = parent / "eval" / name
        if candidate.is_file():
            return candidate
    return None


def run_scorer(scorer: Path, *args: Path) -> dict[str, Any]:
    """The JSON ``scorer`` prints for ``args``, run with this Python; raises ScorerError
    with the last line it wrote to standard error when it fails."""
    done = subprocess.run(
        [sys.executable, str(scorer), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
        raise ScorerError(f"{scorer} failed: {lines[-1]}")
    try:
        result: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise ScorerError(f"{scorer} printed no JSON") from None
    return result
