"""How much a read of the store may ask, and how long it may take.

A query comes from whoever types it (or a script that builds it), and its cost grows
with it: before these bounds a 2,000-word search took half a minute on SQLite and over
two minutes on PostgreSQL, where the server kept running it after the client was
killed; a hundred ``-word`` exclusions overflowed FTS5's parser stack; a limit beyond
64 bits was a traceback. So:

- a search query or a text filter holds at most :data:`MAX_QUERY_CHARS` characters, and
  a search query at most :data:`MAX_QUERY_TERMS` words (every word of its phrases and
  exclusions counted, not the operator ``or``);
- a search returns at most :data:`MAX_HITS` hits, and a listing (entities, quotes) at
  most :data:`MAX_LIMIT` rows when asked for a limit;
- on PostgreSQL every statement of a read runs under ``statement_timeout``
  (:data:`READ_TIMEOUT`, set with ``SET LOCAL`` on the read's transaction only, so
  writes are never cut short), and the server stops it itself, whatever became of the
  client; on SQLite a search is interrupted after :data:`READ_TIMEOUT` too.

A query past a bound, or one that runs out of time, is a :class:`QueryError`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import SQLAlchemyError

from according.errors import QueryError

__all__ = [
    "MAX_HITS",
    "MAX_LIMIT",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "READ_TIMEOUT",
    "TIMEOUT_OPTION",
    "bound_reads",
    "check_limit",
    "check_search",
    "check_text",
    "query_words",
    "sqlite_deadline",
    "timed_out",
    "timeout_error",
]

MAX_QUERY_CHARS = 1_000
"""The longest search query or text filter, in characters."""

MAX_QUERY_TERMS = 64
"""The most words a search query may hold (words of phrases and exclusions included)."""

MAX_HITS = 1_000
"""The most hits one search returns."""

MAX_LIMIT = 1_000_000
"""The largest limit a listing (entities, quotes) takes."""

READ_TIMEOUT = 30.0
"""Seconds one read statement may run (PostgreSQL ``statement_timeout``; a whole search
on SQLite)."""

PROGRESS_STEPS = 1_000
"""How many SQLite virtual machine steps pass between two looks at a search's clock."""

_WORD = re.compile(r"[^\W_]+")

#: The execution option a read connection carries: its statement timeout in seconds.
TIMEOUT_OPTION = "according_read_timeout"


def query_words(query: str) -> int:
    """How many words (runs of letters and digits) ``query`` holds, but the operator
    ``or``."""
    return sum(1 for m in _WORD.finditer(query) if m.group().lower() != "or")


def check_text(what: str, value: str | None) -> None:
    """Raise :class:`QueryError` when ``value`` is longer than :data:`MAX_QUERY_CHARS`."""
    if value is not None and len(value) > MAX_QUERY_CHARS:
        raise QueryError(
            f"{what} is {len(value):,} characters long; the most is {MAX_QUERY_CHARS:,}"
        )


def check_search(query: str) -> None:
    """Raise :class:`QueryError` when a search query is too long or has too many words."""
    check_text("the query", query)
    words = query_words(query)
    if words > MAX_QUERY_TERMS:
        raise QueryError(f"the query has {words:,} words; the most is {MAX_QUERY_TERMS}")


def check_limit(limit: int | None, most: int = MAX_LIMIT) -> None:
    """Raise :class:`QueryError` unless ``limit`` is None or from 0 to ``most``."""
    if limit is not None and not 0 <= limit <= most:
        raise QueryError(f"the limit {limit} is not between 0 and {most:,}")


def _set_timeout(conn: Connection) -> None:
    seconds = conn.get_execution_options().get(TIMEOUT_OPTION)
    if seconds:
        milliseconds = max(int(float(seconds) * 1000), 1)
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {milliseconds}")


def bound_reads(engine: Engine) -> None:
    """On PostgreSQL, give every transaction of a connection with the execution option
    :data:`TIMEOUT_OPTION` its ``statement_timeout`` (``SET LOCAL``: that transaction
    only, and only the connections of reads carry the option)."""
    if engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _set_timeout)


@contextmanager
def sqlite_deadline(conn: Connection, seconds: float | None) -> Iterator[None]:
    """On SQLite, interrupt what ``conn`` runs once ``seconds`` have passed (a progress
    handler; SQLite raises "interrupted"). Nothing on other backends."""
    if conn.dialect.name != "sqlite" or not seconds:
        yield
        return
    raw: Any = conn.connection.driver_connection
    end = time.monotonic() + seconds
    raw.set_progress_handler(lambda: int(time.monotonic() > end), PROGRESS_STEPS)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)


def timed_out(exc: SQLAlchemyError) -> bool:
    """Whether ``exc`` is a statement cancelled by its timeout (PostgreSQL's
    ``query_canceled``, SQLite's "interrupted")."""
    orig = getattr(exc, "orig", None)
    if orig is None:
        return False
    if getattr(orig, "sqlstate", None) == "57014" or getattr(orig, "pgcode", None) == "57014":
        return True
    return type(orig).__name__ == "OperationalError" and str(orig) == "interrupted"


def timeout_error(seconds: float) -> QueryError:
    """The error of a read that ran out of time."""
    return QueryError(f"the query ran for more than {seconds:g} s and was stopped; narrow it")
