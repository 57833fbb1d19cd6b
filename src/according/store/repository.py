"""The store: ledgers kept in SQLite (by default) or PostgreSQL, by URL.

Writes are one transaction per document, so a reader (or a store reopened after its
writer was killed) sees each document whole or not at all: with its repost cluster
(:mod:`.clusters`) and its entities' canonical entities (:mod:`.canonical`). See
:class:`Store`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, NamedTuple, Self

from sqlalchemy import (
    URL,
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    desc,
    distinct,
    event,
    func,
    insert,
    inspect,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool
from sqlalchemy.sql import Subquery

from according.errors import StoreError
from according.ledger.reposts import Cluster
from according.options import default_db_url
from according.records import Ledger
from according.store import canonical_read as _canonical_read
from according.store import canonical_write as _canonical_write
from according.store import clusters as _clusters
from according.store import events as _events
from according.store import search as _search
from according.store.bounds import (
    READ_TIMEOUT,
    TIMEOUT_OPTION,
    bound_reads,
    check_limit,
    check_text,
    timed_out,
    timeout_error,
)
from according.store.canonical_read import StoredEntity
from according.store.rows import child_rows, document_row, fill_series_keys
from according.store.schema import (
    CHILD_TABLES,
    ENTITY_TABLES,
    OLD_ENTITY_TABLES,
    SCHEMA_VERSION,
    add_frame_columns,
    add_search_text,
    add_series_keys,
    attributions,
    documents,
    drop_search,
    ensure_search,
    entities,
    figures,
    has_search,
    has_search_text,
    has_series_keys,
    mentions,
    meta,
    metadata,
)
from according.store.search import SearchHit
from according.store.sql import advisory_lock

__all__ = [
    "DocumentRow",
    "EntityCount",
    "SaveResult",
    "SearchHit",
    "Store",
    "StoreStats",
    "StoredEntity",
    "mask_url",
]

LOGGER = logging.getLogger(__name__)

SaveResult = Literal["added", "replaced", "unchanged"]

#: How long a SQLite writer waits for another's lock before giving up, in seconds.
SQLITE_BUSY_TIMEOUT = 30.0
#: Serialises schema creation between processes opening one PostgreSQL store at once.
_PG_SCHEMA_LOCK = 0x61636364  # "accd"
_PAGE = 500

_dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


class DocumentRow(NamedTuple):
    """One stored document, as listed by :meth:`Store.documents`."""

    id: int
    doc_id: str
    title: str | None
    published: dt.date | None
    url: str | None
    ingested_at: dt.datetime


class EntityCount(NamedTuple):
    """An entity name (with its label) and how often the store mentions it."""

    name: str
    label: str
    mentions: int
    documents: int


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Counts of what a store holds. ``top_entities`` is ordered by mentions, most first."""

    documents: int
    entities: int
    mentions: int
    attributions: int
    figures: int
    dates: int
    figures_by_measure: dict[str, int]
    first_published: dt.date | None
    last_published: dt.date | None
    top_entities: list[EntityCount]
    top_speakers: list[EntityCount] = field(default_factory=list)
    """Speakers by the attributions resolved to them (``mentions`` holds that count)."""
    repost_clusters: int = 0
    """Clusters of reposts (two or more documents that are copies of one another)."""
    reposts: int = 0
    """Documents in those clusters that are copies (not originals)."""
    top_clusters: list[Cluster] = field(default_factory=list)
    """The largest repost clusters, largest first."""


def _ranked_entities(
    conn: Connection, per_entity: Subquery, top: int, *, keep_uncounted: bool
) -> list[EntityCount]:
    """Entity names (with labels) ranked by the sum of ``per_entity.n`` (a count per
    ``document_id`` and ``eid``), then by documents; ``keep_uncounted`` keeps entities
    with no row there (count 0)."""
    on = and_(
        per_entity.c.document_id == entities.c.document_id,
        per_entity.c.eid == entities.c.eid,
    )
    joined = entities.outerjoin(per_entity, on) if keep_uncounted else entities.join(per_entity, on)
    count = func.coalesce(func.sum(per_entity.c.n), 0).label("n")
    document_count = func.count(distinct(entities.c.document_id)).label("documents")
    rows = conn.execute(
        select(entities.c.name, entities.c.label, count, document_count)
        .select_from(joined)
        .group_by(entities.c.name, entities.c.label)
        .order_by(
            desc(literal_column("n")),
            desc(literal_column("documents")),
            entities.c.name,
            entities.c.label,
        )
        .limit(top)
    ).all()
    return [EntityCount(name, label, int(n), int(d)) for name, label, n, d in rows]


_PASSWORD = re.compile(r"(://[^:/@]*:)[^@/]*@")


def mask_url(url: str) -> str:
    """The URL with its password (if any) replaced by ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL: mask what looks like a password
        return _PASSWORD.sub(r"\1***@", url)


def engine_url(url: str) -> URL:
    """The SQLAlchemy URL for a store URL: a bare path is a SQLite file, and PostgreSQL
    without a driver means psycopg 3."""
    if "://" not in url:
        url = "sqlite:///" + url
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _reason(exc: BaseException) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig).strip()
    return str(exc).strip()


def _write_locks(conn: Connection) -> None:
    """On PostgreSQL, the advisory locks of repost clusters and canonical entities, taken
    first thing in a transaction that saves or deletes a document. Taken later, after
    the document's row lock, they deadlock: a writer holding them checks a foreign key
    to that row (a repost link, say) while the row's writer waits for them."""
    _clusters.lock(conn)
    _canonical_write.lock(conn)


def _use_wal(cursor: Any) -> None:
    """Put the database in WAL mode (it stays so). Switching needs the database to
    itself, and SQLite does not wait for that: retry while another connection is busy."""
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] in ("wal", "memory"):
        return
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _sqlite_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy's "begin" event (below) start transactions instead of the driver,
    # which would not begin one before DDL; then set the pragmas outside any transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _use_wal(cursor)
        # In WAL mode, NORMAL loses no committed transaction when a process dies (only
        # on power loss), and never corrupts the database.
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE): a deferred transaction
    # that reads and then writes cannot wait for a lock and fails with "database is
    # locked" when another writer got in between.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        memory = database in ("", ":memory:") or "mode=memory" in str(url)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT},
            json_serializer=_dumps,
            # one shared connection, or every thread would see its own empty database
            **({"poolclass": StaticPool} if memory else {}),
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(url, json_serializer=_dumps, pool_pre_ping=True)
    bound_reads(engine)  # reads run under statement_timeout (Store.read_timeout)
    return engine


class Store:
    """Ledgers stored in a database: SQLite by default, PostgreSQL by URL.

    ``url`` is a SQLAlchemy URL (``sqlite:///path.db``, ``sqlite://`` in memory,
    ``postgresql://user@host/db``) or a bare path to a SQLite file; None means
    :func:`according.options.default_db_url`. Opening creates the tables when absent and
    brings an older store up to :data:`~according.store.schema.SCHEMA_VERSION` (series
    keys, repost clusters and canonical entities of what it holds are written then); a
    store written by a newer version, or one that cannot be opened, raises
    :class:`StoreError` naming the URL (password masked).

    One transaction per document: :meth:`save` and :meth:`delete` write the document,
    its records, its repost cluster (:mod:`.clusters`) and its entities' canonical
    entities (:mod:`.canonical`) together, so a document is seen whole or not at all, by
    readers and after a crash. Canonical entities are kept in the store's tables (since
    schema 4), not in memory: a write reads only the rows its document touches, and
    several writers, in threads, processes or on other machines, share them. Writers
    take turns: on SQLite by taking the write lock first (``BEGIN IMMEDIATE``, waiting
    up to :data:`SQLITE_BUSY_TIMEOUT`), on PostgreSQL by the advisory locks of repost
    clusters and canonical entities. Reads of many documents (:meth:`documents`,
    :meth:`ledgers`) go by pages, so no transaction stays open. Safe to share between
    threads (the engine pools connections), except an in-memory SQLite store, which
    has one connection.
    """

    def __init__(self, url: str | None = None) -> None:
        url = url or default_db_url()
        self.url = mask_url(url)
        try:
            parsed = engine_url(url)
            self._engine = _create_engine(parsed)
        except Exception as exc:  # a bad URL, an unknown or uninstalled driver
            raise StoreError(f"cannot open store {self.url}: {_reason(exc)}") from exc
        try:
            self._init_schema()
        except StoreError:
            self._engine.dispose()
            raise
        except SQLAlchemyError as exc:
            self._engine.dispose()
            reason = _reason(exc)
            if parsed.password:
                reason = reason.replace(str(parsed.password), "***")
            raise StoreError(f"cannot open store {self.url}: {reason}") from exc

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for queries this class does not offer."""
        return self._engine

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # --- transactions -------------------------------------------------------------------

    read_timeout: float | None = READ_TIMEOUT
    """Seconds one read statement may run on PostgreSQL (and a search on SQLite) before
    it is stopped with a :class:`QueryError` (:mod:`according.store.bounds`); None: no
    limit."""

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                conn.execution_options(**{TIMEOUT_OPTION: self.read_timeout})
                yield conn
        except SQLAlchemyError as exc:
            if timed_out(exc):
                raise timeout_error(self.read_timeout or 0) from exc
            raise StoreError(f"{self.url}: {_reason(exc)}") from exc

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection in a write transaction, committed on success, else rolled back.

        For writes this class does not offer. On SQLite it takes the write lock at once
        (``BEGIN IMMEDIATE``), so it waits for another writer instead of failing halfway;
        a plain ``engine.begin()`` does not.
        """
        with (
            self._engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn,
            conn.begin(),
        ):
            yield conn

    def _init_schema(self) -> None:
        with self._engine.connect() as conn:
            ready = set(inspect(conn).get_table_names()) >= set(metadata.tables)
            version = (
                conn.scalar(select(meta.c.value).where(meta.c.name == "schema_version"))
                if ready
                else None
            )
            if version is not None and int(version) == SCHEMA_VERSION and has_search(conn):
                return
        with self.begin() as conn:
            advisory_lock(conn, _PG_SCHEMA_LOCK)
            if not ready:
                LOGGER.info("creating the store's tables in %s", self.url)
            existing = set(inspect(conn).get_table_names())
            if existing & set(OLD_ENTITY_TABLES):
                # canonical entities of schema 3, kept in memory: placed again below
                for name in (*OLD_ENTITY_TABLES, *(t.name for t in reversed(ENTITY_TABLES))):
                    if name in existing:
                        conn.execute(text(f"DROP TABLE {name}"))
                existing -= {*OLD_ENTITY_TABLES, *(t.name for t in ENTITY_TABLES)}
            if "documents" in existing and not has_search_text(conn):
                # a store of schema 4 or older kept the text with its furniture blanked
                drop_search(conn)
                restored = add_search_text(conn)
                if restored:
                    LOGGER.info("%s: text of %d stored documents given back", self.url, restored)
            metadata.create_all(conn)
            ensure_search(conn)
            version = conn.scalar(select(meta.c.value).where(meta.c.name == "schema_version"))
            if version is None:
                conn.execute(insert(meta), {"name": "schema_version", "value": str(SCHEMA_VERSION)})
            elif int(version) > SCHEMA_VERSION:
                raise StoreError(
                    f"cannot open store {self.url}: written by a newer version of according"
                    f" (schema {version}; this version reads {SCHEMA_VERSION})"
                )
            elif int(version) < SCHEMA_VERSION:
                conn.execute(
                    update(meta)
                    .where(meta.c.name == "schema_version")
                    .values(value=str(SCHEMA_VERSION))
                )
            if add_frame_columns(conn):
                LOGGER.info("%s: figures given their frame columns", self.url)
            if not has_series_keys(conn):
                # a store made before figures held their series keys: key what it holds
                keyed = add_series_keys(conn, fill_series_keys)
                if keyed:
                    LOGGER.info("%s: series keys of %d stored figures written", self.url, keyed)
            if "repost_signatures" not in existing:
                # a store made before repost clusters: cluster what it holds
                signed = _clusters.backfill(conn)
                if signed:
                    LOGGER.info("%s: %d stored documents clustered for reposts", self.url, signed)
            if "events" not in existing:
                # a store made before events: group what it holds, in id order
                grouped = _events.backfill(conn)
                if grouped:
                    LOGGER.info("%s: %d stored documents grouped into events", self.url, grouped)
            if "canonical_entities" not in existing:
                # a store made before canonical entities: place what it holds
                placed = _canonical_write.backfill(conn)
                if placed:
                    LOGGER.info("%s: entities of %d stored documents placed", self.url, placed)

    # --- writing ------------------------------------------------------------------------

    def stored_as(self, key: str) -> tuple[str, str] | None:
        """The ``(doc_id, input_hash)`` under which the document ``key`` is stored, if it
        is."""
        with self._reading() as conn:
            row = conn.execute(
                select(documents.c.doc_id, documents.c.input_hash).where(documents.c.key == key)
            ).first()
        return (row[0], row[1]) if row is not None else None

    def save(self, ledger: Ledger, input_hash: str) -> SaveResult:
        """Store a ledger, in one transaction; say what happened.

        ``unchanged``: its key is stored with this ``input_hash``, nothing is written.
        ``replaced``: its key is stored from another input; the document keeps its integer
        id, its row and all its records are rewritten. ``added``: a new document.
        On any failure nothing is written and the store is as it was; a database error
        raises :class:`StoreError` naming the document.
        """
        document = ledger.document
        for attempt in (1, 2):
            try:
                outcome = self._save(ledger, input_hash)
            except IntegrityError as exc:
                # Another writer may have added this key since we looked (PostgreSQL):
                # the second attempt then replaces it or finds it unchanged.
                if attempt == 1:
                    LOGGER.debug("%s: retrying after %s", document.id, _reason(exc))
                    continue
                raise StoreError(f"{document.id}: cannot save: {_reason(exc)}") from exc
            except SQLAlchemyError as exc:
                raise StoreError(f"{document.id}: cannot save: {_reason(exc)}") from exc
            LOGGER.debug("%s: %s", document.id, outcome)
            return outcome
        raise AssertionError("unreachable")  # pragma: no cover

    def _save(self, ledger: Ledger, input_hash: str) -> SaveResult:
        key = ledger.document.key
        with self.begin() as conn:
            _write_locks(conn)
            found = conn.execute(
                select(documents.c.id, documents.c.input_hash)
                .where(documents.c.key == key)
                .with_for_update()
            ).first()
            if found is not None and found.input_hash == input_hash:
                return "unchanged"
            row = document_row(ledger, input_hash, dt.datetime.now(dt.UTC))
            outcome: SaveResult
            if found is None:
                document_id: int = conn.execute(
                    insert(documents).returning(documents.c.id), row
                ).scalar_one()
                outcome = "added"
            else:
                document_id = found.id
                conn.execute(update(documents).where(documents.c.id == document_id), row)
                for table in CHILD_TABLES:
                    conn.execute(delete(table).where(table.c.document_id == document_id))
                outcome = "replaced"
            children = child_rows(ledger, document_id)
            for table in CHILD_TABLES:
                if rows := children[table.name]:
                    conn.execute(insert(table), rows)
            _clusters.index_document(
                conn, document_id, ledger.document.analysed_text, replaced=outcome == "replaced"
            )
            _canonical_write.index_document(
                conn, document_id, ledger, replaced=outcome == "replaced"
            )
            _events.assign(conn, document_id, ledger)
            return outcome

    def delete(self, ref: str) -> bool:
        """Delete the document ``ref`` names (as :meth:`get`) and all its records, in one
        transaction; its repost cluster loses it (and may split, or get another
        original), and its canonical entities its mentions. Whether there was such a
        document."""
        try:
            with self.begin() as conn:
                _write_locks(conn)
                found = self._find(conn, ref)
                if found is None:
                    return False
                _clusters.drop_document(conn, found.id)
                _events.drop_document(conn, found.id)
                _canonical_write.drop_document(conn, found.id)
                conn.execute(delete(documents).where(documents.c.id == found.id))
        except SQLAlchemyError as exc:
            raise StoreError(f"{ref}: cannot delete: {_reason(exc)}") from exc
        return True

    # --- reading ------------------------------------------------------------------------

    def _find(self, conn: Connection, ref: str) -> Any:
        by_id = [documents.c.id == int(ref)] if ref.isdigit() and len(ref) < 16 else []
        newest = (desc(documents.c.ingested_at), desc(documents.c.id))
        for condition in (*by_id, documents.c.key == ref, documents.c.doc_id == ref,
                          documents.c.url == ref):  # fmt: skip
            found = conn.execute(
                select(documents.c.id, documents.c.ledger)
                .where(condition)
                .order_by(*newest)
                .limit(1)
            ).first()
            if found is not None:
                return found
        return None

    def get(self, ref: str) -> Ledger | None:
        """The stored ledger ``ref`` names, or None. ``ref`` is tried, in this order, as
        the integer id (when all digits), the key, the ledger id (the input's path or
        URL as given) and the URL; the newest document wins when several match."""
        with self._reading() as conn:
            found = self._find(conn, ref)
        return None if found is None else Ledger.from_json(found.ledger)

    def id_of(self, ref: str) -> int | None:
        """The integer id of the document ``ref`` names (as :meth:`get`), or None."""
        with self._reading() as conn:
            found = self._find(conn, ref)
        return None if found is None else int(found.id)

    def documents(self) -> Iterator[DocumentRow]:
        """Every stored document, by id. Read in pages, so no transaction stays open."""
        columns = (
            documents.c.id,
            documents.c.doc_id,
            documents.c.title,
            documents.c.published,
            documents.c.url,
            documents.c.ingested_at,
        )
        last = 0
        while True:
            with self._reading() as conn:
                page = conn.execute(
                    select(*columns).where(documents.c.id > last).order_by(documents.c.id)
                    .limit(_PAGE)
                ).all()  # fmt: skip
            for row in page:
                yield DocumentRow(*row)
            if len(page) < _PAGE:
                return
            last = page[-1].id

    def ledgers(self) -> Iterator[Ledger]:
        """Every stored ledger, by document id. Read in pages, as :meth:`documents`."""
        last = 0
        while True:
            with self._reading() as conn:
                page = conn.execute(
                    select(documents.c.id, documents.c.ledger)
                    .where(documents.c.id > last)
                    .order_by(documents.c.id)
                    .limit(_PAGE // 5)
                ).all()
            for row in page:
                yield Ledger.from_json(row.ledger)
            if len(page) < _PAGE // 5:
                return
            last = page[-1].id

    def clusters(self) -> list[Cluster]:
        """Every repost cluster (two or more documents that are copies of one another),
        with its original and copies, by the original's published date."""
        with self._reading() as conn:
            return _clusters.clusters(conn)

    def cluster_of(self, ref: str) -> Cluster | None:
        """The repost cluster of the document ``ref`` names (as :meth:`get`), or None when
        it is nobody's copy and has none (or there is no such document)."""
        with self._reading() as conn:
            found = self._find(conn, ref)
            return None if found is None else _clusters.cluster_of(conn, found.id)

    def originals(self) -> dict[str, str]:
        """Ledger id → ledger id of its repost cluster's original, for every document in
        a cluster (an original maps to itself): copies of one original count once."""
        with self._reading() as conn:
            return _clusters.originals(conn)

    def events_of(self) -> dict[str, int]:
        """Ledger id → the id of its document's event (``ledger.events``), for every
        document in an event (of two documents with one ledger id, the first's)."""
        with self._reading() as conn:
            return _events.events_by_ledger(conn)

    def entities(
        self,
        name: str | None = None,
        label: str | None = None,
        limit: int | None = None,
        *,
        exact: bool = False,
    ) -> list[StoredEntity]:
        """Canonical entities across documents (one per actor, with its aliases and
        descriptions, and how many documents, mentions and quotes it has), most
        mentioned first. ``name``: those with an alias holding its words, folded as
        :func:`according.ledger.names.name_key` folds them ("al Khulaifi" finds
        "Mohammed Al-Khulaifi"); ``exact``: those with an alias of that key only.
        ``label``: only this label (PERSON, ORG, GPE, ...)."""
        check_text("the name", name)
        check_limit(limit)
        with self._reading() as conn:
            return _canonical_read.entities(conn, name=name, label=label, limit=limit, exact=exact)

    def canonical_of(self, ref: str, eid: str) -> str | None:
        """The canonical id ("C12") of entity ``eid`` ("E3") of the document ``ref``
        names (as :meth:`get`); None when there is no such document or entity."""
        with self._reading() as conn:
            found = self._find(conn, ref)
            return None if found is None else _canonical_read.canonical_of(conn, found.id, eid)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Documents whose title or text match ``query``, best first (see
        :mod:`according.store.search` for the query language). Never a syntax error; a
        query past the bounds of :mod:`according.store.bounds` (characters, words,
        ``limit``, time) is a :class:`QueryError`."""
        with self._reading() as conn:
            return _search.search(conn, query, limit, timeout=self.read_timeout)

    def stats(self, top: int = 10) -> StoreStats:
        """Counts of everything stored, and the ``top`` entities by mentions."""
        counts: dict[str, int] = {}
        with self._reading() as conn:
            for table in (documents, *CHILD_TABLES):
                counts[table.name] = int(conn.scalar(select(func.count()).select_from(table)) or 0)
            n = func.count().label("n")
            by_measure = {
                measure: int(count)
                for measure, count in conn.execute(
                    select(figures.c.measure, n)
                    .group_by(figures.c.measure)
                    .order_by(desc(n), figures.c.measure)
                )
            }
            first, last = conn.execute(
                select(func.min(documents.c.published), func.max(documents.c.published))
            ).one()
            mentioned = (
                select(mentions.c.document_id, mentions.c.eid, func.count().label("n"))
                .group_by(mentions.c.document_id, mentions.c.eid)
                .subquery()
            )
            quoted = (
                select(
                    attributions.c.document_id,
                    attributions.c.speaker.label("eid"),
                    func.count().label("n"),
                )
                .where(attributions.c.speaker.is_not(None))
                .group_by(attributions.c.document_id, attributions.c.speaker)
                .subquery()
            )
            top_entities = _ranked_entities(conn, mentioned, top, keep_uncounted=True)
            top_speakers = _ranked_entities(conn, quoted, top, keep_uncounted=False)
            repost_clusters, reposts = _clusters.count(conn)
            top_clusters = _clusters.largest(conn, top) if repost_clusters else []
        return StoreStats(
            documents=counts["documents"],
            entities=counts["entities"],
            mentions=counts["mentions"],
            attributions=counts["attributions"],
            figures=counts["figures"],
            dates=counts["dates"],
            figures_by_measure=by_measure,
            first_published=first,
            last_published=last,
            top_entities=top_entities,
            top_speakers=top_speakers,
            repost_clusters=repost_clusters,
            reposts=reposts,
            top_clusters=top_clusters,
        )
