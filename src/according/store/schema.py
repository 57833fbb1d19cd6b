"""The store's tables (SQLAlchemy Core) and the full-text search DDL of each backend.

One row in ``documents`` per document key (:attr:`according.records.Document.key`), with
the full ledger JSON in ``ledger``; the child tables hold the same records flattened for
querying, and are rewritten whenever the document is. Every child row belongs to one
document (``ON DELETE CASCADE``). Record ids (``E1``, ``A1``, ``F1``) are unique within
their document: they are part of the primary key. A figure row also holds the keys of
its series (``who_key``, ``place_key``, ``shared_number``; schema 4), so that series are
grouped and filtered in SQL; a store made before them gets them when opened
(:func:`add_series_keys`).

Full-text search over title + text:

- SQLite: ``documents_fts``, an external-content FTS5 table (it indexes ``documents`` and
  stores no copy of the text), kept in step by three triggers on ``documents``.
- PostgreSQL: ``documents.search``, a stored generated ``tsvector`` column (title weighted
  A, text B, ``english`` configuration) with a GIN index.

Both are created by ``after_create`` DDL events on ``documents`` that run only on their
own dialect, and are re-created by :func:`ensure_search` when a store lacks them.

Repost clusters (:mod:`according.store.clusters`): ``repost_signatures`` (a document's
MinHash signature), ``repost_bands`` (its LSH band hashes, 64-bit integers, indexed),
``repost_links`` (verified pairs of reposts, the smaller id first) and
``repost_members`` (each clustered document's cluster, and whether it is the original).
Documents that are nobody's repost have a signature and bands but no membership.

Events across documents (:mod:`according.store.events`, schema 6): ``events`` (each
event's dates, main place, number of documents and state), ``event_keys`` (its blocking
keys, for candidates) and ``document_events`` (each document's event).

Canonical entities across documents (:mod:`according.store.canonical_state`, schema 4): the
whole state of the entity registry, so that no writer holds it in memory.
``canonical_entities`` (one row per canonical id ever handed out, "C12" stored as 12:
its registry key, display name, label, aliases, descriptions and counts; a row whose
entity has left keeps its id for its key, with ``documents`` 0), ``entity_links`` (each
document entity → its canonical id, indexed both ways, with everything the registry
read and decided of it: order, name, label, descriptions, surface forms, kind, own key,
surname and evidence keys), ``canonical_counts`` (each canonical entity's running
totals: how many of its document entities have each name, surface form, label,
description, evidence key and surname; indexed by what is counted, so the people with a
surname are one lookup), ``float_keys`` (the evidence keys of every bare surname, by
surname and key) and ``canonical_keys`` (the name key of every alias, for lookups by
name).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    DDL,
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    Text,
    event,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

__all__ = [
    "ENTITY_TABLES",
    "EVENT_TABLES",
    "FRAME_COLUMNS",
    "OLD_ENTITY_TABLES",
    "REPOST_TABLES",
    "SCHEMA_VERSION",
    "add_frame_columns",
    "add_search_text",
    "add_series_keys",
    "attributions",
    "canonical_counts",
    "canonical_entities",
    "canonical_keys",
    "dates",
    "document_events",
    "documents",
    "drop_search",
    "ensure_search",
    "entities",
    "entity_links",
    "event_keys",
    "events",
    "figures",
    "float_keys",
    "has_search",
    "has_search_text",
    "has_series_keys",
    "mentions",
    "meta",
    "metadata",
    "repost_bands",
    "repost_links",
    "repost_members",
    "repost_signatures",
    "restored_text",
]

LOGGER = logging.getLogger(__name__)

#: Bumped on every change to the tables; a store written by a newer version is refused.
SCHEMA_VERSION = 6


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime stored in UTC; read back aware on every backend
    (SQLite keeps no zone, so its naive values are read as UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give a timezone")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


#: JSON everywhere, JSONB on PostgreSQL (queryable, indexable).
JSONType = JSON().with_variant(JSONB(), "postgresql")

metadata = MetaData()


def _document_fk() -> Column[int]:
    return Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    )


meta = Table(
    "according_meta",
    metadata,
    Column("name", String, primary_key=True),
    Column("value", String, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String, nullable=False, unique=True),
    Column("doc_id", String, nullable=False, index=True),
    Column("url", String, index=True),
    Column("title", Text),
    Column("site", String),
    Column("published", Date, index=True),
    Column("author", String),
    Column("language", String),
    Column("text", Text, nullable=False),
    # the text with its furniture blanked (Document.analysed_text) when it has any, else
    # NULL: search and repost signatures read coalesce(search_text, text) (schema 5)
    Column("search_text", Text),
    Column("boilerplate", JSONType, nullable=False),
    Column("ledger", JSONType, nullable=False),
    Column("input_hash", String, nullable=False),
    Column("ingested_at", UTCDateTime, nullable=False),
)

# Child tables whose primary key starts with document_id need no separate index on it:
# the primary key's index serves lookups by document.
entities = Table(
    "entities",
    metadata,
    _document_fk(),
    Column("eid", String, nullable=False),
    Column("name", String, nullable=False, index=True),
    Column("label", String, nullable=False),
    Column("descriptions", JSONType, nullable=False),
    PrimaryKeyConstraint("document_id", "eid"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    Column("eid", String, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    CheckConstraint('0 <= start AND start <= "end"', name="mention_span"),
    Index("ix_mentions_document_id_eid", "document_id", "eid"),
)

attributions = Table(
    "attributions",
    metadata,
    _document_fk(),
    Column("aid", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("source_text", Text),
    Column("speaker", String, index=True),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("cue_text", Text, nullable=False),
    Column("content", JSONType, nullable=False),
    Column("medium", String),
    PrimaryKeyConstraint("document_id", "aid"),
)

figures = Table(
    "figures",
    metadata,
    _document_fk(),
    Column("fid", String, nullable=False),
    Column("measure", String, nullable=False),
    Column("value", BigInteger, nullable=False),
    Column("qualifier", String, nullable=False),
    Column("low", BigInteger),
    Column("high", BigInteger),
    Column("who", Text),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("span_text", Text, nullable=False),
    Column("number_start", Integer, nullable=False),
    Column("number_end", Integer, nullable=False),
    Column("number_text", Text, nullable=False),
    Column("place", String),
    Column("event", Text),
    Column("as_of", Date),
    Column("attributed_text", Text),
    Column("attributed_entity", String),
    Column("attributed_attribution", String),
    # the series the figure belongs to (schema 4; see according.ledger.series): the
    # class of people counted (who_class) and the normalised place (place_key, NULL
    # when it names none), kept with the row so that SQL groups and filters series;
    # and whether another figure of its document gives the same number (measure, value
    # and qualifier) in another series, which a reader of its series then reads too
    # (they are listed in the order of the number's first figure; see store.queries)
    Column("who_key", String, nullable=False),
    Column("place_key", String),
    Column("shared_number", Boolean, nullable=False),
    # the figure's frame (schema 6; see according.records.Figure): series are keyed by
    # event, measure and population, and conflicts read period, part_of and implied
    Column("population", String, nullable=False, server_default="people"),
    Column("place_id", String),
    Column("period", String, nullable=False, server_default="incident"),
    Column("part_of", String),
    Column("implied", Boolean, nullable=False, server_default=text("false")),
    PrimaryKeyConstraint("document_id", "fid"),
    # series by key, and as-of dates within one (also serves lookups by measure)
    Index("ix_figures_series", "measure", "who_key", "place_key", "as_of"),
)

dates = Table(
    "dates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String, nullable=False),
    CheckConstraint('0 <= start AND start <= "end"', name="date_span"),
    Index("ix_dates_document_id", "document_id"),
)

CHILD_TABLES = (entities, mentions, attributions, figures, dates)

# --- repost clusters (schema 2; see according.store.clusters) ---------------------------


def _document_ref(name: str) -> Column[int]:
    return Column(name, Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)


repost_signatures = Table(
    "repost_signatures",
    metadata,
    Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("shingles", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

repost_bands = Table(
    "repost_bands",
    metadata,
    _document_fk(),
    Column("band", SmallInteger, nullable=False),
    Column("hash", BigInteger, nullable=False),
    PrimaryKeyConstraint("document_id", "band"),
    # covering: a candidate lookup reads the index alone
    Index("ix_repost_bands_hash", "hash", "document_id"),
)

repost_links = Table(
    "repost_links",
    metadata,
    _document_ref("a"),
    _document_ref("b"),
    Column("jaccard", Float, nullable=False),
    PrimaryKeyConstraint("a", "b"),
    CheckConstraint("a < b", name="repost_link_order"),
    Index("ix_repost_links_b", "b"),
)

repost_members = Table(
    "repost_members",
    metadata,
    Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("cluster_id", Integer, nullable=False, index=True),
    Column("is_original", Boolean, nullable=False),
)

REPOST_TABLES = (repost_signatures, repost_bands, repost_links, repost_members)

# --- events across documents (schema 6; see according.store.events) ----------------------

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("first", Date, index=True),
    Column("last", Date),
    Column("place", String, index=True),
    Column("documents", Integer, nullable=False),
    # the event's state (according.ledger.events.Event.to_json), read to score a newcomer
    Column("state", JSONType, nullable=False),
)

event_keys = Table(
    "event_keys",
    metadata,
    Column("key", String, nullable=False),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("key", "event_id"),
)

document_events = Table(
    "document_events",
    metadata,
    Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Index("ix_document_events_event", "event_id", "document_id"),
)

EVENT_TABLES = (events, event_keys, document_events)

# --- canonical entities (schema 3; see according.store.canonical_state) ------------------------

canonical_entities = Table(
    "canonical_entities",
    metadata,
    # the number of the registry's id: "C12" is 12
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("key", String, nullable=False, unique=True),
    Column("name", String, nullable=False),
    Column("label", String, nullable=False, index=True),
    Column("aliases", JSONType, nullable=False),
    Column("descriptions", JSONType, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("quotes", Integer, nullable=False),
    Index("ix_canonical_entities_mentions", "mentions"),
)

entity_links = Table(
    "entity_links",
    metadata,
    _document_fk(),
    Column("eid", String, nullable=False),
    Column("canonical_id", Integer, ForeignKey("canonical_entities.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("label", String, nullable=False),
    Column("descriptions", JSONType, nullable=False),
    Column("surfaces", JSONType, nullable=False),
    # the registry's reading of it (see according.ledger.placement): person, surname or
    # other; its own key (a bare surname's own entity, wherever it is placed); the
    # surname of a person or a bare surname; its name's words; its evidence keys
    Column("kind", String, nullable=False),
    Column("anchor", Text, nullable=False),
    Column("surname", String),
    Column("words", Integer, nullable=False),
    Column("keys", JSONType, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("quotes", Integer, nullable=False),
    PrimaryKeyConstraint("document_id", "eid"),
    Index("ix_entity_links_canonical_id", "canonical_id", "document_id"),
    Index("ix_entity_links_surname", "surname", "kind"),
)

canonical_keys = Table(
    "canonical_keys",
    metadata,
    Column("key", String, nullable=False),
    Column("canonical_id", Integer, ForeignKey("canonical_entities.id"), nullable=False),
    PrimaryKeyConstraint("key", "canonical_id"),
    Index("ix_canonical_keys_canonical_id", "canonical_id"),
)

canonical_counts = Table(
    "canonical_counts",
    metadata,
    Column("canonical_id", Integer, ForeignKey("canonical_entities.id"), nullable=False),
    # n: a name ("words<US>name"), f: a surface form, l: a label, r: a description,
    # e: an evidence key, s: a surname (people only)
    Column("field", String(1), nullable=False),
    Column("value", Text, nullable=False),
    Column("n", Integer, nullable=False),
    PrimaryKeyConstraint("canonical_id", "field", "value"),
    # the people with a surname; only surnames are looked up by value, so the other
    # rows (most of them) are not indexed twice
    Index(
        "ix_canonical_counts_surname",
        "value",
        sqlite_where=text("field = 's'"),
        postgresql_where=text("field = 's'"),
    ),
)

float_keys = Table(
    "float_keys",
    metadata,
    Column("surname", String, nullable=False),
    Column("key", Text, nullable=False),
    _document_fk(),
    Column("eid", String, nullable=False),
    PrimaryKeyConstraint("surname", "key", "document_id", "eid"),
    Index("ix_float_keys_document", "document_id", "eid"),
)

ENTITY_TABLES = (canonical_entities, entity_links, canonical_keys, canonical_counts, float_keys)
#: Tables of earlier schemas, dropped when a store is upgraded.
OLD_ENTITY_TABLES = ("entity_log",)

# --- full-text search ------------------------------------------------------------------

SQLITE_SEARCH_DDL = (
    # what is searched: the text with its furniture blanked, when it has any
    "CREATE VIEW IF NOT EXISTS documents_searched AS "
    "SELECT id, title, coalesce(search_text, text) AS text FROM documents",
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "title, text, content='documents_searched', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) "
    "VALUES (new.id, new.title, coalesce(new.search_text, new.text)); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, coalesce(old.search_text, old.text)); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE OF title, text, search_text "
    "ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, coalesce(old.search_text, old.text)); "
    "INSERT INTO documents_fts(rowid, title, text) "
    "VALUES (new.id, new.title, coalesce(new.search_text, new.text)); "
    "END",
)
#: What the SQLite search DDL creates, dropped when a store's search is made again.
SQLITE_SEARCH_OBJECTS = (
    ("TRIGGER", "documents_fts_insert"),
    ("TRIGGER", "documents_fts_delete"),
    ("TRIGGER", "documents_fts_update"),
    ("TABLE", "documents_fts"),
    ("VIEW", "documents_searched"),
)

#: The text search configuration of the PostgreSQL index; queries must use the same.
PG_TS_CONFIG = "english"

POSTGRES_SEARCH_DDL = (
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector('{PG_TS_CONFIG}'::regconfig, coalesce(title, '')), 'A') || "
    f"setweight(to_tsvector('{PG_TS_CONFIG}'::regconfig, coalesce(search_text, text, '')), 'B')"
    ") STORED",
    "CREATE INDEX IF NOT EXISTS ix_documents_search ON documents USING gin (search)",
)


def _on_create(dialect: str, statements: tuple[str, ...]) -> None:
    for statement in statements:
        ddl = DDL(statement)  # type: ignore[no-untyped-call]  # DDL.__init__ is unannotated
        event.listen(documents, "after_create", ddl.execute_if(dialect=dialect))


_on_create("sqlite", SQLITE_SEARCH_DDL)
_on_create("postgresql", POSTGRES_SEARCH_DDL)


def has_search(conn: Connection) -> bool:
    """Whether the store has its full-text index, over the searched text of schema 5."""
    if conn.dialect.name == "sqlite":
        found = conn.execute(text("SELECT type, name FROM sqlite_master")).all()
        return {(kind.upper(), name) for kind, name in found} >= set(SQLITE_SEARCH_OBJECTS)
    else:
        query = (
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name = 'documents' AND column_name = 'search'"
            " AND generation_expression LIKE '%search_text%'"
        )
    return conn.execute(text(query)).first() is not None


def drop_search(conn: Connection) -> None:
    """Drop the full-text index (to be made again by :func:`ensure_search`)."""
    if conn.dialect.name == "sqlite":
        for kind, name in SQLITE_SEARCH_OBJECTS:
            conn.exec_driver_sql(f"DROP {kind} IF EXISTS {name}")
    else:
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_documents_search")
        conn.exec_driver_sql("ALTER TABLE documents DROP COLUMN IF EXISTS search")


def ensure_search(conn: Connection) -> None:
    """Create the full-text index if this store lacks it (say, its tables were made by
    another tool, or by schema 4, which indexed ``text`` itself) and fill it from the
    documents already stored. Idempotent."""
    if has_search(conn):
        return
    drop_search(conn)
    LOGGER.info("building the full-text index of the documents")
    if conn.dialect.name == "sqlite":
        for statement in SQLITE_SEARCH_DDL:
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    else:
        for statement in POSTGRES_SEARCH_DDL:
            conn.exec_driver_sql(statement)


# --- the text as given, the searched text apart (schema 5) ------------------------------


def has_search_text(conn: Connection) -> bool:
    """Whether ``documents`` has the ``search_text`` column (schema 5)."""
    return "search_text" in {c["name"] for c in inspect(conn).get_columns("documents")}


def restored_text(blanked: str, boilerplate: list[dict[str, Any]]) -> str:
    """The text as given, from a schema 4 store's text, where furniture was blanked with
    spaces, and its boilerplate spans, which kept the furniture's characters.

    >>> restored_text("Hello.\n         \n", [{"start": 7, "end": 16, "text": "Read more"}])
    'Hello.\nRead more\n'
    """
    chars = list(blanked)
    for span in boilerplate:
        start, end, original = int(span["start"]), int(span["end"]), str(span["text"])
        if len(original) == end - start <= len(chars) - start:
            chars[start:end] = original
    return "".join(chars)


def add_search_text(conn: Connection) -> int:
    """Give a store of schema 4 or older the ``search_text`` column, and give back each
    document with furniture its text as given: those stores kept ``text`` (and the
    ledger's ``text``) with the furniture blanked, which is now the searched text.
    Returns how many documents were given their text back."""
    if has_search_text(conn):
        return 0
    conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN search_text TEXT")
    restored = 0
    last = 0
    while True:
        page = conn.execute(
            select(documents.c.id, documents.c.text, documents.c.boilerplate, documents.c.ledger)
            .where(documents.c.id > last)
            .order_by(documents.c.id)
            .limit(500)
        ).all()
        for row in page:
            if not row.boilerplate:
                continue
            text_ = restored_text(row.text, row.boilerplate)
            ledger = dict(row.ledger)
            ledger["text"] = text_
            conn.execute(
                update(documents)
                .where(documents.c.id == row.id)
                .values(text=text_, search_text=row.text, ledger=ledger)
            )
            restored += 1
        if len(page) < 500:
            return restored
        last = page[-1].id


# --- the frame of figures (schema 6) ------------------------------------------------------

FRAME_COLUMNS = ("population", "place_id", "period", "part_of", "implied")


def add_frame_columns(conn: Connection) -> int:
    """Give a store of schema 5 or older the frame columns of ``figures``, with their
    defaults (a ledger of those versions had no frame: every figure counted "people", as
    one incident, reported); return how many columns were added."""
    present = {c["name"] for c in inspect(conn).get_columns("figures")}
    added = 0
    for name in FRAME_COLUMNS:
        if name in present:
            continue
        column = figures.c[name]
        kind = column.type.compile(conn.dialect)
        default = column.server_default
        tail = ""
        if default is not None:
            value = str(default.arg)  # type: ignore[attr-defined]
            if name == "implied":
                value = "false" if conn.dialect.name == "postgresql" else "0"
            else:
                value = f"'{value}'"
            tail = f" NOT NULL DEFAULT {value}"
        conn.exec_driver_sql(f"ALTER TABLE figures ADD COLUMN {name} {kind}{tail}")
        added += 1
    return added


# --- series keys of figures (schema 4) ---------------------------------------------------

_SERIES_KEYS = ("who_key", "place_key", "shared_number")


def has_series_keys(conn: Connection) -> bool:
    """Whether the ``figures`` table has the series key columns."""
    return set(_SERIES_KEYS) <= {c["name"] for c in inspect(conn).get_columns("figures")}


def add_series_keys(conn: Connection, fill: Callable[[Connection], int]) -> int:
    """Give a store made before series keys (schema 3 or older) the keys of its figures:
    add the columns, let ``fill`` write them into every stored row (it returns how many
    rows), then index them as a new store does. The columns a new store has NOT NULL
    are so from then on on PostgreSQL; SQLite cannot add that to a column, and every
    writer fills them anyway. The measure's own index goes: the series index serves
    lookups by measure."""
    present = {c["name"] for c in inspect(conn).get_columns("figures")}
    for name in _SERIES_KEYS:
        if name not in present:
            kind = figures.c[name].type.compile(conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE figures ADD COLUMN {name} {kind}")
    filled = fill(conn)
    if conn.dialect.name == "postgresql":
        for name in _SERIES_KEYS:
            if not figures.c[name].nullable:
                conn.exec_driver_sql(f"ALTER TABLE figures ALTER COLUMN {name} SET NOT NULL")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_figures_measure")
    for index in figures.indexes:
        index.create(conn, checkfirst=True)
    return filled
