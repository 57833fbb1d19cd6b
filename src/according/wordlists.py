"""Word lists and patterns are data: one file each under ``according/data``.

A list file holds one entry per line; blank lines and lines starting with ``#`` are
left out. Every list must hold at least one entry.
"""

from __future__ import annotations

import functools
from importlib import resources

from according.errors import DataError

__all__ = ["load_list", "load_table"]


@functools.cache
def load_list(name: str) -> tuple[str, ...]:
    """The entries of ``according/data/NAME.txt``, in file order."""
    raw = resources.files("according").joinpath(f"data/{name}.txt").read_text("utf-8")
    entries = tuple(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )
    if not entries:
        raise DataError(f"according/data/{name}.txt holds no entry")
    return entries


def load_table(name: str) -> dict[str, str]:
    """``according/data/NAME.txt`` read as ``KEY VALUE`` lines (the key may hold spaces;
    the value is the last word)."""
    table: dict[str, str] = {}
    for entry in load_list(name):
        key, _, value = entry.rpartition(" ")
        if not key or not value:
            raise DataError(f"according/data/{name}.txt: {entry!r} is not 'KEY VALUE'")
        table[key.strip()] = value
    return table
