"""Inputs that used to crash, stall or exhaust the machine: each gives one error naming
the input, and the inputs after it are still read."""

from __future__ import annotations

import json
import os
import sys
import time
import zlib
from pathlib import Path

import pytest

from according.errors import FetchError, InputError
from according.ingest import EXTENSIONS, FORMATS, iter_documents, kind_of_name
from according.ingest.fetch import fetch
from according.options import FetchOptions, Options
from according.records import Document
from ingest_server import FLOOD, Route, article_html, ingest, serve, write_warc

STORY = "\n".join(FLOOD) + "\n"


def outcomes(results: list[Document | InputError]) -> list[str]:
    return [
        f"doc {r.id}" if isinstance(r, Document) else f"error {r.source}: {r.reason}"
        for r in results
    ]


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the format registry


def test_every_format_is_registered_once_with_its_endings() -> None:
    kinds = [f.kind for f in FORMATS]
    assert kinds == ["jsonl", "warc", "feed", "html", "text"]  # the sniffing order
    assert len(set(kinds)) == len(kinds)
    endings = [ending for ending, _ in EXTENSIONS]
    assert endings == sorted(endings, key=len, reverse=True)  # longest first
    assert kind_of_name("crawl.WARC.GZ") == "warc"
    assert all(kind_of_name("x" + e) == f.kind for f in FORMATS for e in f.extensions)


# ---------------------------------------------------------------- JSON Lines


def test_deeply_nested_json_line_costs_that_line_only(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    lines = [
        json.dumps({"text": FLOOD[0]}),
        "[" * 100_000,
        json.dumps({"text": FLOOD[1]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert outcomes(ingest(str(path))) == [
        f"doc {path}:1",
        f"error {path}:2: malformed JSON: nested too deeply",
        f"doc {path}:3",
    ]


def test_lone_surrogate_in_a_json_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.jsonl"
    path.write_text(
        '{"text": "The river rose \\ud800 overnight, officials said."}\n'
        '{"text": "Fine text.", "title": "A \\udfff title"}\n'
        + json.dumps({"text": FLOOD[1]})
        + "\n",
        encoding="utf-8",
    )
    assert outcomes(ingest(str(path))) == [
        f"error {path}:1: text holds a lone surrogate at character 15 (not Unicode)",
        f"error {path}:2: title holds a lone surrogate (not Unicode)",
        f"doc {path}:3",
    ]


# ---------------------------------------------------------------- files that are not files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path, good: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    results = ingest(str(fifo), str(good))
    assert time.monotonic() - started < 5
    assert outcomes(results) == [
        f"error {fifo}: not a regular file but a named pipe (use - to read a pipe)",
        f"doc {good}",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_a_directory_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    os.mkfifo(folder / "a.txt")
    (folder / "b.txt").write_text(STORY, encoding="utf-8")
    assert outcomes(ingest(str(folder))) == [f"doc {folder / 'b.txt'}"]


def test_a_closed_standard_input_is_an_error(monkeypatch: pytest.MonkeyPatch, good: Path) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python makes of `<&-`
    results = list(iter_documents(["-", str(good)], Options()))
    assert outcomes(results) == ["error -: standard input is closed", f"doc {good}"]


# ---------------------------------------------------------------- WARC bombs


def _bomb(path: Path, *, header: int = 0, body: int = 0, fill: bytes = b"X") -> None:
    """A gzipped WARC response record whose HTTP header (``header`` bytes of ``fill``
    without a line break) or body (``body`` bytes) is a gzip bomb."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Pad: "
    tail = b"\r\n\r\n" if header else b"ok\r\n\r\n"
    length = len(http) + header + len(tail) + body
    warc = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/\r\n"
        b"WARC-Record-ID: <urn:uuid:0>\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n" % length
    )
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = [compressor.compress(warc + http + (fill * header) + tail)]
    chunk = fill * (1 << 20)
    for _ in range(body >> 20):
        out.append(compressor.compress(chunk))
    out.append(compressor.compress(b"\r\n\r\n"))
    out.append(compressor.flush())
    path.write_bytes(b"".join(out))


def test_gzip_bomb_in_a_record_header_is_refused(tmp_path: Path, good: Path) -> None:
    bomb = tmp_path / "header.warc.gz"
    _bomb(bomb, header=64 << 20)  # 64 MB of header line, 64 kB on disk
    results = ingest(str(bomb), str(good))
    assert outcomes(results) == [
        f"error {bomb}: too large: a record header of more than 1048576 bytes "
        "decompressed (after 0 records)",
        f"doc {good}",
    ]


def test_gzip_bomb_in_a_record_body_is_capped(tmp_path: Path, good: Path) -> None:
    bomb = tmp_path / "body.warc.gz"
    _bomb(bomb, body=16 << 20)
    small = Options(fetch=FetchOptions(max_bytes=1 << 20))
    assert outcomes(ingest(str(bomb), str(good), options=small)) == [
        f"error http://bomb.example/: too large (more than {1 << 20} bytes)",
        f"doc {good}",
    ]
    archive_cap = Options(fetch=FetchOptions(max_archive_bytes=4 << 20))
    first, second = outcomes(ingest(str(bomb), str(good), options=archive_cap))
    assert first.startswith(f"error {bomb}: too large: decompresses to more than {4 << 20} bytes")
    assert second == f"doc {good}"


def test_an_ordinary_warc_is_within_the_caps(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, compress=True)
    tight = Options(fetch=FetchOptions(max_bytes=100_000, max_archive_bytes=200_000))
    ids = [r.id for r in ingest(str(path), options=tight) if isinstance(r, Document)]
    assert ids == ["https://news.example/flood", "https://news.example/cost"]


# ---------------------------------------------------------------- feeds


def test_entity_expansion_feed_reads_nothing_harmful(tmp_path: Path) -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    feed = tmp_path / "laughs.xml"
    feed.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(levels)}]>'
        '<rss version="2.0"><channel><title>Laughs</title>'
        f"<item><title>&lol9;</title><description>&lol9; {FLOOD[0]}</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    started = time.monotonic()
    results = ingest(str(feed))
    assert time.monotonic() - started < 10
    for result in results:
        if isinstance(result, Document):
            assert "lollollol" not in result.text
            assert len(result.text) < 10_000


def test_external_entity_feed_does_not_read_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN", encoding="utf-8")
    feed = tmp_path / "xxe.rss"
    feed.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>Notes</title>'
        f"<item><title>&xxe;</title><description>&xxe; {FLOOD[0]}</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    for result in ingest(str(feed)):
        if isinstance(result, Document):
            assert "TOP-SECRET" not in " ".join(filter(None, [result.text, result.title]))
        else:
            assert "TOP-SECRET" not in result.reason


# ---------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://2130706433/", "refused: 2130706433 resolves to loopback address 127.0.0.1"),
        ("http://0x7f000001/", "refused: 0x7f000001 resolves to loopback address 127.0.0.1"),
        ("http://127.1/", "refused: 127.1 resolves to loopback address 127.0.0.1"),
        ("http://[::1]/", "refused: ::1 is a loopback address"),
    ],
)
def test_loopback_in_other_spellings_is_refused(
    url: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> socket.socket:
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    with pytest.raises(FetchError) as caught:
        fetch(url, FetchOptions())
    assert caught.value.reason == reason


def test_timeout_is_a_deadline_for_the_whole_url(good: Path) -> None:
    page = article_html("Flood", published="2024-03-05").encode()
    with serve({"/drip": Route(page, trickle=0.05)}) as server:  # a byte every 50 ms
        options = Options(fetch=FetchOptions(timeout=1.0, allow_private=True))
        started = time.monotonic()
        results = ingest(server.url("/drip"), str(good), options=options)
        took = time.monotonic() - started
    assert outcomes(results) == [
        f"error {server.url('/drip')}: timed out after 1s",
        f"doc {good}",
    ]
    assert took < 4, took
