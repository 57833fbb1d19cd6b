"""Plain-text files and the language guess."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
import spacy

from according.analyze import Analyzer
from according.errors import InputError
from according.ingest import iter_documents
from according.ingest.language import (
    ENGLISH_STOPWORDS,
    declared_language,
    guess_language,
    normalize_language,
)
from according.ingest.text import decode_text
from according.options import FetchOptions, Options
from according.records import Document
from ingest_server import FLOOD, ingest, only_document, only_error

STORY = "\n\n".join(FLOOD) + "\n"


def test_text_file_is_read_exactly(tmp_path: Path) -> None:
    path = tmp_path / "millbrook.txt"
    content = "Flood in Millbrook\r\n\r\n" + STORY
    path.write_bytes(content.encode("utf-8"))
    doc = only_document(ingest(str(path)))
    assert doc.id == str(path)
    assert doc.text == content  # CRLF kept: offsets index the file
    assert (doc.title, doc.site, doc.url, doc.published, doc.author) == (None,) * 5
    assert doc.language == "en"
    start = doc.text.index("Mayor Ellen Carr")
    assert content[start : start + 16] == "Mayor Ellen Carr"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(
        b"\xef\xbb\xbf" + "Café owners in Millbrook said the water came fast.".encode()
    )
    assert only_document(ingest(str(path))).text == (
        "Café owners in Millbrook said the water came fast."
    )


def test_cp1252_text_is_decoded_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "legacy.txt"
    text = (
        "The mayor\u2019s office said the caf\u00e9 on Mill Street \u2013 closed since "
        "Tuesday \u2013 would reopen \u201csoon\u201d, and that the \u00e9cole was dry.\n"
    )
    path.write_bytes(text.encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="according.ingest"):
        doc = only_document(ingest(str(path)))
    assert doc.text == text
    [record] = [r for r in caplog.records if "not UTF-8" in r.getMessage()]
    assert str(path) in record.getMessage()
    assert "decoded it as" in record.getMessage()


def test_empty_and_blank_files_are_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\t\r\n ")
    results = ingest(str(empty), str(blank))
    assert [(e.source, e.reason) for e in results if isinstance(e, InputError)] == [
        (str(empty), "empty"),
        (str(blank), "empty"),
    ]


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    error = only_error(ingest(str(path)))
    assert (error.source, error.reason) == (str(path), "binary file, not text")


def test_control_characters_without_nul_are_binary() -> None:
    with pytest.raises(InputError, match="binary file, not text"):
        decode_text(bytes(range(1, 32)) * 40, "controls.txt")


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(STORY.encode() * 20)
    size = path.stat().st_size
    options = Options(fetch=FetchOptions(max_bytes=1000))
    error = only_error(ingest(str(path), options=options))
    assert error.source == str(path)
    assert error.reason == f"too large ({size} bytes > cap 1000)"


def test_too_long_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(STORY, encoding="utf-8")
    error = only_error(ingest(str(path), options=Options(max_chars=100)))
    assert error.reason == f"too long ({len(STORY)} characters > max 100)"


def test_nonexistent_path_is_an_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere" / "report.txt")
    error = only_error(ingest(missing))
    assert (error.source, error.reason) == (missing, "no such file or directory")


def test_published_option_supplies_the_date(tmp_path: Path) -> None:
    path = tmp_path / "dated.txt"
    path.write_text(STORY, encoding="utf-8")
    options = Options(published=dt.date(2024, 3, 6))
    doc = only_document(ingest(str(path), options=options))
    assert doc.published is None  # read as it is; the analysis applies the option
    analyzer = Analyzer(options, nlp=spacy.blank("en"))
    assert analyzer.prepare(doc).published == dt.date(2024, 3, 6)


def test_a_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    results = ingest(str(tmp_path / "missing.txt"), str(good))
    assert isinstance(results[0], InputError)
    assert isinstance(results[1], Document) and results[1].text == STORY


# --- language -------------------------------------------------------------------------


def test_stopwords_are_data() -> None:
    assert ENGLISH_STOPWORDS
    assert len(set(ENGLISH_STOPWORDS)) == len(ENGLISH_STOPWORDS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (STORY, "en"),
        ("Der Fluss trat in der Nacht über die Ufer und überflutete mehr als 200 Häuser.", None),
        ("Le fleuve est sorti de son lit mardi soir et a inondé plus de deux cents maisons.", None),
        ("Flood hits Millbrook", None),  # too few words to tell
        ("", None),
    ],
)
def test_guess_language(text: str, expected: str | None) -> None:
    assert guess_language(text) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en-GB", "en"), ("EN_us", "en"), ("fr", "fr"), ("x-klingon", None), ("", None), (None, None)],
)
def test_normalize_language(tag: str | None, expected: str | None) -> None:
    assert normalize_language(tag) == expected


def test_declared_language() -> None:
    assert declared_language('<!DOCTYPE html><html class="a" lang="de-AT"><head>') == "de"
    assert declared_language("<html><head><meta property='og:locale' content='en_GB'>") == "en"
    assert declared_language("<html><head><title>x</title></head>") is None


@pytest.mark.parametrize(
    ("name", "published"),
    [
        ("2026-03-04-dam-seized.txt", dt.date(2026, 3, 4)),
        ("breitbart_2016-09-12_poll.txt", dt.date(2016, 9, 12)),
        ("report.txt", None),
        ("2026-03-04-to-2026-03-05.txt", None),
        ("2026-13-45-bad.txt", None),
        ("id-120260304999.txt", None),
    ],
)
def test_one_iso_date_in_a_file_name_is_its_published_date(
    tmp_path: Path, name: str, published: dt.date | None
) -> None:
    path = tmp_path / name
    path.write_text("The river rose overnight, officials said.\n", encoding="utf-8")
    (doc,) = list(iter_documents([str(path)], Options()))
    assert isinstance(doc, Document)
    assert doc.published == published


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ("Levee holds\n\nThis story is from March 4, 2002\n\n", dt.date(2002, 3, 4)),
        ("Levee holds\nUpdated: 4 March 2002, 10:32 IST\n\n", dt.date(2002, 3, 4)),
        ("Levee holds\n\n", None),
        # a date in a sentence of the story is the date of what it tells
        ("Levee holds\n\nThe levee built after the flood of March 4, 2002 held again.\n\n", None),
    ],
)
def test_a_date_line_at_the_head_of_a_text_is_its_published_date(
    tmp_path: Path, head: str, published: dt.date | None
) -> None:
    path = tmp_path / "levee.txt"
    path.write_text(head + "The river rose overnight on Sunday, officials said.\n", "utf-8")
    (doc,) = list(iter_documents([str(path)], Options()))
    assert isinstance(doc, Document)
    assert doc.published == published


def test_a_date_line_resolves_the_days_of_the_story(tmp_path: Path, analyzer: Analyzer) -> None:
    """With the page's date read from its date line, "on sunday" is a calendar date
    (a lower-case text, as some archives keep them)."""
    path = tmp_path / "toll.txt"
    path.write_text(
        "Toll rises to 430\n\nThis story is from March 4, 2002\n\n"
        "ahmedabad: the toll in the violence climbed to 430 on sunday, police said.\n",
        "utf-8",
    )
    (doc,) = list(iter_documents([str(path)], Options()))
    assert isinstance(doc, Document)
    (toll,) = analyzer.analyze(doc).figures
    assert toll.as_of == dt.date(2002, 3, 3)
