"""Exporting a store table as CSV, JSON Lines or Parquet, streamed in batches so a large
store never has to fit in memory.

Every table is exported with its columns as stored, plus the document's ledger id
(``doc_id``) on child tables so rows can be joined back without the store's internal
keys. JSON columns (boilerplate, descriptions, content, ledger) are written as JSON
text in CSV and Parquet, as JSON values in JSON Lines; dates are ISO strings.

A file is written whole or not at all (:func:`according.outputs.atomic_output`): to a
temporary file beside it, renamed when the export is done. An existing file is replaced
only when asked (``force``); a directory, a special file or a path that cannot be
written is an :class:`~according.errors.OutputError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Table, select

from according.errors import OptionError
from according.outputs import atomic_output, check_output, json_text
from according.store import schema
from according.store.repository import Store

__all__ = ["FORMATS", "TABLES", "export_table"]

FORMATS = ("csv", "jsonl", "parquet")
BATCH = 5_000


#: Tables that are not data: MinHash signatures and LSH band hashes (an index of the
#: texts), and the name keys, running totals and surname keys of canonical entities.
_BOOKKEEPING = frozenset(
    {"repost_signatures", "repost_bands", "canonical_keys", "canonical_counts", "float_keys"}
)


def _tables() -> dict[str, Table]:
    return {
        name: table
        for name, table in schema.metadata.tables.items()
        if name != "meta" and not name.startswith("documents_fts") and name not in _BOOKKEEPING
    }


TABLES = tuple(sorted(_tables()))


def _plain(value: Any, *, json_text: bool) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list) and json_text:
        return json.dumps(value, ensure_ascii=False)
    return value


def _rows(store: Store, table: Table, *, json_text: bool) -> Iterator[dict[str, Any]]:
    columns = list(table.c)
    query = select(*columns)
    if "document_id" in table.c and table.name != "documents":
        d = schema.documents
        query = select(*columns, d.c.doc_id).join(d, table.c.document_id == d.c.id)
    query = query.order_by(*table.primary_key.columns)
    with store._reading() as conn:
        result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
        for row in result:
            yield {k: _plain(v, json_text=json_text) for k, v in row._mapping.items()}


def export_table(
    store: Store, name: str, fmt: str, out: Path | None, *, force: bool = False
) -> int:
    """Write table ``name`` of ``store`` to ``out`` (standard output when None, not for
    Parquet) in ``fmt``; return how many rows. An existing ``out`` is replaced only with
    ``force``."""
    tables = _tables()
    if name not in tables:
        raise OptionError(f"no table {name!r}: one of {', '.join(sorted(tables))}")
    if fmt not in FORMATS:
        raise OptionError(f"no format {fmt!r}: one of {', '.join(FORMATS)}")
    table = tables[name]
    if fmt == "parquet":
        if out is None:
            raise OptionError("Parquet needs a file: give --out")
        check_output(out, force=force)
        with atomic_output(out, force=force) as temp:
            return _parquet(store, table, temp)
    if out is None:
        return _write_text(store, table, fmt, sys.stdout)
    check_output(out, force=force)
    with (
        atomic_output(out, force=force) as temp,
        temp.open("w", encoding="utf-8", newline="") as fh,
    ):
        return _write_text(store, table, fmt, fh)


def _write_text(store: Store, table: Table, fmt: str, fh: IO[str]) -> int:
    """Write ``table`` to ``fh`` as CSV or JSON Lines; return how many rows."""
    if fmt == "jsonl":
        count = 0
        for row in _rows(store, table, json_text=False):
            # control characters escaped: JSON Lines are read on terminals too
            fh.write(json_text(row) + "\n")
            count += 1
        return count
    rows = _rows(store, table, json_text=True)
    joined = "document_id" in table.c and table.name != "documents"
    header = [c.name for c in table.c] + (["doc_id"] if joined else [])
    writer = csv.DictWriter(fh, fieldnames=header)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _parquet(store: Store, table: Table, out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer: pq.ParquetWriter | None = None
    count = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal writer
        if not batch:
            return
        chunk = pa.Table.from_pylist(batch)
        if writer is None:
            writer = pq.ParquetWriter(str(out), chunk.schema)
        writer.write_table(chunk.cast(writer.schema))
        batch.clear()

    try:
        for row in _rows(store, table, json_text=True):
            batch.append(row)
            count += 1
            if len(batch) >= BATCH:
                flush()
        flush()
        if writer is None:  # an empty table still gets a file with its columns
            names = [c.name for c in table.c]
            pq.write_table(pa.table({n: pa.array([], pa.string()) for n in names}), str(out))
    finally:
        if writer is not None:
            writer.close()
    return count
