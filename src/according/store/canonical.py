"""Canonical entities kept in the store, in step with the documents.

The grouping is :class:`according.ledger.entities.EntityRegistry`'s, which lives in
memory. The store keeps one registry per :class:`according.store.Store`
(:class:`Canonicals`), **loaded lazily** by the first write that needs it (a save or a
delete; never by a read) and then updated one document at a time, in the transaction
that saves or deletes that document: the registry places the document's entities,
:meth:`~according.ledger.entities.EntityRegistry.take_changes` says which canonical
entities and which documents' links changed, and only those rows are written. Reads
(:func:`entities`, :func:`canonical_of`, :func:`matching_ids`) are plain SQL over the
tables and never load the registry.

Tables (see :mod:`according.store.schema`): ``canonical_entities`` (one row per id ever
handed out; the counts ``mentions`` and ``quotes`` are kept up to date by the difference
between a document's old and new links, so no write sums over a large entity),
``entity_links`` (document entity → canonical id, with the entity's order and surface
forms, so loading the registry reads one row per document entity and no mention),
``canonical_keys`` (the name keys of every alias) and ``entity_log`` (one row per write).

**Loading** reads ``entity_links`` joined to ``entities`` (one row per document entity)
and the ids, and rebuilds the registry (:meth:`EntityRegistry.from_rows`). Measured on
the 840 PolNeAR train articles (28 entities each): about 40 µs and 2.2 KB of memory per
document entity, so a store of 10,000 such articles loads in some 11 s into 600 MB the
first time it is written to, and costs nothing afterwards; placing one article's
entities and writing what changed then takes about 5 ms on SQLite and 10 ms on
PostgreSQL (its analysis about 190 ms).
Memory grows with the store: at a few million document entities the registry wants a
machine of its own, or its surname and evidence indexes moved into SQL.

The load runs in a read transaction of its own before the first write
(:meth:`Canonicals.preload`), so other writers do not wait for it.

**Several writers.** Every write takes a lock (on PostgreSQL a transaction-level
advisory lock, :func:`lock`, taken by the Store first thing in the transaction and held
to commit; SQLite writers are serialised anyway) and, before
touching the registry, catches up with the writes other processes made since this one
last looked: ``entity_log`` lists the documents they changed, which are replayed from
the tables after adopting the ids they handed out. When more than :data:`RELOAD_AFTER`
documents changed elsewhere the registry is loaded again instead. A transaction that
fails after touching the registry drops it: the next write loads it again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    delete,
    desc,
    func,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy import update as sql_update

from according.ledger.entities import EntityRegistry, RegistryChanges, entity_surfaces, name_key
from according.records import Entity, Ledger, Span
from according.store import schema
from according.store.schema import (
    canonical_entities,
    canonical_keys,
    documents,
    entity_links,
    entity_log,
)

__all__ = [
    "RELOAD_AFTER",
    "Canonicals",
    "StoredEntity",
    "canonical_number",
    "canonical_of",
    "entities",
    "lock",
    "matching_ids",
]

LOGGER = logging.getLogger(__name__)

#: Serialises registry writes between PostgreSQL writers ("enti").
_PG_ENTITY_LOCK = 0x656E7469
#: A writer that finds more documents than this changed by others since it last wrote
#: loads the registry again instead of replaying them one by one.
RELOAD_AFTER = 5_000
_CHUNK = 500
_PAGE = 200

ce, links, keys_, log = canonical_entities, entity_links, canonical_keys, entity_log
entities_table = schema.entities


def canonical_id(number: int) -> str:
    """The registry's id of a stored canonical entity: 12 → "C12"."""
    return f"C{number}"


def canonical_number(cid: str) -> int:
    """The stored number of a registry id: "C12" → 12."""
    if cid[:1] != "C" or not cid[1:].isdigit():
        raise ValueError(f"{cid!r} is not a canonical id (C1, C2, ...)")
    return int(cid[1:])


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for i in range(0, len(ordered), _CHUNK):
        yield ordered[i : i + _CHUNK]


def lock(conn: Connection) -> None:
    """On PostgreSQL, take this module's advisory lock until the transaction ends."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_ENTITY_LOCK})


def _alias_keys(name: str, label: str, aliases: Iterable[str]) -> set[str]:
    return {k for k in (name_key(a, label=label) for a in (name, *aliases)) if k}


@dataclass(frozen=True, slots=True)
class _Link:
    """One ``entity_links`` row."""

    document_id: int
    eid: str
    canonical: int
    position: int
    surfaces: tuple[str, ...]
    mentions: int
    quotes: int

    def row(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "eid": self.eid,
            "canonical_id": self.canonical,
            "position": self.position,
            "surfaces": list(self.surfaces),
            "mentions": self.mentions,
            "quotes": self.quotes,
        }


def _named(ledger: Ledger) -> list[Entity]:
    """The entities the registry takes (an entity with no name has no canonical one)."""
    return [e for e in ledger.entities if e.name.strip()]


# --- writing ---------------------------------------------------------------------------


class Canonicals:
    """A store's entity registry, in memory, kept in step with its tables (see the
    module's docstring). One per :class:`~according.store.Store`; thread-safe through
    :meth:`writing`."""

    def __init__(self) -> None:
        self._registry: EntityRegistry | None = None
        self._version = 0  # the last entity_log version the registry reflects
        self._max_id = 0  # the largest canonical number the registry knows
        self._lock = threading.RLock()
        self._touched = False

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold around a whole write transaction (entered before it begins, left after
        it commits or rolls back): one writer at a time in this process, and a
        transaction that fails after changing the registry drops it."""
        with self._lock:
            self._touched = False
            try:
                yield
            except BaseException:
                if self._touched:
                    LOGGER.debug("a write failed: the entity registry will be loaded again")
                    self._registry = None
                raise
            finally:
                self._touched = False

    @property
    def loaded(self) -> bool:
        """Whether the registry is in memory."""
        return self._registry is not None

    def preload(self, engine: Engine) -> None:
        """Load the registry, if it is not in memory, in a read transaction of its own
        (a snapshot): other writers need not wait for the load, and the write that
        follows catches up with what they changed meanwhile."""
        with self._lock:
            if self._registry is not None:
                return
            with engine.connect() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    self._load(conn)

    def registry(self, conn: Connection) -> EntityRegistry:
        """The registry, loaded or caught up with the tables, in the caller's write
        transaction (within :meth:`writing`). Change it only through this class."""
        self._touched = True  # should loading or catching up fail, drop what is half done
        lock(conn)
        if self._registry is None:
            return self._load(conn)
        self._catch_up(conn, self._registry)
        return self._registry

    def index_document(
        self, conn: Connection, document_id: int, ledger: Ledger, *, replaced: bool = True
    ) -> None:
        """Place the entities of the document ``document_id`` (just saved as ``ledger``)
        and write what changed, in the caller's transaction. ``replaced``: the document
        was stored before (False spares looking for its old links)."""
        registry = self.registry(conn)
        doc = str(document_id)
        named = _named(ledger)
        if named:
            registry.add_document(doc, named)
        else:
            registry.remove_document(doc)
        changes = registry.take_changes()
        mapping = registry.mapping(doc)
        quotes = Counter(a.speaker for a in ledger.attributions if a.speaker)
        fresh = [
            _Link(document_id, e.id, canonical_number(mapping[e.id]), position,
                  entity_surfaces(e), len(e.mentions), quotes[e.id])
            for position, e in enumerate(named)
        ]  # fmt: skip
        self._write(conn, registry, changes, document_id, fresh, replaced=replaced)

    def drop_document(self, conn: Connection, document_id: int) -> None:
        """Take the document ``document_id`` out (before it is deleted) and write what
        changed, in the caller's transaction."""
        registry = self.registry(conn)
        registry.remove_document(str(document_id))
        self._write(conn, registry, registry.take_changes(), document_id, [])

    def backfill(self, conn: Connection) -> int:
        """Place the entities of every stored document (a store made before canonical
        entities), in id order; return how many documents."""
        done = 0
        last = 0
        while True:
            page = conn.execute(
                select(documents.c.id, documents.c.ledger)
                .where(documents.c.id > last)
                .order_by(documents.c.id)
                .limit(_PAGE)
            ).all()
            for row in page:
                self.index_document(conn, row.id, Ledger.from_json(row.ledger), replaced=False)
            done += len(page)
            if len(page) < _PAGE:
                return done
            last = page[-1].id

    # loading and catching up

    def _load(self, conn: Connection) -> EntityRegistry:
        started = time.perf_counter()
        version = int(conn.scalar(select(func.max(log.c.version))) or 0)
        ids = conn.execute(select(ce.c.key, ce.c.id)).all()
        rows = conn.execute(
            select(
                links.c.document_id,
                links.c.eid,
                links.c.position,
                links.c.surfaces,
                entities_table.c.name,
                entities_table.c.label,
                entities_table.c.descriptions,
            ).join(
                entities_table,
                and_(
                    entities_table.c.document_id == links.c.document_id,
                    entities_table.c.eid == links.c.eid,
                ),
            )
        )
        registry = EntityRegistry.from_rows(
            {
                "ids": ({"key": key, "id": canonical_id(n)} for key, n in ids),
                "entities": (
                    {
                        "document": str(r.document_id),
                        "entity": r.eid,
                        "position": r.position,
                        "name": r.name,
                        "label": r.label,
                        "descriptions": r.descriptions,
                        "surfaces": r.surfaces,
                    }
                    for r in rows
                ),
            }
        )
        self._registry = registry
        self._version = version
        self._max_id = max((n for _, n in ids), default=0)
        sizes = registry.index_sizes()
        LOGGER.info(
            "entity registry loaded: %d canonical entities of %d documents in %.2f s",
            sizes["canonical"],
            sizes["documents"],
            time.perf_counter() - started,
        )
        return registry

    def _catch_up(self, conn: Connection, registry: EntityRegistry) -> None:
        """Replay the documents other writers changed since this registry last wrote."""
        changed = sorted(
            set(conn.scalars(select(log.c.document_id).where(log.c.version > self._version)).all())
        )
        if not changed:
            return
        if len(changed) > RELOAD_AFTER:
            self._load(conn)
            return
        version = int(conn.scalar(select(func.max(log.c.version))) or 0)
        adopted = conn.execute(
            select(ce.c.key, ce.c.id).where(ce.c.id > self._max_id).order_by(ce.c.id)
        ).all()
        registry.adopt_ids((key, canonical_id(n)) for key, n in adopted)
        self._max_id = max((n for _, n in adopted), default=self._max_id)
        stored = _stored_entities(conn, changed)
        for document_id in changed:
            found = stored.get(document_id)
            if found:
                registry.add_document(str(document_id), found)
            else:
                registry.remove_document(str(document_id))
        # The tables hold the other writers' results already; only an id this replay
        # handed out (an entity met on the way, in an order they did not take) is new.
        replayed = registry.take_changes()
        new = {n for n in map(canonical_number, replayed.canonical_ids) if n > self._max_id}
        if new:
            self._write_canonical(conn, registry, new, {})
        self._version = version
        LOGGER.debug("entity registry caught up with %d documents", len(changed))

    # writing rows

    def _write(
        self,
        conn: Connection,
        registry: EntityRegistry,
        changes: RegistryChanges,
        document_id: int,
        fresh: Sequence[_Link],
        *,
        replaced: bool = True,
    ) -> None:
        """Write the links of ``document_id`` (``fresh``), the links that moved in the
        other documents ``changes`` names, the canonical entities that changed, and a
        log row."""
        others = {int(d) for d in changes.documents} - {document_id}
        old = _stored_links(conn, others | {document_id} if replaced else others)
        moved: list[_Link] = []
        for document in sorted(others):
            mapping = registry.mapping(str(document))
            for link in old.get(document, ()):
                cid = mapping.get(link.eid)
                if cid is not None and canonical_number(cid) != link.canonical:
                    moved.append(
                        _Link(document, link.eid, canonical_number(cid), link.position,
                              link.surfaces, link.mentions, link.quotes)
                    )  # fmt: skip
        delta: dict[int, list[int]] = {}

        def count(link: _Link, sign: int) -> None:
            d = delta.setdefault(link.canonical, [0, 0])
            d[0] += sign * link.mentions
            d[1] += sign * link.quotes

        for link in old.get(document_id, ()):
            count(link, -1)
        for link in fresh:
            count(link, +1)
        by_eid = {(x.document_id, x.eid): x for document in others for x in old.get(document, ())}
        for link in moved:
            count(by_eid[(link.document_id, link.eid)], -1)
            count(link, +1)
        touched = {canonical_number(c) for c in changes.canonical_ids}
        touched |= {n for n, (m, q) in delta.items() if m or q}
        self._write_canonical(conn, registry, touched, delta)
        if replaced:
            conn.execute(delete(links).where(links.c.document_id == document_id))
        if fresh:
            conn.execute(insert(links), [x.row() for x in fresh])
        if moved:
            conn.execute(
                sql_update(links)
                .where(links.c.document_id == bindparam("b_doc"), links.c.eid == bindparam("b_eid"))
                .values(canonical_id=bindparam("b_canonical")),
                [{"b_doc": x.document_id, "b_eid": x.eid, "b_canonical": x.canonical}
                 for x in moved],
            )  # fmt: skip
        self._version = conn.execute(
            insert(log).returning(log.c.version), {"document_id": document_id}
        ).scalar_one()

    def _write_canonical(
        self,
        conn: Connection,
        registry: EntityRegistry,
        numbers: set[int],
        delta: Mapping[int, Sequence[int]],
    ) -> None:
        """Insert or update the rows of the canonical entities ``numbers`` from the
        registry, their counts moved by ``delta`` (mentions, quotes), and their keys."""
        if not numbers:
            return
        existing: dict[int, tuple[int, int]] = {}
        old_keys: set[tuple[str, int]] = set()
        for chunk in _chunks(numbers):
            for n, m, q, k in conn.execute(
                select(ce.c.id, ce.c.mentions, ce.c.quotes, keys_.c.key)
                .outerjoin(keys_, keys_.c.canonical_id == ce.c.id)
                .where(ce.c.id.in_(chunk))
            ):
                existing[n] = (m, q)
                if k is not None:
                    old_keys.add((k, n))
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        new_keys: set[tuple[str, int]] = set()
        for n in sorted(numbers):
            cid = canonical_id(n)
            entity = registry.canonical(cid)
            dm, dq = delta.get(n, (0, 0))
            m, q = existing.get(n, (0, 0))
            values: dict[str, Any] = {"mentions": m + dm, "quotes": q + dq}
            if entity is None:  # left (or met and left within this write)
                values.update(documents=0, aliases=[], descriptions=[])
            else:
                values.update(
                    name=entity.name,
                    label=entity.label,
                    aliases=list(entity.aliases),
                    descriptions=list(entity.descriptions),
                    documents=entity.documents,
                )
                new_keys.update((k, n) for k in _alias_keys(entity.name, entity.label,
                                                             entity.aliases))  # fmt: skip
            if n in existing:
                updates.append({"b_id": n, **{f"b_{k}": v for k, v in values.items()}})
            else:
                key = registry.key_of(cid)
                if key is None:
                    raise AssertionError(f"the registry handed out {cid} for no key")
                values.setdefault("name", "")
                values.setdefault("label", "")
                inserts.append({"id": n, "key": key, **values})
        if inserts:
            conn.execute(insert(ce), inserts)
            self._max_id = max(self._max_id, *(row["id"] for row in inserts))
        # a left entity keeps its name and label
        columns = ["mentions", "quotes", "documents", "aliases", "descriptions"]
        full = [u for u in updates if "b_name" in u]
        bare = [u for u in updates if "b_name" not in u]
        for rows, names in ((full, [*columns, "name", "label"]), (bare, columns)):
            if rows:
                conn.execute(
                    sql_update(ce)
                    .where(ce.c.id == bindparam("b_id"))
                    .values({c: bindparam(f"b_{c}") for c in names}),
                    rows,
                )
        gone = old_keys - new_keys
        if gone:
            conn.execute(
                delete(keys_).where(
                    keys_.c.key == bindparam("b_key"), keys_.c.canonical_id == bindparam("b_id")
                ),
                [{"b_key": k, "b_id": n} for k, n in sorted(gone)],
            )
        added = new_keys - old_keys
        if added:
            conn.execute(insert(keys_), [{"key": k, "canonical_id": n} for k, n in sorted(added)])


def _stored_links(conn: Connection, document_ids: set[int]) -> dict[int, list[_Link]]:
    found: dict[int, list[_Link]] = {}
    for chunk in _chunks(document_ids):
        for r in conn.execute(
            select(links)
            .where(links.c.document_id.in_(chunk))
            .order_by(links.c.document_id, links.c.position)
        ):
            found.setdefault(r.document_id, []).append(
                _Link(r.document_id, r.eid, r.canonical_id, r.position, tuple(r.surfaces),
                      r.mentions, r.quotes)
            )  # fmt: skip
    return found


def _stored_entities(conn: Connection, document_ids: Sequence[int]) -> dict[int, list[Entity]]:
    """The document entities as the registry read them when they were stored (name,
    label, descriptions; the surface forms as mentions), by document."""
    found: dict[int, list[Entity]] = {}
    e = entities_table
    for chunk in _chunks(document_ids):
        rows = conn.execute(
            select(links.c.document_id, links.c.eid, links.c.surfaces, e.c.name, e.c.label,
                   e.c.descriptions)
            .join(e, and_(e.c.document_id == links.c.document_id, e.c.eid == links.c.eid))
            .where(links.c.document_id.in_(chunk))
            .order_by(links.c.document_id, links.c.position)
        )  # fmt: skip
        for r in rows:
            spans = tuple(Span(0, len(s), s) for s in r.surfaces[1:])
            found.setdefault(r.document_id, []).append(
                Entity(r.eid, r.name, r.label, spans, tuple(r.descriptions or ()))
            )
    return found


# --- reading ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredEntity:
    """A canonical entity as the store lists it: ``aliases`` every form it is written in
    (its name among them), ``descriptions`` the roles given to it (most frequent first),
    ``documents`` how many documents mention it, ``mentions`` how often, ``quotes`` how
    many attributions it is the speaker of."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...]
    documents: int
    mentions: int
    quotes: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "descriptions": list(self.descriptions),
            "documents": self.documents,
            "mentions": self.mentions,
            "quotes": self.quotes,
        }


def _query_keys(name: str) -> set[str]:
    """The keys a name has as a person and as anything else."""
    return {k for k in (name_key(name), name_key(name, label="ORG")) if k}


def _aligned(key: str, query: str, *, partial: bool) -> bool:
    if key == query:
        return True
    return partial and f" {query} " in f" {key} "


def matching_ids(conn: Connection, name: str, *, partial: bool = False) -> set[int]:
    """Canonical entities a name denotes: one of their aliases has its key (case,
    diacritics, hyphens, "al-", titles folded; see :func:`name_key`), or, ``partial``,
    holds it as whole words ("Khulaifi" in "Mohammed Al-Khulaifi", "Valley Defence" in
    "Ruvel Valley Defence Front")."""
    wanted = _query_keys(name)
    if not wanted:
        return set()
    conditions: list[Any] = [keys_.c.key.in_(sorted(wanted))]
    if partial:
        for k in wanted:
            escaped = k.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conditions += [
                keys_.c.key.like(f"{escaped} %", escape="\\"),
                keys_.c.key.like(f"% {escaped}", escape="\\"),
                keys_.c.key.like(f"% {escaped} %", escape="\\"),
            ]
    rows = conn.execute(
        select(keys_.c.key, keys_.c.canonical_id, ce.c.label)
        .join(ce, ce.c.id == keys_.c.canonical_id)
        .where(or_(*conditions), ce.c.documents > 0)
    ).all()
    found: set[int] = set()
    for key, n, label in rows:
        # the name read as this entity's label reads its aliases ("Al Gore" the person)
        query = name_key(name, label=label)
        if _aligned(key, query, partial=partial):
            found.add(n)
    return found


def entities(
    conn: Connection,
    *,
    name: str | None = None,
    label: str | None = None,
    limit: int | None = None,
    exact: bool = False,
) -> list[StoredEntity]:
    """Canonical entities, most mentioned first (then in most documents), those a
    ``name`` denotes (:func:`matching_ids`; whole words of an alias unless ``exact``)
    with this ``label``."""
    query = select(ce).where(ce.c.documents > 0)
    if name is not None:
        found = matching_ids(conn, name, partial=not exact)
        if not found:
            return []
        query = query.where(ce.c.id.in_(sorted(found)))
    if label:
        query = query.where(ce.c.label == label.upper())
    query = query.order_by(desc(ce.c.mentions), desc(ce.c.documents), ce.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [
        StoredEntity(
            id=canonical_id(r.id),
            name=r.name,
            label=r.label,
            aliases=tuple(r.aliases),
            descriptions=tuple(r.descriptions),
            documents=r.documents,
            mentions=r.mentions,
            quotes=r.quotes,
        )
        for r in conn.execute(query)
    ]


def canonical_of(conn: Connection, document_id: int, eid: str) -> str | None:
    """The canonical id of entity ``eid`` of the document ``document_id``, if any."""
    n = conn.scalar(
        select(links.c.canonical_id).where(links.c.document_id == document_id, links.c.eid == eid)
    )
    return None if n is None else canonical_id(n)
