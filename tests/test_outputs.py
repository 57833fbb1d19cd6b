"""Output files (``export --out``, ``figures --plot``): a directory, a special file or a
path that cannot be written is one ``error: PATH: ...`` line; an existing file is kept
unless ``--force``; a failed write leaves no file, and the old one as it was."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from according.cli import app
from according.errors import OutputError
from according.outputs import atomic_output, check_output
from according.store import Store
from according.store import export as export_module
from according.store.export import export_table
from store_fixtures import flood_ledger, strike_ledger

pytest_plugins = ["store_fixtures"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store(url) as store:
        store.save(flood_ledger(), "1")
        store.save(strike_ledger(), "2")
    return url


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def refused(result: Any, path: Path | str, reason: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"error: {path}: ") and reason in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def unwritable(tmp_path: Path) -> Iterator[Path]:
    """Paths that cannot be written: through a file, and in a folder we may not write."""
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    yield plain / "out.csv"
    if os.geteuid() == 0:  # root writes in any folder but sysfs
        if Path("/sys/kernel").is_dir():
            yield Path("/sys/kernel/according-out.csv")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        yield locked / "out.csv"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_refuses_a_folder_a_special_file_and_an_unwritable_path(
    db: str, tmp_path: Path, fmt: str
) -> None:
    base = ["export", "figures", "--format", fmt, "--db", db]
    refused(invoke(*base, "--out", str(tmp_path)), tmp_path, "is a directory")
    refused(invoke(*base, "--out", "/dev/null"), "/dev/null", "special file")
    for path in unwritable(tmp_path):
        result = invoke(*base, "--out", str(path))
        refused(result, path, "")
        assert not path.exists()


def test_export_keeps_an_existing_file_unless_forced(db: str, tmp_path: Path) -> None:
    out = tmp_path / "figures.csv"
    out.write_text("mine\n", encoding="utf-8")
    out.chmod(0o640)
    refused(invoke("export", "figures", "--out", str(out), "--db", db), out, "--force")
    assert out.read_text(encoding="utf-8") == "mine\n"
    forced = invoke("export", "figures", "--out", str(out), "--force", "--db", db)
    assert forced.exit_code == 0, forced.output
    assert out.read_text(encoding="utf-8").startswith("document_id,")
    assert oct(out.stat().st_mode & 0o777) == oct(0o640)  # its permissions kept
    assert leftovers(tmp_path) == []
    new = tmp_path / "sub" / "new.csv"  # a new file, in a folder made for it
    assert invoke("export", "figures", "--out", str(new), "--db", db).exit_code == 0
    assert new.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_a_failed_export_leaves_no_half_written_file(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    real = export_module._rows

    def failing(*args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        rows = real(*args, **kwargs)
        yield next(rows)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "_rows", failing)
    out, kept = tmp_path / f"new.{fmt}", tmp_path / f"old.{fmt}"
    kept.write_bytes(b"old")
    with Store(db) as store:
        with pytest.raises(OutputError, match="No space left"):
            export_table(store, "figures", fmt, out)
        with pytest.raises(OutputError, match="No space left"):
            export_table(store, "figures", fmt, kept, force=True)
    assert not out.exists() and kept.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_plot_refuses_a_folder_and_an_existing_file_unless_forced(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "plots.png"
    folder.mkdir()
    refused(invoke("figures", "--plot", str(folder), "--db", db), folder, "is a directory")
    for path in unwritable(tmp_path):
        png = path.with_suffix(".png")
        refused(invoke("figures", "--plot", str(png), "--db", db), png, "")
    plot = tmp_path / "series.svg"
    made = invoke("figures", "--plot", str(plot), "--db", db)
    assert made.exit_code == 0, made.output
    drawn = plot.read_bytes()
    assert drawn.lstrip().startswith(b"<?xml")
    again = invoke("figures", "--plot", str(plot), "--db", db)
    refused(again, plot, "already exists")
    assert again.stdout == ""  # refused before reading the store
    forced = invoke("figures", "--plot", str(plot), "--force", "--db", db)
    assert forced.exit_code == 0, forced.output
    assert leftovers(tmp_path) == []


def test_atomic_output_checks_again_when_it_renames(tmp_path: Path) -> None:
    out = tmp_path / "race.txt"
    with pytest.raises(OutputError, match="already exists"), atomic_output(out) as temp:
        temp.write_text("new", encoding="utf-8")
        out.write_text("made meanwhile", encoding="utf-8")
    assert out.read_text(encoding="utf-8") == "made meanwhile"
    assert leftovers(tmp_path) == []
    with pytest.raises(OutputError, match="broken symbolic link"):
        (tmp_path / "link.txt").symlink_to(tmp_path / "nowhere" / "x.txt")
        check_output(tmp_path / "link.txt")


def test_readme_and_help_document_force() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "--force" in readme
    for command in ("export", "figures"):
        assert "--force" in invoke(command, "--help").stdout
