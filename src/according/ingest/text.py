"""Plain text: bytes → text exactly as decoded, so that offsets index the input.

Also the checks every ingested text goes through (not empty, not too long) and reading a
file under the byte cap without reading past it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import charset_normalizer

from according.dating import header_date
from according.errors import InputError
from according.options import Options
from according.records import Document

from .fetch import TEXT_TYPES
from .formats import Format
from .language import guess_language

__all__ = [
    "FORMAT",
    "check_text",
    "decode_text",
    "os_error_reason",
    "read_capped",
    "text_document",
]

LOGGER = logging.getLogger(__name__)

BINARY = "binary file, not text"
# How much of a decoded text is checked for control characters, and how many of them
# (per character) make it binary rather than text with a stray escape or form feed.
_SNIFF_CHARS = 8192
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")


def os_error_reason(exc: OSError) -> str:
    """A short reason for an error opening or reading a file."""
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"


def read_capped(path: Path, source: str, max_bytes: int) -> bytes:
    """The bytes of the file at ``path``, refusing one larger than ``max_bytes`` without
    reading it. Raises :class:`InputError` naming ``source``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"too large ({size} bytes > cap {max_bytes})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(source, os_error_reason(exc)) from exc
    if len(data) > max_bytes:  # the file grew since stat() (or is a special file)
        raise InputError(source, f"too large (more than {max_bytes} bytes)")
    return data


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF_CHARS]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    return controls > _MAX_CONTROL_SHARE * max(len(sample), 1)


def decode_text(data: bytes, source: str, *, charset: str | None = None) -> str:
    """``data`` decoded: as ``charset`` when one is declared and fits, else UTF-8 (a
    leading byte-order mark dropped), else UTF-16 with a byte-order mark, else the best
    guess of charset_normalizer (with a warning naming ``source`` and the encoding).

    Raises :class:`InputError` for bytes that are not text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, BINARY) from exc
        LOGGER.warning("%s is not UTF-8; decoded it as utf-16", source)
        return _checked_not_binary(text, source)
    if b"\x00" in data:
        raise InputError(source, BINARY)
    if charset:
        try:
            return _checked_not_binary(data.decode(charset).removeprefix("\ufeff"), source)
        except (LookupError, UnicodeDecodeError):
            LOGGER.info("%s does not decode as its declared charset %s", source, charset)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise InputError(source, BINARY) from None
        text = str(best)
        LOGGER.warning("%s is not UTF-8; decoded it as %s", source, best.encoding)
    return _checked_not_binary(text, source)


def _checked_not_binary(text: str, source: str) -> str:
    if _looks_binary(text):
        raise InputError(source, BINARY)
    return text


def check_text(text: str, source: str, options: Options) -> str:
    """``text`` when it can be analysed; :class:`InputError` when it is empty or longer
    than ``options.max_chars``."""
    if not text.strip():
        raise InputError(source, "empty")
    if len(text) > options.max_chars:
        raise InputError(source, f"too long ({len(text)} characters > max {options.max_chars})")
    return text


def text_document(
    data: bytes,
    source: str,
    options: Options,
    *,
    url: str | None = None,
    charset: str | None = None,
) -> Document:
    """The document of a plain-text input: its text is the content exactly as decoded.

    ``url`` is given for a fetched text (its site is then the URL's host). A file has
    no metadata but its name and its text: one ISO date in the name
    (``2026-03-04-dam-seized.txt``, ``breitbart_2016-09-12_poll.txt``) is taken as its
    published date, else the date of a date line at its head (``dating.header_date``:
    "This story is from March 4, 2002"). Raises
    :class:`InputError` naming ``source``.
    """
    if not data.strip():
        raise InputError(source, "empty")
    text = check_text(decode_text(data, source, charset=charset), source, options)
    return Document(
        id=source,
        text=text,
        url=url,
        site=urlsplit(url).hostname if url else None,
        published=None if url else date_in_name(source) or header_date(text),
        language=guess_language(text),
    )


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")


def date_in_name(path: str) -> dt.date | None:
    """The one ISO date in a file's name, if it has exactly one valid one."""
    found = _NAME_DATE.findall(os.path.basename(path))
    if len(found) != 1:
        return None
    try:
        return dt.date(*(int(x) for x in found[0]))
    except ValueError:
        return None


def read_text(
    stream: BinaryIO, source: str, options: Options, url: str | None, charset: str | None
) -> Iterator[Document | InputError]:
    """The one document of a plain-text input (see :func:`text_document`)."""
    yield text_document(stream.read(), source, options, url=url, charset=charset)


FORMAT = Format(
    kind="text",
    extensions=(".text", ".txt"),
    sniff=lambda head, stripped: True,  # what is nothing else is text
    read=read_text,
    content_types=TEXT_TYPES,
)
