"""The ``according`` command: a thin layer over the library, errors translated here."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup

from according import __version__
from according.errors import AccordingError, InputError, OutputError, QueryError
from according.options import FetchOptions, Options, default_db_url
from according.records import Ledger

__all__ = ["app", "main"]

LOGGER = logging.getLogger(__name__)


class _Edge(TyperGroup):
    """The command group that turns any :class:`AccordingError` a command lets through
    into one ``error: …`` line and exit code 1, without a traceback."""

    def invoke(self, ctx: Any) -> Any:  # typer's own click Context
        try:
            return super().invoke(ctx)
        except AccordingError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    name="according",
    cls=_Edge,
    help="Turn news reports into a sourced ledger: who said what, which figures, "
    "according to whom, as of when.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


# ---------------------------------------------------------------- shared options


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


Inputs = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt, .html, .xml/.rss/.atom feeds, .warc/.warc.gz, .jsonl), "
        "directories, http(s) URLs, or - for standard input.",
        show_default=False,
    ),
]
Db = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store URL: sqlite:///FILE or postgresql://USER@HOST/DB "
        "[default: $ACCORDING_DB or sqlite:///according.db]",
        show_default=False,
    ),
]
Published = Annotated[
    str | None,
    typer.Option(help="Published date (YYYY-MM-DD) for every document; overrides metadata."),
]
AllowPrivate = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Let URLs reach loopback, private and link-local addresses (off by default).",
    ),
]
Timeout = Annotated[
    float, typer.Option(help="Seconds a URL may take in all (redirects, headers and body).")
]
MaxBytes = Annotated[
    int, typer.Option(help="Largest input, download, JSON line or WARC record, in bytes.")
]
MaxSeconds = Annotated[
    float,
    typer.Option(help="Seconds of analysis a document may take; over it is 'too slow' (0: none)."),
]
MaxTokens = Annotated[
    int, typer.Option(help="Most words and punctuation marks in a document analysed.")
]
MaxSentence = Annotated[
    int, typer.Option(help="Most characters without a sentence end in a document analysed.")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]
Force = Annotated[
    bool,
    typer.Option("--force", help="Overwrite the output file if it exists (refused otherwise)."),
]
# the bounds of according.store.bounds (typer checks them before anything is read)
SEARCH_MOST, LIST_MOST = 1_000, 1_000_000


def _options(
    published: str | None,
    allow_private: bool,
    timeout: float,
    max_bytes: int,
    max_seconds: float = 60.0,
    max_tokens: int = 50_000,
    max_sentence_chars: int = 20_000,
) -> Options:
    try:
        fetch = FetchOptions(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
        return Options(
            fetch=fetch,
            published=_parse_date(published),
            max_seconds=max_seconds or None,
            max_tokens=max_tokens,
            max_sentence_chars=max_sentence_chars,
        )
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


@contextmanager
def _open_store(db: str | None) -> Iterator[Any]:
    from according.store.repository import Store

    url = db or default_db_url()
    try:
        store = Store(url)
    except AccordingError as e:
        err.print(f"error: {e}")
        raise typer.Exit(2) from None
    try:
        yield store
    finally:
        store.close()


def _report_error(error: InputError) -> None:
    from according.views.safe import visible

    # an input's name and reason may hold control characters (a file name, a URL)
    typer.echo(f"error: {visible(error.source)}: {visible(error.reason)}", err=True)


def _print_json(value: Any) -> None:
    """``value`` as JSON on standard output, control characters escaped (never through
    rich, which would read emoji codes in it)."""
    from according.outputs import json_text

    sys.stdout.write(json_text(value, indent=1) + "\n")
    sys.stdout.flush()


def _refuse(error: QueryError | OutputError) -> typer.Exit:
    """Print a bad query's or output's one line ``error: ...``; the exit to raise."""
    from according.views.safe import visible

    typer.echo(f"error: {visible(error)}", err=True)
    return typer.Exit(2)


# ---------------------------------------------------------------- commands


@app.command()
def analyze(
    inputs: Inputs,
    published: Published = None,
    allow_private: AllowPrivate = False,
    timeout: Timeout = 20.0,
    max_bytes: MaxBytes = 10_000_000,
    max_seconds: MaxSeconds = 60.0,
    max_tokens: MaxTokens = 50_000,
    max_sentence_chars: MaxSentence = 20_000,
) -> None:
    """Print the ledger of each input as JSON Lines, one object per document.

    Example: according analyze article.txt --published 2023-10-26
    """
    from according.analyze import Analyzer
    from according.ingest import iter_documents
    from according.outputs import json_text

    options = _options(
        published, allow_private, timeout, max_bytes, max_seconds, max_tokens, max_sentence_chars
    )
    analyzer = Analyzer(options)
    failed = 0
    items = iter_documents(inputs, options)  # "-" reads the process's standard input
    for result in analyzer.analyze_many(items):
        if isinstance(result, InputError):
            failed += 1
            _report_error(result)
            continue
        sys.stdout.write(json_text(result.to_json()) + "\n")
        sys.stdout.flush()
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: Inputs,
    db: Db = None,
    published: Published = None,
    allow_private: AllowPrivate = False,
    timeout: Timeout = 20.0,
    max_bytes: MaxBytes = 10_000_000,
    max_seconds: MaxSeconds = 60.0,
    max_tokens: MaxTokens = 50_000,
    max_sentence_chars: MaxSentence = 20_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Analyse inputs and store their ledgers; the same document again replaces
    (or, unchanged, leaves) the stored one.

    Example: according ingest news/ feed.xml --db sqlite:///news.db
    """
    from according import run

    options = _options(
        published, allow_private, timeout, max_bytes, max_seconds, max_tokens, max_sentence_chars
    )
    with _open_store(db) as store:
        progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=quiet or not err.is_terminal,
            transient=True,
        )
        with progress:
            task = progress.add_task("ingesting", total=None)

            def on_item(source: str, outcome: str) -> None:
                progress.advance(task)
                if outcome == "failed":
                    LOGGER.debug("failed: %s", source)

            report = run.ingest(inputs, store, options, on_item=on_item)
        for error in report.errors:
            _report_error(error)
        o = report.outcomes
        typer.echo(
            f"{report.documents} documents: {o['added']} added, {o['replaced']} replaced, "
            f"{o['unchanged']} unchanged; {report.failed} failed",
            err=True,
        )
        _print_stats(store.stats(), as_json=False)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="The document: its id (path or URL), URL or number.")],
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Show one stored document's ledger.

    Example: according show qatar-hostages.txt --db sqlite:///news.db
    """
    from according.views.terminal import render_ledger

    with _open_store(db) as store:
        ledger: Ledger | None = store.get(doc)
    if ledger is None:
        typer.echo(f"error: no stored document {doc!r}", err=True)
        raise typer.Exit(1)
    if as_json:
        _print_json(ledger.to_json())
    else:
        render_ledger(ledger, out)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words or a quoted phrase.")],
    db: Db = None,
    limit: Annotated[
        int, typer.Option(help="At most this many hits.", min=1, max=SEARCH_MOST)
    ] = 20,
    as_json: AsJson = False,
) -> None:
    """Full-text search over stored documents, best match first. A query holds at most
    1,000 characters and 64 words.

    Example: according search '"Sky News" hostages' --limit 5
    """
    from according.views.terminal import render_hits

    with _open_store(db) as store:
        try:
            hits = store.search(query, limit=limit)
        except QueryError as e:
            raise _refuse(e) from None
    if as_json:
        rows = [
            {
                "id": h.doc_id,
                "title": h.title,
                "published": h.published.isoformat() if h.published else None,
                "snippet": h.snippet,
                "rank": h.rank,
            }
            for h in hits
        ]
        _print_json(rows)
    else:
        render_hits(query, hits, out)


@app.command()
def stats(db: Db = None, as_json: AsJson = False) -> None:
    """Summarise the store: documents, entities, attributions, figures and dates.

    Example: according stats --db sqlite:///news.db
    """
    with _open_store(db) as store:
        _print_stats(store.stats(), as_json=as_json)


@app.command()
def clusters(db: Db = None, as_json: AsJson = False) -> None:
    """List repost clusters: documents that are copies of one another (aggregator
    reposts, wire stories), each with its original, earliest published first.

    Example: according clusters --db sqlite:///news.db --json
    """
    from according.views.terminal import clusters_json, render_clusters

    with _open_store(db) as store:
        found = store.clusters()
    if as_json:
        _print_json(clusters_json(found))
    else:
        render_clusters(found, out)


def _print_stats(stats: Any, *, as_json: bool) -> None:
    from according.views.terminal import render_stats, stats_json

    if as_json:
        _print_json(stats_json(stats))
    else:
        render_stats(stats, out)


# ---------------------------------------------------------------- across documents


@app.command()
def figures(
    measure: Annotated[
        str | None, typer.Option(help="Only this measure: killed, injured, held_hostage, ...")
    ] = None,
    place: Annotated[str | None, typer.Option(help="Only series whose place matches.")] = None,
    who: Annotated[
        str | None, typer.Option(help="Only these people counted (soldiers, children, ...).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="As of this date or later (ISO).")] = None,
    until: Annotated[str | None, typer.Option(help="As of this date or earlier (ISO).")] = None,
    event: Annotated[
        int | None, typer.Option(help="Only the series of this event (see according events).")
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option(help="Also draw the series over time to this new .png/.svg/.pdf file."),
    ] = None,
    force: Force = False,
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Only series where sources disagree or go back.")
    ] = False,
    latest: Annotated[
        bool, typer.Option("--latest", help="Show each source's latest value, not every point.")
    ] = False,
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Figure series across the store: each measure and people counted, its points over
    time per source, the latest value, and where sources disagree.

    Example: according figures --measure held_hostage --since 2023-10-07 --plot held.png
    """
    from according.outputs import check_output
    from according.records import MEASURES
    from according.store.queries import figure_series
    from according.views.safe import text
    from according.views.series import PLOT_SUFFIXES, plot_series, print_series

    if measure is not None and measure not in MEASURES:
        raise typer.BadParameter(f"{measure!r} is not one of {', '.join(MEASURES)}")
    if plot is not None and plot.suffix.lower() not in PLOT_SUFFIXES:
        raise typer.BadParameter(f"{plot}: a plot is {', '.join(PLOT_SUFFIXES)}")
    first, last = _parse_date(since), _parse_date(until)
    try:
        if plot is not None:  # before the work, not after
            check_output(plot, force=force)
        with _open_store(db) as store:
            series = figure_series(
                store,
                measure=measure,
                place=place,
                who=who,
                since=first,
                until=last,
                event=event,
            )
    except (QueryError, OutputError) as e:
        raise _refuse(e) from None
    if conflicts:
        series = [s for s in series if s.conflicts()]
    if as_json:
        _print_json([s.to_json() for s in series])
    else:
        print_series(out, series, points=not latest)
    if plot is not None:
        try:
            plot_series(series, plot, force=force)
        except OutputError as e:
            raise _refuse(e) from None
        err.print(text(f"plot: {plot} ({len(series)} series)"))


@app.command()
def quotes(
    speaker: Annotated[
        str | None,
        typer.Option(help="Only this speaker: any spelling of the entity, or part of a name."),
    ] = None,
    since: Annotated[str | None, typer.Option(help="Published this date or later.")] = None,
    until: Annotated[str | None, typer.Option(help="Published this date or earlier.")] = None,
    medium: Annotated[
        str | None, typer.Option(help="Only said in this medium (Sky News, a statement ...).")
    ] = None,
    text: Annotated[str | None, typer.Option(help="Only quotes whose words hold this.")] = None,
    limit: Annotated[
        int | None, typer.Option(help="At most this many.", min=1, max=LIST_MOST)
    ] = None,
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Who said what over time: stored attributions by speaker, oldest first. A speaker
    matches every spelling of one canonical entity across documents.

    Example: according quotes --speaker Al-Khulaifi --since 2023-10-01 --medium "Sky News"
    """
    from according.store.queries import quotes as find_quotes
    from according.views.series import print_quotes

    first, last = _parse_date(since), _parse_date(until)
    with _open_store(db) as store:
        try:
            found = find_quotes(
                store, speaker=speaker, since=first, until=last, medium=medium, text=text,
                limit=limit,
            )  # fmt: skip
        except QueryError as e:
            raise _refuse(e) from None
    if as_json:
        _print_json([q.to_json() for q in found])
    else:
        print_quotes(out, found)


events_app = typer.Typer(
    help="Events across documents: the reports of one incident by every outlet.\n\n"
    "Example: according events --place Chicago --since 2017-03-01; according events show 12",
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(events_app, name="events")


@events_app.callback()
def events(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="Reported this date or later.")] = None,
    until: Annotated[str | None, typer.Option(help="Reported this date or earlier.")] = None,
    place: Annotated[
        str | None, typer.Option(help="Only events whose reports name this place.")
    ] = None,
    measure: Annotated[
        str | None, typer.Option(help="Only events with figures of this measure.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="At most this many.", min=1, max=LIST_MOST)
    ] = None,
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Events across documents, latest first: id, dates, main place, documents and
    headline measures.

    Example: according events --place Chicago --measure killed --limit 20
    """
    if ctx.invoked_subcommand is not None:
        return
    from according.records import MEASURES
    from according.store.event_queries import list_events
    from according.views.events import print_events

    if measure is not None and measure not in MEASURES:
        raise typer.BadParameter(f"{measure!r} is not one of {', '.join(MEASURES)}")
    first, last = _parse_date(since), _parse_date(until)
    with _open_store(db) as store:
        try:
            found = list_events(
                store, since=first, until=last, place=place, measure=measure, limit=limit
            )
        except QueryError as e:
            raise _refuse(e) from None
    if as_json:
        _print_json([e.to_json() for e in found])
    else:
        print_events(out, found)


@events_app.command("show")
def events_show(
    event: Annotated[int, typer.Argument(help="The event's id (see according events).")],
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """One event whole: its documents, its figure series and its quotes.

    Example: according events show 12 --json
    """
    from according.store.event_queries import event_detail
    from according.views.events import print_event
    from according.views.safe import text

    with _open_store(db) as store:
        found = event_detail(store, event)
    if found is None:
        err.print(text(f"error: no event {event}"))
        raise typer.Exit(1)
    if as_json:
        _print_json(found.to_json())
    else:
        print_event(out, found)


@app.command()
def entities(
    name: Annotated[
        str | None,
        typer.Option(
            help="Only entities with an alias holding these words (any case, accents, "
            "hyphens, al-)."
        ),
    ] = None,
    label: Annotated[
        str | None, typer.Option(help="Only this label: PERSON, ORG, GPE, LOC, NORP, FAC ...")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="At most this many.", min=1, max=LIST_MOST)
    ] = None,
    db: Db = None,
    as_json: AsJson = False,
) -> None:
    """Canonical entities across documents: one per actor, with its aliases and
    descriptions, most mentioned first, with how many documents and quotes it has.

    Example: according entities --name Al-Khulaifi --label PERSON --db sqlite:///news.db
    """
    from according.views.terminal import entities_json, render_entities

    with _open_store(db) as store:
        try:
            found = store.entities(name=name, label=label, limit=limit)
        except QueryError as e:
            raise _refuse(e) from None
    if as_json:
        _print_json(entities_json(found))
    else:
        render_entities(found, out)


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="A table: documents, figures, attributions ...")],
    fmt: Annotated[str, typer.Option("--format", help="csv, jsonl or parquet.")] = "csv",
    out_path: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Write this new file (standard output if not given); written whole or not at all.",
        ),
    ] = None,
    force: Force = False,
    db: Db = None,
) -> None:
    """Export one table of the store as CSV, JSON Lines or Parquet. An existing --out
    file is kept unless --force is given.

    Example: according export figures --format parquet --out figures.parquet
    """
    from according.outputs import check_output
    from according.store.export import FORMATS, TABLES, export_table
    from according.views.safe import text

    if table not in TABLES:
        raise typer.BadParameter(f"{table!r} is not one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out_path is None:
        raise typer.BadParameter("parquet needs a file: give --out PATH")
    try:
        if out_path is not None:  # before the store is opened
            check_output(out_path, force=force)
        with _open_store(db) as store:
            count = export_table(store, table, fmt, out_path, force=force)
    except OutputError as e:
        raise _refuse(e) from None
    if out_path is not None:
        err.print(text(f"{count:,} rows of {table} → {out_path}"))


eval_app = typer.Typer(
    help="Score the pipeline against gold data.\n\n"
    "Example: according eval polnear ../shared/data/polnear/dev",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")


@eval_app.command("polnear")
def eval_polnear(
    folder: Annotated[
        Path, typer.Argument(help="A PolNeAR folder (text/, attributions/), e.g. dev.")
    ],
    out: Annotated[
        Path | None, typer.Option(help="Also keep the predictions (ledger JSON Lines) here.")
    ] = None,
    scorer: Annotated[
        Path | None,
        typer.Option(help="polnear_score.py [default: eval/polnear_score.py above FOLDER]"),
    ] = None,
    model: Annotated[
        Path | None, typer.Option(help="A folder of attribution tagger files to use.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Run the pipeline over a PolNeAR folder and print the scorer's figures.

    Example: according eval polnear ../shared/data/polnear/dev
    """
    import tempfile

    from according.analyze import Analyzer
    from according.eval.polnear import find_scorer, predict_polnear, score_polnear
    from according.eval.scorer import ScorerError

    scorer = scorer or find_scorer(folder)
    if scorer is None or not scorer.is_file():
        err.print(f"error: no polnear_score.py found above {folder}; give --scorer")
        raise typer.Exit(2)
    options = Options(attribution_model=str(model) if model else None)
    with tempfile.TemporaryDirectory() as tmp:
        pred = out or Path(tmp) / "pred.jsonl"
        try:
            predict_polnear(folder, pred, Analyzer(options))
        except InputError as e:
            _report_error(e)
            raise typer.Exit(1) from None
        try:
            result = score_polnear(folder, pred, scorer)
        except ScorerError as e:
            err.print(f"error: {e}", markup=False)
            raise typer.Exit(1) from None
    if as_json:
        out_text = json.dumps(result, indent=1)
        typer.echo(out_text)
        return
    typer.echo(f"{result['documents']} documents")
    for metric in ("exact", "overlap"):
        for role, cell in result[metric].items():
            typer.echo(
                f"{metric:8} {role:8} P {cell['p']:.3f}  R {cell['r']:.3f}  F1 {cell['f1']:.3f}"
                f"  (pred {cell['pred']}, gold {cell['gold']})"
            )
    rel = result["relation"]
    typer.echo(
        f"relation          P {rel['p']:.3f}  R {rel['r']:.3f}  F1 {rel['f1']:.3f}"
        f"  (pred {rel['pred']}, gold {rel['gold']})"
    )


@eval_app.command("figures")
def eval_figures(
    gold: Annotated[
        Path,
        typer.Argument(metavar="GOLD", help="Gold figures, JSON Lines: {id, figures} a line."),
    ],
    texts: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="The gold's texts (matched to it by file name)."),
    ],
    out: Annotated[
        Path | None, typer.Option(help="Also keep the predictions (ledger JSON Lines) here.")
    ] = None,
    scorer: Annotated[
        Path | None,
        typer.Option(help="figures_score.py [default: eval/figures_score.py above GOLD]"),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Run the pipeline over a folder of texts and print the figures scorer's results
    against GOLD: found and full P/R/F1, accuracy on found, misses.

    Example: according eval figures figures-dev/gold.jsonl figures-dev/texts
    """
    import tempfile

    from according.analyze import Analyzer
    from according.eval.figures import (
        count_misses,
        find_scorer,
        gold_names,
        predict_figures,
        score_figures,
    )
    from according.eval.scorer import ScorerError

    if not gold.is_file():
        err.print(f"error: {gold}: no such gold file", markup=False)
        raise typer.Exit(2)
    if not texts.is_dir():
        err.print(f"error: {texts}: no such folder of texts", markup=False)
        raise typer.Exit(2)
    scorer = scorer or find_scorer(gold)
    if scorer is None or not scorer.is_file():
        err.print(f"error: no figures_score.py found above {gold}; give --scorer", markup=False)
        raise typer.Exit(2)
    try:
        names = gold_names(gold)
    except InputError as e:
        _report_error(e)
        raise typer.Exit(2) from None
    with tempfile.TemporaryDirectory() as tmp:
        pred = out or Path(tmp) / "pred.jsonl"
        predictions = predict_figures(texts, pred, Analyzer())
        for error in predictions.errors:
            _report_error(error)
        absent = sorted(set(names) - set(predictions.names))
        if absent:
            more = f" and {len(absent) - 3} more" if len(absent) > 3 else ""
            typer.echo(
                f"warning: {len(absent)} gold documents have no text in {texts} "
                f"(their figures count as missed): {', '.join(absent[:3])}{more}",
                err=True,
            )
        try:
            result = score_figures(gold, pred, scorer)
        except ScorerError as e:
            err.print(f"error: {e}", markup=False)
            raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        typer.echo(f"{result['documents']} documents")
        for metric in ("found", "full"):
            cell = result[metric]
            typer.echo(
                f"{metric:6} P {cell['p']:.3f}  R {cell['r']:.3f}  F1 {cell['f1']:.3f}"
                f"  (pred {cell['pred']}, gold {cell['gold']})"
            )
        accuracy = "  ".join(f"{k} {v:.3f}" for k, v in result["accuracy_on_found"].items())
        typer.echo(f"accuracy on found: {accuracy}")
        misses = count_misses(result)
        typer.echo(
            f"misses: {misses.total} ({misses.not_found} not found, {misses.wrong} wrong; "
            "--json lists the first 40)"
        )
    if predictions.errors:
        raise typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        out.print(f"according {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print version.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def main() -> None:
    """Entry point of the ``according`` command."""
    app()
