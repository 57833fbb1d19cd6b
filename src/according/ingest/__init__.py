"""Inputs → documents: text and HTML files, URLs, RSS/Atom feeds, WARC, JSON Lines,
directories and standard input.

The one entry point is :func:`iter_documents`. It never raises for a bad input: it yields
an :class:`~according.errors.InputError` naming the input in its place, and goes on.
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

from according.errors import FetchError, InputError
from according.options import Options
from according.records import Document

from .feeds import feed_documents, looks_like_feed
from .fetch import FEED_TYPES, TEXT_TYPES, Fetched
from .fetch import fetch as fetch_url  # not bound as `fetch`: that names the module
from .html import html_document
from .jsonl import jsonl_documents
from .text import os_error_reason, read_capped, text_document
from .warc import warc_documents, warc_stream_documents

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["EXTENSIONS", "Kind", "iter_documents", "kind_of_name", "sniff"]

LOGGER = logging.getLogger(__name__)

Kind = Literal["text", "html", "feed", "warc", "jsonl"]

# File name endings read from a directory, longest first; other files there are skipped.
EXTENSIONS: tuple[tuple[str, Kind], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".ndjson", "jsonl"),
    (".jsonl", "jsonl"),
    (".xhtml", "html"),
    (".html", "html"),
    (".htm", "html"),
    (".atom", "feed"),
    (".rss", "feed"),
    (".xml", "feed"),
    (".text", "text"),
    (".txt", "text"),
)
if not EXTENSIONS:  # pragma: no cover - a guard on the data above
    raise RuntimeError("EXTENSIONS is empty")

STDIN = "-"
_SNIFF_BYTES = 4096
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|title|meta|h1)\b", re.IGNORECASE
)
_WHITESPACE = b" \t\r\n\x0b\x0c"


def kind_of_name(name: str) -> Kind | None:
    """The kind of input a file name says it is, or None for an unknown ending."""
    lowered = name.lower()
    return next((kind for ending, kind in EXTENSIONS if lowered.endswith(ending)), None)


def sniff(head: bytes) -> Kind:
    """The kind of an input from its first bytes: JSON Lines when it starts with ``{``, a
    WARC, an RSS/Atom feed, HTML, else plain text."""
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip(_WHITESPACE)
    if stripped.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            inflated = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            inflated = b""
        if inflated.startswith(b"WARC/"):
            return "warc"
    if looks_like_feed(stripped):
        return "feed"
    if stripped.startswith(b"<") and _HTML_START.search(stripped[:_SNIFF_BYTES]):
        return "html"
    return "text"


def iter_documents(
    inputs: Iterable[str], options: Options, *, stdin: BinaryIO | None = None
) -> Iterator[Document | InputError]:
    """One document per document in ``inputs``, or an :class:`InputError` for each bad one.

    Each input is a file (its kind from its name, else sniffed), a directory (walked
    recursively in name order, hidden entries skipped, files of known kinds only), an
    http(s) URL, or ``-`` for ``stdin`` (default: the process's standard input, sniffed).
    Lazy: inputs are read one at a time and large ones streamed. ``options.published``
    replaces every document's published date.
    """
    for item in inputs:
        for result in _guarded(item, _input_results(item, options, stdin)):
            if isinstance(result, Document):
                yield result.with_published(options.published)
            else:
                yield result


def _guarded(
    source: str, results: Iterator[Document | InputError]
) -> Iterator[Document | InputError]:
    """``results``, ending with an error naming ``source`` if producing them fails."""
    try:
        yield from results
    except InputError as exc:
        yield exc
    except Exception as exc:  # a library failed in a way not foreseen: report, go on
        LOGGER.exception("unexpected failure reading %s", source)
        yield InputError(source, f"unexpected error: {type(exc).__name__}: {exc}")


def _input_results(
    item: str, options: Options, stdin: BinaryIO | None
) -> Iterator[Document | InputError]:
    if item == STDIN:
        yield from _stream_results(stdin if stdin is not None else sys.stdin.buffer, options)
        return
    url = _URL.match(item)
    if url:
        if url.group(1).lower() in ("http", "https"):
            yield from _url_results(item, options)
        else:
            yield InputError(item, f"unsupported URL scheme {url.group(1)!r} (only http and https)")
        return
    if os.path.isdir(item):
        for path in _walk(item):
            if isinstance(path, InputError):
                yield path
            else:
                yield from _guarded(path, _file_results(path, kind_of_name(path), options))
        return
    if not os.path.lexists(item):
        yield InputError(item, "no such file or directory")
        return
    yield from _file_results(item, kind_of_name(item), options)


def _walk(directory: str) -> Iterator[str | InputError]:
    """The files of known kinds under ``directory``, in name order, hidden ones skipped."""
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(directory, os_error_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file()
        except OSError as exc:
            yield InputError(path, os_error_reason(exc))
            continue
        if is_dir:
            yield from _walk(path)
        elif is_file and kind_of_name(entry.name) is not None:
            yield path


def _read_head(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise InputError(path, os_error_reason(exc)) from exc


def _file_results(
    path: str, kind: Kind | None, options: Options
) -> Iterator[Document | InputError]:
    """The documents of the file at ``path``; ``kind`` None means: sniff it."""
    if kind is None or kind == "feed":
        head = _read_head(path)
        sniffed = sniff(head)
        # An .xml file may be XHTML rather than a feed.
        kind = sniffed if kind is None or sniffed == "html" else kind
    if kind == "warc":
        yield from warc_documents(Path(path), path, options)
    elif kind == "jsonl":
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after the lines are read
        except OSError as exc:
            yield InputError(path, os_error_reason(exc))
            return
        with handle:
            yield from jsonl_documents(handle, path, options)
    else:
        data = read_capped(Path(path), path, options.fetch.max_bytes)
        yield from _bytes_results(data, kind, path, options)


def _bytes_results(
    data: bytes,
    kind: Kind,
    source: str,
    options: Options,
    *,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Document | InputError]:
    if kind == "feed":
        yield from feed_documents(data, source, options)
    elif kind == "html":
        yield html_document(data, source, options, url=url, charset=charset)
    elif kind == "jsonl":
        yield from jsonl_documents(io.BytesIO(data), source, options)
    elif kind == "warc":
        yield from warc_stream_documents(io.BytesIO(data), source, options)
    else:
        yield text_document(data, source, options, url=url, charset=charset)


def _fetched_kind(fetched: Fetched) -> Kind:
    if fetched.content_type in TEXT_TYPES:
        return "text"
    kind = sniff(fetched.body[:_SNIFF_BYTES])
    if not fetched.content_type:
        return kind
    if fetched.content_type in FEED_TYPES:
        return "html" if kind == "html" else "feed"
    return "feed" if kind == "feed" else "html"


def _url_results(url: str, options: Options) -> Iterator[Document | InputError]:
    try:
        fetched = fetch_url(url, options.fetch)
    except FetchError as exc:
        yield exc
        return
    kind = _fetched_kind(fetched)
    yield from _bytes_results(
        fetched.body, kind, url, options, url=fetched.url, charset=fetched.charset
    )


class _Prefixed(io.RawIOBase):
    """A stream of ``head`` followed by the rest of ``rest``: puts back what was sniffed."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            count = min(len(view), len(self._head))
            view[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes of ``stream``, fewer only at its end (pipes return short reads)."""
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _stream_results(stream: BinaryIO, options: Options) -> Iterator[Document | InputError]:
    """The documents of standard input, its kind sniffed from its first bytes."""
    head = _read_up_to(stream, _SNIFF_BYTES)
    kind = sniff(head)
    if kind in ("jsonl", "warc"):
        rejoined = io.BufferedReader(_Prefixed(head, stream))
        if kind == "jsonl":
            yield from jsonl_documents(rejoined, STDIN, options)
        else:
            yield from warc_stream_documents(rejoined, STDIN, options)
        return
    cap = options.fetch.max_bytes
    data = head + _read_up_to(stream, cap + 1 - len(head))
    if len(data) > cap:
        yield InputError(STDIN, f"too large (more than {cap} bytes)")
        return
    if not data.strip():
        yield InputError(STDIN, "empty")
        return
    yield from _bytes_results(data, kind, STDIN, options)
