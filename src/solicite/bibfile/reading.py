"""Reading a library: ``load`` a .bib file (any encoding, a few MiB at a time) or ``loads`` its text."""

from __future__ import annotations

import gc
from pathlib import Path

from solicite.bibfile import encoding as _encoding
from solicite.bibfile.library import Library
from solicite.bibfile.safewrite import content_digest
from solicite.bibfile.scanner import scan, scan_bytes
from solicite.errors import InputError

_FREEZE_ABOVE = 20_000  # blocks


def loads(text: str, source: str = "<string>", *, lenient: bool = False, allow_duplicates: bool = False) -> Library:
    """Read BibTeX text into a Library; malformed blocks raise BibSyntaxError unless lenient."""
    blocks, failures = scan(text, source, lenient=lenient)
    return Library(blocks, source=source, failures=failures, allow_duplicates=allow_duplicates or lenient)


def load(path: Path | str, *, lenient: bool = False, allow_duplicates: bool = False) -> Library:
    """Read a .bib file into a Library; any encoding survives a save byte for byte."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path), hint="check the path, or create it with `solicite add`") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a .bib file", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    if b"\x00" in data[:8192]:
        # NUL never occurs in BibTeX; reading a binary file as an empty library would let `add` append to it.
        raise InputError("is a binary file, not a BibTeX library", path=str(path),
                         hint="name the .bib file with --library")
    digest = content_digest(data)
    encoding = _encoding.detect(data)
    if encoding in (_encoding.UTF8, _encoding.MIXED):
        blocks, failures = scan_bytes(data, str(path), lenient=lenient)
    else:  # a one-byte encoding, decoded whole (such files are small: no large library is Latin-1)
        blocks, failures = scan(_encoding.decode(data, encoding), str(path), lenient=lenient)
    del data  # the blocks hold the text now
    lib = Library(blocks, source=str(path), path=path, failures=failures,
                  allow_duplicates=allow_duplicates or lenient, digest=digest)
    lib.encoding = encoding
    if len(blocks) > _FREEZE_ABOVE:
        # A large library is millions of small acyclic objects that live as long as the command.
        # Left to the cyclic collector, every later full collection walks all of them (building
        # names for 100,000 entries took twice as long); frozen, they are skipped, and reference
        # counting still frees them.
        gc.freeze()
    return lib
