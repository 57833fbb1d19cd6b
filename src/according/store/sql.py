"""SQL helpers the store's modules share: lists cut for ``IN (...)`` and PostgreSQL's
advisory locks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, text

__all__ = ["CHUNK", "advisory_lock", "chunks"]

CHUNK = 500
"""The most values one ``IN (...)`` takes (SQLite binds at most 32,766 parameters)."""


def chunks(items: Iterable[Any]) -> Iterator[list[Any]]:
    """``items`` sorted, in lists of at most :data:`CHUNK`."""
    ordered = sorted(items)
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i : i + CHUNK]


def advisory_lock(conn: Connection, key: int) -> None:
    """On PostgreSQL, take the advisory lock ``key`` until the transaction ends (SQLite
    writers are serialised anyway)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
