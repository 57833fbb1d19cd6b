"""The README documents every command, and every command's help has an example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_group
from typer.testing import CliRunner

from according.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_group(app).commands)


def test_there_are_commands() -> None:
    assert {"analyze", "ingest", "show", "search", "stats"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_documents_each_command(command: str) -> None:
    assert re.search(rf"`according {command}\b", README), f"README lacks `according {command}`"


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Example: according {command}" in result.output


def test_readme_quick_start_is_the_two_make_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make demo" in quick and "make test" in quick


def test_the_changelog_has_a_section_for_this_version() -> None:
    from according import __version__

    changelog = (Path(__file__).resolve().parents[1] / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(__version__)} — \d{{4}}-\d\d-\d\d$", changelog, re.M)


def test_the_license_is_the_one_pyproject_names() -> None:
    root = Path(__file__).resolve().parents[1]
    assert 'license = { text = "Apache-2.0" }' in (root / "pyproject.toml").read_text("utf-8")
    assert "Apache License" in (root / "LICENSE").read_text(encoding="utf-8")
