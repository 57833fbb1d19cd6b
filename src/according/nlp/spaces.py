"""Spaces written another way, and the text spaCy is given.

News text carries no-break, thin and figure spaces ("January 1 and\xa0September 18",
"who could\xa0leak"). spaCy makes a token of each, which the parser then hangs somewhere
and the taggers read as a break. The parser is given the text with each of them as a
plain space: one character for one, so every offset into it holds for the original.
"""

from __future__ import annotations

__all__ = ["ODD_SPACES", "parser_text"]

ODD_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
"""Characters that are a space within a line written another way."""
_AS_SPACE = str.maketrans(dict.fromkeys(ODD_SPACES, " "))


def parser_text(text: str) -> str:
    """``text`` with every odd space (:data:`ODD_SPACES`) as a plain space."""
    return text.translate(_AS_SPACE)
