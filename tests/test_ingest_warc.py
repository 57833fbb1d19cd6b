"""WARC files, written here with warcio's WARCWriter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from according.errors import InputError
from according.records import Document
from ingest_server import FLOOD, ingest, only_error, write_warc


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_response_records_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, compress=name.endswith(".gz"))
    results = ingest(str(path))
    assert len(results) == 3, results
    first, empty, second = results

    assert isinstance(first, Document)
    assert first.id == first.url == "https://news.example/flood"
    assert first.title == "Flood hits Millbrook"
    assert first.published == dt.date(2024, 3, 5)
    assert first.site == "Valley Gazette"
    assert FLOOD[0] in first.text

    assert isinstance(empty, InputError)
    assert (empty.source, empty.reason) == ("https://news.example/empty", "no main text found")

    assert isinstance(second, Document)
    assert second.id == "https://news.example/cost"
    assert second.published is None  # the WARC-Date is when it was crawled, not published
    assert FLOOD[1] in second.text and FLOOD[0] not in second.text


def test_truncated_warc_gz_keeps_the_records_before(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, compress=True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])  # inside the last record
    results = ingest(str(cut))
    assert [r.id for r in results if isinstance(r, Document)] == ["https://news.example/flood"]
    error = results[-1]
    assert isinstance(error, InputError)
    assert error.source == str(cut)
    assert error.reason.startswith("truncated WARC")


def test_truncated_plain_warc(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, compress=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[:-300])
    results = ingest(str(cut))
    assert isinstance(results[0], Document)
    assert isinstance(results[-1], InputError)
    assert results[-1].source == str(cut)
    assert results[-1].reason.startswith("truncated WARC")


def test_a_file_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("The river Arle rose overnight.\n", encoding="utf-8")
    error = only_error(ingest(str(path)))
    assert error.source == str(path)
    assert error.reason.startswith("not a WARC file")


def test_corrupt_gzip_warc(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(200)))
    error = only_error(ingest(str(path)))
    assert error.source == str(path)
    assert "WARC" in error.reason
