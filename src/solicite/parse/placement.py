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
        d.f[key] = d.publisher


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
    if m.group("num"):
        f["number"] = F.clean(m.group("num"))
        if f.get("volume") and f["volume"] in f["number"]:
            del f["volume"]
    f.pop("howpublished", None)
    after = F.clean(raw[m.end():])
    if after and not F.find_url(after) and len(after) < 120:
        f["institution"] = after
        f.pop("publisher", None)
        if f.get("address", "") in after:
            f.pop("address", None)
    for n in list(notes):
        if f["type"].lower() in n.lower():
            notes.remove(n)


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
