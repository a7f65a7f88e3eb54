"""CSL dates: BibTeX/BibLaTeX ``date``, ``year``/``month``/``day`` and ``urldate`` to CSL date objects and back."""

from __future__ import annotations

import re

from solicite.codec import to_unicode
from solicite.dates import month_number

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_YEAR = re.compile(r"\d{1,4}")


def date_to_csl(date: str = "", year: str = "", month: str = "", day: str = "") -> dict | None:
    """A CSL date from a BibLaTeX ``date`` (ISO 8601, ranges with "/") or year/month/day; raw when unparsable."""
    if not (date or year):
        return None  # nothing to read (an empty date or year decodes to nothing)
    date = to_unicode(date) if date else ""
    if date:
        parts = []
        for piece in date.split("/"):
            m = _ISO_DATE.match(piece.strip())
            if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
                return {"raw": date}  # also ISO 8601-2 seasons (2003-21): CSL has no month for them
            parts.append([int(g) for g in m.groups() if g])
        return {"date-parts": parts}
    year = to_unicode(year) if year else ""
    if not year:
        return None
    if not _YEAR.fullmatch(year):
        return {"raw": year}
    part = [int(year)]
    mon = month_number(to_unicode(month)) if month else None
    if mon:
        part.append(mon)
        d = to_unicode(day)
        if d.isdigit() and 1 <= int(d) <= 31:
            part.append(int(d))
    return {"date-parts": [part]}


def date_from_csl(value) -> dict[str, str]:
    """BibTeX fields (year, month, or an ISO ``date`` when there is a day or a range) from a CSL date."""
    if not isinstance(value, dict):
        return {}
    parts = value.get("date-parts")
    if parts and isinstance(parts, list) and parts[0]:
        parts = [[int(x) for x in p if str(x).strip().lstrip("-").isdigit()] for p in parts if p]
        parts = [p for p in parts if p]
        if not parts:
            return {}
        if len(parts) > 1 or len(parts[0]) > 2:
            return {"date": "/".join("-".join(f"{x:02d}" if i else f"{x:04d}" for i, x in enumerate(p)) for p in parts)}
        out = {"year": str(parts[0][0])}
        if len(parts[0]) > 1:
            out["month"] = str(parts[0][1])
        return out
    raw = str(value.get("raw") or value.get("literal") or "").strip()
    if not raw:
        return {}
    m = _ISO_DATE.match(raw)
    if m and (m.group(2) or m.group(3)):
        return date_from_csl({"date-parts": [[int(g) for g in m.groups() if g]]})
    return {"year": raw} if re.fullmatch(r"\d{4}", raw) else {"date": raw}


def csl_date_text(value) -> str:
    """A CSL date as BibLaTeX/ISO 8601 text ("1856", "2020-05-01/2020-05-03"), or its raw text; "" for none."""
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if parts and isinstance(parts, list):
        return "/".join("-".join(f"{int(x):04d}" if i == 0 else f"{int(x):02d}" for i, x in enumerate(p))
                        for p in parts if p)
    return str(value.get("raw") or value.get("literal") or "").strip()
