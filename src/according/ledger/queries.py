"""Reading the store across documents: the points of figure series, with filters.

Filters run in SQL where they can (measure, as-of dates); the people counted are
matched on their class (``series.who_class``) after reading, and the place on the
series' normalised place (``series.place_key``), so "Gaza" finds "the Gaza Strip".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import and_, select

from according.ledger.series import Point, Series, build_series, place_key, source_key, who_class
from according.store import schema
from according.store.repository import Store

__all__ = ["figure_points", "figure_series"]


def figure_points(
    store: Store,
    *,
    measure: str | None = None,
    who: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Point]:
    """Every stored figure as a series point, filtered."""
    f, d, e = schema.figures, schema.documents, schema.entities
    as_of = f.c.as_of
    query = (
        select(
            f.c.measure,
            f.c.value,
            f.c.qualifier,
            f.c.low,
            f.c.high,
            f.c.who,
            f.c.place,
            f.c.event,
            as_of,
            f.c.attributed_text,
            f.c.attributed_entity,
            f.c.number_text,
            f.c.span_text,
            d.c.doc_id,
            d.c.published,
            d.c.site,
            e.c.name,
        )
        .select_from(
            f.join(d, f.c.document_id == d.c.id).outerjoin(
                e, and_(e.c.document_id == f.c.document_id, e.c.eid == f.c.attributed_entity)
            )
        )
        .order_by(d.c.doc_id, f.c.fid)
    )
    if measure:
        query = query.where(f.c.measure == measure)
    if since:
        query = query.where(as_of >= since)
    if until:
        query = query.where(as_of <= until)
    who_wanted = who_class(who) if who else None
    points: list[Point] = []
    with store._reading() as conn:
        for row in conn.execute(query):
            if who_wanted and who_class(row.who) != who_wanted:
                continue
            source = row.name or source_key(row.attributed_text) or row.site or "the reporter"
            points.append(
                Point(
                    measure=row.measure,
                    value=row.value,
                    qualifier=row.qualifier,
                    low=row.low,
                    high=row.high,
                    who=row.who,
                    place=row.place,
                    event=row.event,
                    as_of=row.as_of,
                    source=source,
                    source_entity=row.attributed_entity,
                    document=row.doc_id,
                    published=row.published,
                    number=row.number_text,
                    span=row.span_text,
                )
            )
    return points


def figure_series(
    store: Store,
    *,
    measure: str | None = None,
    place: str | None = None,
    who: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    originals: Mapping[str, str] | None = None,
) -> list[Series]:
    """The figure series of the store (``series.build_series``), filtered; documents
    that are copies of one original (``originals``) count once."""
    points = figure_points(store, measure=measure, who=who, since=since, until=until)
    series = build_series(points, originals)
    if place:
        wanted = place_key(place) or ""
        series = [s for s in series if wanted in (place_key(s.place) or "")]
    return series
