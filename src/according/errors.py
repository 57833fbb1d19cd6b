"""The errors `according` raises on purpose. Each names the input it is about."""

from __future__ import annotations

__all__ = [
    "AccordingError",
    "DataError",
    "FetchError",
    "InputError",
    "ModelError",
    "OptionError",
    "OutputError",
    "QueryError",
    "StoreError",
]


class AccordingError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(AccordingError):
    """An input could not be turned into a document (empty, binary, malformed, too large)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchError(InputError):
    """A URL could not be fetched (unreachable, refused, too large, wrong content type)."""


class StoreError(AccordingError):
    """The store could not be opened or written."""


class QueryError(AccordingError):
    """A read of the store asked for too much (too long a query, too many terms, too
    large a limit), matches nothing it can say (a filter with no words), or ran out of
    its time."""


class ModelError(AccordingError):
    """A model (the spaCy model or an attribution model folder) could not be loaded."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class OutputError(AccordingError):
    """An output file could not be written: a directory, a special file, an existing
    file not to be overwritten, or a path that cannot be written."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class OptionError(AccordingError, ValueError):
    """An option's value is out of its range or not one of its choices (a limit that is
    not positive, an unknown table or format, a plot file of another kind)."""


class DataError(AccordingError):
    """A word list or table shipped under ``according/data`` is empty or malformed."""
