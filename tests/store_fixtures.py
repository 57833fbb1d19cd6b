"""Fixtures and ledgers for the store tests; run as a script it is the kill test's writer.

Every test gets its own database: a new SQLite file (or an in-memory store), or, on
the PostgreSQL server at ``$ACCORDING_TEST_POSTGRES_URL``, a new schema (the store URL
sets its ``search_path``) in a database made for the test run; both are dropped after.
Without that variable the PostgreSQL cases skip, except in CI (``CI=true``), where they
fail.

The ledgers are built from sentences written for these tests. Test modules load this
module as a plugin (``pytest_plugins = ["store_fixtures"]``) and import its helpers;
PYTEST_DONT_REWRITE (it has no assertions to rewrite).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from according.records import (
    AttributedTo,
    Attribution,
    DateMention,
    Document,
    Entity,
    Figure,
    Ledger,
    Span,
)

PG_ENV = "ACCORDING_TEST_POSTGRES_URL"

SQLITE_FILE = "sqlite-file"
SQLITE_MEMORY = "sqlite-memory"
POSTGRES = "postgresql"

ALL_BACKENDS = [
    pytest.param(SQLITE_FILE, id=SQLITE_FILE),
    pytest.param(SQLITE_MEMORY, id=SQLITE_MEMORY),
    pytest.param(POSTGRES, id=POSTGRES, marks=pytest.mark.postgres),
]
#: Backends whose store outlives the Store object (reopen tests).
DURABLE_BACKENDS = [p for p in ALL_BACKENDS if p.values[0] != SQLITE_MEMORY]


def postgres_admin_url() -> str:
    """The server the PostgreSQL cases use; skip (fail in CI) when none is given."""
    url = os.environ.get(PG_ENV)
    if not url:
        message = f'{PG_ENV} is not set (eval "$(.ci/start-postgres)" sets it)'
        if os.environ.get("CI") == "true":
            pytest.fail(message + " and CI needs the PostgreSQL cases", pytrace=False)
        pytest.skip(message)
    return url


@functools.cache
def _admin_engine(url: str) -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from according.store.repository import engine_url

    return create_engine(engine_url(url), isolation_level="AUTOCOMMIT", poolclass=NullPool)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The URL of a database made for this test run on the test server, dropped after."""
    from sqlalchemy import text

    from according.store.repository import engine_url

    admin = postgres_admin_url()
    name = f"according_test_{uuid.uuid4().hex[:12]}"
    with _admin_engine(admin).connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield engine_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with _admin_engine(admin).connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def fresh_postgres_url(request: pytest.FixtureRequest) -> str:
    """A store URL of a new, empty schema (its own ``search_path``) in the test run's
    database, dropped when the test ends. (A schema is made in a millisecond; a database
    takes a tenth of a second or more.)"""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    database = request.getfixturevalue("postgres_database")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with _admin_engine(database).connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with _admin_engine(database).connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))

    request.addfinalizer(drop)
    url = make_url(database).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def backend_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """A store URL of a fresh, empty database on ``backend``."""
    if backend == SQLITE_FILE:
        return f"sqlite:///{tmp_path / 'store.db'}"
    if backend == SQLITE_MEMORY:
        return "sqlite://"
    return fresh_postgres_url(request)


@pytest.fixture(params=ALL_BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each backend (SQLite file, SQLite memory, PostgreSQL)."""
    return backend_url(request, str(request.param), tmp_path)


@pytest.fixture(params=DURABLE_BACKENDS)
def durable_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each backend that outlives its Store (file, PostgreSQL)."""
    return backend_url(request, str(request.param), tmp_path)


@pytest.fixture
def store(store_url: str) -> Iterator[Any]:
    """An open store on a fresh database, closed after the test."""
    from according.store import Store

    with Store(store_url) as opened:
        yield opened


# --- ledgers ---------------------------------------------------------------------------

FLOOD = (
    "Officials in Avalon said on Monday that 12 people were killed in the flood. "
    '"The water rose in minutes," Mayor Lena Ortiz told River Radio, "and we had no warning." '
    "Ortiz said at least 300 residents were evacuated from the valley. "
    "According to the Red Cross, about 40 people are still missing."
    "\nShare this article"
)

STRIKE = (
    "Dockworkers in Port Ellis walked out on 3 May, the union said. "
    "Union leader Sam Okafor told reporters that 25 workers were arrested at the gates. "
    "Police said 4 officers were injured."
)

STORM = "A storm hit the coast of Avalon overnight. Nobody was hurt, the coastguard said."


def sp(text: str, phrase: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``phrase`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    return Span.of(text, at, at + len(phrase))


def flood_ledger(
    *,
    doc_id: str = "reports/flood.txt",
    url: str | None = "https://news.test/avalon-flood",
    text: str = FLOOD,
    published: dt.date | None = dt.date(2024, 3, 5),
    title: str | None = "Avalon flood: twelve dead",
) -> Ledger:
    """A ledger of the flood report: 3 entities (4 mentions), 3 attributions (one with an
    interrupted quote), 3 figures, 1 date, boilerplate and an extra field."""
    t = text
    document = Document(
        id=doc_id,
        text=t,
        title=title,
        site="News Test",
        url=url,
        published=published,
        author="A. Writer",
        language="en",
        boilerplate=(sp(t, "Share this article"),),
    )
    entities = (
        Entity("E1", "Lena Ortiz", "PERSON", (sp(t, "Lena Ortiz"), sp(t, "Ortiz", 1)), ("Mayor",)),
        Entity("E2", "Red Cross", "ORG", (sp(t, "Red Cross"),)),
        Entity("E3", "Avalon", "GPE", (sp(t, "Avalon"),)),
    )
    attributions = (
        Attribution(
            "A1",
            "direct",
            cue=sp(t, "told"),
            content=(sp(t, "The water rose in minutes,"), sp(t, "and we had no warning.")),
            source=sp(t, "Mayor Lena Ortiz"),
            speaker="E1",
            medium="River Radio",
        ),
        Attribution(
            "A2",
            "indirect",
            cue=sp(t, "said", 1),
            content=(sp(t, "at least 300 residents were evacuated from the valley"),),
            source=sp(t, "Ortiz", 1),
            speaker="E1",
        ),
        Attribution(
            "A3",
            "according_to",
            cue=sp(t, "According to"),
            content=(sp(t, "about 40 people are still missing"),),
            source=sp(t, "the Red Cross"),
            speaker="E2",
        ),
    )
    figures = (
        Figure("F1", "killed", 12, "exact", sp(t, "12 people were killed"), sp(t, "12"),
               low=12, high=12, who="people", place="Avalon", event="the flood",
               attributed_to=AttributedTo("Officials in Avalon")),
        Figure("F2", "evacuated", 300, "at_least", sp(t, "at least 300 residents"),
               sp(t, "300"), low=300, who="residents", place="the valley",
               attributed_to=AttributedTo("Ortiz", "E1", "A2")),
        Figure("F3", "missing", 40, "about", sp(t, "about 40 people"), sp(t, "40"),
               who="people", as_of=dt.date(2024, 3, 4),
               attributed_to=AttributedTo("the Red Cross", "E2", "A3")),
    )  # fmt: skip
    dates = (DateMention(*_offsets(t, "Monday"), "Monday", "2024-03-04"),)
    return Ledger(document, entities, attributions, figures, dates, extra={"model": "test-1"})


def strike_ledger(*, doc_id: str = "https://news.test/strike") -> Ledger:
    """A ledger of the strike report: 2 entities, 2 attributions, 2 figures, 1 date."""
    t = STRIKE
    document = Document(
        id=doc_id,
        text=t,
        title="Port Ellis strike",
        url="https://news.test/strike",
        published=dt.date(2024, 5, 3),
    )
    entities = (
        Entity("E1", "Sam Okafor", "PERSON", (sp(t, "Sam Okafor"),), ("Union leader",)),
        Entity("E2", "Port Ellis", "GPE", (sp(t, "Port Ellis"),)),
    )
    attributions = (
        Attribution("A1", "indirect", cue=sp(t, "told"),
                    content=(sp(t, "25 workers were arrested at the gates"),),
                    source=sp(t, "Union leader Sam Okafor"), speaker="E1"),
        Attribution("A2", "indirect", cue=sp(t, "said", 1),
                    content=(sp(t, "4 officers were injured"),), source=sp(t, "Police")),
    )  # fmt: skip
    figures = (
        Figure("F1", "arrested", 25, "exact", sp(t, "25 workers were arrested"), sp(t, "25"),
               low=25, high=25, attributed_to=AttributedTo("Sam Okafor", "E1", "A1")),
        Figure("F2", "injured", 4, "exact", sp(t, "4 officers were injured"), sp(t, "4"),
               low=4, high=4, attributed_to=AttributedTo("Police", None, "A2")),
    )  # fmt: skip
    dates = (DateMention(*_offsets(t, "3 May"), "3 May", "2024-05-03"),)
    return Ledger(document, entities, attributions, figures, dates)


def storm_ledger(*, doc_id: str = "storm.txt") -> Ledger:
    """A ledger with no URL (its key is its text's hash) and no records."""
    return Ledger(Document(id=doc_id, text=STORM, title=None, published=dt.date(2023, 11, 1)))


def _offsets(text: str, phrase: str) -> tuple[int, int]:
    span = sp(text, phrase)
    return span.start, span.end


def bulk_ledger(i: int, *, mentions: int = 40, figures: int = 10) -> Ledger:
    """A made-up ledger with many records (numbered ``i``), for load and kill tests."""
    words = [f"word{i}x{j}" for j in range(mentions)]
    text = " ".join(words) + f" and {i} people were released."
    entity = Entity(
        "E1",
        f"Group {i % 5}",
        "ORG",
        tuple(sp(text, w) for w in words),
    )
    phrase = sp(text, f"{i} people")
    number = Span.of(text, phrase.start, phrase.start + len(str(i)))
    figs = tuple(Figure(f"F{j}", "released", i, "exact", phrase, number) for j in range(figures))
    dates = tuple(DateMention(*_offsets(text, w), w, "2024") for w in words[:figures])
    return Ledger(
        Document(
            id=f"bulk/{i}.txt", text=text, url=f"https://bulk.test/{i % 7}" if i % 3 else None
        ),
        (entity,),
        (),
        figs,
        dates,
    )


def writer_ledger(i: int) -> Ledger:
    """The kill test writer's ``i``-th ledger: big enough that a kill lands mid-save."""
    return bulk_ledger(i, mentions=200, figures=60)


def write_forever(path: str) -> None:
    """The kill test's writer: save ledgers into the store at ``path`` until killed,
    printing ``<i> <outcome>`` after each commit."""
    from according.store import Store

    start = int(os.environ.get("ACCORDING_KILL_START", "0"))
    with Store(f"sqlite:///{path}") as store:
        i = start
        while True:
            outcome = store.save(writer_ledger(i), input_hash=str(i))
            print(i, outcome, flush=True)
            i += 1


if __name__ == "__main__":
    write_forever(sys.argv[1])
