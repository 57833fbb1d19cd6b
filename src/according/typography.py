"""The one table of how news text writes its marks: quotation marks, dashes and
hyphens, apostrophes, odd spaces; and the one way names are folded so that spellings
of one name meet.

Every module that needs one of these reads it from here, so that a mark added for one
rule is added for all of them.

- :data:`OPENING_QUOTES` / :data:`CLOSING_QUOTES`: characters that open or close a
  quotation; :data:`QUOTE_TOKENS_OPEN` / :data:`QUOTE_TOKENS_CLOSE`: the tokens spaCy
  makes of them (with "``" and "''", typed by some newspapers for both marks).
- :data:`DASHES`: the long dashes that set off a clause or sign a quotation ("—", "―",
  "–", and "--" typed for one); :data:`HYPHENS`: characters written for a hyphen or a
  minus in a word or a number ("Al‐Khulaifi", "Al−Khulaifi", "10–15").
- :data:`APOSTROPHES`: characters written for an apostrophe ("O’Brien", "O′Brien").
- :data:`ODD_SPACES`: characters that are a space within a line written another way.
- :func:`plain` and :func:`fold_name`: text without diacritics, with dashes and
  apostrophes in their ASCII forms; and the key under which spellings of a name meet.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "APOSTROPHES",
    "CLOSING_QUOTES",
    "DASHES",
    "HYPHENS",
    "ODD_SPACES",
    "OPENING_QUOTES",
    "QUOTES",
    "QUOTE_TOKENS_CLOSE",
    "QUOTE_TOKENS_OPEN",
    "fold_name",
    "plain",
]

OPENING_QUOTES = '“‘«„‚"'
"""Characters that can open a quotation (the straight mark opens and closes)."""
CLOSING_QUOTES = '”’»"'
"""Characters that can close a quotation (never an opening-only mark)."""
QUOTES = '“”"‘’«»'
"""Characters that mark a quotation at a text's edge ("“Yes,” he said")."""

QUOTE_TOKENS_OPEN = frozenset({"“", "‘‘", "``", '"', "''"})
"""Tokens that can open a quotation: some newspapers type both marks as two
apostrophes, and the straight mark is both."""
QUOTE_TOKENS_CLOSE = frozenset({"”", "’’", '"', "''"})
"""Tokens that can close a quotation."""

DASHES = frozenset({"—", "―", "–", "--"})
"""Dashes that set off a clause or sign a quotation ("“…” — Ilona Marek")."""

HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
"""Characters written for a hyphen, a dash or a minus: "Al‐Khulaifi" (hyphen, no-break
hyphen), "Al−Khulaifi" (minus), "10–15" (en dash), fullwidth and small hyphen-minus."""

APOSTROPHES = "\u2018\u2019\u201b`\u00b4\u02bc\u2032"
"""Characters written for an apostrophe: "O’Brien", "O‘Brien", "Oʼ Brien", "O′Brien"
(prime), "O`Brien", "O´Brien"."""

ODD_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
"""Characters that are a space within a line written another way (no-break, thin,
figure, ideographic …)."""

_ASCII = str.maketrans(dict.fromkeys(HYPHENS, "-") | dict.fromkeys(APOSTROPHES, "'"))


def plain(text: str) -> str:
    """``text`` without diacritics, with every :data:`HYPHENS` character as "-" and every
    :data:`APOSTROPHES` character as "'".

    >>> plain("Al−Khulaifi, O′Brien, Zoë")
    "Al-Khulaifi, O'Brien, Zoe"
    """
    if text.isascii():  # nothing to decompose: the common case, 5x faster
        return text.translate(_ASCII)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.translate(_ASCII)


def fold_name(name: str) -> str:
    """The key under which spellings of one name meet: :func:`plain`, case folded,
    spaces around a hyphen dropped and runs of spaces as one.

    >>> fold_name("Mohammed  AL – Khulaifi") == fold_name("Mohammed Al-Khulaifi")
    True
    """
    return " ".join(plain(name).casefold().replace(" - ", "-").split())
