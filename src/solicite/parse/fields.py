"""Turn labelled tokens into clean BibTeX fields: rules for what rules do with certainty.

The CRF says which words form the title, the journal, the pages...; this module tidies each
segment (punctuation, "In", "pp.", "(Eds.)"), splits volume from issue, reads dates, and
extracts what regular expressions find for sure (DOI, URL, page ranges, report numbers).
"""

from __future__ import annotations

import re

from solicite.urls import trim_url


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_PAGES = re.compile(r"([A-Za-z]{0,2}\d+)\s*(?:[-–—‐‑]+|\s+to\s+)\s*([A-Za-z]{0,2}\d+)")
_SINGLE_PAGE = re.compile(r"(?<![\d.])([A-Za-z]?\d+)(?![\d])")
_VOL_ISSUE = re.compile(r"^(?P<vol>[\dIVXLC]+[A-Za-z]?)\s*[(\[]\s*(?P<num>[^)\]]+?)\s*[)\]]")
_VOL_WORD = re.compile(r"\b(?:vol(?:ume)?s?|v|bd|tome|t|jg)\.?\s*(?P<vol>[\w./-]*\d[\w./-]*|[IVXLC]+\b)", re.IGNORECASE)
_NUM_WORD = re.compile(r"\b(?:no|nos|nr|n°|num|number|issue|iss|heft|h)\.?\s*(?P<num>[\w./-]*\d[\w./-]*)", re.IGNORECASE)
_NUM_ONLY = re.compile(r"^[\[(]?(?P<vol>[\dIVXLC]+[A-Za-z]?)[\])]?(?:\s*[:.,]\s*(?P<num>\d+))?$")
_EDITION = re.compile(r"(\d+)\s*(?:st|nd|rd|th|e|er|ème|\.)?", re.IGNORECASE)
_EDITION_WORDS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
                  "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10", "revised": "Revised"}
_REPORT = re.compile(
    r"(?P<type>(?-i:(?:[A-Z][A-Z0-9/&-]+\s+){0,3}?)(?:working|discussion|occasional|technical|research|policy|staff|"
    r"conference|briefing|background)\s+(?:paper|report|note|brief|memo)s?|technical\s+report|"
    r"tech\.\s*rep\.|report)"
    r"(?:\s*(?:series)?\s*(?:nos?\.?:?|nr\.?|number|#|n°)?\s*"
    # "CMU-CS-94-105", "UCB/EECS-2008-177", "YALEU/DCS/RR–364", "UCB/CSD 89/544", "no. 2023/03"
    r"(?P<num>(?-i:(?:[A-Z][A-Za-z]{0,7}[-/–])*)[A-Z]{0,6}[-\s]?\d[\w./()–-]*))?",
    re.IGNORECASE,
)
_REPORT_HINTS = ("paper", "report", "brief", "memo", "rep.", "note")
_THESIS = re.compile(r"\b(?:thesis|dissertation|diss\.|doctoral|ph\.?\s?d|master'?s|mémoire|thèse|dissertação|tesis)\b", re.IGNORECASE)
_WEB = re.compile(r"\b(?:podcast|youtube|video|blog|webinar|website|web\s+page|online|tweet|episode|news|vimeo)\b", re.IGNORECASE)
_PROC = re.compile(r"\b(?:proceedings|conference|symposium|workshop|congress|colloquium|meeting|convention)\b|"
                   r"\b(?:proc|conf|symp)\.", re.IGNORECASE)
_LEAD_IN = re.compile(r"^\s*(?:in|en|dans|im|in:)\s*:?\s+(?=\S)", re.IGNORECASE)
_PP_TAIL = re.compile(r"(?:[,.]\s*|\s+|^)\(?\s*(?:pp?|s|pages?)\.?\s*[A-Za-z]?\d+\s*(?:[-–—]\s*[A-Za-z]?\d+)?\s*\)?[.,]?\s*$", re.IGNORECASE)
_PAREN_TAIL = re.compile(r"\s*\((?:[^()]*\b(?:vol|pp?|eds?|no)\b\.?[^()]*)\)[.,]?\s*$", re.IGNORECASE)
_EDS_TAIL = re.compile(r"(?:[,.]\s*|\s+|^)\(?\s*(?:eds?|editors?|hrsg|hg)\.?\s*\)?[.,:]?\s*$", re.IGNORECASE)
_MEDIUM_MARK = re.compile(r"\s*\[(?:internet|online|electronic resource|serial online)\]", re.IGNORECASE)
_PAIRS = {'"': '"', "“": "”", "‘": "’", "'": "'", "«": "»", "„": "“"}
_CLOSERS = {'"': '"', "”": "“", "’": "‘", "'": "'", "»": "«"}
_END_PUNCT = " ,;:./\t"


def clean(text: str) -> str:
    """Strip list punctuation and unpaired quotes/brackets around a segment, keeping "?" and "!"."""
    text = " ".join(text.split())
    prev = None
    while prev != text:
        prev = text
        text = text.strip(_END_PUNCT)
        if text[-1:] in "-–—" and text[-2:-1] == " ":
            text = text.rstrip(" -–—")  # "Communities Of Solidarity -" (a dangling separator)
        head, tail = text[:1], text[-1:]
        close = _PAIRS.get(head)
        if close and len(text) > 1:
            if tail == close:
                text = text[1:-1]
            elif close not in text[1:]:
                text = text[1:]
        elif tail in _CLOSERS and _CLOSERS[tail] not in text[:-1] and not (tail in "’'" and text[-2:-1].isalpha()):
            text = text[:-1]
        if text[:1] in "([" and _unmatched_open(text):
            text = text[1:]
        if text[-1:] in ")]" and _unmatched_close(text):
            text = text[:-1]
    return text


def _unmatched_open(text: str) -> bool:
    return text.count("(") + text.count("[") > text.count(")") + text.count("]")


def _unmatched_close(text: str) -> bool:
    return text.count(")") + text.count("]") > text.count("(") + text.count("[")


def find_url(text: str) -> str:
    """The first URL in ``text`` (not a doi.org link), trailing punctuation removed."""
    for m in _URL.finditer(text):
        url = trim_url(m.group(0))
        if "doi.org/10." not in url.lower():
            return url
    return ""


def pages(text: str) -> str:
    """Page range as BibTeX writes it: "pp. 183-204" -> "183--204", "211–36" -> "211--236"; "p. 5" -> "5"."""
    m = _PAGES.search(text)
    if m:
        return f"{m.group(1)}--{_full_last_page(m.group(1), m.group(2))}"
    m = _SINGLE_PAGE.search(text)
    return m.group(1) if m else clean(text)


def _full_last_page(first: str, last: str) -> str:
    """The last page written in full: Chicago, MLA and NLM shorten "211–236" to "211–36"."""
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        full = first[: len(first) - len(last)] + last
        if int(full) > int(first):
            return full
    return last


_TRAILING_DATE = re.compile(r"\s*,\s*(?:(?:[A-Z][a-z]{2,8}\.?|\d{1,2})\s+){0,2}(?:1[5-9]\d\d|20\d\d)[a-z]?\s*\.?$")


def without_date(text: str) -> str:
    """A publisher or institution without the date MLA writes after it: "Routledge, 2004", "MIT, Jan. 1994"."""
    return _TRAILING_DATE.sub("", text) if text[-1:].isdigit() or text[-2:-1].isdigit() else text


def volume_number(text: str) -> tuple[str, str]:
    """Split "55(2)", "Vol. 12, no. 3", "12: 3", "No. 365" into (volume, number)."""
    t = clean(text.strip())
    vol = num = ""
    m = _VOL_ISSUE.match(t)
    if m:
        return m.group("vol"), clean(m.group("num"))
    mv = _VOL_WORD.search(t)
    mn = _NUM_WORD.search(t)
    if mv:
        vol = mv.group("vol")
        rest = t[mv.end():]
        mi = re.match(r"\s*[(\[]\s*([^)\]]+)[)\]]", rest)
        if mi:
            num = mi.group(1)
    if mn:
        num = mn.group("num")
    if vol or num:
        return clean(vol), clean(num)
    m = _NUM_ONLY.match(t)
    if m:
        return m.group("vol"), m.group("num") or ""
    m = _VOL_COLON.fullmatch(t)
    if m:  # "385:544-548", "49(5): 1670-1683": the pages went with the volume
        return m.group("vol"), m.group("num") or ""
    return t, ""


def edition(text: str) -> str:
    """"2nd ed." -> "2"; "Second edition" -> "2"; anything else is kept, tidied."""
    low = text.lower()
    for word, value in _EDITION_WORDS.items():
        if word in low:
            return value
    m = _EDITION.search(text)
    if m:
        return m.group(1)
    return clean(re.sub(r"\b(?:ed|edn|edition)\b\.?", "", text, flags=re.IGNORECASE))


def container(text: str) -> str:
    """A book or proceedings title: drop "In", trailing "(pp. 1-2)" and "(Eds.)"."""
    if not text:
        return ""
    text = _MEDIUM_MARK.sub("", _LEAD_IN.sub("", text.strip()))
    prev = None
    while prev != text:
        prev = text
        text = _PAREN_TAIL.sub("", text)
        text = _PP_TAIL.sub("", text)
        text = _EDS_TAIL.sub("", text)
        text = clean(text)
    return text


def report_match(text: str) -> re.Match | None:
    """The match of a report series and number ("Working paper no. 2023/03") in ``text``."""
    low = text.lower()
    if not any(h in low for h in _REPORT_HINTS):  # the regex is slow; most strings have no report
        return None
    return _REPORT.search(text)


def numbered_report(text: str) -> re.Match | None:
    """The first report match that has a number: NLM writes "[Technical report]" first, the number at the end."""
    first = report_match(text)
    if first is None or first.group("num"):
        return first
    return next((m for m in _REPORT.finditer(text, first.end()) if m.group("num")), None)


def report(text: str) -> tuple[str, str] | None:
    """("TMCIS/CERC Working paper", "2023/03") from "... Working paper no. 2023/03.", or None."""
    m = report_match(text)
    if not m:
        return None
    kind = clean(m.group("type"))
    if kind.lower() == "report" and not m.group("num"):
        return None
    return kind, clean(m.group("num") or "")


_VANCOUVER = re.compile(
    r"(?<!\d)(?P<year>1[5-9]\d\d|20\d\d)(?:\s+[A-Z][a-z]{2}\.?(?:\s+\d{1,2})?)?\s*;\s*(?P<vol>\d+)\s*"
    r"(?:\((?P<num>[^)]+)\))?\s*(?::\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?")
_YEARLIKE = re.compile(r"^(?:1[5-9]|20)\d\d$")
_VOL_LABEL = re.compile(r"\bVol(?:ume)?\.?\s+(?P<vol>\d+)\b(?:\s*,?\s*(?:no|issue)\.?\s*(?P<num>\d+))?", re.IGNORECASE)
_PP_LABEL = re.compile(r"\bpp?\.\s*(?P<pages>[A-Za-z]?\d+\s*[-–—]+\s*[A-Za-z]?\d+)")
_THESIS_NOTE = re.compile(
    r"[(\[]\s*(?P<kind>[^()\[\]]*?(?:thesis|dissertation)[^()\[\]]*?)\s*[)\]]|"
    r"(?P<kind2>(?:unpublished\s+)?(?:doctoral|ph\.?\s?d\.?|master'?s?|m\.?a\.?|bachelor'?s?|honou?rs)\s+"
    r"(?:thesis|dissertation))", re.IGNORECASE)


def certain_fields(raw: str) -> dict[str, str]:
    """Fields that patterns identify without doubt: "2021;58(16):3213-29", "Vol. 12", "(pp. 5-9)"."""
    out: dict[str, str] = {}
    m = _VANCOUVER.search(raw) if ";" in raw else None
    if m and (m.group("num") or m.group("pages")):
        out["year"] = m.group("year")
        out["volume"] = m.group("vol")
        if m.group("num"):
            out["number"] = m.group("num").strip()
        if m.group("pages"):
            out["pages"] = pages(m.group("pages"))
    m = _VOL_LABEL.search(raw) if "vol" in raw.lower() else None
    if m and "volume" not in out:
        out["volume"] = m.group("vol")
        if m.group("num"):
            out["number"] = m.group("num")
    m = _PP_LABEL.search(raw) if "p." in raw else None
    if m and "pages" not in out:
        out["pages"] = pages(m.group("pages"))
    return out


_VOL_COLON = re.compile(r"(?<![\d;:/.])(?P<vol>\d{1,4})\s*(?:\((?P<num>[\w/-]{1,9})\))?\s*:\s*"
                        r"(?P<pages>[A-Za-z]{0,2}\d+\s*[-–—]\s*[A-Za-z]{0,2}\d+)")


def volume_colon_pages(raw: str) -> dict[str, str]:
    """"49(5): 1670-1683" and "5:497–525": volume, issue and pages together (fills gaps only)."""
    if ":" not in raw:
        return {}
    m = _VOL_COLON.search(raw)
    if not m or _YEARLIKE.match(m.group("vol")):
        return {}
    out = {"volume": m.group("vol"), "pages": pages(m.group("pages"))}
    if m.group("num") and not _YEARLIKE.match(m.group("num")):
        out["number"] = m.group("num")
    return out


def thesis_kind(text: str) -> str:
    """"Doctoral dissertation" from "... (Doctoral dissertation, Univ.). ...", or ""."""
    low = text.lower()
    if "thes" not in low and "dissert" not in low:
        return ""
    m = _THESIS_NOTE.search(text)
    if not m:
        return ""
    return clean(m.group("kind") or m.group("kind2") or "")


def is_thesis(text: str) -> bool:
    return bool(_THESIS.search(text))


def is_web(text: str) -> bool:
    return bool(_WEB.search(text))


def is_proceedings(text: str) -> bool:
    return bool(_PROC.search(text))
