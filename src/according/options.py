"""One options object for a run, built in one place from CLI flags or settings."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from according.errors import OptionError
from according.version import __version__

__all__ = [
    "DEFAULT_DB",
    "EARLIEST_PUBLISHED",
    "LATEST_PUBLISHED",
    "FetchOptions",
    "Options",
    "default_db_url",
]

DEFAULT_DB = "sqlite:///according.db"

# Published dates outside these are bad metadata (a year 1 or 9999 from a broken feed):
# dropped with a warning, as dates against which relative dates cannot be resolved.
EARLIEST_PUBLISHED = dt.date(1000, 1, 1)
LATEST_PUBLISHED = dt.date(2999, 12, 31)


def default_db_url() -> str:
    """The store URL when none is given: ``$ACCORDING_DB``, else ``sqlite:///according.db``."""
    return os.environ.get("ACCORDING_DB") or DEFAULT_DB


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How inputs are read and URLs fetched.

    ``timeout`` is the total time one URL may take (every redirect, the headers and the
    whole body), not a time per read. ``max_bytes`` caps an input file, a download, a
    JSON line and a WARC record (decompressed); ``max_archive_bytes`` caps what one WARC
    file decompresses to.

    ``allow_private`` lets requests reach loopback, private and link-local addresses;
    it is off by default so that a feed or a redirect cannot make us fetch from the
    machine's own network.
    """

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_archive_bytes: int = 20_000_000_000
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = f"according/{__version__} (+news attribution ledger)"

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.max_bytes <= 0 or self.max_redirects < 0:
            raise OptionError("timeout and max_bytes must be positive, max_redirects >= 0")
        if self.max_archive_bytes <= 0:
            raise OptionError("max_archive_bytes must be positive")


@dataclass(frozen=True, slots=True)
class Options:
    """Everything a run can be told.

    ``published`` overrides (or supplies) every document's published date (applied in
    one place, :meth:`according.analyze.Analyzer.prepare`).
    ``max_chars`` is the longest text analysed; a longer document is a bad input.
    The budget of one document's analysis: ``max_tokens`` words and punctuation marks
    and ``max_sentence_chars`` characters without a sentence end (memory: parsing costs
    about 15 kB a token, and some steps grow faster than the sentence), checked before
    parsing; ``max_seconds`` of analysis (None: no limit). A document over budget is a
    bad input ("too large", "too slow") and the batch goes on.
    ``attribution_model`` is a folder of attribution tagger files to use instead of the
    shipped ones (for evaluating a newly trained model).
    """

    fetch: FetchOptions = field(default_factory=FetchOptions)
    published: dt.date | None = None
    max_chars: int = 1_000_000
    max_tokens: int = 50_000
    max_sentence_chars: int = 20_000
    max_seconds: float | None = 60.0
    batch_size: int = 32
    attribution_model: str | None = None

    def __post_init__(self) -> None:
        if min(self.max_chars, self.max_tokens, self.max_sentence_chars, self.batch_size) <= 0:
            raise OptionError(
                "max_chars, max_tokens, max_sentence_chars and batch_size must be positive"
            )
        if self.max_seconds is not None and self.max_seconds <= 0:
            raise OptionError("max_seconds must be positive")
        if self.published is not None and not (
            EARLIEST_PUBLISHED <= self.published <= LATEST_PUBLISHED
        ):
            raise OptionError(
                f"published date {self.published.isoformat()} is not between "
                f"{EARLIEST_PUBLISHED.isoformat()} and {LATEST_PUBLISHED.isoformat()}"
            )
