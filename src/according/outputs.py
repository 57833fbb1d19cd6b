"""What `according` writes out: :func:`json_text` is JSON safe to print."""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["json_text"]

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON, non-ASCII text as it is (``ensure_ascii=False``) but every
    control character escaped: ``json.dumps`` escapes C0 controls; DEL, C1 and bidi
    controls become ``\\u`` escapes too (they can only occur inside JSON strings, so the
    JSON is the same value)."""
    dumped = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
