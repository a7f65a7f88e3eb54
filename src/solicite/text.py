"""Text helpers shared by every stage: LaTeX to Unicode, search normalisation, brace handling."""

from __future__ import annotations

import functools
import re
import unicodedata

_NEEDS_LATEX = re.compile(r"[\\$~]")
_FONT_SWITCH = re.compile(r"\\(?:tt|sc|bf|it|em|rm|sf|sl|small|footnotesize|scriptsize|large|Large|normalsize)\b\s*")


def drop_font_switches(value: str) -> str:
    """The value without old-style font switches ("{\\tt name}" -> "{name}"): they change the font, not the text."""
    return _FONT_SWITCH.sub("", value) if "\\" in value else value


# A backslash pair is read first, so "\\\\{}" is a line break then a group, not an escaped brace.
_ESCAPES = re.compile(r"\\([\\{}])")


def _protect(m: re.Match) -> str:
    # "\\\\" is a line break: in plain text it reads as a space.
    return {"{": "\ue000", "}": "\ue001", "\\": " "}[m.group(1)]


@functools.lru_cache(maxsize=65536)
def latex_to_unicode(value: str) -> str:
    """Decode LaTeX accents and symbols to Unicode and drop grouping braces ("{\\'a}" -> "á")."""
    if not value:
        return ""
    # Escaped braces are text, every other brace is grouping. Protect the escaped ones first:
    # after decoding, "{\\textbackslash}" reads "{\\}" and the backslash must not escape the brace.
    if "\\" in value:
        value = _ESCAPES.sub(_protect, value)
    if _NEEDS_LATEX.search(value):
        import latexcodec  # noqa: F401  (registers the "latex" codec; comes with pybtex)

        try:
            value = value.encode("utf-8").decode("latex+utf8")
        except (UnicodeError, ValueError, IndexError):
            # latexcodec gives up on a few unusual commands: fall back to the braces-only reading.
            pass
    value = value.replace("{", "").replace("}", "").replace("\ue000", "{").replace("\ue001", "}")
    return " ".join(value.split())


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
    depth = 0
    for ch in value:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
