"""Output files (exports, plots) written whole or not at all, and never over a file by
accident.

:func:`check_output` refuses, with an :class:`~according.errors.OutputError` naming the
path, a directory, a special file (device, pipe, socket), an existing file unless
``force``, and a path in a folder that cannot be written. :func:`atomic_output` checks
the path, hands out a temporary file in the same folder to write, and renames it to the
path only when the writing succeeded: a failed or interrupted write leaves the path as
it was and no half-written file behind. :func:`json_text` is JSON safe to print.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from according.errors import OutputError

__all__ = ["atomic_output", "check_output", "json_text"]


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def check_output(path: Path, *, force: bool = False) -> None:
    """Raise :class:`OutputError` unless ``path`` can be written as a new file (or, with
    ``force``, an existing regular file replaced)."""
    name = str(path)
    try:
        found = path.stat()  # follows a symbolic link to what it names
    except FileNotFoundError:
        found = None
    except OSError as exc:  # a path through a file, a folder we may not read, ...
        raise OutputError(name, _reason(exc)) from exc
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise OutputError(name, "is a directory")
        if not stat.S_ISREG(found.st_mode):
            raise OutputError(name, "is a special file (device, pipe or socket), not a file")
        if not force:
            raise OutputError(name, "already exists (give --force to overwrite it)")
    elif path.is_symlink():
        raise OutputError(name, "is a broken symbolic link")
    folder = path.absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError(name, f"{folder} is not a directory")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(name, f"cannot write in {folder}")


def _mode(path: Path) -> int:
    """The permissions the output gets: an existing file's, else the umask's default."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_output(path: Path, *, force: bool = False) -> Iterator[Path]:
    """A temporary file beside ``path`` to write; renamed to ``path`` when the block
    ends without an error, removed when it fails. Checked first (:func:`check_output`);
    a missing folder is made. An error writing (disk full, ...) raises
    :class:`OutputError`."""
    check_output(path, force=force)
    name = str(path)
    try:
        path.absolute().parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=path.absolute().parent, prefix=f".{path.name}.")
        os.close(fd)
    except OSError as exc:
        raise OutputError(name, _reason(exc)) from exc
    temp = Path(temp_name)
    try:
        try:
            yield temp
        except OSError as exc:
            raise OutputError(name, _reason(exc)) from exc
        try:
            os.chmod(temp, _mode(path))
            if force:
                os.replace(temp, path)
            else:  # never over a file made since the check
                try:
                    os.link(temp, path)
                except FileExistsError:
                    raise OutputError(
                        name, "already exists (give --force to overwrite it)"
                    ) from None
                except OSError:  # a file system without hard links
                    if path.exists():
                        raise OutputError(
                            name, "already exists (give --force to overwrite it)"
                        ) from None
                    os.replace(temp, path)
        except OSError as exc:
            raise OutputError(name, _reason(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON, non-ASCII text as it is (``ensure_ascii=False``) but every
    control character escaped: ``json.dumps`` escapes C0 controls; DEL, C1 and bidi
    controls become ``\\u`` escapes too (they can only occur inside JSON strings, so the
    JSON is the same value)."""
    dumped = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
