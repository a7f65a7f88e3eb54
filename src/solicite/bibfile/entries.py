"""What a Library is made of besides itself: entries read on demand, views over them, block edits.

Split from ``solicite.bibfile.library`` so that each module stays short; the Library is the
only user of the private helpers here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, overload

from solicite.bibfile.scanner import Block, scan
from solicite.errors import DataLossError
from solicite.model import Reference, parse_names

if TYPE_CHECKING:
    from solicite.bibfile.library import Library

# A key that can replace another inside a {braced} or "quoted" value without changing how the entry reads.
_PLAIN_KEY = re.compile(r'[^\s{}"\\]+').fullmatch


class ReferenceView(Sequence[Reference]):
    """A library's entries for passes that each read them once (export's diagnostics, then its text).

    Iterating builds each Reference as it is reached and lets it go (:meth:`Library.iter_references`),
    so several passes over 100,000 entries cost time, not memory. Indexing reads up to that entry.
    """

    def __init__(self, library: "Library", with_crossref: bool = False) -> None:
        self._library, self._with_crossref = library, with_crossref

    def __iter__(self) -> Iterator[Reference]:
        refs = self._library.iter_references()
        return (self._library.with_crossref(r) for r in refs) if self._with_crossref else refs

    def __len__(self) -> int:
        return len(self._library)

    @overload
    def __getitem__(self, index: int) -> Reference: ...

    @overload
    def __getitem__(self, index: slice) -> list[Reference]: ...

    def __getitem__(self, index: int | slice) -> Reference | list[Reference]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if not 0 <= index < len(self):
            raise IndexError(index)
        return next(islice(iter(self), index, None))


class _LoadedReference(Reference):
    """A Reference read from a file, whose name lists are parsed on first use of ``persons``.

    Parsing names is most of the cost of building References for a large file, and most
    commands (show, search by title, rm, add) never look at most entries' names.
    """

    @property
    def persons(self) -> dict:
        people = self.__dict__.get("persons")
        if people is None:
            problems: list[str] = []
            people = {role: parse_names(value, problems) for role, value in self.__dict__.pop("_names", {}).items()}
            self.__dict__["persons"] = people
            if problems:
                self.__dict__["_problems"] = problems  # read by model.reading_problems
        return people

    @persons.setter
    def persons(self, value: dict) -> None:
        self.__dict__["persons"] = value
        self.__dict__.pop("_names", None)


def _blank(block: Block) -> bool:
    return block.kind == "text" and not block.raw.strip()


def _rekeyed(block: Block, new_key: str) -> Block:
    """The entry with another key and nothing else changed (no re-scan: the fields only move)."""
    at = block.key_offset
    raw = block.raw[:at] + new_key + block.raw[at + len(block.key):]
    # Fields are read from raw when asked; what follows the key is unchanged, and so is how to read it.
    return Block("entry", raw, block.line, block.type, new_key, at, fast=block.fast)


def _single_entry(text: str, line: int = 0) -> Block:
    """Scan text that must be exactly one entry (a freshly written one) into its Block."""
    blocks, _ = scan(text, "<entry>")
    entries = [b for b in blocks if b.kind == "entry"]
    if len(entries) != 1 or entries[0].raw != text:
        raise DataLossError("internal error: a rewritten entry did not read back as one entry",
                            hint="nothing was written; please report this")
    entries[0].line = line
    return entries[0]


def _repointed(block: Block, fields: list, old_key: str, new_key: str,
               targets: list[str]) -> tuple[Block, list[str] | None]:
    """The entry with its crossref/xref ``fields`` naming new_key, and the targets it then names (None: unknown).

    A {braced} or "quoted" value that is just the old key keeps its delimiters and spacing;
    any other value that means the old key (a @string macro, # concatenation) becomes
    ``{new_key}``. When every value was plain and the new key has no braces, quotes,
    backslashes or white space, no field moves in a way the scanner could read differently,
    so the block is built without a scan (31,840 scans were a tenth of ``keys`` on 100,000
    entries); anything else is scanned as a freshly written entry. ``targets``: what the
    entry named before.
    """
    raw, plain = block.raw, bool(_PLAIN_KEY(new_key))
    for f in reversed(fields):  # from the end, so that earlier offsets stay right
        at = raw.index(f.raw_value, f.offset)
        simple = len(f.pieces) == 1 and f.pieces[0][0] in ("{", '"')
        value = f.raw_value.replace(old_key, new_key) if simple else "{" + new_key + "}"
        plain = plain and simple
        raw = raw[:at] + value + raw[at + len(f.raw_value):]
    if plain:
        new = Block("entry", raw, block.line, block.type, block.key, block.key_offset, fast=block.fast)
        return new, [new_key if t == old_key else t for t in targets]
    return _single_entry(raw, block.line), None


def _as_is(pieces: tuple) -> tuple:
    """The pieces of a value unexpanded (for Block.values when only some fields' macros matter)."""
    return pieces
