"""Which language a text is in — only as far as we need: English or not.

`according` analyses English only, so :func:`guess_language` answers "en" when English
function words make up a clear share of a text's words, and None otherwise. It is cheap
(a look at the first few thousand words) and needs no model. :func:`declared_language`
reads what an HTML page says about itself (``<html lang>``, ``content-language``,
``og:locale``).
"""

from __future__ import annotations

import logging
import re

__all__ = [
    "ENGLISH_STOPWORDS",
    "declared_language",
    "guess_language",
    "normalize_language",
]

LOGGER = logging.getLogger(__name__)

# The commonest English function words. A word list is data: keep it a tuple, checked below.
ENGLISH_STOPWORDS: tuple[str, ...] = (
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with",
    "he", "she", "as", "by", "at", "from", "his", "her", "they", "be", "this", "are",
    "have", "has", "had", "not", "but", "an", "or", "were", "which", "their", "been",
    "who", "will", "would", "said", "there", "we", "its", "after", "more", "than",
    "about", "into", "also", "when", "them", "our", "could", "if", "no", "so",
    "what", "up", "out", "over", "i", "you", "him", "all", "one", "two", "some",
)  # fmt: skip
if not ENGLISH_STOPWORDS:  # pragma: no cover - a guard on the data above
    raise RuntimeError("ENGLISH_STOPWORDS is empty")

_STOPWORDS = frozenset(ENGLISH_STOPWORDS)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# How much of a text is looked at, and the share of stopwords that makes it English.
# English news prose runs at 35-50 % with this list; other Latin-script languages
# share few of these words (only short ones such as "a", "in", "no") and stay far below.
_SAMPLE_CHARS = 20_000
_MIN_WORDS = 5
_ENGLISH_SHARE = 0.2

_HTML_LANG = re.compile(
    r"<html\b[^>]*?\s(?:xml:)?lang\s*=\s*[\"']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)",
    re.IGNORECASE,
)
_META_LANG = re.compile(
    r"<meta\b[^>]*?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)"
    r"[^>]*?content\s*=\s*[\"']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)",
    re.IGNORECASE,
)
# A page declares its language near the top; never scan a whole large page for it.
_HEAD_CHARS = 50_000


def guess_language(text: str) -> str | None:
    """ "en" when English function words make up a clear share of ``text``'s words, else None.

    >>> guess_language("The river burst its banks and the town was flooded.")
    'en'
    >>> guess_language("Der Fluss trat über die Ufer.") is None
    True
    """
    words = _WORD.findall(text[:_SAMPLE_CHARS].lower())
    if len(words) < _MIN_WORDS:
        return None
    share = sum(1 for word in words if word in _STOPWORDS) / len(words)
    return "en" if share >= _ENGLISH_SHARE else None


def normalize_language(tag: str | None) -> str | None:
    """The two-letter primary subtag of a language tag ("en-GB", "en_US" → "en"), or None
    when the tag does not start with one."""
    if not tag:
        return None
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
    return primary if len(primary) == 2 and primary.isascii() and primary.isalpha() else None


def declared_language(html: str) -> str | None:
    """The language an HTML page declares for itself, as a two-letter code, or None."""
    head = html[:_HEAD_CHARS]
    for pattern in (_HTML_LANG, _META_LANG):
        match = pattern.search(head)
        if match:
            language = normalize_language(match.group(1))
            if language:
                return language
    return None
