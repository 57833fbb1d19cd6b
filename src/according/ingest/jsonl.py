"""JSON Lines: one document per line, ``{"text", "url", "title", "published", "author",
"site", "language", "id"}`` (or ``"html"`` in place of ``"text"``).

Lines are read one at a time (each up to the byte cap), so memory stays flat over a large
file or standard input. A bad line gives an error naming ``PATH:LINE`` and the next
lines go on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any, BinaryIO

from according.dating import header_date
from according.errors import InputError
from according.options import Options
from according.records import Document

from .formats import Format
from .html import html_document, parse_date
from .language import guess_language, normalize_language
from .text import check_text

__all__ = ["FIELDS", "FORMAT", "jsonl_documents"]

LOGGER = logging.getLogger(__name__)

# The fields a line may have; others are ignored.
FIELDS: tuple[str, ...] = (
    "id", "text", "html", "url", "title", "published", "author", "site", "language",
)  # fmt: skip
_CHUNK = 65_536


def jsonl_documents(
    stream: BinaryIO, source: str, options: Options
) -> Iterator[Document | InputError]:
    """The documents of the JSON Lines in ``stream``; ``source`` names it in ids and errors."""
    cap = options.fetch.max_bytes
    number = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        number += 1
        where = f"{source}:{number}"
        if len(line) > cap and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line
                rest = stream.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield InputError(where, f"line too large (more than {cap} bytes)")
            continue
        if not line.strip():
            continue
        try:
            yield _line_document(line, where, options, first=number == 1)
        except InputError as exc:
            yield exc
        except Exception as exc:  # a failure not foreseen costs this line only
            LOGGER.exception("unexpected failure reading %s", where)
            yield InputError(where, f"unexpected error: {type(exc).__name__}: {exc}"[:300])


def _string(record: Mapping[str, Any], name: str, where: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(where, f'"{name}" must be a string, not {type(value).__name__}')
    return str(value).strip() or None


def _line_document(line: bytes, where: str, options: Options, *, first: bool) -> Document:
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(where, "not UTF-8") from exc
    if first:
        decoded = decoded.removeprefix("\ufeff")
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON: {exc.msg} at column {exc.colno}") from exc
    except RecursionError:  # [[[[…: deeper than the parser's stack
        raise InputError(where, "malformed JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(where, f"not a JSON object but {type(record).__name__}")
    url = _string(record, "url", where)
    raw_date = _string(record, "published", where)
    published = parse_date(raw_date)
    if raw_date is not None and published is None:
        raise InputError(where, f"published is not an ISO date: {raw_date!r}")
    doc_id = _string(record, "id", where) or url or where
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(where, f'"text" must be a string, not {type(text).__name__}')
    html = _string(record, "html", where)
    if (text is None or not text.strip()) and html is not None:
        page = html_document(html, where, options, url=url)
    elif text is None or not text.strip():
        raise InputError(where, 'no "text"' if text is None else "empty text")
    else:
        text = check_text(text, where, options)
        page = Document(id=where, text=text, published=header_date(text))
    language = normalize_language(_string(record, "language", where))
    return replace(
        page,
        id=doc_id,
        url=url or page.url,
        title=_string(record, "title", where) or page.title,
        site=_string(record, "site", where) or page.site,
        published=published or page.published,
        author=_string(record, "author", where) or page.author,
        language=language or page.language or guess_language(page.text),
    )


def read_jsonl(
    stream: BinaryIO, source: str, options: Options, url: str | None, charset: str | None
) -> Iterator[Document | InputError]:
    """The documents of JSON Lines (see :func:`jsonl_documents`)."""
    return jsonl_documents(stream, source, options)


FORMAT = Format(
    kind="jsonl",
    extensions=(".ndjson", ".jsonl"),
    sniff=lambda head, stripped: stripped.startswith(b"{"),
    read=read_jsonl,
    streamed=True,
)
