"""Assemble a Reference from labelled tokens: group segments, tidy fields, choose the type."""

from __future__ import annotations

import re

from solicite.codec import escape
from solicite.model import Diagnostic, Person, Reference
from solicite.parse import fields as F
from solicite.parse.dates import full_date_near, parse_date
from solicite.parse.names import parse_person_list, strip_role

_EDS_END = re.compile(r"[\s,(]\(?(?:eds?|editors?|hrsg|hg)\.?\)?[.,:]?\s*$", re.IGNORECASE)
_ED_INSIDE = re.compile(r"[.,]\s+(?:eds?\.|edited\s+by|ed\.\s+by|hrsg\.\s+v\.|hg\.\s+v\.)\s+(?P<names>.+)$",
                        re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_TWO_CHARS = re.compile(r"\w\w")
_PP_PAREN = re.compile(r"\(\s*pp?\.\s*([A-Za-z]?\d+\s*[-–—]+\s*[A-Za-z]?\d+)\s*\)")
_MEDIA_WORD = re.compile(r"\b(?:podcast|youtube|video)\b", re.IGNORECASE)
_QUOTED_TITLE = re.compile(
    r"^\s*[“\"«]\s*(?P<t>[^“”\"«»]+?)(?:(?P<end>[.,?!])\s*[”\"»]|[”\"»]\s*[.,])\s*(?P<rest>[A-ZÀ-Þ0-9(«“\"].*)$")
_TRAILING_VOLUME = re.compile(r"(?<=[A-Za-z.)])\s+(\d{1,4})$")
_ISSUE_WORD = re.compile(r"(?:,|\d)\s+(?:no|nr|issue)\.?\s*(\d{1,4})\b", re.IGNORECASE)
_IN_BOOK = re.compile(r"^\s*(?:in:?\s|in:)|.*\(\s*pp?\.\s*\d|.*\(\s*eds?\.?\s*\)", re.IGNORECASE)
_YEAR_ANYWHERE = re.compile(r"\(\s*(1[5-9]\d\d|20\d\d)[a-z]?\s*\)|(?<![\d/.-])(1[5-9]\d\d|20\d\d)(?![\d-])")


def segments(words: list[str], labels: list[str]) -> list[tuple[str, str]]:
    """Merge runs of equally labelled tokens into (label, text) segments, in order."""
    out: list[tuple[str, list[str]]] = []
    for word, label in zip(words, labels):
        if out and out[-1][0] == label:
            out[-1][1].append(word)
        else:
            out.append((label, [word]))
    return [(label, " ".join(ws)) for label, ws in out]


_MEDIUM = {"podcast", "youtube", "video", "vimeo", "webinar", "blog", "blog post", "online video", "audio",
           "tweet", "website", "web page", "online"}


_PLAIN: set[str] = set()  # words known to match no rule below


def apply_rules(words: list[str], labels: list[str]) -> list[str]:
    """Override the CRF where a pattern is certain: DOIs and URLs."""
    labels = list(labels)
    for i, word in enumerate(words):
        if word in _PLAIN:  # most words match no rule: remember them
            continue
        low = word.lower()
        if "10." in word and F.find_doi(word) and ("doi" in low or word.startswith("10.")):
            labels[i] = "doi"
            if i and words[i - 1].lower().rstrip(":") in ("doi", "https://doi.org/", "doi.org"):
                labels[i - 1] = "doi"
        elif low.startswith(("http://", "https://", "www.", "<http", "(http", "[http")):
            labels[i] = "url"
        elif low.strip("[](). ,") in _MEDIUM and (word[-1:] in ".]),"):
            labels[i] = "genre"  # "Podcast." "[Video]" "Youtube." stand alone as the medium
        elif len(_PLAIN) < 200_000:
            _PLAIN.add(word)
    return labels


def assemble(words: list[str], labels: list[str], raw: str) -> tuple[Reference, list[Diagnostic]]:
    """Build the Reference for one reference string from its labelled tokens."""
    diags: list[Diagnostic] = []
    segs = segments(words, apply_rules(words, labels))
    by: dict[str, list[str]] = {}
    for label, text in segs:
        by.setdefault(label, []).append(text)
    f: dict[str, str] = {}
    persons: dict[str, list[Person]] = {}

    def first(label: str) -> str:
        return by.get(label, [""])[0]

    if "author" in by and "editor" not in by and _EDS_END.search(" ".join(by["author"])):
        by["editor"] = by.pop("author")  # "Brown, C. S., and T. Toadvine, eds." edited the book
    if "editor" in by and "container-title" not in by and len(strip_role(" ".join(by["editor"])).split()) == 1:
        by["container-title"] = by.pop("editor")  # "In NIPS," names proceedings, not an editor
    if "author" in by:
        people = parse_person_list(strip_role(" ".join(by["author"])))
        if people:
            persons["author"] = people
    for label, role in (("editor", "editor"), ("translator", "translator")):
        if label in by:
            people = parse_person_list(strip_role(" ; ".join(by[label])))
            if people:
                persons[role] = people
    # Dates: the first segment with a year; else a year anywhere, e.g. "(2023)" mislabelled.
    date: dict[str, str] = {}
    for text in by.get("date", []):
        date = parse_date(text)
        if date:
            break
    if not date:
        m = _YEAR_ANYWHERE.search(raw)
        if m:
            date = {"year": m.group(1) or m.group(2)}
    if date.get("year") and "month" not in date and len(raw) < 2000:
        date.update(full_date_near(raw, date["year"]))
    f.update(date)
    titles = [F.clean(t) for t in by.get("title", []) if F.clean(t)]
    title = titles[0] if titles else ""
    quoted = _QUOTED_TITLE.match(by["title"][0]) if titles else None
    if quoted:
        # '“Bor’ba za khleb,” Litopys revoliutsii': the closing quote ends the title (MLA, Chicago).
        title = F.clean(quoted.group("t") + (quoted.group("end") or ""))
        rest = quoted.group("rest")
        by.setdefault("note" if "journal" in by or "container-title" in by else "journal", []).insert(0, rest)
    if len(titles) > 1:  # a second, separate "title" run is rarely part of the title
        by.setdefault("note", []).extend(titles[1:])
    if not title:
        title = _fallback_title(by, persons)
    if title:
        f["title"] = title
    journal = F.container(first("journal"))
    book_text = " ".join(by.get("container-title", []))
    m = _ED_INSIDE.search(book_text)
    if m:
        # "Childhood in the English Renaissance. Ed. Anja Müller": the editors end the book title.
        if "editor" not in persons:
            people = parse_person_list(m.group("names"))
            if people:
                persons["editor"] = people
        book_text = book_text[: m.start()]
    book = F.container(book_text)
    if journal and not book and _IN_BOOK.match(first("journal")):
        book, journal = journal, ""  # "In Questioning Planetary ... (pp. 54-75)" is a book, not a journal
    if "collection-title" in by:
        f["series"] = F.clean(" ".join(by["collection-title"]))
    vol_text = " ".join(by.get("volume", []))
    if vol_text:
        vol, num = F.volume_number(vol_text)
        if vol:
            f["volume"] = vol
        if num:
            f["number"] = num
    if "pages" in by and not _DIGIT.search(" ".join(by["pages"])):
        by.setdefault("publisher", []).extend(by.pop("pages"))  # "UNHCR." is no page number
    if "pages" in by:
        f["pages"] = F.pages(by["pages"][0])
    else:
        m = _PP_PAREN.search(raw) if "p" in raw else None
        if m:
            f["pages"] = F.pages(m.group(1))
    publisher = "; ".join(F.clean(t) for t in by.get("publisher", []) if F.clean(t))
    location = F.clean(first("location"))
    if location:
        f["address"] = location
    if "edition" in by:
        f["edition"] = F.edition(by["edition"][0])
    doi = F.find_doi(" ".join(by.get("doi", []))) or F.find_doi(raw)
    if doi:
        f["doi"] = doi
    url = F.find_url(" ".join(by.get("url", []))) or F.find_url(raw)
    if url:
        f["url"] = url
    isbn = " ".join(by.get("isbn", []))
    if isbn:
        f["isbn"] = re.sub(r"^\W*isbn\W*", "", F.clean(isbn), flags=re.IGNORECASE)
    f.update(F.certain_fields(raw))
    for name, value in F.volume_colon_pages(raw).items():
        f.setdefault(name, value)
    notes = [F.clean(t) for t in by.get("note", []) + by.get("genre", []) if F.clean(t)]
    genre = " ".join(by.get("genre", []))
    thesis = F.thesis_kind(raw)
    thesis_school = ""
    if thesis:
        # APA 6 "(Doctoral dissertation, University of X)": the kind, then the school.
        full = thesis
        thesis, _, thesis_school = (p.strip() for p in full.partition(","))
        genre = thesis
        notes = [n for n in notes if thesis.lower() not in n.lower() and n.lower() not in full.lower()]
        if "title" in f:  # the whole "(Doctoral dissertation, School)", or what the title caught of it
            for part in (full, thesis):
                f["title"] = F.clean(re.sub(r"\s*[(\[]?" + re.escape(part) + r"[,)\]]?", "", f["title"]))

    if (book and not journal and "editor" not in persons and f.get("volume") and f.get("number")
            and not _IN_BOOK.match(book_text)):
        journal, book = book, ""  # "Proceedings of the National Academy of Sciences, 117(44)" is a journal
    if book and not title and "editor" in persons and "author" not in persons and not _IN_BOOK.match(book_text):
        # "Baker, David W., ed. Looking Into the Future. Grand Rapids: Baker, 2001.": an edited book.
        f["title"] = title = book
        book = ""
    if (book and title and publisher and "editor" not in persons and not f.get("pages")
            and not _IN_BOOK.match(" ".join(by.get("container-title", [])))):
        # "Psychology. The Key Concepts. New York: Routledge": a subtitle, not a book it sits in.
        f["title"] = title = f"{title}. {book}" if title[-1:] not in "?!:" else f"{title} {book}"
        book = ""
    if title and not (journal or book or publisher):
        title, site = _split_site(f.get("title", title))
        if site:
            journal = site
            f["title"] = title
    kind = "thesis" if thesis else _choose_type(raw, f, journal, book, publisher, genre, " ".join(notes), persons)
    if kind == "online" and not (journal or book):
        if publisher:
            f["organization"], publisher = publisher, ""
        elif f.get("address"):
            f["organization"] = f.pop("address")  # "Podcast. Salto." names the site, not a place
    if kind == "article":
        f["journal"] = journal or book
        m = _TRAILING_VOLUME.search(f["journal"])
        if m and not f.get("volume"):
            # Chicago: "Perspectives of New Music 30, no. 1 (1992)": the number after the name is the volume.
            f["volume"], f["journal"] = m.group(1), f["journal"][: m.start()]
        if not f.get("number"):
            m = _ISSUE_WORD.search(raw)
            if m:
                f["number"] = m.group(1)
    elif kind in ("incollection", "inproceedings"):
        f["booktitle"] = book or journal
    elif kind == "online":
        if journal or book:
            f["organization"] = journal or book
    elif kind == "book" and (journal or book):
        f.setdefault("series", journal or book) if not title else None
        if not title:
            f["title"] = journal or book
    elif journal or book:
        f["howpublished"] = journal or book
    if kind == "thesis" and thesis_school and not publisher:
        publisher = thesis_school
        if f.get("address", "") and f["address"] in thesis_school:
            f.pop("address")
    if publisher:
        key = {"techreport": "institution", "thesis": "school"}.get(kind, "publisher")
        f[key] = publisher
    if kind == "techreport":
        _report_fields(raw, f, notes)
    elif kind == "thesis":
        t = thesis or next((n for n in notes if F.is_thesis(n)), "")
        if t:
            f["type"] = t
            notes = [n for n in notes if n != t]
    if notes:
        f["note"] = "; ".join(notes)

    if not f.get("title") and len(raw.split()) <= 12 and "year" not in f and _TWO_CHARS.search(raw):
        # A short line with no date: a title-only entry (an organisation, a project page).
        return _misc(raw, f, {}), diags
    titleless = bool((f.get("journal") or f.get("booktitle")) and (persons.get("author") or f.get("volume")
                                                                     or f.get("pages")))
    if not f.get("title") and not titleless:
        # Nothing recognisable as a title: keep the raw text so nothing is lost.
        diags.append(Diagnostic("warning", "parse-unparsed", f"could not find a title; kept the text as @misc: {raw[:60]}"))
        return _misc(raw, f, persons), diags
    for name in list(f):
        f[name] = escape(f[name], url=name in ("url", "doi"))
        if not f[name]:
            del f[name]
    persons = {role: [_safe_person(p) for p in people] for role, people in persons.items()}
    return Reference(type=kind, key="", fields=f, persons=persons, raw=raw), diags


def _fallback_title(by: dict[str, list[str]], persons: dict[str, list[Person]]) -> str:
    """Find a title when the CRF labelled none: a note's first sentence, or a non-personal "author"."""
    if "note" in by:
        text = " ".join(by.pop("note"))
        head, _, rest = _first_sentence(text)
        if rest:
            by["note"] = [rest]
        return F.clean(head)
    author = " ".join(by.get("author", []))
    if author and not re.search(r"(?:^|\s)[A-Z]\.", author) and (
            re.search(r"\s(?!(?:van|von|de|der|la|le|du|da|di|del)\b)[a-z]{2,}\b", author)
            or all(p.literal for p in persons.get("author", []))):
        persons.pop("author", None)
        return F.clean(" ".join(by.pop("author")))
    return ""


def _first_sentence(text: str) -> tuple[str, str, str]:
    m = re.search(r"(?<=[a-z0-9\]\)][.?!])\s+(?=\S)", text)
    if not m:
        return text, "", ""
    return text[: m.start()], " ", text[m.end():]


_MINOR = {"of", "and", "the", "for", "in", "on", "&", "de", "a"}


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


def _misc(raw: str, f: dict[str, str], persons: dict[str, list[Person]]) -> Reference:
    keep = {k: v for k, v in f.items() if k in ("year", "month", "day", "doi", "url")}
    # The whole text is the best title we have; with names or a date found, it is a note.
    keep["note" if persons or keep else "title"] = " ".join(raw.split())
    keep = {k: escape(v, url=k in ("url", "doi")) for k, v in keep.items()}
    return Reference(type="misc", key="", fields=keep, persons=persons, raw=raw)


def _safe_person(p: Person) -> Person:
    return Person(*(escape(x) for x in (p.family, p.given, p.particle, p.suffix, p.literal)))


def _choose_type(raw: str, f: dict[str, str], journal: str, book: str, publisher: str,
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
