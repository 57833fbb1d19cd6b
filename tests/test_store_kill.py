"""The store under stress: a writer killed mid-ingest, and writers racing each other."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select as sql_select

from according.store import SaveResult, Store
from according.store.schema import CHILD_TABLES
from store_fixtures import bulk_ledger, flood_ledger, writer_ledger

# the fixtures: store, store_url (every backend), durable_url (file and PostgreSQL)
pytest_plugins = ["store_fixtures"]

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"


def run_writer_until_killed(path: Path, start: int, saves: int) -> list[tuple[int, str]]:
    """Start the writer (store_fixtures.py as a script), let it commit at least ``saves``
    documents, SIGKILL it at a random moment after, and return what it reported."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env["ACCORDING_KILL_START"] = str(start)
    proc = subprocess.Popen(
        [sys.executable, str(TESTS / "store_fixtures.py"), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    buffer = b""
    deadline = time.monotonic() + 60
    try:
        while buffer.count(b"\n") < saves:
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.fail(f"the writer stalled or died: {proc.stderr.read().decode()}")
            ready, _, _ = select.select([proc.stdout], [], [], 1.0)
            if ready:
                buffer += os.read(proc.stdout.fileno(), 65536)
        time.sleep(random.uniform(0.0, 0.03))  # somewhere inside a later save
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    buffer += proc.stdout.read()
    proc.stdout.close()
    proc.stderr.close()
    reported = []
    for line in buffer.decode().splitlines():
        i, _, outcome = line.partition(" ")
        if outcome:  # the last line may be cut short by the kill
            reported.append((int(i), outcome))
    return reported


def test_a_killed_writer_leaves_a_consistent_store(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    reported: list[tuple[int, str]] = []
    for round_ in range(3):  # each round reopens the store the last one was killed in
        reported += run_writer_until_killed(path, start=round_ * 1000, saves=12)
    assert len(reported) >= 36

    with Store(f"sqlite:///{path}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        conn.exec_driver_sql("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        stored = {row.doc_id: row.id for row in store.documents()}
        children: dict[str, dict[int, int]] = {
            table.name: dict(
                conn.execute(
                    sql_select(table.c.document_id, func.count()).group_by(table.c.document_id)
                ).all()
            )
            for table in CHILD_TABLES
        }
        hashes: dict[str, str] = {
            key: input_hash
            for key, input_hash in conn.exec_driver_sql("SELECT key, input_hash FROM documents")
        }

        # every document is whole: its rows match the lists in its own ledger JSON
        for ledger in store.ledgers():
            document_id = stored[ledger.document.id]
            expected = {
                "entities": len(ledger.entities),
                "mentions": sum(len(e.mentions) for e in ledger.entities),
                "attributions": len(ledger.attributions),
                "figures": len(ledger.figures),
                "dates": len(ledger.dates),
            }
            found = {name: counts.get(document_id, 0) for name, counts in children.items()}
            assert found == expected, ledger.document.id
        # nothing belongs to a document that is not there
        for counts in children.values():
            assert set(counts) <= set(stored.values())
        # every reported save was committed and kept (or overtaken by a later save)
        for i, _ in reported:
            key = writer_ledger(i).document.key
            assert key in hashes, i
            assert int(hashes[key]) >= i
        assert store.search("released")


@pytest.mark.parametrize("attempt", range(3))
def test_racing_saves_of_one_new_document(durable_url: str, attempt: int) -> None:
    ledger = flood_ledger(url=f"https://race.test/{attempt}")
    barrier = threading.Barrier(3)
    outcomes: list[SaveResult] = []
    errors: list[BaseException] = []

    def save() -> None:
        try:
            with Store(durable_url) as s:
                barrier.wait()
                outcomes.append(s.save(ledger, "same"))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=save) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert Counter(outcomes) == {"added": 1, "unchanged": 2}
    with Store(durable_url) as s:
        assert s.stats().documents == 1


def test_parallel_writers_on_one_store(durable_url: str) -> None:
    errors: list[BaseException] = []

    def write(offset: int) -> None:
        try:
            with Store(durable_url) as s:
                for i in range(offset, offset + 40, 2):
                    s.save(bulk_ledger(i * 3, mentions=20, figures=5), str(i))  # i*3: no URL
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    with Store(durable_url) as s:
        stats = s.stats()
    assert (stats.documents, stats.figures, stats.mentions) == (40, 200, 800)
