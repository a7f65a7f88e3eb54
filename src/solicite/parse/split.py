"""Split the lines of a reference list into one text block per reference.

The forms people write lists in, all handled here:

* one reference per line, with or without blank lines between them;
* bullets (``-``, ``*``, ``•``, ``–``) and numbers (``[1]``, ``(1)``, ``1.``, ``1)``);
* hanging indents: the first line of each reference sticks out, the rest is indented;
* references wrapped over several lines (by an editor, or copied from a PDF);
* blank-line separation, where each paragraph is one reference.

Where a line break is ambiguous (a wrapped reference or the next reference?), the break is a
new reference only when the line before it ends like a reference (".", "?", "!", a URL or DOI)
and the next line starts like one (a capital, a quote, a bracket) and the line before is not
as long as the paragraph's wrapping width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from solicite.parse.extract import Line, Link

_BULLET = re.compile(r"^(\s*)([-*•‣◦▪·–—+])\s+(?=\S)")
_NUMBER = re.compile(r"^(\s*)(\[\d{1,4}\]|\(\d{1,4}\)|\d{1,3}[.)])\s+(?=\S)")
_ENDS_REFERENCE = re.compile(
    r"(?:[.?!][\"'”’)\]]*|https?://\S+|\b10\.\d{4,9}/\S+|\((?:external link|PDF[^)]*)\)|\[(?:PDF|link)\])\s*$",
    re.IGNORECASE,
)
_STARTS_REFERENCE = re.compile(r"^[\"'“‘(\[]?[A-ZÀ-ÖØ-Þ]")
# "Bauder, H.", "Bauder H,", "H. Bauder", "UNHCR." at the start of a line: an author list begins.
AUTHOR_START = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w'’\-]+(?:\s[A-ZÀ-ÖØ-Þ][\w'’\-]+)?,\s+[A-ZÀ-ÖØ-Þ]"
    r"|[A-ZÀ-ÖØ-Þ]\.\s?(?:[A-ZÀ-ÖØ-Þ]\.\s?)*[A-ZÀ-ÖØ-Þ][\w'’\-]+"
    r"|[A-ZÀ-ÖØ-Þ][\w'’\-]+\s[A-Z]{1,3}[,.]"
    r"|[A-Z]{2,}[.,]\s)"
)


@dataclass
class Block:
    """The text of one reference, where it starts in the source, and its links."""

    text: str
    lineno: int
    links: list[Link] = field(default_factory=list)
    section: str = ""


def list_marker(text: str) -> re.Match | None:
    """The bullet or number that opens a list item, or None."""
    return _BULLET.match(text) or _NUMBER.match(text)


def one_per_line(lines: list[Line], section: str = "") -> list[Block]:
    """Every non-blank line is one reference (list markers removed)."""
    blocks = []
    for line in lines:
        if not line.blank:
            block = Block("", line.lineno, section=section)
            _append(block, line)
            blocks.append(block)
    return blocks


def split_blocks(lines: list[Line], section: str = "") -> list[Block]:
    """Group lines into references: markers, indentation, wrapping and blank lines decide."""
    content = [ln for ln in lines if not ln.blank]
    if not content:
        return []
    marker_mode = any(ln.item or list_marker(ln.text) for ln in content)
    base_indent = min(_indent(ln.text) for ln in content)
    hanging = _has_hanging_indents(lines, base_indent) and not marker_mode
    widths = _paragraph_widths(lines)

    blocks: list[Block] = []
    current: Block | None = None
    start_indent = 0
    prev: Line | None = None
    after_blank = True
    for index, line in enumerate(lines):
        if line.blank:
            after_blank = True
            continue
        indent = _indent(line.text)
        marked = bool(line.item or list_marker(line.text))
        if current is None or marked:
            new = True
        elif after_blank:
            # A loose list: an indented paragraph under an item still belongs to it.
            new = not (marker_mode and indent > start_indent)
        elif marker_mode:
            new = False
        elif indent > start_indent + 1:
            new = False  # hanging indent or deeper: a continuation
        elif hanging:
            new = True
        else:
            new = _breaks_reference(prev.text if prev else "", line.text, widths.get(index, 0))
        if new:
            current = Block("", line.lineno, section=section)
            blocks.append(current)
            start_indent = indent
        _append(current, line)
        prev = line
        after_blank = False
    return blocks


def _append(block: Block, line: Line) -> None:
    """Add a line's text (marker removed) and its links to a block."""
    text = line.text
    marker = list_marker(text) if not block.text else None
    cut = marker.end() if marker else len(text) - len(text.lstrip())
    body = text[cut:].rstrip()
    # Links are positioned in the line; shift them to where the line lands in the block.
    if block.text:
        if block.text.endswith("-") and body[:1].islower():
            sep = ""  # a word hyphenated at the line end: keep the hyphen, join the halves
        else:
            sep = " "
    else:
        sep = ""
    offset = len(block.text) + len(sep) - cut
    block.text += sep + body
    for link in line.links:
        block.links.append(Link(max(0, link.start + offset), max(0, link.end + offset), link.url))


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _has_hanging_indents(lines: list[Line], base: int) -> bool:
    """True when some line directly under another (no blank between) is indented past the base."""
    prev_blank = True
    for line in lines:
        if line.blank:
            prev_blank = True
            continue
        if not prev_blank and _indent(line.text) >= base + 2:
            return True
        prev_blank = False
    return False


def _paragraph_widths(lines: list[Line]) -> dict[int, int]:
    """For each line index, the wrapping width of its paragraph (0 when it does not look wrapped).

    A paragraph looks wrapped when some line other than its last ends mid-sentence; its width
    is then the length of its longest line.
    """
    widths: dict[int, int] = {}
    group: list[int] = []
    for index, line in enumerate([*lines, Line("", 0)]):
        if line.blank:
            wrapped = any(not _ENDS_REFERENCE.search(lines[i].text.strip()) for i in group[:-1])
            width = max((len(lines[i].text.strip()) for i in group), default=0) if wrapped else 0
            widths.update({i: width for i in group})
            group = []
        else:
            group.append(index)
    return widths


def _breaks_reference(prev: str, cur: str, width: int) -> bool:
    """Decide whether ``cur`` starts a new reference or continues ``prev`` (no blank line between)."""
    prev, cur = prev.strip(), cur.strip()
    if not _ENDS_REFERENCE.search(prev) or not _STARTS_REFERENCE.match(cur):
        return False
    if AUTHOR_START.match(cur):
        return True
    # A line as long as the paragraph's longest was cut by wrapping, even if it ends with ".".
    return not (width >= 50 and len(prev) >= 0.8 * width)
