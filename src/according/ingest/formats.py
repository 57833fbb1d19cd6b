"""What an input format is: the file name endings that say it, how its first bytes look,
the content types a server labels it with, and its reader.

Each reader module defines its ``FORMAT``; :data:`according.ingest.FORMATS` lists them,
one line each, in sniffing order. Adding a format is one module and one line there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from according.errors import InputError
from according.options import Options
from according.records import Document

__all__ = ["Format", "Reader", "Sniffer"]

Reader = Callable[[BinaryIO, str, Options, str | None, str | None], Iterator[Document | InputError]]
"""``read(stream, source, options, url, charset)``: the documents of one input, or an
:class:`InputError` in place of each bad one. ``source`` names the input in ids and
errors; ``url`` is where it was fetched from (None for a file) and ``charset`` the charset
a server declared."""

Sniffer = Callable[[bytes, bytes], bool]
"""``sniff(head, stripped)``: whether the first bytes of an input (``head``; ``stripped``
is the same without a UTF-8 byte-order mark and leading white space) open this format."""


@dataclass(frozen=True, slots=True)
class Format:
    """One kind of input.

    ``extensions`` are the file name endings of this format (lower case, with the dot);
    a directory yields only files with a known ending. ``sniff`` recognises it from its
    first bytes when a name says nothing (or standard input). ``streamed`` readers get an
    open stream (read as they go, so a large file or standard input stays in flat
    memory); the others get the input's bytes, read up to the byte cap. ``yields_to``
    names formats that, when sniffed, win over this one's file ending (an ``.xml`` file
    that is XHTML). ``content_types`` are the media types a server labels it with, and
    ``served_yields_to`` the formats that, when sniffed, win over that label.
    """

    kind: str
    extensions: tuple[str, ...]
    sniff: Sniffer
    read: Reader
    streamed: bool = False
    yields_to: tuple[str, ...] = ()
    content_types: tuple[str, ...] = ()
    served_yields_to: tuple[str, ...] = ()
