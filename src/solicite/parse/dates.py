"""Read year, month and day out of the date part of a reference."""

from __future__ import annotations

import re
from functools import lru_cache

from solicite.dates import month_number

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)([a-z])?(?!\d)")
_DAY = re.compile(r"(?<![\d/])([0-3]?\d)(?:st|nd|rd|th)?(?![\d/])")
_MONTH_WORD = re.compile(r"[A-Za-zéèûä]+\.?")
_ISO = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)-([01]?\d)-([0-3]?\d)(?!\d)")


def find_date(text: str) -> dict[str, str]:
    """Return ``year``, and ``month``/``day`` when given: "(4 October 2018)" -> 2018, 10, 4.

    Months are numbers as strings ("10"), the form solicite.model documents for BibTeX.
    Returns {} when no year is found; "n.d." gives {"year": "n.d."} is NOT done on purpose:
    an absent year stays absent so later stages can fill it.
    """
    iso = _ISO.search(text)
    if iso:
        return {"year": iso.group(1), "month": str(int(iso.group(2))), "day": str(int(iso.group(3)))}
    years = _YEAR.findall(text)
    if not years:
        return {}
    out = {"year": years[0][0]}
    month = None
    for word in _MONTH_WORD.findall(text):
        month = _month(word)
        if month:
            out["month"] = str(month)
            break
    if month:
        rest = _YEAR.sub(" ", text)
        days = [d for d in _DAY.findall(rest) if 1 <= int(d) <= 31]
        if len(days) == 1:
            out["day"] = str(int(days[0]))
    return out


def _month(word: str) -> int | None:
    word = word.rstrip(".").lower()
    if len(word) < 3:
        return None
    try:
        num = month_number(word)
    except (ValueError, KeyError):
        return None
    return num or None


_NEAR = (r"(?:{y}\s*,?\s+(?P<m1>[A-Za-z]{{3,9}})\.?\s+(?P<d1>\d{{1,2}})\b"
         r"|\b(?P<d2>\d{{1,2}})\s+(?P<m2>[A-Za-z]{{3,9}})\.?,?\s+{y}"
         r"|(?P<m3>[A-Za-z]{{3,9}})\.?\s+(?P<d3>\d{{1,2}}),\s+{y})")
_MONTHISH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_ACCESS = re.compile(r"(?:accessed|cited|retrieved|viewed|consulted|abgerufen|consulté)\W*$", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _near_pattern(year: str) -> re.Pattern:
    return re.compile(_NEAR.format(y=re.escape(year)))


def full_date_near(raw: str, year: str) -> dict[str, str]:
    """Month and day written next to ``year`` anywhere in ``raw`` ("2018 Oct 4", "4 October 2018").

    Used when the labelled date gave only the year; access dates ("Accessed June 1, 2023") are skipped.
    """
    if not _MONTHISH.search(raw):  # most strings name no month: skip the costly pattern
        return {}
    for m in _near_pattern(year).finditer(raw):
        if _ACCESS.search(raw[max(0, m.start() - 16): m.start()]):
            continue
        month = _month(m.group("m1") or m.group("m2") or m.group("m3"))
        day = int(m.group("d1") or m.group("d2") or m.group("d3"))
        if month and 1 <= day <= 31:
            return {"month": str(month), "day": str(day)}
    return {}
