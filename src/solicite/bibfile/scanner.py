"""Split BibTeX text into blocks that keep their exact source text, and parse entry fields.

The scanner is the lossless half of ``solicite.bibfile``: every character of the input
belongs to exactly one block, so joining the blocks' ``raw`` gives the input back byte
for byte. It is built for speed (a 100,000-entry file in a few seconds): each value is
scanned with a handful of C-level regex searches rather than character by character.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager

from solicite.errors import BibSyntaxError

# "@type{" or "@type(" : a block starts here. "user@host.org" in a comment is not a block.
_BLOCK_START = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])")
# Keys run to the comma: "https://doi.org/10.1002/(SICI)1097-024X(199908)29:10<833::AID-SPE258>3.0.CO;2-P" is real.
_KEY_BRACE = re.compile(r"[ \t\r\n]*([^,\s{}]*)[ \t\r\n]*")
_KEY_PAREN = re.compile(r"[ \t\r\n]*([^,\s{}()]*)[ \t\r\n]*")
_FIELD_NAME = re.compile(r"[ \t\r\n]*([A-Za-z_:.+/\-0-9]+)[ \t\r\n]*=[ \t\r\n]*")
# One field with a simple value (braces nested at most 3 deep, a "quoted" value, a number or a
# macro; no # concatenation) and its trailing comma, in one C-level match. The "unrolled loop"
# form ([^{}]* between forced braces) cannot backtrack catastrophically. Anything else takes
# the general path below.
_B3 = r"\{[^{}]*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}[^{}]*)*\}"
_FAST_FIELD = re.compile(
    r"[ \t\r\n]*([A-Za-z_:.+/\-0-9]+)[ \t\r\n]*=[ \t\r\n]*"
    r"(\{([^{}]*(?:" + _B3 + r"[^{}]*)*)\}"
    r'|"([^"{}]*(?:' + _B3 + r'[^"{}]*)*)"'
    r"|([^\s,#{}\"()=]+))"
    r"[ \t\r\n]*(,|(?=[})]))"
)
# A whole {braced} entry whose every field takes the fast path (stray commas allowed, as below):
# one C-level match checks it and finds its end, where the loop below costs a Python step per
# field. The same field pattern, not capturing, and only "}" may follow a field without a comma;
# groups: 1 the type, 2 the key. Anything it does not match takes the general path.
_FIELD_NC = (r"[ \t\r\n]*[A-Za-z_:.+/\-0-9]+[ \t\r\n]*=[ \t\r\n]*"
             r"(?:\{[^{}]*(?:" + _B3 + r"[^{}]*)*\}"
             r'|"[^"{}]*(?:' + _B3 + r'[^"{}]*)*"'
             r"|[^\s,#{}\"()=]+)"
             r"[ \t\r\n]*(?:,|(?=\}))")
_FAST_ENTRY = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*\{[ \t\r\n]*([^,\s{}]*)[ \t\r\n]*"
                         r"(?:,(?:" + _FIELD_NC + r"|[ \t\r\n]*,)*[ \t\r\n]*)?\}")
_BARE = re.compile(r"[^\s,#{}\"()=]+")
_BRACES = re.compile(r"[{}]")
_BRACES_OR_QUOTE = re.compile(r'[{}"]')
_WS = re.compile(r"[ \t\r\n]*")
_NEXT_LINE_AT = re.compile(r"\n[ \t]*@")

SPECIAL = frozenset({"string", "preamble", "comment"})


class Field(tuple):
    """One ``name = value`` of an entry: (name as written, pieces, value as written, offset in the block).

    A tuple subclass because a large file holds about a million of them: creating a tuple is
    several times cheaper than a dataclass instance. ``pieces`` is a tuple of (kind, text) with
    kind "{", '"', "num" or "macro" and text without its delimiters.
    """

    __slots__ = ()
    name = property(lambda self: self[0])
    pieces = property(lambda self: self[1])
    raw_value = property(lambda self: self[2])
    offset = property(lambda self: self[3])


class Block:
    """A span of the file: an entry, @string, @preamble, @comment, text between entries, or a failed block.

    An entry read from a file keeps only its text: its fields are parsed again from ``raw`` each
    time ``fields`` is read. A 100,000-entry file holds about a million fields, and kept as
    tuples they took 300 MB for the whole run; most commands read each entry once.
    """

    __slots__ = ("kind", "raw", "line", "type", "key", "key_offset", "_fields", "error", "fast")

    def __init__(self, kind: str, raw: str, line: int, type: str = "", key: str = "", key_offset: int = -1,
                 fields: list | None = None, error: str = "", fast: bool = False) -> None:
        self.kind = kind  # "entry", "string", "preamble", "comment", "text", "failed"
        self.raw = raw
        self.line = line  # 1-based line where the block starts
        self.type = type  # entry type as written ("Article")
        self.key = key
        self.key_offset = key_offset  # offset of the key inside raw (for renames that touch nothing else)
        self._fields = fields  # list[Field]; None: parsed from raw when asked for
        self.error = error  # for failed blocks: what was wrong
        self.fast = fast  # an entry that _FAST_ENTRY matched whole: its fields are _FAST_FIELD matches

    @property
    def fields(self) -> list:
        """The fields as :class:`Field` tuples, in file order."""
        if self._fields is not None:
            return self._fields
        if self.kind != "entry":
            return []
        raw = self.raw
        if self.fast:
            return [Field((m.group(1), _piece(m), m.group(2), m.start(1))) for m in self._matches()]
        fields: list = []
        m = _BLOCK_START.match(raw)
        assert m is not None  # an entry's text starts with its "@type{"
        _parse_block(raw, m, "<entry>", self.line, fields)
        return fields

    def values(self, expand) -> list:
        """The fields as (name as written, value) pairs, in file order; ``expand(pieces)`` gives the other values.

        A value of one {braced}, "quoted" or numeric piece is its text; anything else (a macro,
        # concatenation) is what ``expand`` makes of its pieces. Cheaper than :attr:`fields` for
        reading an entry: no positions, and for a fast-path entry no Match objects.
        """
        if self.fast and self._fields is None:
            out = []
            # findall gives every group as text ("" when it took no part): the value's first
            # character says which of braced, quoted or bare it is.
            for name, raw_value, braced, quoted, bare, _ in _FAST_FIELD.findall(self.raw, self.key_offset + len(self.key)):
                first = raw_value[0]
                if first == "{":
                    out.append((name, braced))
                elif first == '"':
                    out.append((name, quoted))
                else:
                    out.append((name, bare if bare.isdigit() else expand((("macro", bare),))))
            return out
        return [(f[0], f[1][0][1] if len(f[1]) == 1 and f[1][0][0] != "macro" else expand(f[1])) for f in self.fields]

    def _matches(self):
        # The entry matched _FAST_ENTRY whole: each field is one _FAST_FIELD match (stray commas
        # between them hold no field name), so a search from the key on finds exactly the fields
        # the general loop would, in order.
        return _FAST_FIELD.finditer(self.raw, self.key_offset + len(self.key))

    def __repr__(self) -> str:
        return f"Block({self.kind!r}, line={self.line}, key={self.key!r}, {len(self.raw)} characters)"


def _piece(m: re.Match) -> tuple:
    """The one (kind, text) piece of a ``_FAST_FIELD`` match, in a tuple (the field's pieces)."""
    braced, quoted, bare = m.group(3, 4, 5)
    if braced is not None:
        return (("{", braced),)
    if quoted is not None:
        return (('"', quoted),)
    return (("num" if bare.isdigit() else "macro", bare),)


def _error(text: str, pos: int, message: str, source: str) -> BibSyntaxError:
    line = text.count("\n", 0, pos) + 1
    column = pos - text.rfind("\n", 0, pos)
    return BibSyntaxError(message, path=source, line=line, column=column,
                          hint="fix the entry, or pass --lenient to keep it verbatim and skip it")


def _match_everywhere(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str]:
    """Match a pattern that matches at every position (possibly empty), such as ``_WS``."""
    m = pattern.match(text, pos)
    assert m is not None, pattern.pattern  # every part of the pattern is optional
    return m


def _skip_ws(text: str, pos: int) -> int:
    """Return the index of the first character at or after pos that is not whitespace."""
    return _match_everywhere(_WS, text, pos).end()


def _braced_end(text: str, pos: int, source: str) -> int:
    """Given text[pos] == "{", return the index just past its matching "}"."""
    depth = 0
    search = _BRACES.search
    m = search(text, pos)
    while m is not None:
        if m.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.end()
        m = search(text, m.end())
    raise _error(text, pos, "unbalanced braces: this { is never closed", source)


def _quoted_end(text: str, pos: int, source: str) -> int:
    """Given text[pos] == '"', return the index just past the closing quote (at brace depth 0)."""
    depth = 0
    search = _BRACES_OR_QUOTE.search
    m = search(text, pos + 1)
    while m is not None:
        ch = m.group()
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                raise _error(text, m.start(), 'unbalanced braces inside a "quoted" value', source)
        elif depth == 0:
            return m.end()
        m = search(text, m.end())
    raise _error(text, pos, 'this " is never closed', source)


def parse_value(text: str, pos: int, source: str) -> tuple[list, int]:
    """Parse a value expression (pieces joined by #) at pos; return (pieces, end position)."""
    pieces = []
    while True:
        ch = text[pos : pos + 1]
        if ch == "{":
            end = _braced_end(text, pos, source)
            pieces.append(("{", text[pos + 1 : end - 1]))
        elif ch == '"':
            end = _quoted_end(text, pos, source)
            pieces.append(('"', text[pos + 1 : end - 1]))
        else:
            m = _BARE.match(text, pos)
            if m is None:
                raise _error(text, pos, "expected a value: {text}, \"text\", a number or a @string name", source)
            end = m.end()
            word = m.group()
            pieces.append(("num" if word.isdigit() else "macro", word))
        pos = _skip_ws(text, end)
        if text.startswith("#", pos):
            pos = _skip_ws(text, pos + 1)
            continue
        return pieces, pos


def _parse_fields(text: str, pos: int, close: str, source: str, fields: list | None, start: int) -> int:
    """Parse ``name = value`` pairs up to the closing delimiter; return the index past it."""
    fast = _FAST_FIELD.match
    append = fields.append if fields is not None else None  # None: only check the syntax
    while True:
        m = fast(text, pos)
        if m is not None:
            if append is not None:
                braced, quoted, bare = m.group(3, 4, 5)
                if braced is not None:
                    piece = ("{", braced)
                elif quoted is not None:
                    piece = ('"', quoted)
                else:
                    piece = ("num" if bare.isdigit() else "macro", bare)
                append(Field((m.group(1), (piece,), m.group(2), m.start(1) - start)))
            pos = m.end()
            if m.group(6) or text[pos : pos + 1] == close:
                continue
        pos = _skip_ws(text, pos)
        ch = text[pos : pos + 1]
        if ch == close:
            return pos + 1
        if ch == ",":  # tolerate doubled commas, as BibTeX does
            pos += 1
            continue
        m = _FIELD_NAME.match(text, pos)
        if m is None:
            if not ch:
                raise _error(text, start, "entry is never closed", source)
            raise _error(text, pos, f"expected a field name followed by '=' or the closing '{close}'", source)
        name_pos = m.start(1)
        vstart = m.end()
        pieces, pos = parse_value(text, vstart, source)
        if append is not None:
            append(Field((m.group(1), tuple(pieces), text[vstart:pos].rstrip(), name_pos - start)))
        ch = text[pos : pos + 1]
        if ch == ",":
            pos += 1
        elif ch != close:
            raise _error(text, pos, f"expected ',' or '{close}' after the value of '{m.group(1)}'", source)


def _parse_block(text: str, m: re.Match, source: str, line: int, fields: list | None = None) -> Block:
    """Parse one @-block starting at match m; raise BibSyntaxError when malformed.

    An entry's fields are appended to ``fields`` when it is given, else only checked (the
    Block parses them again from its text when asked).
    """
    start = m.start()
    btype = m.group(1)
    kind = btype.lower()
    close = "}" if m.group(2) == "{" else ")"
    pos = m.end()
    if kind == "comment":
        if close == "}":
            end = _braced_end(text, m.end() - 1, source)
        else:
            end = text.find(")", pos)
            if end < 0:
                raise _error(text, start, "@comment( is never closed", source)
            end += 1
        return Block("comment", text[start:end], line, btype)
    if kind == "preamble":
        pieces, pos = parse_value(text, _skip_ws(text, pos), source)
        if text[pos : pos + 1] != close:
            raise _error(text, pos, f"expected '{close}' to close @preamble", source)
        return Block("preamble", text[start : pos + 1], line, btype, fields=[Field(("preamble", tuple(pieces), "", 0))])
    if kind == "string":
        defined: list = []
        end = _parse_fields(text, pos, close, source, defined, start)
        if len(defined) != 1:
            raise _error(text, start, "@string must define exactly one name = value", source)
        return Block("string", text[start:end], line, btype, key=defined[0].name, fields=defined)
    if fields is None and close == "}":
        fast = _FAST_ENTRY.match(text, start)
        if fast is not None:  # checked whole in one match: no field needs a step of its own
            return Block("entry", text[start:fast.end()], line, btype, fast.group(2), fast.start(2) - start,
                         fast=True)
    km = _match_everywhere(_KEY_BRACE if close == "}" else _KEY_PAREN, text, pos)
    key = km.group(1)
    pos = km.end()
    nxt = text[pos : pos + 1]
    if nxt == ",":
        try:
            end = _parse_fields(text, pos + 1, close, source, fields, start)
        except BibSyntaxError as exc:
            exc.message = f"{exc.message} (in entry {key!r} that starts at line {line})"
            exc.args = (exc.message,)
            raise
    elif nxt == close:
        end = pos + 1
    else:
        raise _error(text, pos, f"expected ',' after the key {key!r}", source)
    return Block("entry", text[start:end], line, btype, key, km.start(1) - start)


def scan(text: str, source: str = "<string>", lenient: bool = False, *,
         first_line: int = 1) -> tuple[list[Block], list[tuple[int, int, str]]]:
    """Split text into blocks; return (blocks, failures) where failures are (line, column, message) in lenient mode."""
    with gc_paused():
        return _scan(text, source, lenient, first_line)


_PIECE = 1 << 22  # bytes of a file decoded and scanned at a time


def scan_bytes(data: bytes, source: str = "<string>",
               lenient: bool = False) -> tuple[list[Block], list[tuple[int, int, str]]]:
    """Decode (UTF-8, undecodable bytes kept by surrogateescape) and scan a file, a few MiB at a time.

    One character above U+FFFF makes a decoded str take four bytes per character, so a
    63 MB file decoded whole can take 250 MB while it is scanned. Pieces end before a line
    that starts with "@". A piece scanned without error ends exactly where a block ends, and
    the next piece starts where a whole-text scan would; at the first error anywhere, the
    whole text is scanned instead, so errors and lenient recovery are what a single scan gives.
    """
    blocks: list[Block] = []
    start, line = 0, 1
    try:
        while start < len(data):
            cut = data.find(b"\n@", start + _PIECE)
            end = len(data) if cut < 0 else cut + 1
            text = data[start:end].decode("utf-8", "surrogateescape")
            part, _ = scan(text, source, first_line=line)
            if blocks and part and blocks[-1].kind == part[0].kind == "text":
                # The "@" at the cut did not start a block: one text block, as a single scan gives.
                prev = blocks.pop()
                part[0] = Block("text", prev.raw + part[0].raw, prev.line)
            blocks += part
            line += text.count("\n")
            start = end
    except BibSyntaxError:
        return scan(data.decode("utf-8", "surrogateescape"), source, lenient)
    return blocks, []


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Without this, a 100,000-entry file triggers hundreds of full collections that walk every
    object built so far, and loading takes about 40% longer.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _scan(text: str, source: str, lenient: bool, line: int) -> tuple[list[Block], list[tuple[int, int, str]]]:
    blocks: list[Block] = []
    failures: list[tuple[int, int, str]] = []
    pos = 0
    search = _BLOCK_START.search
    n = len(text)
    while pos < n:
        m = search(text, pos)
        if m is None:
            blocks.append(Block("text", text[pos:], line))
            break
        if m.start() > pos:
            gap = text[pos : m.start()]
            blocks.append(Block("text", gap, line))
            line += gap.count("\n")
        try:
            block = _parse_block(text, m, source, line)
        except BibSyntaxError as exc:
            if not lenient:
                raise
            # Keep the bad block verbatim up to the next line that starts with "@".
            nl = _NEXT_LINE_AT.search(text, m.end())
            end = nl.start() + 1 if nl else n
            block = Block("failed", text[m.start() : end], line, m.group(1), error=exc.message)
            failures.append((exc.line or line, exc.column or 0, exc.message))
        blocks.append(block)
        line += block.raw.count("\n")
        pos = m.start() + len(block.raw)
    return blocks, failures
