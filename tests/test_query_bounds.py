"""Reads with bounds: query size, limits and time (according.store.bounds), on SQLite and
PostgreSQL, and the CLI's one line for a query past them."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from according import cli
from according.cli import app
from according.errors import AccordingError, QueryError
from according.store import Store, bounds
from according.store.queries import figure_series, quotes
from store_fixtures import POSTGRES, backend_url, bulk_ledger, flood_ledger, strike_ledger

pytest_plugins = ["store_fixtures"]

WORDS = [f"word{i}" for i in range(2_000)]


@pytest.fixture
def stocked(store: Store) -> Store:
    store.save(flood_ledger(), "1")
    store.save(strike_ledger(), "2")
    return store


def test_query_error_is_an_according_error() -> None:
    assert issubclass(QueryError, AccordingError)
    assert (cli.SEARCH_MOST, cli.LIST_MOST) == (bounds.MAX_HITS, bounds.MAX_LIMIT)


def test_search_bounds(stocked: Store) -> None:
    with pytest.raises(QueryError, match="characters long"):
        stocked.search("flood " * 200)
    with pytest.raises(QueryError, match="65 words"):
        stocked.search(" ".join(["flood"] * 65))
    assert stocked.search(" ".join(["flood"] * 64)) != []
    assert stocked.search(" or ".join(["flood"] * 64)) != []  # "or" is no word
    with pytest.raises(QueryError, match="limit"):
        stocked.search("flood", limit=bounds.MAX_HITS + 1)
    with pytest.raises(QueryError, match="limit"):
        stocked.search("flood", limit=99999999999999999999)
    with pytest.raises(QueryError, match="limit"):
        stocked.entities(limit=-1)


def test_many_exclusions_are_no_parser_overflow(stocked: Store) -> None:
    query = "flood " + " ".join(f"-x{i}" for i in range(63))
    assert [h.doc_id for h in stocked.search(query)] == ["reports/flood.txt"]
    assert stocked.search("flood -water -rose -minutes") == []
    assert [h.doc_id for h in stocked.search("flood -dockworkers -gates")] == ["reports/flood.txt"]


def test_a_limit_of_zero_is_nothing(stocked: Store) -> None:
    assert stocked.search("flood", limit=0) == []
    assert stocked.entities(limit=0) == []
    assert quotes(stocked, limit=0) == []
    assert len(quotes(stocked, limit=1)) == 1


def test_text_filters_are_bounded(stocked: Store) -> None:
    long = "x" * (bounds.MAX_QUERY_CHARS + 1)
    with pytest.raises(QueryError, match="characters long"):
        quotes(stocked, speaker=long)
    with pytest.raises(QueryError, match="characters long"):
        quotes(stocked, medium=long)
    with pytest.raises(QueryError, match="characters long"):
        quotes(stocked, text=long)
    with pytest.raises(QueryError, match="characters long"):
        figure_series(stocked, place=long)
    with pytest.raises(QueryError, match="characters long"):
        stocked.entities(name=long)


def test_a_search_on_sqlite_is_stopped_at_its_deadline(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounds, "PROGRESS_STEPS", 10)
    with Store(f"sqlite:///{tmp_path / 'big.db'}") as store:
        for i in range(60):
            store.save(bulk_ledger(i), str(i))
        store.read_timeout = 1e-9
        with pytest.raises(QueryError, match="stopped"):
            store.search("released people")
        store.read_timeout = bounds.READ_TIMEOUT  # and the handler is gone after
        hits = store.search("released people", limit=100)
        with store._reading() as conn:
            assert len(hits) == conn.scalar(text("SELECT count(*) FROM documents")) > 20


@pytest.mark.postgres
def test_postgres_reads_run_under_a_statement_timeout(
    request: pytest.FixtureRequest, tmp_path: Any
) -> None:
    with Store(backend_url(request, POSTGRES, tmp_path)) as store:
        with store._reading() as conn:
            assert conn.scalar(text("SHOW statement_timeout")) == "30s"
        with store.begin() as conn:  # writes are not cut short
            assert conn.scalar(text("SHOW statement_timeout")) == "0"
        store.read_timeout = 0.2
        started = time.monotonic()
        with pytest.raises(QueryError, match=r"0\.2 s"), store._reading() as conn:
            conn.execute(text("SELECT pg_sleep(5)"))
        assert time.monotonic() - started < 4
        store.read_timeout = None
        with store._reading() as conn:
            assert conn.scalar(text("SHOW statement_timeout")) == "0"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def one_error_line(result: Any, message: str, code: int = 2) -> None:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: ") and message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


def test_the_cli_answers_a_bad_query_with_one_line(stocked: Store) -> None:
    db = stocked.url
    if db == "sqlite://":
        pytest.skip("the CLI opens its own store; an in-memory one would be empty")
    one_error_line(invoke("search", " ".join(WORDS), "--db", db), "the most is")
    one_error_line(invoke("search", " ".join(WORDS[:65]), "--db", db), "65 words")
    one_error_line(invoke("figures", "--place", "%", "--db", db), "no place name")
    one_error_line(invoke("figures", "--who", "_", "--db", db), "no words")
    one_error_line(invoke("quotes", "--text", "x" * 1_001, "--db", db), "characters long")
    one_error_line(invoke("entities", "--name", "x" * 1_001, "--db", db), "characters long")
    for command in ("search flood", "entities", "quotes"):
        huge = invoke(*command.split(), "--limit", "99999999999999999999", "--db", db)
        assert huge.exit_code == 2 and "Traceback" not in huge.output
        assert "--limit" in huge.stderr and "less than or equal" in huge.stderr
    found = invoke("search", "flood", "--limit", "1000", "--db", db, "--json")
    assert found.exit_code == 0, found.output
