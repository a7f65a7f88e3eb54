"""Text helpers shared by every stage: search normalisation and brace counting (LaTeX is read by solicite.codec)."""

from __future__ import annotations

import re
import unicodedata

_NOT_BRACES = re.compile(r"[^{}]+")


def fold(value: str) -> str:
    """Case- and accent-insensitive form for search and comparison ("Gonzàlez" -> "gonzalez")."""
    if value.isascii():
        return value.lower()  # no accents to strip, and casefold() is lower() on ASCII
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def braces_balanced(value: str) -> bool:
    """True when the value's braces balance as BibTeX counts them: every brace, even after a backslash.

    BibTeX has no escaped braces when it delimits a value (``\\{`` still opens a group), so
    neither do we: the scanner that reads files counts the same way.
    """
    if "{" not in value:
        return "}" not in value  # the usual case, decided in C
    depth = 0
    for ch in _NOT_BRACES.sub("", value):  # the braces alone: a loop over a few characters, not the text
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
