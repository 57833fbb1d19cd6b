"""One options object for a run, built in one place from CLI flags or settings."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from according.version import __version__

__all__ = ["DEFAULT_DB", "FetchOptions", "Options", "default_db_url"]

DEFAULT_DB = "sqlite:///according.db"


def default_db_url() -> str:
    """The store URL when none is given: ``$ACCORDING_DB``, else ``sqlite:///according.db``."""
    return os.environ.get("ACCORDING_DB") or DEFAULT_DB


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How URLs are fetched.

    ``allow_private`` lets requests reach loopback, private and link-local addresses;
    it is off by default so that a feed or a redirect cannot make us fetch from the
    machine's own network.
    """

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = f"according/{__version__} (+news attribution ledger)"

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.max_bytes <= 0 or self.max_redirects < 0:
            raise ValueError("timeout and max_bytes must be positive, max_redirects >= 0")


@dataclass(frozen=True, slots=True)
class Options:
    """Everything a run can be told.

    ``published`` overrides (or supplies) every document's published date.
    ``max_chars`` is the longest text analysed; a longer document is a bad input.
    ``attribution_model`` is a folder of attribution tagger files to use instead of the
    shipped ones (for evaluating a newly trained model).
    """

    fetch: FetchOptions = field(default_factory=FetchOptions)
    published: dt.date | None = None
    max_chars: int = 1_000_000
    batch_size: int = 32
    attribution_model: str | None = None
