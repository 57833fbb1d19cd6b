"""Events across documents in the store: each document's event, assigned when it is
saved (:func:`assign`), from the candidates its blocking keys find in ``event_keys``
(:mod:`according.ledger.events`), never from all pairs. A document keeps its event
when it is saved again; a store made before events gets them in id order
(:func:`backfill`), so the same documents ingested in the same order give the same
events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from according.ledger.events import (
    CROWDED,
    Event,
    best_event,
    blocking_keys,
    probe_keys,
    sketch,
)
from according.records import Ledger
from according.store.schema import (
    document_events,
    documents,
    event_keys,
    events,
    repost_members,
)

__all__ = ["assign", "backfill", "drop_document", "event_ids", "events_by_ledger", "load"]

_PAGE = 500


def load(conn: Connection, ids: list[int]) -> dict[int, Event]:
    """The stored events of ``ids``."""
    rows = conn.execute(select(events.c.id, events.c.state).where(events.c.id.in_(ids)))
    return {row.id: Event.from_json(row.state) for row in rows}


def _candidates(conn: Connection, keys: set[str]) -> list[int]:
    if not keys:
        return []
    k = event_keys
    crowded = (
        select(k.c.key)
        .where(k.c.key.in_(sorted(keys)))
        .group_by(k.c.key)
        .having(func.count() > CROWDED)
    )
    return sorted(
        set(
            conn.scalars(
                select(k.c.event_id).where(k.c.key.in_(sorted(keys)), k.c.key.not_in(crowded))
            )
        )
    )


def assign(conn: Connection, document_id: int, ledger: Ledger) -> int:
    """Give the stored document ``document_id`` its event (keeping the one it has, if it
    was saved before) and return the event's id."""
    held = conn.scalar(
        select(document_events.c.event_id).where(document_events.c.document_id == document_id)
    )
    if held is not None:
        return int(held)
    s = sketch(ledger)
    namesake = _same_report(conn, document_id, ledger.document.id)
    candidates = load(conn, [namesake] if namesake else _candidates(conn, probe_keys(s)))
    eid = namesake if namesake is not None else best_event(s, candidates)
    if eid is None:
        eid = int(conn.scalar(select(func.coalesce(func.max(events.c.id), 0))) or 0) + 1
        event = Event(eid)
        event.add(s)
        conn.execute(insert(events), _row(event))
    else:
        event = candidates[eid]
        event.add(s)
        conn.execute(update(events).where(events.c.id == eid).values(_row(event)))
    known = set(conn.scalars(select(event_keys.c.key).where(event_keys.c.event_id == eid)))
    new = sorted(blocking_keys(s) - known)
    if new:
        conn.execute(insert(event_keys), [{"key": key, "event_id": eid} for key in new])
    conn.execute(insert(document_events), {"document_id": document_id, "event_id": eid})
    return eid


def _same_report(conn: Connection, document_id: int, ledger_id: str) -> int | None:
    """The event of a document that is the same report as ``document_id``: another
    with its ledger id, or one of its repost cluster (series count them once), if any."""
    de, d, m = document_events, documents, repost_members
    mine = m.alias("mine")
    cluster = (
        select(m.c.document_id)
        .join(mine, mine.c.cluster_id == m.c.cluster_id)
        .where(mine.c.document_id == document_id)
    )
    same = or_(d.c.doc_id == ledger_id, d.c.id.in_(cluster))
    found = conn.scalar(
        select(de.c.event_id)
        .join(d, d.c.id == de.c.document_id)
        .where(same, d.c.id != document_id)
        .order_by(d.c.id)
        .limit(1)
    )
    return None if found is None else int(found)


def _row(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "first": event.first,
        "last": event.last,
        "place": event.place,
        "documents": len(event.documents),
        "state": event.to_json(),
    }


def drop_document(conn: Connection, document_id: int) -> None:
    """Forget a deleted document's membership (its event keeps what it said)."""
    conn.execute(delete(document_events).where(document_events.c.document_id == document_id))


def event_ids(conn: Connection) -> dict[int, int]:
    """Stored document id → its event id."""
    return {
        row.document_id: row.event_id
        for row in conn.execute(select(document_events.c.document_id, document_events.c.event_id))
    }


def events_by_ledger(conn: Connection) -> dict[str, int]:
    """Ledger id → its document's event id (of two documents with one ledger id, the one
    stored first)."""
    rows = conn.execute(
        select(documents.c.doc_id, document_events.c.event_id)
        .join(document_events, document_events.c.document_id == documents.c.id)
        .order_by(documents.c.id.desc())
    )
    return {row.doc_id: row.event_id for row in rows}


def backfill(conn: Connection) -> int:
    """Assign an event to every stored document that has none (a store made before
    events), in id order; return how many."""
    done = 0
    last = 0
    while True:
        page = conn.execute(
            select(documents.c.id, documents.c.ledger)
            .where(
                documents.c.id > last,
                documents.c.id.not_in(select(document_events.c.document_id)),
            )
            .order_by(documents.c.id)
            .limit(_PAGE)
        ).all()
        for row in page:
            assign(conn, row.id, Ledger.from_json(row.ledger))
        done += len(page)
        if len(page) < _PAGE:
            return done
        last = page[-1].id
