"""Reading the store's events (:mod:`according.store.events`): the events with their
dates, main place, documents and headline measures, filtered; and one event whole,
with its documents, series and quotes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from according.errors import QueryError
from according.ledger.series import Series, place_key
from according.store import schema
from according.store.bounds import check_limit, check_text
from according.store.queries import Quote, figure_series, quotes
from according.store.repository import Store

__all__ = [
    "EventDetail",
    "EventDocument",
    "EventSummary",
    "event_detail",
    "headline",
    "list_events",
]


def headline(numbers: list[list[Any]]) -> dict[str, int]:
    """The headline value of each measure an event's documents give: the value most of
    them give (ties: the highest), from its state's ``numbers`` ([measure, value,
    documents]).

    >>> headline([["killed", 2, 3], ["killed", 8, 1], ["injured", 2, 2], ["injured", 4, 2]])
    {'injured': 4, 'killed': 2}
    """
    best: dict[str, tuple[int, int]] = {}
    for measure, value, count in numbers:
        key = (int(count), int(value))
        if measure not in best or key > best[measure]:
            best[str(measure)] = key
    return {m: best[m][1] for m in sorted(best)}


@dataclass(frozen=True)
class EventSummary:
    """One event as listed: its id, first and last publication dates, main place,
    number of documents and headline measures."""

    id: int
    first: dt.date | None
    last: dt.date | None
    place: str | None
    documents: int
    measures: Mapping[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "place": self.place,
            "documents": self.documents,
            "measures": dict(self.measures),
        }


@dataclass(frozen=True)
class EventDocument:
    """A document of an event."""

    document: str
    title: str | None
    published: dt.date | None
    site: str | None
    url: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "site": self.site,
            "url": self.url,
        }


@dataclass(frozen=True)
class EventDetail:
    """One event whole: its summary, documents (oldest first), series and quotes."""

    summary: EventSummary
    documents: list[EventDocument]
    series: list[Series]
    quotes: list[Quote]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.summary.to_json(),
            "documents": [d.to_json() for d in self.documents],
            "series": [s.to_json() for s in self.series],
            "quotes": [q.to_json() for q in self.quotes],
        }


def _summary(row: Any) -> EventSummary:
    return EventSummary(
        id=row.id,
        first=row.first,
        last=row.last,
        place=row.place,
        documents=row.documents,
        measures=headline(list(row.state.get("numbers", []))),
    )


def list_events(
    store: Store,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    place: str | None = None,
    measure: str | None = None,
    limit: int | None = None,
) -> list[EventSummary]:
    """The stored events, latest first: reported from ``since`` to ``until`` (an event
    whose documents were published in the range, in part), whose documents name a place
    whose key holds ``place``'s, whose figures give ``measure``; at most ``limit``."""
    check_text("the place", place)
    check_limit(limit)
    wanted = None if place is None else place_key(place)
    if place is not None and wanted is None:
        raise QueryError(f"the place {place!r} has no place name to match")
    if limit == 0:
        return []
    e = schema.events
    query = select(e.c.id, e.c.first, e.c.last, e.c.place, e.c.documents, e.c.state).order_by(
        e.c.first.desc(), e.c.id.desc()
    )
    if since is not None:
        query = query.where(e.c.last >= since)
    if until is not None:
        query = query.where(e.c.first <= until)
    out: list[EventSummary] = []
    with store._reading() as conn:
        for row in conn.execute(query):
            state = row.state
            if wanted is not None and not any(wanted in p for p in state.get("places", {})):
                continue
            if measure is not None and not any(n[0] == measure for n in state.get("numbers", [])):
                continue
            out.append(_summary(row))
            if limit is not None and len(out) >= limit:
                break
    return out


def event_detail(store: Store, event: int) -> EventDetail | None:
    """The event ``event`` whole, or None when there is no such event."""
    e, de, d = schema.events, schema.document_events, schema.documents
    with store._reading() as conn:
        row = conn.execute(
            select(e.c.id, e.c.first, e.c.last, e.c.place, e.c.documents, e.c.state).where(
                e.c.id == event
            )
        ).first()
        if row is None:
            return None
        docs = [
            EventDocument(r.doc_id, r.title, r.published, r.site, r.url)
            for r in conn.execute(
                select(d.c.doc_id, d.c.title, d.c.published, d.c.site, d.c.url)
                .join(de, de.c.document_id == d.c.id)
                .where(de.c.event_id == event)
                .order_by(d.c.published, d.c.doc_id)
            )
        ]
    summary = _summary(row)
    summary = EventSummary(summary.id, summary.first, summary.last, summary.place, len(docs),
                           summary.measures)  # fmt: skip
    return EventDetail(
        summary=summary,
        documents=docs,
        series=figure_series(store, event=event),
        quotes=quotes(store, event=event),
    )
