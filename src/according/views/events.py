"""Events across documents for people: a table of events, and one event whole (its
documents, then its series and quotes as ``according figures`` and ``according quotes``
show them)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from according.store.event_queries import EventDetail, EventSummary
from according.views.safe import text
from according.views.series import print_quotes, print_series, short_document

__all__ = ["measures_text", "print_event", "print_events"]


def measures_text(measures: dict[str, int]) -> str:
    """Headline measures in a line: "killed 2, injured 2"."""
    return ", ".join(f"{m.replace('_', ' ')} {v:,}" for m, v in measures.items())


def print_events(console: Console, events: Sequence[EventSummary]) -> None:
    """Events as a table: id, dates, main place, documents, headline measures."""
    if not events:
        console.print(text("no events match"))
        return
    table = Table(show_lines=False)
    for column in ("event", "first", "last", "place", "documents", "measures"):
        table.add_column(column, overflow="fold")
    for e in events:
        table.add_row(
            text(e.id),
            text(e.first.isoformat() if e.first else "?"),
            text(e.last.isoformat() if e.last else "?"),
            text(e.place or ""),
            text(e.documents),
            text(measures_text(dict(e.measures))),
        )
    console.print(table)


def print_event(console: Console, event: EventDetail) -> None:
    """One event: its summary, its documents, its series and its quotes."""
    s = event.summary
    dates = f"{s.first or '?'} – {s.last or '?'}"
    console.print(text(f"event {s.id}: {s.place or '(no place)'}, {dates}"))
    if s.measures:
        console.print(text(f"  {measures_text(dict(s.measures))}"))
    table = Table(title=text("documents"), title_justify="left", show_lines=False)
    for column in ("published", "title", "site", "document"):
        table.add_column(column, overflow="fold")
    for d in event.documents:
        table.add_row(
            text(d.published.isoformat() if d.published else "?"),
            text(d.title or ""),
            text(d.site or ""),
            text(short_document(d.document)),
        )
    console.print(table)
    print_series(console, event.series)
    print_quotes(console, event.quotes)
