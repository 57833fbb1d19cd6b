"""HTML: main text and metadata through trafilatura; HTML fragments (feed content) to text.

Malformed HTML never raises out of here: it gives a document or an
:class:`~according.errors.InputError` "no main text found".
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import trafilatura

from according.errors import InputError
from according.options import Options
from according.records import Document

from .fetch import HTML_TYPES, TEXT_TYPES, Fetched
from .formats import Format
from .language import declared_language, guess_language
from .text import check_text, text_document

__all__ = [
    "FORMAT",
    "NO_MAIN_TEXT",
    "fragment_text",
    "html_document",
    "page_document",
    "parse_date",
]

LOGGER = logging.getLogger(__name__)

NO_MAIN_TEXT = "no main text found"

# Elements that end a line of text when an HTML fragment is flattened.
BLOCK_TAGS: tuple[str, ...] = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
)  # fmt: skip
# Elements whose content is never text.
SKIPPED_TAGS: tuple[str, ...] = ("script", "style", "noscript", "template", "head", "svg")
if not BLOCK_TAGS or not SKIPPED_TAGS:  # pragma: no cover - a guard on the data above
    raise RuntimeError("empty tag list")

_BLOCK = frozenset(BLOCK_TAGS)
_SKIPPED = frozenset(SKIPPED_TAGS)
_SPACES = re.compile(r"\s+")


def parse_date(value: object) -> dt.date | None:
    """An ISO date or datetime string (or a date) as a date; None when absent or not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _field(result: Any, name: str) -> str | None:
    value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def html_document(
    data: bytes | str,
    source: str,
    options: Options,
    *,
    url: str | None = None,
    charset: str | None = None,
) -> Document:
    """The document of an HTML page: trafilatura's main text and metadata.

    ``source`` becomes the document's id and names it in errors; ``url`` is where the page
    came from (a fetch's final URL, a WARC record's target), used when the page does not
    name its own URL; ``charset`` is a declared charset (HTTP ``Content-Type``).
    Raises :class:`InputError` when no main text is found.
    """
    if isinstance(data, bytes) and charset:
        try:
            data = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            LOGGER.info("%s does not decode as its declared charset %s", source, charset)
    markup = data if isinstance(data, str) else data[:100_000].decode("utf-8", "replace")
    if not markup.strip():
        raise InputError(source, "empty")
    try:
        result = trafilatura.bare_extraction(
            data,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        LOGGER.info("trafilatura failed on %s: %r", source, exc)
        raise InputError(source, NO_MAIN_TEXT) from exc
    text = _field(result, "text") if result is not None else None
    if text is None:
        raise InputError(source, NO_MAIN_TEXT)
    check_text(text, source, options)
    page_url = _field(result, "url") or url
    return Document(
        id=source,
        text=text,
        title=_field(result, "title"),
        site=_field(result, "sitename") or (urlsplit(page_url).hostname if page_url else None),
        url=page_url,
        published=parse_date(_field(result, "date")),
        author=_field(result, "author"),
        language=declared_language(markup) or guess_language(text),
    )


def page_document(fetched: Fetched, source: str, options: Options) -> Document:
    """The document of a fetched page: plain text for ``text/plain``, else HTML.

    Raises :class:`InputError` naming ``source`` for a page that is a feed (or other XML
    that is not a page) or has no main text.
    """
    if fetched.content_type in TEXT_TYPES:
        return text_document(
            fetched.body, source, options, url=fetched.url, charset=fetched.charset
        )
    if fetched.content_type and fetched.content_type not in HTML_TYPES:
        raise InputError(source, f"not a web page ({fetched.content_type})")
    return html_document(fetched.body, source, options, url=fetched.url, charset=fetched.charset)


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:  # in HTML, a line break in text is a space
            self.parts.append(_SPACES.sub(" ", data))


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content or summary): one line per
    paragraph or other block, white space collapsed as a browser would."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|title|meta|h1)\b", re.IGNORECASE
)
_SNIFF_BYTES = 4096


def looks_like_html(head: bytes, stripped: bytes) -> bool:
    """True when an input's first bytes (white space stripped) open an HTML page or
    fragment."""
    return stripped.startswith(b"<") and _HTML_START.search(stripped[:_SNIFF_BYTES]) is not None


def read_html(
    stream: BinaryIO, source: str, options: Options, url: str | None, charset: str | None
) -> Iterator[Document | InputError]:
    """The one document of an HTML page (see :func:`html_document`)."""
    yield html_document(stream.read(), source, options, url=url, charset=charset)


FORMAT = Format(
    kind="html",
    extensions=(".xhtml", ".html", ".htm"),
    sniff=looks_like_html,
    read=read_html,
    content_types=HTML_TYPES,
    served_yields_to=("feed",),  # a feed served as text/html
)
