"""Full-text search over the documents' title and text, on SQLite (FTS5) and PostgreSQL.

A query is free text in the spirit of PostgreSQL's ``websearch_to_tsquery``: words must
all occur, ``"a phrase"`` must occur as written, ``or`` between words allows either, and
``-word`` excludes (a query with nothing but exclusions finds nothing, on both
backends). On PostgreSQL ``websearch_to_tsquery`` reads it as is; for SQLite,
:func:`fts5_query` rewrites it into an FTS5 expression of quoted strings, so that no
user input (quotes, hyphens, ``C++``, a lone ``'``) can be an FTS5 syntax error.

Hits are ranked best first (``rank``: -bm25 on SQLite, ts_rank on PostgreSQL; higher is
better, and ranks are comparable only within one backend) and carry a short snippet of
plain text with the offsets of the matched words in :attr:`SearchHit.highlights`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Date, Float, Integer, String, bindparam, text

from according.store.bounds import MAX_HITS, check_limit, check_search, sqlite_deadline
from according.store.schema import PG_TS_CONFIG

__all__ = ["SearchHit", "fts5_query", "parse_marked", "search"]

# What the backends put around a matched word; parsed out again by parse_marked.
_START, _STOP = "\x02", "\x03"
_SNIPPET_WORDS = 16
_WORD = re.compile(r"[^\W_]")
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One document that matches a query.

    ``snippet`` is a short plain-text passage (whitespace collapsed, ``…`` where cut);
    ``highlights`` are the ``(start, end)`` offsets in it of the words that matched.
    """

    id: int
    doc_id: str
    title: str | None
    published: dt.date | None
    snippet: str
    rank: float
    highlights: tuple[tuple[int, int], ...] = ()

    def marked(self, start: str = "[", end: str = "]") -> str:
        """The snippet with every matched word between ``start`` and ``end``."""
        return self._render(start, end, lambda s: s)

    def html(self, tag: str = "mark") -> str:
        """The snippet as escaped HTML, matched words in ``<tag>`` elements."""
        return self._render(f"<{tag}>", f"</{tag}>", html.escape)

    def _render(self, start: str, end: str, escape: Callable[[str], str]) -> str:
        parts: list[str] = []
        at = 0
        for s, e in self.highlights:
            parts += [escape(self.snippet[at:s]), start, escape(self.snippet[s:e]), end]
            at = e
        parts.append(escape(self.snippet[at:]))
        return "".join(parts)


def parse_marked(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Split a backend's marked snippet into plain text (whitespace collapsed) and the
    offsets of its marked parts."""
    plain: list[str] = []
    size = 0
    highlights: list[tuple[int, int]] = []
    start: int | None = None
    for piece in re.split(f"([{_START}{_STOP}])", marked):
        if piece == _START:
            start = size
        elif piece == _STOP:
            if start is not None and size > start:
                highlights.append((start, size))
            start = None
        elif piece:
            piece = _SPACE.sub(" ", piece)
            if piece.startswith(" ") and "".join(plain[-1:]).endswith(" "):
                piece = piece[1:]
            if piece:
                plain.append(piece)
                size += len(piece)
    text_ = "".join(plain)
    stripped = text_.lstrip()
    shift = len(text_) - len(stripped)
    stripped = stripped.rstrip()
    spans = tuple(
        (max(s - shift, 0), min(e - shift, len(stripped)))
        for s, e in highlights
        if min(e - shift, len(stripped)) > max(s - shift, 0)
    )
    return stripped, spans


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_query(query: str) -> str | None:
    """An FTS5 expression for a free-text query, or None when it has no words to look for.

    Every word and phrase becomes a quoted FTS5 string (so punctuation is only ever
    tokenised, never parsed); groups are ANDed, ``or`` joins alternatives, and ``-term``
    becomes ``NOT``. A group of nothing but exclusions is dropped (FTS5 cannot say
    "everything except").
    """
    groups: list[list[tuple[bool, str]]] = [[]]
    for match in _TERM.finditer(query):
        negated = bool(match.group(1))
        if match.group(3) is not None:
            word = match.group(3)
            if word.lower() == "or":
                if groups[-1]:
                    groups.append([])
                continue
            if word.startswith("-") and len(word) > 1:
                negated, word = True, word[1:]
        else:
            word = match.group(2)
        if _WORD.search(word):
            groups[-1].append((negated, word))
    alternatives: list[str] = []
    for group in groups:
        wanted = [_quote(w) for negated, w in group if not negated]
        if not wanted:
            continue
        expression = " AND ".join(wanted)
        # every exclusion in one flat OR (nested NOTs overflow FTS5's parser stack)
        unwanted = [_quote(w) for negated, w in group if negated]
        if len(unwanted) == 1:
            expression = f"({expression}) NOT {unwanted[0]}"
        elif unwanted:
            expression = f"({expression}) NOT ({' OR '.join(unwanted)})"
        alternatives.append(f"({expression})")
    return " OR ".join(alternatives) if alternatives else None


_SQLITE_SEARCH = (
    text(
        "SELECT d.id, d.doc_id, d.title, d.published, "
        f"snippet(documents_fts, 1, char(2), char(3), '…', {_SNIPPET_WORDS}) AS snippet, "
        "-bm25(documents_fts, 5.0, 1.0) AS rank "
        "FROM documents_fts JOIN documents AS d ON d.id = documents_fts.rowid "
        "WHERE documents_fts MATCH :query "
        "ORDER BY bm25(documents_fts, 5.0, 1.0), d.id LIMIT :limit"
    )
    .bindparams(bindparam("query", type_=String), bindparam("limit", type_=Integer))
    .columns(id=Integer, doc_id=String, title=String, published=Date, snippet=String, rank=Float)
)

_HEADLINE_OPTIONS = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords={_SNIPPET_WORDS + 4}, MinWords=8, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)

_POSTGRES_SEARCH = (
    text(
        "WITH q AS (SELECT websearch_to_tsquery(CAST(:config AS regconfig), :query) AS query), "
        "best AS (SELECT d.id, ts_rank(d.search, q.query) AS rank FROM documents AS d, q "
        "WHERE d.search @@ q.query ORDER BY rank DESC, d.id LIMIT :limit) "
        "SELECT d.id, d.doc_id, d.title, d.published, "
        "ts_headline(CAST(:config AS regconfig), coalesce(d.search_text, d.text), q.query, "
        ":options) AS snippet, "
        "best.rank FROM best JOIN documents AS d ON d.id = best.id, q "
        "ORDER BY best.rank DESC, d.id"
    )
    .bindparams(
        bindparam("config", type_=String),
        bindparam("query", type_=String),
        bindparam("limit", type_=Integer),
        bindparam("options", type_=String),
    )
    .columns(id=Integer, doc_id=String, title=String, published=Date, snippet=String, rank=Float)
)


def search(
    conn: Connection, query: str, limit: int, *, timeout: float | None = None
) -> list[SearchHit]:
    """The documents matching ``query``, best first, at most ``limit``. A query longer
    than :data:`~according.store.bounds.MAX_QUERY_CHARS` characters or
    :data:`~according.store.bounds.MAX_QUERY_TERMS` words, or a limit above
    :data:`~according.store.bounds.MAX_HITS`, is a :class:`QueryError`; on SQLite the
    search is stopped after ``timeout`` seconds (on PostgreSQL the read's
    ``statement_timeout`` does it)."""
    check_search(query)
    check_limit(limit, MAX_HITS)
    query = query.replace("\x00", " ")  # PostgreSQL takes no NUL in a string
    if limit <= 0 or not query.strip():
        return []
    expression = fts5_query(query)
    if expression is None:  # no word to look for (only exclusions, punctuation, ...)
        return []
    with sqlite_deadline(conn, timeout):
        if conn.dialect.name == "sqlite":
            rows = conn.execute(_SQLITE_SEARCH, {"query": expression, "limit": limit}).all()
        elif conn.dialect.name == "postgresql":
            rows = conn.execute(
                _POSTGRES_SEARCH,
                {"config": PG_TS_CONFIG, "query": query, "limit": limit,
                 "options": _HEADLINE_OPTIONS},
            ).all()  # fmt: skip
        else:
            raise NotImplementedError(f"no full-text search on {conn.dialect.name}")
    hits = []
    for row in rows:
        snippet, highlights = parse_marked(row.snippet or "")
        hits.append(
            SearchHit(
                id=row.id,
                doc_id=row.doc_id,
                title=row.title,
                published=row.published,
                snippet=snippet,
                rank=float(row.rank),
                highlights=highlights,
            )
        )
    return hits
