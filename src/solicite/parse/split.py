"""Split the lines of a reference list into one text block per reference.

The forms people write lists in, all handled here:

* one reference per line, with or without blank lines between them;
* bullets (``-``, ``*``, ``•``, ``–``) and numbers (``[1]``, ``(1)``, ``1.``, ``1)``);
* hanging indents: the first line of each reference sticks out, the rest is indented;
* references wrapped over several lines (by an editor, or copied from a PDF);
* blank-line separation, where each paragraph is one reference.

Where a line break is ambiguous, the paragraph decides. When blank lines separate multi-line
paragraphs, each paragraph is one reference. A paragraph cut at a fixed width (most lines
near its longest, or lines ending mid-sentence) breaks only where a line ends like a
reference (".", "?", a number, a URL) and the next starts like one (an author list, or a
capital after a line shorter than the width). Otherwise the text is one reference a line,
and a line continues the one before only when it plainly does (it starts in lower case, or
the line before ends with a comma, a hyphen, "and", "of").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from solicite.parse.extract import Line, Link

_BULLET = re.compile(r"^(\s*)([-*•‣◦▪·–—+])\s+(?=\S)")
_NUMBER = re.compile(r"^(\s*)(\[\d{1,4}\]|\(\d{1,3}\)|\d{1,3}[.)])\s+(?=\S)")  # "(2014)" is a year
_ENDS_REFERENCE = re.compile(
    r"(?:[.?!][\"'”’)\]]*|https?://\S+|\b10\.\d{4,9}/\S+|\((?:external link|PDF[^)]*)\)|\[(?:PDF|link)\]"
    r"|\d\)?)\s*$",  # a page, a year or "(1999)": references end with numbers, wrapped lines with commas
    re.IGNORECASE,
)
_STARTS_REFERENCE = re.compile(r"^(?:[-–—_]{2,}|[-–—]\s?\.|(?:van|von|de|der|den|da|di|du|le|la|del|dos|das)\s)")


def _starts_reference(text: str) -> bool:
    """A capital in any script (or a letter of a script without case, as in Chinese), a dash for "same author"."""
    if _STARTS_REFERENCE.match(text):
        return True
    first = text.lstrip("\"'“‘([")[:1]
    return first.isalpha() and not first.islower()
# "Bauder, H.", "Bauder H,", "H. Bauder", "UNHCR." at the start of a line: an author list begins.
AUTHOR_START = re.compile(
    r"^(?:[-–—_]{2,}\.?"  # "———." : the same author as the reference before
    r"|(?:(?:van|von|de|der|den|da|di|du|le|la|del|dos|das)\s+)*[A-ZÀ-ÖØ-Þ][\w'’\-]+(?:\s[A-ZÀ-ÖØ-Þ][\w'’\-]+)?,\s+"
    r"(?![A-Z]{2}[:.,]\s)[A-ZÀ-ÖØ-Þ]"  # "Washington, DC: Publisher" is a place
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
    # A marked list: markers open (nearly) every reference, so they are frequent. A few
    # numbered strings in an unmarked list ("8297. Vickers") do not make one.
    marked_lines = sum(1 for ln in content if ln.item or list_marker(ln.text))
    marker_mode = marked_lines >= max(1, 0.25 * len(content))
    base_indent = min(_indent(ln.text) for ln in content)
    hanging = _has_hanging_indents(lines, base_indent) and not marker_mode
    paragraphs, blank_separated = _paragraphs(lines)

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
        if marked and current is not None and not after_blank and indent > start_indent + 1:
            marked = False  # "    (2014) 2114-2124." under a reference continues it
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
            para = paragraphs[index]
            if blank_separated and not para.is_list:
                new = False  # each paragraph is one (wrapped) reference
            elif para.wrapped:
                new = _breaks_reference(prev.text if prev else "", line.text, para.width)
            else:
                new = _breaks_line_list(prev.text if prev else "", line.text)
        if new or current is None:  # current is None only before the first block, where new is True
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


@dataclass
class _Paragraph:
    """What a run of lines between blank lines looks like."""

    width: int = 0  # its longest line
    wrapped: bool = False  # cut at a fixed width (an editor, a PDF) rather than one reference a line
    is_list: bool = False  # most lines start like a reference


def _paragraphs(lines: list[Line]) -> tuple[dict[int, _Paragraph], bool]:
    """Each line index's paragraph, and whether blank lines separate the references.

    Blank lines separate references when most paragraphs have more than one line (each is a
    wrapped reference); in a list written one reference a line, paragraphs are single lines
    or whole lists.
    """
    info: dict[int, _Paragraph] = {}
    groups: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if line.blank:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(index)
    groups = [g for g in groups if g]
    for group in groups:
        texts = [lines[i].text.strip() for i in group]
        width = max(len(t) for t in texts)
        para = _Paragraph(width=width)
        if len(texts) > 1:
            near = sum(1 for t in texts if len(t) >= 0.8 * width) / len(texts)
            open_ends = sum(1 for t in texts[:-1] if not _ENDS_REFERENCE.search(t)) / (len(texts) - 1)
            para.wrapped = width >= 40 and (near >= 0.45 or open_ends >= 0.3)
            starts = sum(1 for t in texts if AUTHOR_START.match(t) or list_marker(t)) / len(texts)
            para.is_list = len(texts) >= 3 and starts >= 0.75
        info.update({i: para for i in group})
    multi = sum(1 for g in groups if len(g) > 1)
    # Reference-sized paragraphs: a few lines each. Long ones are lists cut apart by a blank.
    sizes = sorted(len(g) for g in groups)
    return info, len(groups) >= 2 and multi >= 0.25 * len(groups) and sizes[len(sizes) // 2] <= 6


_CONTINUES_AFTER = re.compile(r"(?:[-,:;&(/]|\b(?:and|&|in|of|the|for|to|by|with|from|at|on|et|und)\s*)$", re.IGNORECASE)
_CONTINUES_BEFORE = re.compile(r"^(?:[,;:&)\]]|(?!(?:van|von|de|der|den|da|di|du|le|la|del|dos|das)\s)[a-zà-öø-ÿ])")


def _breaks_line_list(prev: str, cur: str) -> bool:
    """One reference a line: every line is new unless it plainly continues the one before."""
    prev, cur = prev.strip(), cur.strip()
    return not (_CONTINUES_AFTER.search(prev) or _CONTINUES_BEFORE.match(cur))


def _breaks_reference(prev: str, cur: str, width: int) -> bool:
    """In wrapped text, decide whether ``cur`` starts a new reference or continues ``prev``."""
    prev, cur = prev.strip(), cur.strip()
    if not _ENDS_REFERENCE.search(prev) or not _starts_reference(cur):
        return False
    if AUTHOR_START.match(cur):
        return True
    # A line as long as the paragraph's longest was cut by wrapping, even if it ends with ".".
    return not (width >= 50 and len(prev) >= 0.8 * width)
