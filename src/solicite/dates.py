"""Months and dates, one vocabulary for every stage: month names, numbers and macros, ISO 8601 dates.

BibTeX writes a month as a macro (``jan``), a name, a number or an abbreviation; BibLaTeX
writes ``date`` in ISO 8601, ranges with "/". Free-text dates in reference lists are found by
``solicite.parse.dates`` on top of this vocabulary.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_MACROS = tuple(m[:3].lower() for m in MONTHS)  # BibTeX's predefined @string macros
_LOWER = tuple(m.lower() for m in MONTHS)
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


@functools.lru_cache(maxsize=1024)  # a library writes its months a few ways, over and over
def month_number(value: str) -> int | None:
    """The month 1-12 from "3", "mar", "March" or "Mar.", or None (lenient, for reading free text)."""
    v = value.strip().strip(".{}").lower()
    if v.isdigit():
        n = int(v)
        return n if 1 <= n <= 12 else None
    for i, name in enumerate(_LOWER, 1):
        if len(v) >= 3 and name.startswith(v):
            return i
    return None


@functools.lru_cache(maxsize=256)
def bibtex_month(value: str) -> int:
    """The month of a BibTeX ``month`` field as BibTeX readers (pandoc) take it, 0 when none.

    Only 1-12, a three-letter macro ("mar") or the full name ("March"); not "Sept.".
    """
    v = value.strip().strip("{}").strip()
    n = month_number(v) if v else None
    if n is None:
        return 0
    word = v.rstrip(".").lower()
    return n if word.isdigit() or len(word) == 3 or word == _LOWER[n - 1] else 0


def month_macro(value: str) -> str | None:
    """BibTeX's macro for an English month name ("march" -> "mar"), or None."""
    v = value.strip().lower()
    return MONTH_MACROS[_LOWER.index(v)] if v in _LOWER else None


def day_number(value: str) -> int:
    """The day 1-31 of a ``day`` field, 0 when none."""
    value = value.strip()
    return int(value) if value.isdigit() and 1 <= int(value) <= 31 else 0


@dataclass(slots=True)
class Date:
    """A publication date: year (may be "" for n.d.), optional month, day and end year."""

    year: str = ""
    month: int = 0
    day: int = 0
    end_year: str = ""

    @property
    def month_name(self) -> str:
        """The month in full ("October"), or ""."""
        return MONTHS[self.month - 1] if self.month else ""


def parse_iso_date(value: str) -> Date | None:
    """An ISO-8601 date or range ("2018-10-04", "1885/1888") as a Date, or None."""
    if not value:
        return None
    first, _, second = value.partition("/")
    m = _ISO.match(first)
    if not m:
        return None
    end = _ISO.match(second) if second else None
    month, day = int(m.group(2) or 0), int(m.group(3) or 0)
    if not 1 <= month <= 12:
        month, day = 0, 0  # BibLaTeX's seasons (21-24) and other codes are not months
    if not 1 <= day <= 31:
        day = 0
    return Date(m.group(1), month, day, end.group(1) if end and end.group(1) != m.group(1) else "")
