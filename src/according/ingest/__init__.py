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
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from according.errors import FetchError, InputError
from according.options import Options
from according.records import Document

from . import feeds, html, jsonl, text, warc
from .fetch import Fetched
from .fetch import fetch as fetch_url  # not bound as `fetch`: that names the module
from .formats import Format
from .text import os_error_reason, read_capped

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["EXTENSIONS", "FORMATS", "Format", "iter_documents", "kind_of_name", "sniff"]

LOGGER = logging.getLogger(__name__)

# Every input format, one line each, in the order they are sniffed (text, which takes
# anything, last).
FORMATS: tuple[Format, ...] = (
    jsonl.FORMAT,
    warc.FORMAT,
    feeds.FORMAT,
    html.FORMAT,
    text.FORMAT,
)
if not FORMATS or FORMATS[-1].kind != "text":  # pragma: no cover - a guard on the data above
    raise RuntimeError("FORMATS must end with text")

_BY_KIND: dict[str, Format] = {f.kind: f for f in FORMATS}
_BY_CONTENT_TYPE: dict[str, Format] = {t: f for f in FORMATS for t in f.content_types}

# File name endings read from a directory, longest first; other files there are skipped.
EXTENSIONS: tuple[tuple[str, str], ...] = tuple(
    sorted(((e, f.kind) for f in FORMATS for e in f.extensions), key=lambda p: -len(p[0]))
)

STDIN = "-"
_SNIFF_BYTES = 4096
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_WHITESPACE = b" \t\r\n\x0b\x0c"


def kind_of_name(name: str) -> str | None:
    """The kind of input a file name says it is, or None for an unknown ending."""
    lowered = name.lower()
    return next((kind for ending, kind in EXTENSIONS if lowered.endswith(ending)), None)


def sniff(head: bytes) -> str:
    """The kind of an input from its first bytes: the first format of :data:`FORMATS`
    that recognises them (JSON Lines when it starts with ``{``, a WARC, an RSS/Atom feed,
    HTML), else plain text."""
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip(_WHITESPACE)
    return next(f.kind for f in FORMATS if f.sniff(head, stripped))


def iter_documents(
    inputs: Iterable[str], options: Options, *, stdin: BinaryIO | None = None
) -> Iterator[Document | InputError]:
    """One document per document in ``inputs``, or an :class:`InputError` for each bad one.

    Each input is a file (its kind from its name, else sniffed), a directory (walked
    recursively in name order, hidden entries skipped, files of known kinds only), an
    http(s) URL, or ``-`` for ``stdin`` (default: the process's standard input, sniffed).
    Lazy: inputs are read one at a time and large ones streamed. Documents are as read:
    ``options.published`` is applied by the analysis
    (:meth:`according.analyze.Analyzer.prepare`). A document with a lone surrogate in its
    text or metadata (not Unicode, it cannot be stored) is an error.
    """
    for item in inputs:
        for result in _guarded(item, _input_results(item, options, stdin)):
            yield _unicode_checked(result) if isinstance(result, Document) else result


def _unicode_checked(document: Document) -> Document | InputError:
    """``document``, or an error when a string of it holds a lone surrogate (a JSON
    escape such as ``\\ud800``), which no encoding can write."""
    for name in ("text", "title", "site", "url", "author", "language", "id"):
        value = getattr(document, name)
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            where = f" at character {exc.start}" if name == "text" else ""
            return InputError(document.id, f"{name} holds a lone surrogate{where} (not Unicode)")
    return document


def _guarded(
    source: str, results: Iterator[Document | InputError]
) -> Iterator[Document | InputError]:
    """``results``, ending with an error naming ``source`` if producing them fails."""
    try:
        yield from results
    except InputError as exc:
        yield exc
    except RecursionError:
        yield InputError(source, "nested too deeply to read")
    except MemoryError:
        yield InputError(source, "too large to read (out of memory)")
    except Exception as exc:  # a library failed in a way not foreseen: report, go on
        LOGGER.exception("unexpected failure reading %s", source)
        yield InputError(source, f"unexpected error: {type(exc).__name__}: {exc}")


def _input_results(
    item: str, options: Options, stdin: BinaryIO | None
) -> Iterator[Document | InputError]:
    if item == STDIN:
        stream = stdin if stdin is not None else _process_stdin()
        if stream is None:
            yield InputError(STDIN, "standard input is closed")
        else:
            yield from _stream_results(stream, options)
        return
    url = _URL.match(item)
    if url:
        if url.group(1).lower() in ("http", "https"):
            yield from _url_results(item, options)
        else:
            yield InputError(item, f"unsupported URL scheme {url.group(1)!r} (only http and https)")
        return
    try:
        mode = os.stat(item).st_mode
    except OSError as exc:
        yield InputError(item, os_error_reason(exc))
        return
    if stat.S_ISDIR(mode):
        for path in _walk(item):
            if isinstance(path, InputError):
                yield path
            else:
                yield from _guarded(path, _file_results(path, kind_of_name(path), options))
        return
    if not stat.S_ISREG(mode):
        yield InputError(item, f"not a regular file but {_file_type(mode)} (use - to read a pipe)")
        return
    yield from _file_results(item, kind_of_name(item), options)


def _process_stdin() -> BinaryIO | None:
    """The process's standard input as bytes, or None when it is closed (``<&-``)."""
    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        return None
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    return buffer


def _file_type(mode: int) -> str:
    """What a file that is not regular is, for an error message."""
    kinds = (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def _walk(directory: str) -> Iterator[str | InputError]:
    """The regular files of known kinds under ``directory``, in name order, hidden ones
    skipped (as are pipes, devices and sockets: reading them could block)."""
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


def _file_results(path: str, kind: str | None, options: Options) -> Iterator[Document | InputError]:
    """The documents of the file at ``path``; ``kind`` None means: sniff it."""
    named = _BY_KIND[kind] if kind is not None else None
    if named is None or named.yields_to:
        sniffed = sniff(_read_head(path))
        if named is None or sniffed in named.yields_to:
            kind = sniffed
    form = _BY_KIND[kind or "text"]
    if form.streamed:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after it is read
        except OSError as exc:
            yield InputError(path, os_error_reason(exc))
            return
        with handle:
            yield from form.read(handle, path, options, None, None)
    else:
        data = read_capped(Path(path), path, options.fetch.max_bytes)
        yield from form.read(io.BytesIO(data), path, options, None, None)


def _fetched_kind(fetched: Fetched) -> str:
    """The kind of a fetched body: the format its content type names (unless the body
    sniffs as a format that wins over that label), else sniffed."""
    sniffed = sniff(fetched.body[:_SNIFF_BYTES])
    labelled = _BY_CONTENT_TYPE.get(fetched.content_type)
    if labelled is None or sniffed in labelled.served_yields_to:
        return sniffed
    return labelled.kind


def _url_results(url: str, options: Options) -> Iterator[Document | InputError]:
    try:
        fetched = fetch_url(url, options.fetch)
    except FetchError as exc:
        yield exc
        return
    form = _BY_KIND[_fetched_kind(fetched)]
    yield from form.read(io.BytesIO(fetched.body), url, options, fetched.url, fetched.charset)


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
    try:
        head = _read_up_to(stream, _SNIFF_BYTES)
    except (OSError, ValueError) as exc:  # a closed or unreadable descriptor
        yield InputError(STDIN, f"cannot read standard input: {exc}")
        return
    form = _BY_KIND[sniff(head)]
    if form.streamed:
        rejoined = io.BufferedReader(_Prefixed(head, stream))
        yield from form.read(rejoined, STDIN, options, None, None)
        return
    cap = options.fetch.max_bytes
    data = head + _read_up_to(stream, cap + 1 - len(head))
    if len(data) > cap:
        yield InputError(STDIN, f"too large (more than {cap} bytes)")
        return
    if not data.strip():
        yield InputError(STDIN, "empty")
        return
    yield from form.read(io.BytesIO(data), STDIN, options, None, None)
