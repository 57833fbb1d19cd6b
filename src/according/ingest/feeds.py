"""RSS and Atom feeds: one document per entry.

An entry with its full text in the feed (``content:encoded``, Atom ``content``, or a long
summary) is a document as it stands. An entry with only a short summary and a link is
fetched and extracted as a web page, the feed's metadata filling what the page lacks; if
that fails, the entry's error is yielded and the other entries go on.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import feedparser

from according.errors import InputError
from according.options import Options
from according.records import Document

from .fetch import FEED_TYPES, fetch
from .formats import Format
from .html import fragment_text, page_document, parse_date
from .language import guess_language, normalize_language
from .text import check_text

__all__ = ["FORMAT", "FULL_TEXT_CHARS", "feed_documents", "looks_like_feed"]

LOGGER = logging.getLogger(__name__)

# An entry's own text shorter than this is a teaser: its page is fetched instead.
FULL_TEXT_CHARS = 500

_FEED_ROOT = re.compile(rb"<(?:[a-z0-9_-]+:)?(rss|feed|rdf)\b", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<html\b", re.IGNORECASE)
_SNIFF_BYTES = 4096


def looks_like_feed(head: bytes) -> bool:
    """True when ``head`` (the first bytes of an input) opens an RSS, RDF or Atom feed."""
    sample = head[:_SNIFF_BYTES]
    feed = _FEED_ROOT.search(sample)
    if feed is None:
        return False
    html = _HTML_ROOT.search(sample)
    return html is None or feed.start() < html.start()


def _entry_date(entry: Any) -> dt.date | None:
    """The entry's published (else updated) date, as the publisher's local date."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        date = parse_date(raw)
        if date is not None:
            return date
        try:
            return email.utils.parsedate_to_datetime(raw).date()
        except (TypeError, ValueError, IndexError):
            pass
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _text_of(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _entry_text(entry: Any) -> str:
    """The entry's own text: its longest content, else its summary, as plain text."""
    contents = [
        fragment_text(item.get("value") or "")
        for item in entry.get("content") or ()
        if isinstance(item, dict)
    ]
    best = max(contents, key=len, default="")
    return best or fragment_text(entry.get("summary") or "")


def feed_documents(data: bytes, source: str, options: Options) -> Iterator[Document | InputError]:
    """Every entry of the RSS/Atom feed in ``data`` as a document (or the entry's error).

    ``source`` names the feed: entries without a link get the id ``SOURCE#N``. A feed that
    does not parse and has no entries gives one :class:`InputError` for the feed.
    """
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser is lenient, but its parsers can still raise
        yield InputError(source, f"malformed feed: {exc}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield InputError(source, f"malformed feed: {parsed.get('bozo_exception')}")
        elif not parsed.get("version"):
            yield InputError(source, "not an RSS or Atom feed")
        else:
            LOGGER.warning("%s: the feed has no entries", source)
        return
    channel = parsed.get("feed") or {}
    feed_title = _text_of(channel.get("title"))
    feed_language = normalize_language(_text_of(channel.get("language")))
    for number, entry in enumerate(entries, start=1):
        link = _text_of(entry.get("link"))
        entry_id = link or f"{source}#{number}"
        try:
            yield _entry_document(entry, entry_id, link, feed_title, feed_language, options)
        except InputError as exc:
            yield exc


def _entry_document(
    entry: Any,
    entry_id: str,
    link: str | None,
    feed_title: str | None,
    feed_language: str | None,
    options: Options,
) -> Document:
    title = _text_of(entry.get("title"))
    published = _entry_date(entry)
    author = _text_of(entry.get("author"))
    site = feed_title or (urlsplit(link).hostname if link else None)
    text = _entry_text(entry)
    if len(text) < FULL_TEXT_CHARS and link:
        page = page_document(fetch(link, options.fetch), link, options)
        return replace(
            page,
            id=entry_id,
            url=link,
            title=page.title or title,
            site=page.site or site,
            published=page.published or published,
            author=page.author or author,
        )
    if not text:
        raise InputError(entry_id, "feed entry has no text and no link")
    check_text(text, entry_id, options)
    return Document(
        id=entry_id,
        text=text,
        title=title,
        site=site,
        url=link,
        published=published,
        author=author,
        language=feed_language or guess_language(text),
    )


def read_feed(
    stream: BinaryIO, source: str, options: Options, url: str | None, charset: str | None
) -> Iterator[Document | InputError]:
    """The documents of a feed (see :func:`feed_documents`)."""
    yield from feed_documents(stream.read(), source, options)


FORMAT = Format(
    kind="feed",
    extensions=(".atom", ".rss", ".xml"),
    sniff=lambda head, stripped: looks_like_feed(stripped),
    read=read_feed,
    yields_to=("html",),  # an .xml file may be XHTML rather than a feed
    content_types=FEED_TYPES,
    served_yields_to=("html",),  # XHTML served as application/xml
)
