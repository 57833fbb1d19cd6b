"""according: turn news reports into a sourced ledger.

Who said what, which figures were reported, according to whom and as of when: every
record tied to the characters it came from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from according.options import FetchOptions, Options
from according.records import Document, Ledger, Span
from according.version import __version__

if TYPE_CHECKING:
    from according.analyze import Analyzer

__all__ = ["Analyzer", "Document", "FetchOptions", "Ledger", "Options", "Span", "__version__"]


def __getattr__(name: str) -> Any:
    # the analyzer pulls in spaCy: import it only when asked for
    if name == "Analyzer":
        from according.analyze import Analyzer

        return Analyzer
    raise AttributeError(f"module 'according' has no attribute {name!r}")
