"""JSON Lines files: one document per line, bad lines reported by PATH:LINE."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from according.errors import InputError
from according.options import FetchOptions, Options
from according.records import Document
from ingest_server import FLOOD, article_html, ingest


def write_lines(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_lines_become_documents_and_bad_lines_errors(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "reports.jsonl",
        [
            json.dumps(
                {
                    "id": "gazette-1",
                    "text": FLOOD[0],
                    "url": "https://gazette.example/1",
                    "title": "Flood hits Millbrook",
                    "published": "2024-03-05",
                    "author": "Jane Doe",
                    "site": "Valley Gazette",
                    "language": "en-GB",
                }
            ),
            '{"text": "The council met on Wednesday", "url": ',  # cut short
            json.dumps({"text": FLOOD[1], "url": "https://gazette.example/2"}),
            "",
            json.dumps({"text": FLOOD[2], "published": "2024-03-06T23:15:00-05:00"}),
            json.dumps({"url": "https://gazette.example/4"}),
            json.dumps({"text": "   "}),
            json.dumps(["not", "an", "object"]),
            json.dumps({"text": FLOOD[3], "published": "last Tuesday"}),
            json.dumps({"html": article_html("Cost of the flood", FLOOD[1:3]), "title": None}),
        ],
    )
    results = ingest(path)
    assert len(results) == 9

    first = results[0]
    assert isinstance(first, Document)
    assert first == Document(
        id="gazette-1",
        text=FLOOD[0],
        title="Flood hits Millbrook",
        site="Valley Gazette",
        url="https://gazette.example/1",
        published=dt.date(2024, 3, 5),
        author="Jane Doe",
        language="en",
    )

    bad_json = results[1]
    assert isinstance(bad_json, InputError)
    assert bad_json.source == f"{path}:2"
    assert bad_json.reason.startswith("malformed JSON")

    second = results[2]
    assert isinstance(second, Document)
    assert (second.id, second.url, second.text) == (
        "https://gazette.example/2",
        "https://gazette.example/2",
        FLOOD[1],
    )

    third = results[3]  # line 4 is blank and skipped; this is line 5
    assert isinstance(third, Document)
    assert third.id == f"{path}:5"
    assert third.published == dt.date(2024, 3, 6)
    assert third.language == "en"

    errors = [r for r in results[4:8] if isinstance(r, InputError)]
    assert [(e.source, e.reason) for e in errors] == [
        (f"{path}:6", 'no "text"'),
        (f"{path}:7", "empty text"),
        (f"{path}:8", "not a JSON object but list"),
        (f"{path}:9", "published is not an ISO date: 'last Tuesday'"),
    ]

    from_html = results[8]
    assert isinstance(from_html, Document)
    assert from_html.id == f"{path}:10"
    assert from_html.title == "Cost of the flood"
    assert FLOOD[1] in from_html.text and FLOOD[0] not in from_html.text


def test_ndjson_extension_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "more.ndjson"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": FLOOD[0], "id": 7}).encode() + b"\n")
    [doc] = ingest(str(path))
    assert isinstance(doc, Document)
    assert (doc.id, doc.text) == ("7", FLOOD[0])


def test_text_is_kept_exactly(tmp_path: Path) -> None:
    text = "  Flood in Millbrook\n\n" + FLOOD[0] + "\n"
    path = write_lines(tmp_path / "exact.jsonl", [json.dumps({"text": text})])
    [doc] = ingest(path)
    assert isinstance(doc, Document) and doc.text == text


def test_overlong_line_is_skipped(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "long.jsonl",
        [json.dumps({"text": FLOOD[0] * 20}), json.dumps({"text": FLOOD[1]})],
    )
    results = ingest(path, options=Options(fetch=FetchOptions(max_bytes=1000)))
    assert isinstance(results[0], InputError)
    assert (results[0].source, results[0].reason) == (
        f"{path}:1",
        "line too large (more than 1000 bytes)",
    )
    assert isinstance(results[1], Document) and results[1].text == FLOOD[1]


def test_wrong_field_type(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "types.jsonl", [json.dumps({"text": FLOOD[0], "title": [1]})])
    [error] = ingest(path)
    assert isinstance(error, InputError)
    assert (error.source, error.reason) == (f"{path}:1", '"title" must be a string, not list')
