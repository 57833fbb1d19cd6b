"""Readable terminal views of ledgers, search hits and store statistics.

Each view takes data the library computed and only renders it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from according.ledger.reposts import Cluster
from according.records import Ledger
from according.store.repository import SearchHit, StoredEntity, StoreStats
from according.views.safe import text

__all__ = [
    "clusters_json",
    "entities_json",
    "render_clusters",
    "render_entities",
    "render_hits",
    "render_ledger",
    "render_stats",
    "stats_json",
]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def stats_json(stats: StoreStats) -> dict[str, Any]:
    """The statistics as plain JSON values."""
    data: dict[str, Any] = _jsonable(dataclasses.asdict(stats))
    data["top_clusters"] = clusters_json(stats.top_clusters)
    return data


def clusters_json(clusters: Sequence[Cluster]) -> list[dict[str, Any]]:
    """Repost clusters as ``{"original": DOC, "members": [DOC, ...]}``, DOC being a
    ledger id and ``members`` every document of the cluster, the original first."""
    return [c.to_json() for c in clusters]


def render_clusters(clusters: Sequence[Cluster], console: Console, *, title: str = "") -> None:
    """Repost clusters as one table: each original, then its copies, with their sites
    and published dates."""
    if not clusters:
        console.print(text("no repost clusters"))
        return
    table = Table(title=text(title) if title else None, title_justify="left")
    # ids are paths or URLs: shown whole, folded over lines when the terminal is narrow
    table.add_column("original", overflow="fold", ratio=1)
    table.add_column("copies", overflow="fold", ratio=1)
    table.add_column("site")
    table.add_column("published", no_wrap=True)
    for i, cluster in enumerate(clusters):
        if i:
            table.add_section()
        for member in cluster.members:
            first = member is cluster.original
            table.add_row(
                text(member.doc_id if first else ""),
                text("" if first else member.doc_id),
                text(member.site),
                text(member.published.isoformat() if member.published else ""),
            )
    console.print(table)


def entities_json(found: Sequence[StoredEntity]) -> list[dict[str, Any]]:
    """Canonical entities as ``{"id", "name", "label", "aliases", "descriptions",
    "documents", "mentions", "quotes"}`` objects."""
    return [e.to_json() for e in found]


def render_entities(found: Sequence[StoredEntity], console: Console) -> None:
    """Canonical entities as one table: name, label, the other forms it is written in,
    its descriptions, and how many documents and quotes it has."""
    if not found:
        console.print(text("no entities match"))
        return
    table = Table()
    table.add_column("id", no_wrap=True)
    table.add_column("name", overflow="fold", ratio=2)
    table.add_column("label", no_wrap=True)
    table.add_column("aliases", overflow="fold", ratio=3)
    table.add_column("descriptions", overflow="fold", ratio=3)
    for col in ("documents", "mentions", "quotes"):
        table.add_column(col, justify="right", no_wrap=True)
    for e in found:
        table.add_row(
            text(e.id),
            text(e.name),
            text(e.label),
            text("; ".join(a for a in e.aliases if a != e.name)),
            text("; ".join(e.descriptions)),
            text(e.documents),
            text(e.mentions),
            text(e.quotes),
        )
    console.print(table)


def render_stats(stats: StoreStats, console: Console) -> None:
    """The ledger's summary: counts, date range, figures by measure, top entities."""
    span = ""
    if stats.first_published or stats.last_published:
        span = f", published {stats.first_published or '?'} to {stats.last_published or '?'}"
    console.print(
        text(
            f"{stats.documents} documents{span}: {stats.entities} entities "
            f"({stats.mentions} mentions), {stats.attributions} attributions, "
            f"{stats.figures} figures, {stats.dates} dates"
        )
    )
    if stats.figures_by_measure:
        table = Table(title="Figures by measure", title_justify="left")
        table.add_column("measure")
        table.add_column("figures", justify="right")
        for measure, count in sorted(stats.figures_by_measure.items(), key=lambda kv: -kv[1]):
            table.add_row(text(measure), text(count))
        console.print(table)
    if stats.top_speakers:
        table = Table(title="Most quoted speakers", title_justify="left")
        for col in ("speaker", "label", "attributions", "documents"):
            table.add_column(
                col, justify="right" if col in ("attributions", "documents") else "left"
            )
        for name, label, said, documents in stats.top_speakers:
            table.add_row(text(name), text(label), text(said), text(documents))
        console.print(table)
    if stats.top_entities:
        table = Table(title="Most mentioned entities", title_justify="left")
        for col in ("entity", "label", "mentions", "documents"):
            table.add_column(col, justify="right" if col in ("mentions", "documents") else "left")
        for name, label, mentions, documents in stats.top_entities:
            table.add_row(text(name), text(label), text(mentions), text(documents))
        console.print(table)
    if stats.repost_clusters:
        shown = len(stats.top_clusters)
        title = (
            f"Repost clusters ({stats.repost_clusters}, {stats.reposts} copies"
            + (f"; the {shown} largest" if shown < stats.repost_clusters else "")
            + ")"
        )
        render_clusters(stats.top_clusters, console, title=title)


def render_hits(query: str, hits: Sequence[SearchHit], console: Console) -> None:
    """Search hits, best first, each with its snippet."""
    if not hits:
        console.print(text(f"no document matches {query!r}"))
        return
    for hit in hits:
        head = text(hit.doc_id, style="bold")
        if hit.published:
            head.append(f"  {hit.published.isoformat()}")
        console.print(head)
        if hit.title:
            console.print(text(f"  {hit.title}"))
        console.print(text(f"  {hit.marked()}", style="dim"))


def render_ledger(ledger: Ledger, console: Console) -> None:
    """One document's ledger: metadata, entities, attributions, figures, dates."""
    d = ledger.document
    console.print(text(d.title or d.id, style="bold"))
    meta = [
        ("id", d.id),
        ("url", d.url),
        ("site", d.site),
        ("published", d.published.isoformat() if d.published else None),
        ("author", d.author),
        ("language", d.language),
        ("words", str(len(d.text.split()))),
    ]
    for key, value in meta:
        if value:
            console.print(text(f"  {key}: {value}"))
    if d.boilerplate:
        console.print(text("  boilerplate: " + "; ".join(repr(b.text) for b in d.boilerplate)))

    if ledger.entities:
        table = Table(title="Entities", title_justify="left")
        for col in ("id", "name", "label", "mentions", "description"):
            table.add_column(col)
        for e in ledger.entities:
            table.add_row(
                text(e.id),
                text(e.name),
                text(e.label),
                text(len(e.mentions)),
                text("; ".join(e.descriptions)),
            )
        console.print(table)

    names = {e.id: e.name for e in ledger.entities}
    if ledger.attributions:
        table = Table(title="Attributions", title_justify="left")
        for col in ("id", "speaker", "cue", "content", "medium"):
            table.add_column(col)
        for a in ledger.attributions:
            speaker = names.get(a.speaker or "", "") or (a.source.text if a.source else "")
            table.add_row(
                text(a.id),
                text(speaker),
                text(a.cue.text),
                text(" … ".join(c.text for c in a.content)),
                text(a.medium),
            )
        console.print(table)

    if ledger.figures:
        table = Table(title="Figures", title_justify="left")
        for col in ("id", "measure", "value", "qualifier", "who", "according to", "as of"):
            table.add_column(col)
        for f in ledger.figures:
            table.add_row(
                text(f.id),
                text(f.measure),
                text(f"{f.value:,}"),
                text(f.qualifier),
                text(f.who),
                text(f.attributed_to.text if f.attributed_to else "(reporter)"),
                text(f.as_of.isoformat() if f.as_of else ""),
            )
        console.print(table)

    if ledger.dates:
        console.print(text("Dates: " + "; ".join(f"{x.text} = {x.value}" for x in ledger.dates)))
