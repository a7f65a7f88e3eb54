"""The one way a command writes its output: ``-o FILE`` saved safely, ``-o -`` (or none) to standard output."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from solicite.bibfile.lock import DEFAULT_TIMEOUT
from solicite.bibfile.safewrite import SaveOutcome, replace_file
from solicite.stream import batched

STDOUT = "-"


def is_stdout(target: Path | str | None) -> bool:
    """True when output goes to standard output: no ``-o``, or ``-o -``."""
    return target is None or str(target) == STDOUT


def utf8(text: str) -> bytes:
    """Text as UTF-8 that is always valid: a stray undecodable byte becomes U+FFFD, never an invalid sequence."""
    return text.encode("utf-8", errors="replace")


def write_output(target: Path | str | None, text: str | Iterable[str], *, stdout: BinaryIO, backup: bool = False,
                 lock_timeout: float = DEFAULT_TIMEOUT) -> SaveOutcome | None:
    """Write text (a str, or pieces of it) as UTF-8 to target (``None`` or ``-``: the binary stream ``stdout``).

    The pieces are written as they come, in batches of 64 KiB, to standard output or to the
    temporary file that then replaces the target, so a large output is never held whole. A
    file is replaced through ``replace_file``: atomic, through symlinks, never over a device,
    fifo or read-only file. Returns what the replace did, or None for stdout.
    """
    pieces = [text] if isinstance(text, str) else batched(text)
    if target is None or is_stdout(target):
        for piece in pieces:
            stdout.write(utf8(piece))
        stdout.flush()
        return None
    return replace_file(target, (utf8(piece) for piece in pieces), backup=backup, lock_timeout=lock_timeout)
