"""A ledger flattened into the rows of the store's tables (see :mod:`.schema`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from itertools import groupby
from operator import attrgetter
from typing import Any, Protocol

from sqlalchemy import Connection, bindparam, select, update

from according.ledger.series import place_key, who_class
from according.records import Ledger, Span
from according.store.schema import figures as figures_table

__all__ = ["ChildRows", "Counted", "child_rows", "document_row", "fill_series_keys", "series_keys"]

Row = dict[str, Any]
#: Rows per child table name, each row without its ``document_id``.
ChildRows = dict[str, list[Row]]


def document_row(ledger: Ledger, input_hash: str, ingested_at: dt.datetime) -> Row:
    """The ``documents`` row of a ledger (without its integer id)."""
    d = ledger.document
    return {
        "key": d.key,
        "doc_id": d.id,
        "url": d.url,
        "title": d.title,
        "site": d.site,
        "published": d.published,
        "author": d.author,
        "language": d.language,
        "text": d.text,
        # what search reads: the text with its furniture blanked, when it has any
        "search_text": d.analysed_text if d.boilerplate else None,
        "boilerplate": [b.to_json() for b in d.boilerplate],
        "ledger": ledger.to_json(),
        "input_hash": input_hash,
        "ingested_at": ingested_at,
    }


def _span(prefix: str, span: Span | None) -> Row:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def child_rows(ledger: Ledger, document_id: int) -> ChildRows:
    """The rows of every child table for a ledger stored as document ``document_id``."""
    entities: list[Row] = []
    mentions: list[Row] = []
    for e in ledger.entities:
        entities.append(
            {
                "document_id": document_id,
                "eid": e.id,
                "name": e.name,
                "label": e.label,
                "descriptions": list(e.descriptions),
            }
        )
        mentions.extend(
            {"document_id": document_id, "eid": e.id, "start": m.start, "end": m.end,
             "text": m.text}
            for m in e.mentions
        )  # fmt: skip
    attributions = [
        {
            "document_id": document_id,
            "aid": a.id,
            "kind": a.kind,
            **_span("source", a.source),
            "speaker": a.speaker,
            **_span("cue", a.cue),
            "content": [c.to_json() for c in a.content],
            "medium": a.medium,
        }
        for a in ledger.attributions
    ]
    figures = [
        {
            "document_id": document_id,
            "fid": f.id,
            "measure": f.measure,
            "value": f.value,
            "qualifier": f.qualifier,
            "low": f.low,
            "high": f.high,
            "who": f.who,
            **_span("span", f.span),
            **_span("number", f.number),
            "place": f.place,
            "event": f.event,
            "as_of": f.as_of,
            "attributed_text": f.attributed_to.text if f.attributed_to else None,
            "attributed_entity": f.attributed_to.entity if f.attributed_to else None,
            "attributed_attribution": f.attributed_to.attribution if f.attributed_to else None,
            "population": f.population or "people",
            "place_id": f.place_id,
            "period": f.period or "incident",
            "part_of": f.part_of,
            "implied": f.implied,
            **keys,
        }
        for f, keys in zip(ledger.figures, series_keys(ledger.figures), strict=True)
    ]
    dates = [
        {"document_id": document_id, "start": x.start, "end": x.end, "text": x.text,
         "value": x.value}
        for x in ledger.dates
    ]  # fmt: skip
    return {
        "entities": entities,
        "mentions": mentions,
        "attributions": attributions,
        "figures": figures,
        "dates": dates,
    }


class Counted(Protocol):
    """What the series keys of a figure are worked out from: a :class:`Figure`, or a
    stored figure row."""

    @property
    def measure(self) -> str: ...
    @property
    def value(self) -> int: ...
    @property
    def qualifier(self) -> str: ...
    @property
    def who(self) -> str | None: ...
    @property
    def place(self) -> str | None: ...


def series_keys(figures: Sequence[Counted]) -> list[Row]:
    """The series keys of the figures of one document, in their order: the class of
    people each counts and its place, normalised (``who_key``, ``place_key``; see
    :mod:`according.ledger.series`), and whether another of them gives the same number
    (measure, value and qualifier) in another series (``shared_number``)."""
    keys = [(who_class(f.who), place_key(f.place)) for f in figures]
    series: dict[tuple[str, int, str], set[tuple[str, str | None]]] = defaultdict(set)
    for f, key in zip(figures, keys, strict=True):
        series[f.measure, f.value, f.qualifier].add(key)
    return [
        {"who_key": who, "place_key": place,
         "shared_number": len(series[f.measure, f.value, f.qualifier]) > 1}
        for f, (who, place) in zip(figures, keys, strict=True)
    ]  # fmt: skip


#: Documents whose figure rows are read and keyed at a time by :func:`fill_series_keys`.
FILL_DOCUMENTS = 500


def fill_series_keys(conn: Connection) -> int:
    """Write the series keys of every stored figure row (a store made before them needs
    them), a batch of documents at a time in id order; return how many rows."""
    f = figures_table
    keyed = (
        update(f)
        .where(f.c.document_id == bindparam("row_document"), f.c.fid == bindparam("row_fid"))
        .values(
            who_key=bindparam("row_who_key"),
            place_key=bindparam("row_place_key"),
            shared_number=bindparam("row_shared_number"),
        )
    )
    columns = (f.c.document_id, f.c.fid, f.c.measure, f.c.value, f.c.qualifier, f.c.who,
               f.c.place)  # fmt: skip
    done = 0
    last = 0
    while True:
        batch = conn.scalars(
            select(f.c.document_id)
            .where(f.c.document_id > last)
            .distinct()
            .order_by(f.c.document_id)
            .limit(FILL_DOCUMENTS)
        ).all()
        if not batch:
            return done
        rows = conn.execute(
            select(*columns)
            .where(f.c.document_id.between(batch[0], batch[-1]))
            .order_by(f.c.document_id, f.c.fid)
        ).all()
        params = []
        for _, of_document in groupby(rows, key=attrgetter("document_id")):
            figures = list(of_document)
            for row, keys in zip(figures, series_keys(figures), strict=True):
                params.append({"row_document": row.document_id, "row_fid": row.fid,
                               **{f"row_{name}": v for name, v in keys.items()}})  # fmt: skip
        conn.execute(keyed, params)
        done += len(params)
        last = batch[-1]
