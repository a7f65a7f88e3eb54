"""Saving a Library: its text written piece by piece, each piece read back before the file is replaced.

A save never holds the whole file as one text: the blocks are joined a few MiB at a time,
each piece is scanned again (so that an entry the writer garbled or lost is caught) and
encoded, and the bytes go to the temporary file that ``replace_file`` renames over the
library only when every piece read back right. Joined whole, a 100,000-entry library (63 MB)
cost one text of up to 250 MB (four bytes a character once one character is above U+FFFF),
its bytes, and a second set of blocks from scanning it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from solicite.bibfile import encoding as _encoding
from solicite.bibfile.scanner import Block, scan
from solicite.errors import BibSyntaxError, DataLossError

if TYPE_CHECKING:
    from solicite.bibfile.library import Library

PIECE = 1 << 22  # characters of the file joined, checked and written at a time


def pieces(blocks: list[Block], size: int = PIECE) -> Iterator[str]:
    """The blocks' text joined into pieces of about ``size`` characters, each cut just before an entry.

    Cut there, a piece that scans without error ends where a scan of the whole text would be
    between two blocks, so the pieces read back as the whole text does (the scanner keeps no
    state from one block to the next, and an entry starts with "@", which no piece's last block
    can run into).
    """
    batch: list[str] = []
    length = 0
    for block in blocks:
        if length >= size and block.kind == "entry":
            yield "".join(batch)
            batch, length = [], 0
        batch.append(block.raw)
        length += len(block.raw)
    if batch:
        yield "".join(batch)


class Written:
    """The encoded pieces of a library's text, each read back as it goes; what was written, once they all are."""

    def __init__(self, lib: "Library", source: str) -> None:
        self.lib, self.source = lib, source
        self.keys: Counter = Counter()  # the entry keys the written text holds
        self.digest = ""  # its content hash (safewrite.content_digest), when all is written

    def __iter__(self) -> Iterator[bytes]:
        hasher = hashlib.sha256()
        whole = False  # a piece did not scan: read the whole text back instead, as one scan
        for text in pieces(self.lib.blocks(), PIECE):
            if not whole:
                try:
                    found, _ = scan(text, self.source)
                    self.keys.update(b.key for b in found if b.kind == "entry")
                except BibSyntaxError:
                    whole = True
            data = _encoding.encode(text, self.lib.encoding, source=self.source)
            hasher.update(data)
            yield data
        if whole:
            found, _ = scan(self.lib.dumps(), self.source, lenient=True)
            self.keys = Counter(b.key for b in found if b.kind == "entry")
        expected = self.lib.expected_keys()
        if self.keys != expected:
            lost = sorted((expected - self.keys).elements())
            raise DataLossError(f"refusing to save: entries would be lost or garbled: {', '.join(lost) or 'unknown'}",
                                path=self.source, hint="nothing was written; please report this with --debug")
        self.digest = hasher.hexdigest()
