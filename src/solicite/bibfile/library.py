"""The Library: a .bib file held as lossless blocks, read as References, edited and saved safely."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from solicite import crossref
from solicite.bibfile.scanner import Block, gc_paused
from solicite.bibfile import encoding as _encoding
from solicite.bibfile.safewrite import SaveOutcome, replace_file
from solicite.bibfile.saving import Written
from solicite.bibfile.entries import ReferenceView, _as_is, _blank, _LoadedReference, _rekeyed, _repointed, _single_entry
from solicite.bibfile.writer import format_entry, patch_entry
from solicite.errors import DuplicateKeyError, InputError, KeyNotFoundError
from solicite.dates import MONTH_MACROS, MONTHS
from solicite.keys import generate_key, unique_key
from solicite.model import PERSON_FIELDS, Diagnostic, Reference

_XREF_FIELDS = ("crossref", "xref")
# A cheap filter before reading an entry's fields: any "crossref" or "xref", in any case, holds
# one of these four letters; (?i)crossref|xref took 0.85 s over 100,000 entries, this 0.19 s.
_MAY_XREF = re.compile(r"[xXsS][rR][eE][fF]").search

_PERSONS = frozenset(PERSON_FIELDS)

# BibTeX's predefined month macros expand to full English names.
_PREDEFINED = dict(zip(MONTH_MACROS, MONTHS))


class Library:
    """A BibTeX/BibLaTeX file as blocks that keep their bytes, with References built on demand."""

    def __init__(self, blocks: list[Block], *, source: str = "<string>", path: Path | None = None,
                 failures: Sequence[tuple[int, int, str]] = (), allow_duplicates: bool = False,
                 digest: str | None = None) -> None:
        self.path = path
        self.source = source
        self._blocks = blocks
        self.digest = digest  # content hash of the file as read (ABSENT: it did not exist); a save re-checks it
        self.last_save: SaveOutcome | None = None  # what the last save did
        self.encoding = _encoding.UTF8  # detected by load; the text is saved back in it
        self._refs: dict[int, Reference] = {}
        self.diagnostics: list[Diagnostic] = [
            Diagnostic("warning", "syntax", f"{msg}; block kept verbatim and skipped", source=source, line=ln, column=col)
            for ln, col, msg in failures]
        text_sample = blocks[0].raw[:4096] if blocks else ""
        self.newline = "\r\n" if "\r\n" in text_sample else "\n"
        self.strings: dict[str, str] = dict(_PREDEFINED)
        self._index: dict[str, Block] = {}
        self._folded: dict[str, str] | None = None  # lower-case key -> key, for crossref lookups
        self.duplicates: list[tuple[str, list[int]]] = []
        seen: dict[str, list[int]] = {}
        for block in blocks:
            if block.kind == "string":
                f = block.fields[0]
                self.strings[f.name.lower()] = self._expand(f.pieces, block)
            elif block.kind == "entry":
                seen.setdefault(block.key, []).append(block.line)
                self._index.setdefault(block.key, block)
        for key, lines in seen.items():
            if len(lines) > 1:
                self.duplicates.append((key, lines))
        if self.duplicates and not allow_duplicates:
            key, lines = self.duplicates[0]
            more = f"; {len(self.duplicates) - 1} more duplicated keys" if len(self.duplicates) > 1 else ""
            raise DuplicateKeyError(
                f"duplicate key {key!r} at lines {', '.join(map(str, lines))}{more}",
                path=source, line=lines[1], hint="rename one of them; `solicite dupes` lists every duplicate")
        self._read_keys = Counter(b.key for b in blocks if b.kind == "entry")
        self._pos: dict[int, int] | None = None  # id(block) -> index in _blocks, built on first edit
        self._xrefs: dict[str, list[Block]] | None = None  # crossref/xref target -> entries naming it
        self._xref_of: dict[int, list[str]] = {}  # id(entry) -> the targets it is listed under
        self._removed: Counter = Counter()
        self._added: Counter = Counter()
        self._renamed: list[tuple[str, str]] = []

    # -- reading -------------------------------------------------------------------------

    def _expand(self, pieces: tuple, block: Block) -> str:
        if len(pieces) == 1 and pieces[0][0] != "macro":
            return pieces[0][1]  # the common case: one {braced} or "quoted" value or a number
        out = []
        for kind, text in pieces:
            if kind == "macro":
                value = self.strings.get(text.lower())
                if value is None:
                    self.diagnostics.append(Diagnostic("warning", "undefined-macro", f"undefined @string {text!r}",
                                                       key=block.key, source=self.source, line=block.line))
                    value = text
                out.append(value)
            else:
                out.append(text)
        return "".join(out)

    def _reference(self, block: Block) -> Reference:
        ref = self._refs.get(id(block))
        if ref is None:
            ref = self._refs[id(block)] = self._build(block)
        return ref

    def _build(self, block: Block) -> Reference:
        fields: dict[str, str] = {}
        names: dict[str, str] = {}
        for name, value in block.values(lambda pieces: self._expand(pieces, block)):
            name = name.lower()
            if name in _PERSONS:
                names[name] = value
            else:
                fields[name] = value
        raw = block.raw
        if self.encoding == _encoding.MIXED:  # stray one-byte-encoded bytes, read for display
            fix = _encoding.readable
            fields, names, raw = {k: fix(v) for k, v in fields.items()}, {k: fix(v) for k, v in names.items()}, fix(raw)
        ref = _LoadedReference.__new__(_LoadedReference)
        # Skipping __init__ saves a third of the time on a 100,000-entry file.
        ref.__dict__.update(type=block.type.lower(), key=block.key, fields=fields, raw=raw,
                            source=self.source, line=block.line, _names=names)
        return ref

    def iter_references(self) -> Iterator[Reference]:
        """Every entry as a Reference, in file order, built as it is reached and not kept.

        For one pass over a large library (list, export, lint): memory stays that of one entry,
        where :attr:`references` holds all of them for the rest of the command.
        """
        refs = self._refs
        for b in self._blocks:
            if b.kind == "entry":
                yield refs.get(id(b)) or self._build(b)

    @property
    def references(self) -> list[Reference]:
        """Every entry as a Reference, in file order (macros expanded; crossref not merged)."""
        with gc_paused():
            return [self._reference(b) for b in self._blocks if b.kind == "entry"]

    def each_reference(self, *, with_crossref: bool = False) -> "ReferenceView":
        """Every entry, as a sequence that builds References anew on each loop over it and keeps none."""
        return ReferenceView(self, with_crossref)

    def keys(self) -> list[str]:
        """Every entry key in file order."""
        return [b.key for b in self._blocks if b.kind == "entry"]

    def get(self, key: str) -> Reference | None:
        """The Reference with this key, or None."""
        block = self._index.get(key)
        return self._reference(block) if block is not None else None

    def read(self, key: str) -> Reference:
        """The Reference with this key, built anew and not kept (for one look at each of many entries)."""
        block = self._index.get(key)
        if block is None:
            return self[key]  # the usual KeyNotFoundError
        return self._refs.get(id(block)) or self._build(block)

    def __getitem__(self, key: str) -> Reference:
        ref = self.get(key)
        if ref is None:
            raise KeyNotFoundError(f"no entry with key {key!r}", path=self.source,
                                   hint="`solicite list` shows the keys; `solicite search` finds entries")
        return ref

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __len__(self) -> int:
        return sum(1 for b in self._blocks if b.kind == "entry")

    def blocks(self) -> list[Block]:
        """The raw blocks (entries, @string, @preamble, @comment, text, failed), in file order."""
        return list(self._blocks)

    def field_line(self, key: str, name: str) -> int:
        """The line where field ``name`` of entry ``key`` starts (the entry's line when absent)."""
        block = self._index[key]
        for f in block.fields:
            if f.name.lower() == name:
                return block.line + block.raw.count("\n", 0, f.offset)
        return block.line

    def with_crossref(self, ref: Reference) -> Reference:
        """A copy of ref with what it lacks inherited from its ``crossref`` parent (solicite.crossref's rules)."""
        return crossref.resolve(ref, self.get_folded)

    def get_folded(self, key: str) -> Reference | None:
        """The Reference with this key, matched case-insensitively when no key matches exactly (BibTeX's rule)."""
        found = self.get(key)
        if found is not None or not key:
            return found
        if self._folded is None:  # built on first use; every change to the set of keys drops it
            self._folded = {k.lower(): k for k in reversed(list(self._index))}  # the first of two spellings wins
        exact = self._folded.get(key.lower())
        return self.get(exact) if exact is not None else None

    # -- editing -------------------------------------------------------------------------

    def add(self, ref: Reference) -> str:
        """Append ref in canonical format and return its key (generated when empty, suffixed when taken)."""
        if not ref.key:
            ref = ref.copy(key=generate_key(ref, self._index))  # membership only: no copy of every key
        key = unique_key(ref.key, self._index)
        ref = ref.copy(key=key)
        text = format_entry(ref, newline=self.newline)
        # The entry goes before the file's trailing white space, which stays last, one blank line
        # after what precedes it: `rm` of the last entry undoes exactly this (see remove).
        trail = self._pop_trailing_space()
        if not self._blocks:
            sep, trail = "", trail or self.newline  # an empty file: the entry, then a line break
        else:
            sep = self.newline * 2
        block = _single_entry(text)
        for new in (Block("text", sep, 0), block, Block("text", trail, 0)):
            if new.raw:
                self._append(new)
        if self._xrefs is not None and _MAY_XREF(block.raw):
            self._note_crossrefs(self._xrefs, block)
        self._index[key] = block
        self._folded = None
        self._added[key] += 1
        return key

    def replace(self, ref: Reference, old_key: str | None = None) -> None:
        """Rewrite one entry from ref; only its block changes, and unchanged fields keep their exact text."""
        old_key = old_key or ref.key
        block = self._index.get(old_key)
        if block is None:
            raise KeyNotFoundError(f"no entry with key {old_key!r}", path=self.source)
        if ref.key != old_key and ref.key in self._index:
            raise DuplicateKeyError(f"cannot rename {old_key!r} to {ref.key!r}: that key is taken", path=self.source)
        original = self._reference(block)
        text = patch_entry(block.raw, block.fields, ref, original, key_end=block.key_offset + len(block.key),
                           newline=self.newline)
        if ref.type.lower() != block.type.lower():
            at = block.raw.index(block.type)
            text = text[:at] + ref.type.lower() + text[at + len(block.type):]
        if ref.key != old_key:
            at = block.key_offset + (len(ref.type) - len(block.type) if ref.type.lower() != block.type.lower() else 0)
            text = text[:at] + ref.key + text[at + len(old_key):]
        self._swap(block, _single_entry(text, block.line), old_key, ref.key)

    def rename(self, old_key: str, new_key: str) -> None:
        """Change one entry's key, and crossref fields that point to it, touching no other byte."""
        block = self._index.get(old_key)
        if block is None:
            raise KeyNotFoundError(f"no entry with key {old_key!r}", path=self.source)
        if new_key == old_key:
            return
        if new_key in self._index:
            raise DuplicateKeyError(f"cannot rename {old_key!r} to {new_key!r}: that key is taken", path=self.source)
        self._swap(block, _rekeyed(block, new_key), old_key, new_key, same_fields=True)
        positions = self._positions()
        # A copy: an entry rewritten here is listed again under the keys it still names.
        for other in list(self._crossrefs().get(old_key, ())):
            if id(other) not in positions:
                continue  # rewritten since the index was built (or just now); its new block is listed too
            fields = [f for f in other.fields
                      if f.name.lower() in _XREF_FIELDS and self._expand(f.pieces, other).strip() == old_key]
            if fields:
                new, targets = _repointed(other, fields, old_key, new_key, self._xref_of.get(id(other), []))
                self._swap(other, new, other.key, other.key, targets=targets)

    def _positions(self) -> dict[int, int]:
        """Where each block is in the file (by identity), so that an edit costs O(1), not a list scan."""
        if self._pos is None:
            self._pos = {id(b): i for i, b in enumerate(self._blocks)}
        return self._pos

    def _crossrefs(self) -> dict[str, list[Block]]:
        """Entries by the key their crossref or xref field names, built once for a run of renames."""
        if self._xrefs is None:
            self._xrefs = {}
            for b in self._blocks:
                if b.kind == "entry" and _MAY_XREF(b.raw):
                    self._note_crossrefs(self._xrefs, b)
        return self._xrefs

    def _note_crossrefs(self, xrefs: dict[str, list[Block]], block: Block, targets: list[str] | None = None) -> None:
        if targets is None:
            # values() with the pieces of a macro value left as they are: only crossref and xref
            # are expanded (no undefined-macro warning for other fields), and no Field is built.
            targets = [(v if isinstance(v, str) else self._expand(v, block)).strip()
                       for name, v in block.values(_as_is) if name.lower() in _XREF_FIELDS]
        for target in targets:
            xrefs.setdefault(target, []).append(block)
        if targets:
            self._xref_of[id(block)] = targets

    def renumber_duplicates(self) -> list[tuple[str, int, str]]:
        """Give the second and later entries of each duplicated key a suffixed key; return (old, line, new)."""
        changes = []
        held: dict[str, list[Block]] = {key: [] for key, _ in self.duplicates}
        for b in self._blocks:
            if b.kind == "entry" and b.key in held:
                held[b.key].append(b)
        for key, blocks in held.items():
            for block in blocks[1:]:
                new_key = unique_key(key, self._index)
                self._index[new_key] = self._replace_block(block, _rekeyed(block, new_key), same_fields=True)
                self._folded = None
                self._renamed.append((key, new_key))
                changes.append((key, block.line, new_key))
        self.duplicates = []
        return changes

    def _replace_block(self, block: Block, new: Block, *, same_fields: bool = False,
                       targets: list[str] | None = None) -> Block:
        """Put new where block was, keeping the position and crossref indexes current; return new.

        ``same_fields``: new is block with another key, so it names the same crossref targets;
        ``targets``: the targets new names, known by the caller (None: read from its fields).
        """
        positions = self._positions()
        i = positions.pop(id(block))
        self._blocks[i] = new
        positions[id(new)] = i
        self._refs.pop(id(block), None)
        old_targets = self._xref_of.pop(id(block), None)
        if same_fields:
            targets = old_targets or []
        if self._xrefs is not None and (targets or (targets is None and _MAY_XREF(new.raw))):
            self._note_crossrefs(self._xrefs, new, targets)
        return new

    def _swap(self, block: Block, new: Block, old_key: str, new_key: str, same_fields: bool = False,
              targets: list[str] | None = None) -> None:
        self._replace_block(block, new, same_fields=same_fields, targets=targets)
        if old_key != new_key:
            del self._index[old_key]
            self._folded = None
            self._renamed.append((old_key, new_key))
        self._index[new_key] = new

    def remove(self, key: str) -> Reference:
        """Remove one entry and the white space that separates it; return what was removed."""
        block = self._index.get(key)
        if block is None:
            raise KeyNotFoundError(f"no entry with key {key!r}", path=self.source,
                                   hint="`solicite list` shows the keys")
        ref = self._reference(block)
        i = self._positions()[id(block)]
        del self._blocks[i]
        self._pos = None  # every later block moved up by one
        if all(_blank(b) for b in self._blocks[i:]):
            # The last entry: drop the white space before it and keep the file's ending, the
            # inverse of add (and nothing at all is left of a file that held only this entry).
            self._strip_space_before(i)
            if all(_blank(b) for b in self._blocks):
                self._blocks.clear()
        elif i < len(self._blocks) and self._blocks[i].kind == "text":
            nxt = self._blocks[i]
            rest = nxt.raw.lstrip()
            self._blocks[i:i + 1] = [Block("text", rest, nxt.line)] if rest else []
        del self._index[key]
        self._folded = None
        self._refs.pop(id(block), None)
        self._removed[key] += 1
        return ref

    def _append(self, block: Block) -> None:
        if self._pos is not None:
            self._pos[id(block)] = len(self._blocks)
        self._blocks.append(block)

    def _pop_trailing_space(self) -> str:
        """Remove the white space that ends the file from the blocks and return it."""
        trail = ""
        while self._blocks and _blank(self._blocks[-1]):
            gone = self._blocks.pop()
            if self._pos is not None:
                del self._pos[id(gone)]
            trail = gone.raw + trail
        if self._blocks and self._blocks[-1].kind == "text":
            last = self._blocks.pop()
            if self._pos is not None:
                del self._pos[id(last)]
            head = last.raw.rstrip()
            trail = last.raw[len(head):] + trail
            self._append(Block("text", head, last.line))
        return trail

    def _strip_space_before(self, i: int) -> None:
        """Remove the white space just before block i (in one or more text blocks); positions are rebuilt later."""
        while i > 0 and _blank(self._blocks[i - 1]):
            del self._blocks[i - 1]
            i -= 1
        if i > 0 and self._blocks[i - 1].kind == "text":
            prev = self._blocks[i - 1]
            self._blocks[i - 1] = Block("text", prev.raw.rstrip(), prev.line)

    # -- writing -------------------------------------------------------------------------

    def dumps(self) -> str:
        """The whole file as text: untouched blocks byte for byte, edited ones canonical."""
        return "".join(b.raw for b in self._blocks)

    def expected_keys(self) -> Counter:
        """The multiset of keys the saved file must hold: what was read, less removals, plus additions.

        Counted in a plain dict: Counter's operators each build a new Counter, and with 100,000
        renames they cost most of a second.
        """
        expected = dict(self._read_keys)
        get = expected.get
        for key, n in self._removed.items():
            expected[key] = get(key, 0) - n
        for old, new in self._renamed:
            expected[old] = get(old, 0) - 1
            expected[new] = get(new, 0) + 1
        for key, n in self._added.items():
            expected[key] = get(key, 0) + n
        return Counter({key: n for key, n in expected.items() if n > 0})

    def save(self, path: Path | str | None = None, *, backup: bool = True) -> Path | None:
        """Save atomically, keeping the previous file as ``<name>.bak``; refuse if an entry would be lost.

        The text is written a few MiB at a time, each piece read back before the file is
        replaced (``solicite.bibfile.saving``): a large library is never held whole again.
        """
        target = Path(path) if path else self.path
        if target is None:
            raise InputError("this library was not read from a file", hint="give a path to save to")
        written = Written(self, str(target))
        same = self.path is not None and os.path.realpath(target) == os.path.realpath(self.path)
        self.last_save = outcome = replace_file(target, written, backup=backup, expect=self.digest if same else None)
        self.path, self.digest = target, written.digest
        self._read_keys = written.keys
        self._removed, self._added, self._renamed = Counter(), Counter(), []
        return outcome.backup
