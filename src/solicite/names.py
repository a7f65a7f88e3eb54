"""BibTeX's name rules (First von Last / von Last, First / von Last, Jr, First), in linear time.

A port of the rules BibTeX and pybtex apply, written as single passes over the text: no
recursion and no re-slicing, so a name with a million nested braces costs what its length
costs, and a malformed name (too many commas, an unclosed brace) gives a best-effort
reading plus a problem message instead of an exception. ``model.Person`` is built from the
``NameParts`` returned here; tests compare them with pybtex on every name of the corpora.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_BRACE = re.compile(r"[{}]")
_BRACE_RUN = re.compile(r"\{+|\}+")
# BibTeX's word separators: white space, "~" (not "\~"), and a control space "\ ".
_SPACE = re.compile(r"(?:\\ |\s|(?<!\\)~)+")
_COMMA = re.compile(",")
_INITIAL = re.compile(r"(?:^|(?<=\s))\S")


class NameParts(NamedTuple):
    """One name split into BibTeX's four parts, plus what was wrong with it ("" when nothing)."""

    family: str
    given: str
    particle: str = ""
    suffix: str = ""
    problem: str = ""


def split_names(value: str) -> list[str]:
    """Split a BibTeX name list on top-level " and " (never inside braces)."""
    if "{" not in value:
        return [p for p in (x.strip() for x in _AND.split(value)) if p]
    parts: list[str] = []
    start = 0
    for lo, hi in _top_level_spans(value):
        # Only text outside braces can hold a separating " and ".
        for m in _AND.finditer(value, lo, hi):
            parts.append(value[start:m.start()].strip())
            start = m.end()
    parts.append(value[start:].strip())
    return [p for p in parts if p]


def is_fully_braced(text: str) -> bool:
    """True for ``{...}`` whose first brace closes at the very end (a literal name)."""
    if len(text) < 2 or text[0] != "{" or text[-1] != "}":
        return False
    depth = 0
    for m in _BRACE.finditer(text):
        depth += 1 if m.group() == "{" else -1
        if depth == 0:
            return m.start() == len(text) - 1
    return False


def _top_level_spans(text: str) -> list[tuple[int, int]]:
    # The stretches of text at brace depth 0, as (start, end). A "}" at depth 0 is a plain
    # character (as in pybtex); an unclosed "{" runs to the end. Runs of braces are taken at
    # once, so a million nested braces cost two regex matches, not two million.
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in _BRACE_RUN.finditer(text):
        run = m.end() - m.start()
        if m.group()[0] == "{":
            if depth == 0:
                spans.append((start, m.start()))
            depth += run
        elif depth:
            if run >= depth:
                start = m.start() + depth  # the "}" that closes the group; any more are plain text
            depth = max(0, depth - run)
    if depth == 0:
        spans.append((start, len(text)))
    return spans


def split_tex(text: str, sep: re.Pattern[str], keep_empty: bool = False) -> list[str]:
    """Split text on ``sep`` outside braces; parts are stripped, empty ones dropped unless asked."""
    cuts: list[tuple[int, int]] = []
    for lo, hi in _top_level_spans(text):
        cuts.extend(m.span() for m in sep.finditer(text, lo, hi) if m.end() > m.start())
    parts: list[str] = []
    start = 0
    for a, b in cuts:
        parts.append(text[start:a])
        start = b
    parts.append(text[start:])
    parts = [p.strip() for p in parts]
    return parts if keep_empty else [p for p in parts if p]


def is_von(word: str) -> bool:
    """pybtex's ``is_von_name``: the first letter outside braces, or of a ``{\\x...}`` special character, is lower case."""
    first = word[:1]
    if first.isupper():
        return False
    if first.islower():
        return True
    depth = 0
    for i, ch in enumerate(word):
        if ch == "{":
            if depth == 0 and word.startswith("\\", i + 1):
                return _special_is_lower(word, i + 2)
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and ch.isalpha():
            return ch.islower()
        elif depth == 1 and ch == "\\":
            # pybtex reads a backslash directly inside a plain group as a special character
            # with no letter after its command: not lower case.
            return False
    return False


def _special_is_lower(word: str, i: int) -> bool:
    # In "{\'E...}" skip the control sequence (letters, or the one symbol after the backslash);
    # the first letter after it decides.
    control = True
    depth = 1
    for ch in word[i:]:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return False
        if control:
            if not ch.isalpha():
                control = False
        elif ch.isalpha():
            return ch.islower()
    return False


def _capitalised(text: str) -> bool:
    # Every word starts with an upper-case letter: then no word is a "von" word. One C-level
    # findall instead of a Python loop over the words.
    first = "".join(_INITIAL.findall(text))
    return first.isalpha() and first.isupper()


def parse_name(name: str) -> NameParts:
    """Split one name (not a literal ``{...}``) into family, given, particle and suffix."""
    if "{" not in name and "\\" not in name and "~" not in name:
        head, comma, tail = name.partition(",")
        if comma and "," not in tail:
            # The commonest shape, "Family, Given": a von part needs a family word that starts lower-case.
            if _capitalised(head):
                return NameParts(" ".join(head.split()), " ".join(tail.split()))
        elif not comma and _capitalised(name):
            given, _, family = " ".join(name.split()).rpartition(" ")
            return NameParts(family, given)
    return _general(name)


def _general(name: str) -> NameParts:
    parts = split_tex(name, _COMMA, keep_empty=True)
    problem = ""
    if len(parts) > 3:
        # BibTeX warns and reads the first two commas; the rest stays in the given names.
        problem = f"too many commas in the name {name[:80]!r}: read as \"von Last, Jr, First\""
        parts = parts[:2] + [" ".join(parts[2:])]
    first: list[str] = []
    lineage: list[str] = []
    if len(parts) == 1:
        words = split_tex(name, _SPACE)
        i = next((k for k, w in enumerate(words) if is_von(w)), len(words))
        first, von_last = words[:i], words[i:]
        if not von_last and first:
            von_last = [first.pop()]
    else:
        von_last = split_tex(parts[0], _SPACE)
        first = split_tex(parts[-1], _SPACE)
        if len(parts) == 3:
            lineage = split_tex(parts[1], _SPACE)
    von: list[str] = []
    last = von_last[-1:]
    head = von_last[:-1]
    if head:
        # The von part runs up to the last von word among all but the last word.
        k = next((len(head) - j for j, w in enumerate(reversed(head)) if is_von(w)), 0)
        von, last = head[:k], head[k:] + last
    return NameParts(" ".join(last), " ".join(first), " ".join(von), " ".join(lineage), problem)
