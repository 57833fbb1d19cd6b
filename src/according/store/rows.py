"""A ledger flattened into the rows of the store's tables (see :mod:`.schema`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from according.records import Ledger, Span

__all__ = ["ChildRows", "child_rows", "document_row"]

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
        }
        for f in ledger.figures
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
