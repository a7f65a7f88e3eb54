"""Choose a parsed reference's entry type and put its container and publisher where that type wants them.

The second half of :func:`solicite.parse.assemble.assemble`: the fields are read, and what is
left is to decide what the journal-or-book text is, and so the type.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from solicite.parse import fields as F

if TYPE_CHECKING:
    from solicite.parse.assemble import _Draft

_MEDIA_WORD = re.compile(r"\b(?:podcast|youtube|video)\b", re.IGNORECASE)
_TRAILING_VOLUME = re.compile(r"(?<=[A-Za-z.)])\s+(\d{1,4})$")
_TRAILING_PAGES = re.compile(r"\s+(\d+\s*[-–]\s*\d+)$")
_ISSUE_WORD = re.compile(r"(?:,|\d)\s+(?:no|nr|issue)\.?\s*(\d{1,4})\b", re.IGNORECASE)
IN_BOOK = re.compile(r"^\s*(?:in:?\s|in:)|.*\(\s*pp?\.\s*\d|.*\(\s*eds?\.?\s*\)", re.IGNORECASE)
_MINOR = {"of", "and", "the", "for", "in", "on", "&", "de", "a"}


def reconsider_containers(d: _Draft) -> None:
    """Fix what the container turned out to be, now that all the other fields are known."""
    f, persons = d.f, d.persons
    if (d.book and not d.journal and "editor" not in persons and f.get("volume") and f.get("number")
            and not IN_BOOK.match(d.book_text)):
        d.journal, d.book = d.book, ""  # "Proceedings of the National Academy of Sciences, 117(44)" is a journal
    if d.book and not d.title and "editor" in persons and "author" not in persons and not IN_BOOK.match(d.book_text):
        # "Baker, David W., ed. Looking Into the Future. Grand Rapids: Baker, 2001.": an edited book.
        f["title"] = d.title = d.book
        d.book = ""
    if (d.book and d.title and d.publisher and "editor" not in persons and not f.get("pages")
            and not IN_BOOK.match(d.joined("container-title"))):
        # "Psychology. The Key Concepts. New York: Routledge": a subtitle, not a book it sits in.
        f["title"] = d.title = f"{d.title}. {d.book}" if d.title[-1:] not in "?!:" else f"{d.title} {d.book}"
        d.book = ""
    if d.title and not (d.journal or d.book or d.publisher):
        d.title, site = _split_site(f.get("title", d.title))
        if site:
            d.journal = site
            f["title"] = d.title


def place_fields(d: _Draft, kind: str) -> None:
    """Put the container, publisher and report or thesis details in the fields of entry type ``kind``."""
    if kind == "online" and not (d.journal or d.book):
        if d.publisher:
            d.f["organization"], d.publisher = d.publisher, ""
        elif d.f.get("address"):
            d.f["organization"] = d.f.pop("address")  # "Podcast. Salto." names the site, not a place
    _place_container(d, kind)
    _place_publisher(d, kind)
    if kind == "techreport":
        _report_fields(d.raw, d.f, d.notes)
    elif kind == "thesis":
        t = d.thesis or next((n for n in d.notes if F.is_thesis(n)), "")
        if t:
            d.f["type"] = t
            d.notes = [n for n in d.notes if n != t]
    merge_glued_place(d.f, d.raw)
    _place_and_publisher(d.f, kind)


def _place_container(d: _Draft, kind: str) -> None:
    f, container = d.f, d.journal or d.book
    if kind == "article":
        f["journal"] = container
        m = _TRAILING_VOLUME.search(f["journal"])
        if m and not f.get("volume"):
            # Chicago: "Perspectives of New Music 30, no. 1 (1992)": the number after the name is the volume.
            f["volume"], f["journal"] = m.group(1), f["journal"][: m.start()]
        if not f.get("number"):
            m = _ISSUE_WORD.search(d.raw)
            if m:
                f["number"] = m.group(1)
    elif kind in ("incollection", "inproceedings"):
        f["booktitle"] = d.book or d.journal
        m = _TRAILING_PAGES.search(f["booktitle"])
        if m and not f.get("pages"):  # Nature: "in Book Title 152–165 (Place, 2003)"
            f["booktitle"], f["pages"] = f["booktitle"][: m.start()], F.pages(m.group(1))
    elif not container:
        pass
    elif kind == "online":
        f["organization"] = container
    elif kind == "book":
        if not d.title:
            f.setdefault("series", container)
            f["title"] = container
    else:
        f["howpublished"] = container


def _place_publisher(d: _Draft, kind: str) -> None:
    if kind == "thesis" and d.thesis_school and not d.publisher:
        d.publisher = d.thesis_school
        if d.f.get("address", "") and d.f["address"] in d.thesis_school:
            d.f.pop("address")
    if d.publisher:
        key = {"techreport": "institution", "thesis": "school"}.get(kind, "publisher")
        d.f[key] = F.without_date(d.publisher) or d.publisher


def merge_glued_place(f: dict[str, str], text: str) -> None:
    """A place glued to the name after it is part of the name: "Toronto Metropolitan University", MLA's "Oxford UP"."""
    from solicite.codec import to_unicode
    from solicite.text import fold

    def norm(value: str) -> str:
        return " ".join(fold(to_unicode(value)).split())

    place = f.get("address") or f.get("location")
    if not place:
        return
    whole = ""
    for name in ("institution", "publisher", "school", "organization"):
        value = f.get(name)
        if not value or not value.split():
            continue
        plain = [to_unicode(x) if "{" in x or "\\" in x else x for x in (place.split()[-1], value.split()[0])]
        if f"{plain[0]} {plain[1]}" not in text:
            continue  # most places stand apart: not worth folding the whole text
        whole = whole or norm(text)
        if f"{norm(place)} {norm(value)}" in whole:
            f[name] = f"{place} {value}"
            f.pop("address", None)
            f.pop("location", None)
            return


def _place_and_publisher(f: dict[str, str], kind: str) -> None:
    """Split "Place: Publisher" (or ACS's "Publisher: Place") the tagger left in one field."""
    key = {"techreport": "institution", "thesis": "school"}.get(kind, "publisher")
    if f.get(key) and not f.get("address"):
        where, who = split_place(f[key])
    elif f.get("address") and not f.get(key):
        where, who = split_place(f["address"])
    else:
        return
    if where:
        f["address"], f[key] = where, who


_PUBLISHER_WORD = re.compile(r"\b(?:press|university|univ|verlag|publish\w*|books|springer|wiley|elsevier|laborator\w*|"
                             r"institute|inc|ltd|associates|prentice|addison|mit|acm|ieee|routledge|sage)\b", re.IGNORECASE)
_STATE = re.compile(r"^[A-Z]{2}$")


def split_place(text: str) -> tuple[str, str]:
    """("Cambridge, Massachusetts", "MIT AI Laboratory") from "Place: Publisher" or ACS's "Publisher: Place", else ("", text)."""
    left, sep, right = text.partition(": ")
    if not sep or not left.strip() or not right.strip():
        return "", text
    if _is_place(left) and _PUBLISHER_WORD.search(right):
        return left.strip(), right.strip()
    if _is_place(right) and _PUBLISHER_WORD.search(left):
        return right.strip(), left.strip()
    return "", text


def _is_place(text: str) -> bool:
    from solicite.parse.features import PLACE, dictionary, normalise

    table = dictionary()
    words = [w.strip(",.") for w in text.split() if w.strip(",.")]
    if not words or len(words) > 5 or _PUBLISHER_WORD.search(text):
        return False
    return all(_STATE.match(w) or w.lower() in ("and", "upon", "on") or table.get(normalise(w), 0) & PLACE
               for w in words)


def _split_site(title: str) -> tuple[str, str]:
    """Split "Solidarity cities. The Conversation" into the title and the site or newspaper name.

    Only used when no container, journal or publisher was found: news and web references
    often end with a short capitalised name the CRF (trained on scholarly lists) folds into the title.
    """
    m = re.search(r"^(.*\S[.?!])\s+([^.?!]+)$", title)
    if not m:
        return title, ""
    site = m.group(2).strip()
    words = site.split()
    if not 1 <= len(words) <= 5 or not all(w[:1].isupper() or w.lower() in _MINOR for w in words):
        return title, ""
    return F.clean(m.group(1)), site


def _report_fields(raw: str, f: dict[str, str], notes: list[str]) -> None:
    """Working papers: series type, number, and the institution written after them."""
    m = F.report_match(raw)
    if not m:
        return
    f["type"] = F.clean(m.group("type"))
    numbered = F.numbered_report(raw) if not m.group("num") else m
    if numbered:
        f["number"] = F.clean(numbered.group("num"))
        if f.get("volume") and f["volume"] in f["number"]:
            del f["volume"]
        if f.get("pages") == f["number"]:
            del f["pages"]
    f.pop("howpublished", None)
    if f.get("volume") and not any(c.isdigit() for c in f["volume"]):
        del f["volume"]  # "Technical report no.: 720": the "no." read as a volume
    # NLM: "[Technical report]. Place: Institution; 1989 Dec. Technical report UCB/CSD 89/544."
    end = numbered.start() if numbered and numbered is not m else len(raw)
    after = F.without_date(F.clean(raw[m.end():end].lstrip(" )].,;:").split(";")[0]))
    if _DATE_ONLY.match(after):
        after = ""  # IEEE: "Institution, Technical report 720, Jun. 1983.": the institution came before
    if after and not F.find_url(after) and len(after) < 120:
        f["institution"] = after
        f.pop("publisher", None)
        if f.get("address", "") in after:
            f.pop("address", None)
    for n in list(notes):
        if f["type"].lower() in n.lower():
            notes.remove(n)
    owner = _SERIES_OWNER.match(f["type"])
    series = F.report_match(f["type"][owner.end():]) if owner else None
    if owner and series and series.start() == 0 and not f.get("institution") and not f.get("publisher"):
        # "MIASA Working Paper 2019(1)" with no institution written: the acronym naming the
        # series is the body that issues it ("WORKING PAPER" alone is no owner: the rest is no series).
        f["institution"], f["type"] = owner.group(1).strip(), f["type"][owner.end():]


_DATE_ONLY = re.compile(r"^(?:[A-Z][a-z]{2,8}\.?\s+)?(?:\d{1,2}\s+)?(?:1[5-9]\d\d|20\d\d)[a-z]?$")

# The acronyms (all capitals, at least two letters) before a series' generic name.
_SERIES_OWNER = re.compile(r"((?:[A-Z][A-Z0-9/&-]+\s+){1,3})(?=\S)")


def choose_type(raw: str, f: dict[str, str], journal: str, book: str, publisher: str,
                genre: str, notes: str, persons: dict) -> str:
    """Pick the BibTeX type from the fields found and telling words in the text."""
    context = " ".join([genre, notes, journal, book])
    if F.is_thesis(genre):
        return "thesis"
    if F.report(genre or notes or journal or "") or (F.report(raw) and not (book and "editor" in persons)):
        rep = F.report(genre or notes or journal or raw)
        if rep and (rep[1] or rep[0].lower() != "report"):
            return "techreport"
    if F.is_web(genre) or F.is_web(notes) or _MEDIA_WORD.search(context):
        return "online"
    if f.get("day") and not (f.get("volume") or f.get("pages") or book or f.get("edition")):
        return "online"  # a dated news or blog piece
    if book:
        if F.is_proceedings(book):
            return "inproceedings"
        return "incollection"
    if journal:
        if F.is_proceedings(journal) and not f.get("volume"):
            return "inproceedings"
        return "article"
    if "editor" in persons and f.get("pages"):
        return "incollection"
    if publisher or f.get("edition") or f.get("isbn"):
        return "book"
    if f.get("url"):
        return "online"
    return "misc"
