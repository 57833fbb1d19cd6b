"""Figure series for people: a table per series, and a plot of each series over time
(one line per source) when looking beats reading."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from according.errors import OptionError
from according.ledger.series import Point, Series
from according.outputs import atomic_output, check_output
from according.store.queries import Quote
from according.views.safe import text, visible

__all__ = ["PLOT_SUFFIXES", "plot_series", "print_quotes", "print_series"]

PLOT_SUFFIXES = (".png", ".svg", ".pdf")
_QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "fewer than ",
}


def value_text(point: Point) -> str:
    """ "more than 1,400", "10–15", "224"."""
    if point.qualifier == "range" and point.high is not None:
        return f"{point.low if point.low is not None else point.value:,}–{point.high:,}"
    return f"{_QUALIFIER_WORDS.get(point.qualifier, '')}{point.value:,}"


def short_document(doc: str) -> str:
    """A document id short enough for a table: a file's name, a URL's host and last
    path segment."""
    if "://" in doc:
        host = doc.split("://", 1)[1].split("/", 1)[0].removeprefix("www.")
        tail = doc.rstrip("/").rsplit("/", 1)[-1]
        return f"{host}/…/{tail}" if tail != host else host
    return Path(doc).name


def _title(series: Series) -> str:
    where = f" in {series.place}" if series.place else ""
    event = f" ({series.event})" if series.event else ""
    return f"{series.measure.replace('_', ' ')}: {series.who}{where}{event}"


def print_series(console: Console, series: Sequence[Series], *, points: bool = True) -> None:
    """Each series as a table: its points (as of, value, source, document, copies), then
    its latest value per source and its conflicts."""
    if not series:
        console.print(text("no figure series match"))
        return
    for s in series:
        table = Table(title=text(_title(s)), title_justify="left", show_lines=False)
        for column in ("as of", "value", "source", "document", "copies"):
            table.add_column(column, overflow="fold")
        shown = s.points if points else list(s.by_source().values())
        for p in shown:
            table.add_row(
                text(p.as_of.isoformat() if p.as_of else "?"),
                text(value_text(p)),
                text(p.source),
                text(short_document(p.document)),
                text(len(p.copies) if p.copies else ""),
            )
        console.print(table)
        latest = s.latest()
        if latest is not None:
            console.print(text(f"  latest: {value_text(latest)} ({latest.source}, {latest.as_of})"))
        for c in s.conflicts():
            a, b = c["points"]
            verb = "disagree" if c["kind"] == "disagree" else "goes backwards"
            line = Text("  ")
            line.append(verb, style="bold red")
            line.append_text(
                text(f" {c['as_of']}: {a['source']} {a['value']:,} vs {b['source']} {b['value']:,}")
            )
            console.print(line)
        console.print()


def _label(words: str) -> str:
    """Stored words as a plot label: control characters shown, and no ``$`` read as
    mathematics (an unpaired or malformed one would fail the drawing)."""
    return visible(words).replace("$", r"\$")


def plot_series(series: Sequence[Series], path: Path, *, force: bool = False) -> None:
    """Draw each series over time, one line per source, one panel per series, to
    ``path`` (.png, .svg or .pdf). A bounded value is drawn as its bound with a marker
    for the qualifier. The file is written whole or not at all, over an existing one
    only with ``force`` (:func:`according.outputs.atomic_output`)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise OptionError(f"{path}: a plot is .png, .svg or .pdf")
    check_output(path, force=force)
    shown = [s for s in series if any(p.as_of for p in s.points)] or list(series)
    rows = max(len(shown), 1)
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    fig, axes = plt.subplots(rows, 1, figsize=(11, 2.8 * rows), squeeze=False, sharex=True)
    markers = {"exact": "o", "about": "D", "at_least": "^", "more_than": "^", "at_most": "v",
               "less_than": "v", "range": "s"}  # fmt: skip
    palette = plt.get_cmap("tab20")
    colours = [palette(i) for i in range(20)]
    for ax, s in zip(axes[:, 0], shown, strict=False):
        ax.set_prop_cycle(color=colours)
        lines: dict[str, list[Point]] = defaultdict(list)
        for p in s.points:
            if p.as_of is not None:
                lines[p.source].append(p)
        for source, pts in sorted(lines.items()):
            pts.sort(key=lambda p: p.when)
            xs: list[dt.date] = [p.as_of for p in pts if p.as_of is not None]
            ys = [p.value for p in pts]
            (line,) = ax.plot(xs, ys, label=_label(source), linewidth=1.5)
            for p, x in zip(pts, xs, strict=True):
                ax.plot([x], [p.value], markers.get(p.qualifier, "o"), color=line.get_color())
                if p.qualifier == "range" and p.high is not None:
                    ax.vlines(x, p.low if p.low is not None else p.value, p.high,
                              color=line.get_color(), linewidth=3, alpha=0.4)  # fmt: skip
        ax.set_title(_label(_title(s)), loc="left", fontsize=10)
        ax.set_ylabel("people")
        ax.grid(alpha=0.3)
        if lines:
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        locator = AutoDateLocator(minticks=3, maxticks=10)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    fig.tight_layout()
    try:
        with atomic_output(path, force=force) as temp:
            fig.savefig(temp, format=path.suffix.lower().lstrip("."))
    finally:
        plt.close(fig)


def print_quotes(console: Console, quotes: Sequence[Quote]) -> None:
    """Quotes as a table: published, speaker, what they said, cue and medium, document."""
    if not quotes:
        console.print(text("no quotes match"))
        return
    table = Table(show_lines=False)
    for column in ("published", "speaker", "said", "cue", "medium", "document"):
        table.add_column(column, overflow="fold")
    for q in quotes:
        said = q.content if len(q.content) <= 200 else q.content[:199] + "…"
        table.add_row(
            text(q.published.isoformat() if q.published else "?"),
            text(q.speaker),
            text(said),
            text(q.cue),
            text(q.medium),
            text(short_document(q.document)),
        )
    console.print(table)
