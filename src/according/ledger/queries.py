"""Reading the store across documents: the points of figure series and who said what,
with filters.

Filters run in SQL where they can (measure, as-of dates); the people counted are
matched on their class (``series.who_class``) after reading, and the place on the
series' normalised place (``series.place_key``), so "Gaza" finds "the Gaza Strip".
A speaker or a figure's source that resolves to an entity is named by its canonical
entity across documents (:mod:`according.store.canonical`), so the same person meets
under one name whatever each article called them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select

from according.ledger.series import (
    Point,
    Series,
    build_series,
    fold,
    place_key,
    source_key,
    who_class,
)
from according.store import schema
from according.store.canonical import canonical_id, canonical_number
from according.store.repository import Store

__all__ = ["Quote", "figure_points", "figure_series", "quotes"]

_NAMES = (
    schema.entities.c.name,
    schema.entity_links.c.canonical_id,
    schema.canonical_entities.c.name.label("canonical_name"),
)
"""The columns ``_named`` adds: the entity's name in its document, and its canonical id
and name across documents."""


def _named(base: Any, document_id: Any, eid: Any) -> Any:
    """``base`` outer-joined to the entity that ``(document_id, eid)`` refers to."""
    e, link, canonical = schema.entities, schema.entity_links, schema.canonical_entities
    return (
        base.outerjoin(e, and_(e.c.document_id == document_id, e.c.eid == eid))
        .outerjoin(link, and_(link.c.document_id == document_id, link.c.eid == eid))
        .outerjoin(canonical, canonical.c.id == link.c.canonical_id)
    )


def _name(row: Any, words: str | None) -> str | None:
    """Who a row's entity is (canonical name, else its name in the document), else the
    source's own words."""
    return row.canonical_name or row.name or source_key(words)


def figure_points(
    store: Store,
    *,
    measure: str | None = None,
    who: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Point]:
    """Every stored figure as a series point, filtered."""
    f, d = schema.figures, schema.documents
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
            *_NAMES,
        )
        .select_from(
            _named(f.join(d, f.c.document_id == d.c.id), f.c.document_id, f.c.attributed_entity)
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
            source = _name(row, row.attributed_text) or row.site or "the reporter"
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


@dataclass(frozen=True)
class Quote:
    """One attribution, with who said it and where it was published. ``speaker`` is the
    canonical entity's name when the source resolves to an entity (``speaker_entity``
    in its document, ``speaker_canonical`` across documents), else the source's words."""

    speaker: str
    speaker_entity: str | None
    kind: str
    source: str | None
    cue: str
    content: str
    medium: str | None
    document: str
    published: dt.date | None
    site: str | None
    speaker_canonical: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_entity": self.speaker_entity,
            "speaker_canonical": self.speaker_canonical,
            "kind": self.kind,
            "source": self.source,
            "cue": self.cue,
            "content": self.content,
            "medium": self.medium,
            "document": self.document,
            "published": self.published.isoformat() if self.published else None,
            "site": self.site,
        }


def quotes(
    store: Store,
    *,
    speaker: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    medium: str | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[Quote]:
    """Who said what over time: every stored attribution, oldest document first, for a
    ``speaker`` (see below), published in the date range, said in a medium holding
    ``medium``, with content holding ``text`` (matched without regard to case or
    accents).

    A speaker matches the attributions resolved to a canonical entity with an alias
    holding its name key as whole words (``Store.entities(name)``: "Al-Khulaifi", "al
    Khulaifi" and "Mohammed Al-Khulaifi" find one person's quotes in every document,
    "Governor Vostanic" finds Mirela Vostanic's), and any attribution whose speaker's
    name or source words hold it."""
    a, d = schema.attributions, schema.documents
    query = (
        select(
            a.c.kind,
            a.c.source_text,
            a.c.speaker,
            a.c.cue_text,
            a.c.content,
            a.c.medium,
            d.c.doc_id,
            d.c.published,
            d.c.site,
            *_NAMES,
        )
        .select_from(_named(a.join(d, a.c.document_id == d.c.id), a.c.document_id, a.c.speaker))
        .order_by(d.c.published, d.c.doc_id, a.c.cue_start)
    )
    if since:
        query = query.where(d.c.published >= since)
    if until:
        query = query.where(d.c.published <= until)
    wanted = {
        k: fold(v) for k, v in (("speaker", speaker), ("medium", medium), ("text", text)) if v
    }
    speakers = {canonical_number(x.id) for x in store.entities(speaker)} if speaker else set()
    out: list[Quote] = []
    with store._reading() as conn:
        for row in conn.execute(query):
            content = " … ".join(str(part.get("text", "")) for part in _parts(row.content))
            name = _name(row, row.source_text) or "(no source)"
            checks = {
                "speaker": f"{name} {row.name or ''} {row.source_text or ''}",
                "medium": row.medium or "",
                "text": content,
            }
            if any(
                w not in fold(checks[k]) and not (k == "speaker" and row.canonical_id in speakers)
                for k, w in wanted.items()
            ):
                continue
            out.append(
                Quote(
                    speaker=name,
                    speaker_entity=row.speaker,
                    kind=row.kind,
                    source=row.source_text,
                    cue=row.cue_text,
                    content=content,
                    medium=row.medium,
                    document=row.doc_id,
                    published=row.published,
                    site=row.site,
                    speaker_canonical=(
                        canonical_id(row.canonical_id) if row.canonical_id is not None else None
                    ),
                )
            )
            if limit is not None and len(out) >= limit:
                break
    return out


def _parts(content: Any) -> list[dict[str, Any]]:
    if isinstance(content, dict):
        return [content]
    if isinstance(content, list):
        return [c for c in content if isinstance(c, dict)]
    return []
