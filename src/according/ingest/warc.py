"""WARC files (plain or gzipped, e.g. Common Crawl CC-NEWS): one document per HTML page.

Records are streamed one at a time, so memory stays flat over a large archive, and what
is decompressed is capped (a gzip bomb cannot exhaust memory or time): a record's header
blocks at :data:`HEADER_CAP` bytes, its payload at ``FetchOptions.max_bytes`` and the
whole file at ``FetchOptions.max_archive_bytes``. Every
``response`` record with HTTP status 200 and an HTML content type becomes a document
whose id and URL are its ``WARC-Target-URI``; other records are skipped. A truncated or
corrupt archive gives an error for the file after the documents that did parse.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.utils import BUFF_SIZE

from according.errors import InputError
from according.options import Options
from according.records import Document

from .fetch import HTML_TYPES, media_type
from .formats import Format
from .html import html_document
from .text import os_error_reason

__all__ = ["FORMAT", "looks_like_warc", "warc_documents", "warc_stream_documents"]

LOGGER = logging.getLogger(__name__)

HEADER_CAP = 1 << 20
"""Most bytes a record's WARC and HTTP header blocks may decompress to."""


class _OverCap(Exception):
    """An archive decompresses to more than its caps allow."""


# warcio ships no type information, so its classes are Any to mypy.
class _CappedReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's decompressing reader, refusing to decompress past ``limit`` (where the
    current record and the next one's headers must have ended) or past ``total`` bytes.

    Each check is made as a block is decompressed, against where the block starts, so a
    block read ahead past a record's end is never refused, and memory stays within the
    cap and one block.
    """

    def __init__(self, stream: BinaryIO, *, limit: int, total: int, block_size: int) -> None:
        super().__init__(stream, block_size=block_size)
        self.limit = limit
        self.total = total

    def _process_read(self, data: bytes) -> None:
        super()._process_read(data)
        if not data:
            return
        if self.num_read > self.total:
            raise _OverCap(f"decompresses to more than {self.total} bytes")
        if self.num_read - self.buff_size > self.limit:
            raise _OverCap(f"a record header of more than {HEADER_CAP} bytes decompressed")


class _CheckedIterator(ArchiveIterator):  # type: ignore[misc]
    """An ArchiveIterator that notices an archive cut short after its last whole record.

    warcio stops quietly at a gzip member or a record header cut short by the end of the
    file. When it finishes (in ``close()``, before warcio drops its reader) this looks
    whether the decompressor was mid-member (``truncated``) and how many bytes were read
    past the end of the last whole record (``leftover``).
    """

    truncated = False
    leftover = 0

    def __init__(self, stream: BinaryIO, total: int) -> None:
        super().__init__(stream)
        self.reader = _CappedReader(self.fh, limit=HEADER_CAP, total=total, block_size=BUFF_SIZE)

    def allow(self, length: int) -> None:
        """Let the reader decompress the current record's ``length`` bytes and the next
        record's headers."""
        self.reader.limit = self.reader.num_read + max(length, 0) + HEADER_CAP

    def close(self) -> None:
        reader = self.reader
        if reader is not None:
            decompressor = getattr(reader, "decompressor", None)
            if decompressor is not None and getattr(decompressor, "eof", True) is False:
                self.truncated = True
            try:
                self.leftover = max(0, self.fh.tell() - reader.rem_length() - self.offset)
            except (OSError, AttributeError, TypeError):  # a stream that cannot tell
                self.leftover = 0
        super().close()


def warc_documents(path: Path, source: str, options: Options) -> Iterator[Document | InputError]:
    """The documents of the WARC file at ``path`` (named ``source`` in errors)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(source, os_error_reason(exc))
        return
    with handle:
        yield from warc_stream_documents(handle, source, options)


def warc_stream_documents(
    stream: BinaryIO, source: str, options: Options
) -> Iterator[Document | InputError]:
    """The documents of a WARC read from ``stream`` (named ``source`` in errors)."""
    records = _CheckedIterator(stream, options.fetch.max_archive_bytes)
    count = 0
    try:
        for record in records:
            records.allow(record.length or 0)
            if record.format != "warc":  # warcio also reads ARC: and a text file as one
                yield InputError(source, f"not a WARC file (record {count + 1} is not WARC)")
                return
            count += 1
            if record.rec_type is None or record.length is None:
                yield InputError(
                    source, f"truncated or corrupt WARC: record {count} has an incomplete header"
                )
                return
            result = _record_document(record, options)
            # Read the rest of the record to find out whether it was cut short.
            raw = record.raw_stream
            while raw.read(BUFF_SIZE):
                pass
            if getattr(raw, "limit", 0) > 0:
                yield InputError(source, f"truncated WARC: record {count} is cut short")
                return
            if result is not None:
                yield result
    except _OverCap as exc:
        yield InputError(source, f"too large: {exc} (after {count} records)")
        return
    except Exception as exc:  # warcio raises ArchiveLoadFailed, EOFError, zlib errors...
        LOGGER.info("reading %s failed after %d records: %r", source, count, exc)
        reason = "not a WARC file" if count == 0 else f"corrupt WARC after {count} records"
        detail = str(exc).strip()[:120] or type(exc).__name__
        yield InputError(source, f"{reason}: {detail}")
        return
    if records.truncated or records.leftover:
        yield InputError(source, f"truncated WARC: cut short after {count} records")
    elif count == 0:
        yield InputError(source, "not a WARC file (no records)")


def _record_document(record: Any, options: Options) -> Document | InputError | None:
    """The document of one record, its error, or None for a record that is not a page."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if not url:
        return None
    status = record.http_headers.get_statuscode()
    content_type, charset = media_type(record.http_headers.get_header("Content-Type"))
    if status != "200" or content_type not in HTML_TYPES:
        return None
    LOGGER.debug("%s captured %s", url, record.rec_headers.get_header("WARC-Date"))
    try:
        body = record.content_stream().read(options.fetch.max_bytes + 1)
    except Exception as exc:  # a corrupt chunked or compressed payload
        return InputError(url, f"unreadable payload: {exc}")
    if len(body) > options.fetch.max_bytes:
        return InputError(url, f"too large (more than {options.fetch.max_bytes} bytes)")
    try:
        document = html_document(body, url, options, url=url, charset=charset)
    except InputError as exc:
        return exc
    return replace(document, url=url)


def looks_like_warc(head: bytes, stripped: bytes) -> bool:
    """True when an input's first bytes open a WARC file, plain or gzipped."""
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            inflated = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
        return inflated.startswith(b"WARC/")
    return False


def read_warc(
    stream: BinaryIO, source: str, options: Options, url: str | None, charset: str | None
) -> Iterator[Document | InputError]:
    """The documents of a WARC (see :func:`warc_stream_documents`)."""
    return warc_stream_documents(stream, source, options)


FORMAT = Format(
    kind="warc",
    extensions=(".warc.gz", ".warc"),
    sniff=looks_like_warc,
    read=read_warc,
    streamed=True,
)
