"""Stored text printed as text, never as markup or terminal control.

Everything a view prints from the store or an input (article text, quotations, titles,
names, sites, URLs, file names) came from someone else. Handed to rich as a ``str`` it
would be read as markup (``[link=...]`` a hidden hyperlink, ``[bold red]`` vanishing
into formatting, a stray ``[/]`` a :class:`rich.errors.MarkupError`) and emoji codes
(``:warning:``), and its control characters (ESC sequences that clear the screen or
open OSC 8 hyperlinks, carriage returns that overwrite a line, C1 controls, bidi
overrides) would reach the terminal raw, even when piped.

:func:`text` turns a stored value into a :class:`rich.text.Text` (which rich never
parses) with every control character shown: C0 controls and DEL as their Unicode
control pictures (ESC as ``␛``), C1 controls and invisible bidi controls as ``\\x9b``
and ``\\u202e``. Tab and newline are kept. JSON is written with the same characters
escaped by :func:`according.outputs.json_text`.
"""

from __future__ import annotations

import re

from rich.text import Text

__all__ = ["text", "visible"]

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
"""Characters that are never printed raw: C0 controls but tab and newline, DEL, C1
controls, and the bidi marks, embeddings, overrides and isolates (and the line and
paragraph separators)."""


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (ESC is ␛)
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(value: object) -> str:
    """``value`` as a string with its control characters made visible; None is ""."""
    if value is None:
        return ""
    return _CONTROL.sub(_shown, str(value))


def text(value: object, style: str = "") -> Text:
    """``value`` as a rich :class:`Text` to print as it is written: no markup, no emoji
    codes, control characters made visible (see :func:`visible`)."""
    return Text(visible(value), style=style)
