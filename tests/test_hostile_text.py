"""Stored text is printed as text: rich markup, emoji codes and terminal control
sequences in titles, names, quotations, sites, URLs and ids reach the terminal literally
(markup) or made visible (controls, ``␛``), and JSON keeps them as escaped JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from according import cli
from according.cli import app
from according.outputs import json_text
from according.records import (
    AttributedTo,
    Attribution,
    DateMention,
    Document,
    Entity,
    Figure,
    Ledger,
)
from according.store import Store
from according.views.safe import text, visible
from store_fixtures import sp

pytest_plugins = ["store_fixtures"]

LINK = "[link=https://evil.example]x[/link]"
CLEAR = "\x1b[2J"
OSC8 = "\x1b]8;;http://x\x1b\\"
NAME = f"Ana [bold red]Marsh[/]{CLEAR}"
QUOTE = f"{LINK} the water [/] rose{OSC8} fast :warning: \x9b31m \u202eright"
MEDIUM = f"[bold red]Radio[/] Tide{CLEAR}"
PLACE = "Port [/]Vell"
TEXT = (
    f"Mayor {NAME} said: “{QUOTE}”, speaking to {MEDIUM}. "
    f"At least 12 people were killed in {PLACE}, {NAME} said on Monday."
)
TITLE = f"{LINK} Flood {CLEAR}{OSC8}"
SITE = "[bold red]Tide News[/]"

#: what must never reach standard output raw
RAW = ("\x1b", "\x9b", "\u202e", "\x07")


def hostile_ledger(doc_id: str, url: str) -> Ledger:
    t = TEXT
    document = Document(
        id=doc_id, text=t, title=TITLE, site=SITE, url=url, published=dt.date(2026, 2, 3),
        author=f"{LINK} writer",
    )  # fmt: skip
    entities = (
        Entity("E1", NAME, "PERSON", (sp(t, NAME), sp(t, NAME, 1)), (f"Mayor {LINK}",)),
        Entity("E2", PLACE, "GPE", (sp(t, PLACE),)),
    )
    attributions = (
        Attribution(
            "A1", "direct", cue=sp(t, "said"), content=(sp(t, QUOTE),),
            source=sp(t, f"Mayor {NAME}"), speaker="E1", medium=MEDIUM,
        ),
        Attribution(
            "A2", "indirect", cue=sp(t, "said", 1),
            content=(sp(t, f"At least 12 people were killed in {PLACE}"),),
            source=sp(t, NAME, 1), speaker="E1",
        ),
    )  # fmt: skip
    figures = (
        Figure(
            "F1", "killed", 12, "at_least", sp(t, "At least 12 people were killed"),
            sp(t, "12"), low=12, who=f"people {CLEAR}", place=PLACE,
            attributed_to=AttributedTo(NAME, "E1", "A2"),
        ),
    )  # fmt: skip
    monday = sp(t, "Monday")
    dates = (DateMention(monday.start, monday.end, f"Monday{CLEAR}", "2026-02-02"),)
    return Ledger(document, entities, attributions, figures, dates)


DOC_ID = f"hostile/[bold red]flood{CLEAR}.txt"
COPY_ID = "https://copy.test/[/]flood"


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A store holding the hostile report and a copy of it (a repost cluster)."""
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    with Store(url) as store:
        store.save(hostile_ledger(DOC_ID, f"https://news.test/flood{CLEAR}"), "1")
        store.save(hostile_ledger(COPY_ID, COPY_ID), "2")
    monkeypatch.setattr(cli.out, "_width", 2000)  # no folding of long cells
    yield url


def run(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    for raw in RAW:
        assert raw not in result.stdout, (args, raw, result.stdout)
        assert raw not in result.stderr, (args, raw, result.stderr)
    return result.stdout, result.stderr


def test_the_helper_makes_controls_visible_and_markup_literal() -> None:
    assert visible(f"a{CLEAR}b\x9b\u202ec\td\ne\r") == "a␛[2Jb\\x9b\\u202ec\td\ne␍"
    assert visible(None) == ""
    assert text(LINK).plain == LINK and not text(LINK).spans
    dumped = json_text({"q": QUOTE})
    assert json.loads(dumped) == {"q": QUOTE}
    assert not any(raw in dumped for raw in RAW)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["show", DOC_ID], [TITLE, NAME, QUOTE, MEDIUM, PLACE, SITE, LINK + " writer"]),
        (["search", "water"], [DOC_ID, TITLE]),
        (["stats"], [NAME, DOC_ID, COPY_ID, SITE]),
        (["clusters"], [DOC_ID, COPY_ID, SITE]),
        (["entities"], [NAME, PLACE, f"Mayor {LINK}"]),
        (["figures"], [NAME, PLACE]),
        (["figures", "--latest", "--place", "Vell"], [NAME]),
        (["quotes"], [NAME, QUOTE, MEDIUM]),
        (["quotes", "--text", "[/]", "--speaker", "[bold red]"], [NAME, QUOTE, MEDIUM]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) and isinstance(v[0], str) else None,
)
def test_each_command_prints_stored_text_as_text(
    hostile: str, command: list[str], expected: list[str]
) -> None:
    stdout, _ = run(*command, "--db", hostile)
    for value in expected:
        assert visible(value) in stdout, (value, stdout)
    assert "␛[2J" in stdout


@pytest.mark.parametrize(
    "command",
    [["show", DOC_ID], ["search", "water"], ["stats"], ["clusters"], ["entities"],
     ["figures"], ["quotes"]],
    ids=lambda v: v[0],
)  # fmt: skip
def test_json_outputs_keep_the_text_escaped(hostile: str, command: list[str]) -> None:
    stdout, _ = run(*command, "--db", hostile, "--json")
    strings = set(_strings(json.loads(stdout)))  # escaped, yet the same text
    assert strings & {NAME, DOC_ID, TITLE}
    if command[0] in ("show", "quotes"):
        assert QUOTE in strings and ":warning:" in stdout  # no emoji either


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_exports_escape_controls_in_json_lines(hostile: str, tmp_path: Path) -> None:
    stdout, _ = run("export", "attributions", "--format", "jsonl", "--db", hostile)
    rows = [json.loads(line) for line in stdout.splitlines()]
    assert QUOTE in set(_strings(rows))
    out = tmp_path / f"out{CLEAR}.jsonl"
    _, stderr = run("export", "attributions", "--format", "jsonl", "--out", str(out),
                    "--db", hostile)  # fmt: skip
    assert "rows of attributions" in stderr and "out␛[2J.jsonl" in stderr
    assert out.read_text(encoding="utf-8") == stdout


def test_a_crafted_text_ingested_is_shown_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the whole pipeline: a JSON Lines record with hostile title, site, URL and
    a quotation."""
    monkeypatch.setattr(cli.out, "_width", 2000)
    record = {
        "text": f"The river rose overnight. “{QUOTE},” said Mayor Ana Marsh. "
        "The council said 40 homes were flooded.",
        "title": TITLE,
        "site": SITE,
        "url": f"https://news.test/{CLEAR}flood",
        "published": "2026-02-03",
    }
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'ingested.db'}"
    run("ingest", str(source), "--db", db, "--quiet")
    shown, _ = run("show", record["url"], "--db", db)
    assert visible(TITLE) in shown and visible(QUOTE.split(" :")[0]) in shown
    found, _ = run("search", "river", "--db", db)
    assert visible(TITLE) in found
    run("quotes", "--db", db)
    run("stats", "--db", db)


def test_a_bad_input_named_with_control_characters_is_reported_visibly(tmp_path: Path) -> None:
    bad = tmp_path / f"empty{CLEAR}.txt"
    bad.write_text("  \n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(bad)])
    assert result.exit_code == 1
    assert "empty␛[2J.txt" in result.stderr and "\x1b" not in result.stderr
