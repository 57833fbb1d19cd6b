"""The text spaCy is given: the document's text with a few characters written the way
the parser was trained to read them, one character for one, so that every offset into
it holds for the original.

- Spaces written another way (no-break, thin, figure …: "January 1 and\xa0September 18",
  "who could\xa0leak") become plain spaces. spaCy makes a token of each, which the parser
  then hangs somewhere and the taggers read as a break.
- A curly apostrophe inside a word ("Trump’s", "isn’t", "we’re") becomes a straight one:
  the small English model tags "Trump’s" as a common noun and "n’t" as punctuation, and
  "Trump's" and "n't" right. A curly mark at a word's edge may close a quotation and is
  left as it is.

What the analysis quotes or names (spans, entity names and descriptions, media) is read
back from the text as written: :func:`as_written`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from according.typography import ODD_SPACES

__all__ = ["as_written", "parser_text"]

_AS_SPACE = str.maketrans(dict.fromkeys(ODD_SPACES, " "))
_APOSTROPHE = re.compile(r"(?<=\w)[’ʼ](?=\w)")


def parser_text(text: str) -> str:
    """``text`` with every odd space (:data:`ODD_SPACES`) as a plain space and every
    apostrophe inside a word as a straight one."""
    return _APOSTROPHE.sub("'", text.translate(_AS_SPACE))


def as_written(span: Span) -> str:
    """The characters of ``span`` as the document writes them (``doc._.source_text``,
    when the caller set it), not as the parser read them."""
    text: str | None = span.doc._.source_text if Doc.has_extension("source_text") else None
    return span.text if text is None else text[span.start_char : span.end_char]
