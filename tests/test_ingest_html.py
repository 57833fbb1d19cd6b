"""HTML files: main text and metadata; malformed pages; HTML fragments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from according.errors import InputError
from according.ingest.html import fragment_text, html_document, parse_date
from according.options import Options
from according.records import Document
from ingest_server import FLOOD, article_html, ingest, only_document, only_error


def test_html_file_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "flood.html"
    path.write_text(
        article_html(
            "Flood hits Millbrook",
            published="2024-03-05T09:00:00Z",
            author="Jane Doe",
            site="Valley Gazette",
            canonical="https://gazette.example/2024/flood",
        ),
        encoding="utf-8",
    )
    doc = only_document(ingest(str(path)))
    assert doc.id == str(path)
    assert doc.title == "Flood hits Millbrook"
    assert doc.site == "Valley Gazette"
    assert doc.url == "https://gazette.example/2024/flood"
    assert doc.published == dt.date(2024, 3, 5)
    assert doc.author == "Jane Doe"
    assert doc.language == "en"
    for paragraph in FLOOD:
        assert paragraph in doc.text
    assert "Leave a Comment" not in doc.text  # boilerplate kept out
    assert "Home" not in doc.text


def test_html_without_metadata(tmp_path: Path) -> None:
    path = tmp_path / "bare.htm"
    path.write_text(article_html("Millbrook counts the cost", lang=None), encoding="utf-8")
    doc = only_document(ingest(str(path)))
    assert doc.title == "Millbrook counts the cost"
    assert doc.published is None
    assert doc.url is None and doc.site is None and doc.author is None
    assert doc.language == "en"  # guessed from the text


def test_declared_language_wins_over_the_guess(tmp_path: Path) -> None:
    path = tmp_path / "declared.html"
    path.write_text(article_html("Flood", lang="fr-FR"), encoding="utf-8")
    assert only_document(ingest(str(path))).language == "fr"


def test_latin1_page_with_declared_charset(tmp_path: Path) -> None:
    page = article_html("Caf\u00e9s under water").replace(
        '<meta charset="utf-8">', '<meta charset="iso-8859-1">'
    )
    path = tmp_path / "latin1.html"
    path.write_bytes(page.replace(FLOOD[0], FLOOD[0] + " The caf\u00e9 closed.").encode("latin-1"))
    doc = only_document(ingest(str(path)))
    assert "The caf\u00e9 closed." in doc.text


@pytest.mark.parametrize(
    "markup",
    [
        b"<html><body><div><p>Unclosed <b>tags <i>everywhere",
        b"<<<>>> </p></div></span>",
        b"<html><head><title>Only a title</title></head><body></body></html>",
        b"<html><body><script>var flood = 1;</script></body></html>",
        b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>",
    ],
)
def test_malformed_html_gives_a_document_or_no_main_text(tmp_path: Path, markup: bytes) -> None:
    path = tmp_path / "broken.html"
    path.write_bytes(markup)
    [result] = ingest(str(path))
    if isinstance(result, InputError):
        assert (result.source, result.reason) == (str(path), "no main text found")
    else:
        assert isinstance(result, Document) and result.text.strip()


def test_page_without_text_is_no_main_text(tmp_path: Path) -> None:
    path = tmp_path / "empty-body.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    error = only_error(ingest(str(path)))
    assert (error.source, error.reason) == (str(path), "no main text found")


def test_empty_html_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("   \n")
    assert only_error(ingest(str(path))).reason == "empty"


def test_xhtml_in_an_xml_file_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    page = article_html("Flood hits Millbrook").replace(
        "<!DOCTYPE html>", '<?xml version="1.0" encoding="utf-8"?>'
    )
    path.write_text(page, encoding="utf-8")
    doc = only_document(ingest(str(path)))
    assert doc.title == "Flood hits Millbrook" and FLOOD[1] in doc.text


def test_html_document_uses_the_given_url() -> None:
    doc = html_document(
        article_html("Flood").encode(), "page", Options(), url="https://news.example.org/a"
    )
    assert doc.url == "https://news.example.org/a"
    assert doc.site == "news.example.org"


def test_fragment_text() -> None:
    fragment = (
        "<p>The river <b>Arle</b> rose &amp; fell.</p><script>alert(1)</script>"
        "<ul><li>200 homes flooded</li><li>40 people evacuated</li></ul>Plain tail"
    )
    assert fragment_text(fragment) == (
        "The river Arle rose & fell.\n200 homes flooded\n40 people evacuated\nPlain tail"
    )
    assert fragment_text("Just   a  summary.") == "Just a summary."
    assert fragment_text("") == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024-03-05T23:30:00-05:00", dt.date(2024, 3, 5)),
        ("2024-03-05T10:00:00Z", dt.date(2024, 3, 5)),
        ("2024-03-05 10:00 local", dt.date(2024, 3, 5)),
        ("March 5", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: dt.date | None) -> None:
    assert parse_date(value) == expected
