"""Reading the store across documents: figure series and who said what, with filters.

Figure series are filtered and grouped in SQL on the series keys each figure row holds
(the class of people counted, ``series.who_class``, and the normalised place,
``series.place_key``, so "Gaza" finds "the Gaza Strip"), then read one series at a
time: a query holds one series' rows at once, and a filtered one reads only what it
returns. Quotes are filtered on dates in SQL, on names and words after reading.
A speaker or a figure's source that resolves to an entity is named by its canonical
entity across documents (:mod:`according.store.canonical_state`), so the same person meets
under one name whatever each article called them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    String,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    tuple_,
)

from according.errors import QueryError
from according.ledger.series import (
    DEMOGRAPHIC,
    Point,
    Series,
    fold,
    lone_place,
    merge_copies,
    most_reported,
    place_key,
    place_order,
    series_of,
    source_key,
    who_class,
)
from according.store import schema
from according.store.bounds import check_limit, check_text
from according.store.canonical_state import canonical_id, canonical_number
from according.store.repository import Store
from according.store.sql import CHUNK, chunks

__all__ = ["Quote", "figure_points", "figure_series", "quotes"]

_WORD = re.compile(r"[^\W_]")

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


@dataclass(frozen=True)
class _Filters:
    """Which figures a query reads: of a measure, a class of people (``who``, matched by
    ``series.who_class``) and as of ``since`` to ``until`` (a figure with no as-of date
    is outside any range)."""

    measure: str | None = None
    who: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def on(self, f: Any) -> list[ColumnElement[bool]]:
        """The SQL conditions on the rows of ``f`` (``figures`` or an alias of it)."""
        where: list[ColumnElement[bool]] = []
        if self.measure:
            where.append(f.c.measure == self.measure)
        if self.who:
            where.append(f.c.who_key == who_class(self.who))
        if self.since:
            where.append(f.c.as_of >= self.since)
        if self.until:
            where.append(f.c.as_of <= self.until)
        return where


_POINT_COLUMNS = (
    schema.figures.c.measure,
    schema.figures.c.value,
    schema.figures.c.qualifier,
    schema.figures.c.low,
    schema.figures.c.high,
    schema.figures.c.who,
    schema.figures.c.place,
    schema.figures.c.event,
    schema.figures.c.as_of,
    schema.figures.c.attributed_text,
    schema.figures.c.attributed_entity,
    schema.figures.c.number_text,
    schema.figures.c.span_text,
    schema.figures.c.population,
    schema.figures.c.place_id,
    schema.figures.c.period,
    schema.figures.c.part_of,
    schema.figures.c.implied,
    schema.documents.c.doc_id.label("doc_id"),
    schema.documents.c.published,
    schema.documents.c.site,
    *_NAMES,
)
"""What a series point is read from: a figure row, its document, its source's names."""


def _points_from(rows: Any = schema.figures) -> Any:
    """``figures`` (or ``rows`` joined to it) joined to their documents and the names of
    their sources."""
    f, d = schema.figures, schema.documents
    return _named(rows.join(d, f.c.document_id == d.c.id), f.c.document_id, f.c.attributed_entity)


class _Points:
    """Makes series points of rows of ``_POINT_COLUMNS``, sharing the strings they
    repeat (measure, source, document ...) and working out each source once."""

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.sources: dict[tuple[str | None, ...], str] = {}

    def _one(self, text: str | None) -> str | None:
        return None if text is None else self.strings.setdefault(text, text)

    def __call__(self, row: Any) -> Point:
        said = (row.canonical_name, row.name, row.attributed_text, row.site)
        source = self.sources.get(said)
        if source is None:
            source = _name(row, row.attributed_text) or row.site or "the reporter"
            source = self.sources[said] = self.strings.setdefault(source, source)
        return Point(
            measure=self.strings.setdefault(row.measure, row.measure),
            value=row.value,
            qualifier=self.strings.setdefault(row.qualifier, row.qualifier),
            low=row.low,
            high=row.high,
            who=self._one(row.who),
            place=self._one(row.place),
            event=self._one(row.event),
            as_of=row.as_of,
            source=source,
            source_entity=self._one(row.attributed_entity),
            document=self.strings.setdefault(row.doc_id, row.doc_id),
            published=row.published,
            number=row.number_text,
            span=row.span_text,
            population=self.strings.setdefault(row.population, row.population),
            place_id=self._one(row.place_id),
            period=self.strings.setdefault(row.period, row.period),
            part_of=row.part_of,
            implied=bool(row.implied),
        )


def figure_points(
    store: Store,
    *,
    measure: str | None = None,
    who: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Point]:
    """Every stored figure as a series point, filtered, in document order: by ledger id,
    figure id, then document (two documents may share a ledger id). Every figure at
    once: :func:`figure_series` reads one series at a time."""
    f, d = schema.figures, schema.documents
    query = (
        select(*_POINT_COLUMNS)
        .select_from(_points_from())
        .where(*_Filters(measure, who, since, until).on(f))
        .order_by(d.c.doc_id, f.c.fid, f.c.document_id)
    )
    point = _Points()
    with store._reading() as conn:
        return [point(row) for row in conn.execute(query)]


def figure_series(
    store: Store,
    *,
    measure: str | None = None,
    place: str | None = None,
    who: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    event: int | None = None,
) -> list[Series]:
    """The figure series of the store, most reported first, as ``series.build_series``
    makes them of every stored figure with the copies of each repost cluster counted
    once (``Store.originals``): of a measure, a class of people (``who``), a place (the
    series whose place key holds ``place``'s: "Gaza" finds "the Gaza Strip"), and
    figures as of ``since`` to ``until``.

    The filters and the grouping run in SQL on the keys each figure row holds, and the
    series are read one at a time (:class:`_SeriesReader`): a query holds one series'
    rows at once, and a filtered one reads only the series it returns.

    With ``event``, only the series of that event (``Store.events_of``): its rows are
    found through the event's documents, so one event's series read as fast in a store
    of a million documents as in one of a hundred.

    A ``place`` or ``who`` with no words to match ("%", "-", "the") is a
    :class:`QueryError`, not a filter that keeps everything."""
    check_text("the place", place)
    check_text("who", who)
    if who is not None and not _WORD.search(who):
        raise QueryError(f"who {who!r} has no words to match")
    wanted = None if place is None else place_key(place)
    if place is not None and wanted is None:
        raise QueryError(f"the place {place!r} has no place name to match")
    found: list[Series] = []
    with store._reading() as conn:
        if conn.dialect.name == "postgresql":  # one snapshot for every series
            conn.execution_options(isolation_level="REPEATABLE READ")
        reader = _SeriesReader(conn, _Filters(measure, who, since, until))
        for group in reader.groups(wanted, event):
            series = reader.series(group)
            if series is not None and (group.event is None or _names(series, wanted)):
                found.append(series)
    return most_reported(found)


def _names(series: Series, wanted: str | None) -> bool:
    """Whether a point of ``series`` names a place whose key holds ``wanted`` (None:
    every series does)."""
    return wanted is None or any(wanted in (place_key(p.place) or "") for p in series.points)


_Key = tuple[str, str, str | None]
"""A series key as stored: measure, ``who_key``, ``place_key``."""


@dataclass(frozen=True)
class _Group:
    """The figure rows of one series: its measure, class of people and place key (None:
    the figures naming no place), whether the figures of its measure and class naming
    no place join it, and the event of its documents (None: documents of no event)."""

    measure: str
    who: str
    place: str | None
    joined: bool = False
    event: int | None = None

    def rows(self, f: Any) -> list[ColumnElement[bool]]:
        """The SQL conditions on the rows of ``f`` (``figures``) in it: within an event,
        its measure and population (``who`` holds the population; the event settles the
        place); outside any, its measure, class of people and place key."""
        if self.event is not None:
            return [f.c.measure == self.measure, _series_population(f) == self.who,
                    _in_event(f, self.event)]  # fmt: skip
        return [*self._rows(f), _in_event(f, None)]

    def _rows(self, f: Any) -> list[ColumnElement[bool]]:
        key = f.c.place_key
        at: ColumnElement[bool]
        if self.place is None:
            at = key.is_(None)
        elif self.joined:
            at = or_(key == self.place, key.is_(None))
        else:
            at = key == self.place
        return [f.c.measure == self.measure, f.c.who_key == self.who, at]

    def others(self, f: Any) -> ColumnElement[bool]:
        """The SQL condition on rows of ``f`` of its measure that are not in it."""
        if self.event is not None:
            return or_(_series_population(f) != self.who, ~_in_event(f, self.event))
        key = f.c.place_key
        elsewhere: ColumnElement[bool]
        if self.place is None:
            elsewhere = key.is_not(None)
        elif self.joined:
            elsewhere = key != self.place  # NULL, no place, is in it
        else:
            elsewhere = or_(key != self.place, key.is_(None))
        return or_(f.c.who_key != self.who, elsewhere, ~_in_event(f, None))


def _series_population(f: Any) -> ColumnElement[str]:
    """A row's population as its series is keyed (``series.series_population``, in SQL)."""
    demographic = and_(
        f.c.population.in_(sorted(DEMOGRAPHIC)),
        or_(f.c.period.is_(None), f.c.period == "incident"),
    )
    return case((demographic, "people"), else_=f.c.population)


def _in_event(f: Any, event: int | None) -> ColumnElement[bool]:
    """Whether a row of ``f`` is in a document of ``event`` (None: of no event)."""
    de = schema.document_events
    column: ColumnElement[int] = f.c.document_id
    if event is None:
        return column.not_in(select(de.c.document_id))
    return column.in_(select(de.c.document_id).where(de.c.event_id == event))


@dataclass(frozen=True, slots=True)
class _Read:
    """A figure row read for a series: its point; its place in document order (ledger
    id, figure id, document id); whether it is in the series read; its place key; its
    document, whether another figure there gives its number in another series, and its
    repost cluster and that cluster's original (ledger id), if any."""

    point: Point
    order: tuple[str, str, int]
    inside: bool
    place_key: str | None
    document: int
    shared: bool
    cluster: int | None
    original: str | None


class _SeriesReader:
    """Reads the figure series of one query from one connection (one snapshot).

    :meth:`groups` lists the series from the number of rows of each series key (measure,
    ``who_key``, ``place_key``: a GROUP BY on the series index). :meth:`series` reads one
    series' rows, then the rows outside it that may merge with them
    (``series.merge_copies``: the same measure, value and qualifier in their document,
    when it gives that number in another series too (``shared_number``), in a document
    of their repost cluster, or in one with their ledger id), merges them as
    ``build_series`` does, in the order it sees them, and keeps the reports in the
    series. A figure naming no place joins the one place of its measure and class
    (``series.lone_place``) that keeps a report after merging: one that a document
    copying no other names does; one named only in copies is read to find out.
    """

    def __init__(self, conn: Connection, filters: _Filters) -> None:
        self.conn = conn
        self.filters = filters
        self.point = _Points()
        d, m = schema.documents, schema.repost_members
        # two stored documents with one ledger id: ``merge_copies`` takes them for one
        self.namesakes = set(
            conn.scalars(select(d.c.doc_id).group_by(d.c.doc_id).having(func.count() > 1))
        )
        self.clustered = conn.execute(select(m.c.document_id).limit(1)).first() is not None
        self._copied: dict[tuple[int | None, str, str, str | None], int] | None = None

    def groups(self, wanted: str | None, event: int | None = None) -> Iterator[_Group]:
        """The series to read: those of events first (by event, measure and population),
        then, in ``build_series`` order, those of documents of no event; when ``wanted``
        is not None, only those where a figure's place key holds it (every series holds
        the empty key). With ``event``, only that event's."""
        yield from self._event_groups(wanted, event)
        if event is not None:
            return
        f, de = schema.figures, schema.document_events
        keys = (de.c.event_id, f.c.measure, f.c.who_key, f.c.place_key)
        counted = (
            select(*keys, func.count())
            .select_from(f.outerjoin(de, de.c.document_id == f.c.document_id))
            .where(*self.filters.on(f), de.c.event_id.is_(None))
            .group_by(*keys)
        )
        if wanted:  # of the measures and classes of people with such a place
            placed = _PLACED
            families = select(placed.c.measure, placed.c.who_key).where(
                *self.filters.on(placed), placed.c.place_key.contains(wanted, autoescape=True)
            )
            counted = counted.where(tuple_(f.c.measure, f.c.who_key).in_(families))
        places: dict[tuple[str, str, int], dict[str | None, int]] = defaultdict(dict)
        for event, measure, who, place, rows in self.conn.execute(counted):
            places[measure, who, -1 if event is None else event][place] = rows
        for (measure, who, number), counts in sorted(places.items()):
            event = None if number < 0 else number
            joins = self._lone_place(measure, who, event, counts) if None in counts else None
            for place in sorted(counts, key=place_order):
                if place is None and joins is not None:
                    continue
                if wanted is not None and wanted not in (place or ""):
                    continue
                yield _Group(
                    measure, who, place, joined=place is not None and place == joins, event=event
                )

    def _event_groups(self, wanted: str | None, event: int | None) -> Iterator[_Group]:
        """The series of events (of ``event`` alone, when not None): one per event,
        measure and population."""
        f, de = schema.figures, schema.document_events
        keys = (de.c.event_id, f.c.measure, _series_population(f))
        counted = (
            select(*keys, f.c.place_key)
            .select_from(f.join(de, de.c.document_id == f.c.document_id))
            .where(*self.filters.on(f))
            .group_by(*keys, f.c.place_key)
        )
        if event is not None:
            counted = counted.where(de.c.event_id == event)
        places: dict[tuple[int, str, str], set[str]] = defaultdict(set)
        for event, measure, population, place in self.conn.execute(counted):
            places[event, measure, population].add(place or "")
        for (event, measure, population), named in sorted(places.items()):
            if wanted is None or any(wanted in p for p in named):
                yield _Group(measure, population, None, event=event)

    def _lone_place(
        self, measure: str, who: str, event: int | None, counts: dict[str | None, int]
    ) -> str | None:
        """The place the figures of ``measure`` and ``who`` in ``event`` naming no place
        join, if any (``series.lone_place`` of the places that keep a report)."""
        copied = self._copies()
        alive = [
            p
            for p, n in counts.items()
            if p is not None and n > copied.get((event, measure, who, p), 0)
        ]
        for place in counts:
            if len(alive) > 1:
                break
            if place is None or place in alive:
                continue
            if self.series(_Group(measure, who, place, event=event)) is not None:
                alive.append(place)
        return lone_place(alive)

    def _copies(self) -> dict[tuple[int | None, str, str, str | None], int]:
        """The rows of each series key in documents that copy another (which may merge
        into another series' report); read once, when first needed."""
        if self._copied is None:
            f, m, de = schema.figures, schema.repost_members, schema.document_events
            keys = (de.c.event_id, f.c.measure, f.c.who_key, f.c.place_key)
            copies = select(m.c.document_id).where(~m.c.is_original)
            self._copied = {
                (event, measure, who, place): rows
                for event, measure, who, place, rows in self.conn.execute(
                    select(*keys, func.count())
                    .select_from(f.outerjoin(de, de.c.document_id == f.c.document_id))
                    .where(*self.filters.on(f), f.c.document_id.in_(copies))
                    .group_by(*keys)
                )
            } if self.clustered else {}  # fmt: skip
        return self._copied

    def series(self, group: _Group) -> Series | None:
        """The series of ``group``, or None when its rows all merge into reports that
        other series hold."""
        f = schema.figures
        mine = self._select().where(*self.filters.on(f), *group.rows(f))
        read = [self._read(row, inside=True) for row in self.conn.execute(mine)]
        read += self._others(group, read)
        # both reads' rows in document order (ledger id, figure id: text by code point,
        # as SQLite orders it)
        read.sort(key=attrgetter("order"))
        points = [r.point for r in read]
        originals = {r.point.document: r.original for r in read if r.original is not None}
        reports = [(i, c) for i, c in merge_copies(points, originals) if read[i].inside]
        if not reports:
            return None
        # the place names of the reports whose own place is the series' (not joined)
        names = [
            points[i].place or ""
            for i, _ in reports
            if group.event is not None or read[i].place_key == group.place
        ]
        members = [replace(points[i], copies=c) if c else points[i] for i, c in reports]
        found = series_of(group.measure, group.who, members, filter(None, names))
        found.event_id = group.event
        return found

    def _others(self, group: _Group, mine: list[_Read]) -> list[_Read]:
        """The rows outside ``group`` that may merge with its rows ``mine``: of its
        measure and one of their numbers, in the documents of ``mine`` that give a number
        in two series, in their repost clusters' documents and in the documents with
        their ledger ids."""
        f, d, m = schema.figures, schema.documents, schema.repost_members
        merging = [
            r
            for r in mine
            if r.shared or r.cluster is not None or r.point.document in self.namesakes
        ]
        documents = {r.document for r in merging if r.shared}
        clusters = sorted({r.cluster for r in merging if r.cluster is not None})
        for batch in chunks(clusters):
            documents.update(
                self.conn.scalars(select(m.c.document_id).where(m.c.cluster_id.in_(batch)))
            )
        names = sorted({r.point.document for r in merging} & self.namesakes)
        for batch in chunks(names):
            documents.update(self.conn.scalars(select(d.c.id).where(d.c.doc_id.in_(batch))))
        # the measure as an expression, which no index serves: SQLite, which keeps no
        # statistics, would read the measure's whole index instead of these documents'
        same_measure = f.c.measure.concat("") == group.measure
        where = [*replace(self.filters, measure=None).on(f), same_measure, group.others(f)]
        values = sorted({r.point.value for r in merging})
        if len(values) <= CHUNK:  # (a longer list is left to the documents to narrow)
            where.append(f.c.value.in_(values))
        return [
            self._read(row, inside=False)
            for batch in chunks(sorted(documents))
            for row in self.conn.execute(self._select().where(f.c.document_id.in_(batch), *where))
        ]

    def _read(self, row: Any, *, inside: bool) -> _Read:
        point = self.point(row)
        return _Read(
            point=point,
            order=(point.document, row.fid, row.document_id),
            inside=inside,
            place_key=row.place_key,
            document=row.document_id,
            shared=bool(row.shared_number),
            cluster=row.cluster_id,
            original=row.original,
        )

    def _select(self) -> Any:
        """The columns of a series point, and the rest of a :class:`_Read`."""
        f = schema.figures
        joined = _points_from()
        cluster: Any = literal(None, Integer)
        original: Any = literal(None, String)
        if self.clustered:
            member, head, head_doc = _MEMBER, _ORIGINAL, _ORIGINAL_DOC
            joined = (
                joined.outerjoin(member, member.c.document_id == f.c.document_id)
                .outerjoin(head, and_(head.c.cluster_id == member.c.cluster_id, head.c.is_original))
                .outerjoin(head_doc, head_doc.c.id == head.c.document_id)
            )
            cluster, original = member.c.cluster_id, head_doc.c.doc_id
        return select(
            *_POINT_COLUMNS,
            f.c.place_key,
            f.c.document_id,
            f.c.fid,
            f.c.shared_number,
            cluster.label("cluster_id"),
            original.label("original"),
        ).select_from(joined)


# the aliases of the series reader's statements (made once, so SQLAlchemy caches them)
_PLACED = schema.figures.alias("placed")
_MEMBER = schema.repost_members.alias("member")
_ORIGINAL = schema.repost_members.alias("original")
_ORIGINAL_DOC = schema.documents.alias("original_document")


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
    event: int | None = None,
) -> list[Quote]:
    """Who said what over time: every stored attribution, oldest document first, for a
    ``speaker`` (see below), published in the date range, said in a medium holding
    ``medium``, with content holding ``text`` (matched without regard to case or
    accents).

    A speaker matches the attributions resolved to a canonical entity with an alias
    holding its name key as whole words (``Store.entities(name)``: "Al-Khulaifi", "al
    Khulaifi" and "Mohammed Al-Khulaifi" find one person's quotes in every document,
    "Governor Vostanic" finds Mirela Vostanic's), and any attribution whose speaker's
    name or source words hold it. With ``event``, only the attributions of that event's
    documents (``Store.events_of``)."""
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
    if event is not None:
        query = query.where(_in_event(a, event))
    for what, value in (("the speaker", speaker), ("the medium", medium), ("the text", text)):
        check_text(what, value)
    check_limit(limit)
    if limit == 0:
        return []
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
