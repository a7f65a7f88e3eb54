"""Assemble a Reference from labelled tokens: group segments, tidy fields, choose the type."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from solicite.codec import escape
from solicite.doi import find_doi
from solicite.model import Diagnostic, Person, Reference
from solicite.parse import blocks
from solicite.parse import fields as F
from solicite.parse import placement as place
from solicite.parse.dates import full_date_near, find_date
from solicite.parse.roles import TAGGED_MEDIA
from solicite.parse.names import CORPORATE, parse_person_list, strip_role

_EDS_END = re.compile(r"[\s,(]\(?(?:eds?|editors?|hrsg|hg)\.?\)?[.,:]?\s*$", re.IGNORECASE)
_ED_INSIDE = re.compile(r"[.,]\s+(?:eds?\.|edited\s+by|ed\.\s+by|hrsg\.\s+v\.|hg\.\s+v\.)\s+(?P<names>.+)$",
                        re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_TWO_CHARS = re.compile(r"\w\w")
_PP_PAREN = re.compile(r"\(\s*pp?\.\s*([A-Za-z]?\d+\s*[-–—]+\s*[A-Za-z]?\d+)\s*\)")
_QUOTED_TITLE = re.compile(
    r"^\s*[“\"«]\s*(?P<t>[^“”\"«»]+?)(?:(?P<end>[.,?!])\s*[”\"»]|[”\"»]\s*[.,])\s*(?P<rest>(?:[A-ZÀ-Þ0-9(«“\"]|in\s).*)$")
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


# A medium word standing alone ("Podcast.", "[Video]", "Youtube."): roles.py keeps the vocabulary.
_MEDIUM = TAGGED_MEDIA


_PLAIN: set[str] = set()  # words known to match no rule below


def apply_rules(words: list[str], labels: list[str]) -> list[str]:
    """Override the CRF where a pattern is certain: DOIs and URLs."""
    labels = list(labels)
    for i, word in enumerate(words):
        if word in _PLAIN:  # most words match no rule: remember them
            continue
        low = word.lower()
        if "10." in word and find_doi(word) and ("doi" in low or word.startswith("10.")):
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


def _repair(words: list[str], labels: list[str]) -> list[str]:
    """The label repairs of :mod:`solicite.parse.blocks` (abbreviated journals, Vancouver author lists)."""
    labels = blocks.particle_after_initial(words, labels) if blocks.PARTICLE.intersection(words) else labels
    return blocks.vancouver_author_end(words, blocks.journal_abbreviations(words, labels))


@dataclass
class _Draft:
    """What :func:`assemble` has read so far from one reference string, step by step."""

    raw: str
    by: dict[str, list[str]]  # label -> its segments' texts, in order
    f: dict[str, str] = field(default_factory=dict)
    persons: dict[str, list[Person]] = field(default_factory=dict)
    title: str = ""
    journal: str = ""
    book: str = ""
    book_text: str = ""  # the container-title segments, without the editors that end them
    publisher: str = ""
    notes: list[str] = field(default_factory=list)
    genre: str = ""
    thesis: str = ""
    thesis_school: str = ""

    def first(self, label: str) -> str:
        """The text of the first segment with this label, or ""."""
        return self.by.get(label, [""])[0]

    def joined(self, label: str, sep: str = " ") -> str:
        """The texts of all segments with this label, joined."""
        return sep.join(self.by.get(label, []))


def assemble(words: list[str], labels: list[str], raw: str) -> tuple[Reference, list[Diagnostic]]:
    """Build the Reference for one reference string from its labelled tokens."""
    by: dict[str, list[str]] = {}
    for label, text in segments(words, _repair(words, apply_rules(words, labels))):
        by.setdefault(label, []).append(text)
    d = _Draft(raw, by)
    _read_persons(d)
    _read_date(d)
    _read_title(d)
    _read_containers(d)
    _read_numbers(d)
    _read_publication(d)
    _read_thesis(d)
    place.reconsider_containers(d)
    kind = "thesis" if d.thesis else place.choose_type(
        raw, d.f, d.journal, d.book, d.publisher, d.genre, " ".join(d.notes), d.persons)
    place.place_fields(d, kind)
    return _finish(d, kind)


def _read_persons(d: _Draft) -> None:
    by = d.by
    if "author" in by and "editor" not in by and _EDS_END.search(d.joined("author")):
        by["editor"] = by.pop("author")  # "Brown, C. S., and T. Toadvine, eds." edited the book
    if "editor" in by and "container-title" not in by and len(strip_role(d.joined("editor")).split()) == 1:
        by["container-title"] = by.pop("editor")  # "In NIPS," names proceedings, not an editor
    if "author" in by:
        people = parse_person_list(strip_role(d.joined("author")))
        if people:
            d.persons["author"] = people
    for label, role in (("editor", "editor"), ("translator", "translator")):
        if label in by and "publisher" not in by:
            _publisher_after_names(by, label)
        elif label in by and not strip_role(d.joined(label)):
            _names_in_publisher(by, label)
        if label in by:
            people = parse_person_list(strip_role(d.joined(label, " ; ")))
            if people:
                d.persons[role] = people


_BY_ROLE = re.compile(r"^\s*(?:edited|translated|compiled|ed\.|trans\.)\s+by\s+", re.IGNORECASE)
_NOT_PUBLISHER = re.compile(r"^(?:and\s|&|et al)|^(?:[A-Z][a-z]?\.?\s*)+$")


_BRACKETED_NAMES = re.compile(r"^\s*\((?P<names>[^()]*(?:\([^()]*\)[^()]*)?)\)[,.]?\s+(?P<rest>\S.*)$")


def _publisher_after_names(by: dict[str, list[str]], label: str) -> None:
    """MLA's "edited by Jim Gray, Morgan-Kaufman, 1991" read as editors: the publisher follows the names."""
    text = " ".join(by[label])
    m = _BRACKETED_NAMES.match(text)
    if m:  # "(Ed.: R. K. Guy), American Mathematical Society": the bracket closes the editors
        by[label], by["publisher"] = [m.group("names")], [m.group("rest")]
        return
    m = _BY_ROLE.match(text)
    names, publisher = split_publisher(text[m.end():]) if m else ("", "")
    if publisher:
        by[label] = [text[: m.end()] + names] if m else [names]
        by["publisher"] = [publisher]


def _names_in_publisher(by: dict[str, list[str]], label: str) -> None:
    """MLA's "Translated by William Weaver, Harcourt" where only "Translated by" got the role: the names end the publisher's run."""
    names, publisher = split_publisher(by["publisher"][0])
    if publisher:
        by[label] = [" ".join(by[label]) + " " + names]
        by["publisher"][0] = publisher


def split_publisher(names: str) -> tuple[str, str]:
    """("Jim Gray", "Morgan-Kaufman") from names in natural order with the publisher after them, else (names, "")."""
    head, sep, tail = names.strip(" ,;.").rpartition(",")
    tail = F.clean(tail)
    if not sep or not head.strip() or not tail or _NOT_PUBLISHER.match(tail):
        return names, ""
    if "," in head and " and " not in head:
        return names, ""  # "Smith, John": a name written inverted, not a publisher after it
    return head, tail


def _read_date(d: _Draft) -> None:
    # The first segment with a year; else a year anywhere, e.g. "(2023)" mislabelled.
    date: dict[str, str] = {}
    for text in d.by.get("date", []):
        date = find_date(text)
        if date:
            break
    if not date:
        m = _YEAR_ANYWHERE.search(d.raw)
        if m:
            date = {"year": m.group(1) or m.group(2)}
    if date.get("year") and "month" not in date and len(d.raw) < 2000:
        date.update(full_date_near(d.raw, date["year"]))
    d.f.update(date)


def _read_title(d: _Draft) -> None:
    by = d.by
    titles = [F.clean(t) for t in by.get("title", []) if F.clean(t)]
    title = titles[0] if titles else ""
    quoted = _QUOTED_TITLE.match(by["title"][0]) if titles else None
    if quoted:
        # '“Bor’ba za khleb,” Litopys revoliutsii': the closing quote ends the title (MLA, Chicago).
        title = F.clean(quoted.group("t") + (quoted.group("end") or ""))
        rest = quoted.group("rest")
        if rest.startswith("in ") and "container-title" in by:
            # IEEE: '“Title,” in Book, vol. 3472, in Lecture Notes ...': the book, then its series.
            by.setdefault("collection-title", by.pop("container-title"))
            by["container-title"] = [rest]
            rest = ""
        if rest:
            by.setdefault("note" if "journal" in by or "container-title" in by else "journal", []).insert(0, rest)
    if len(titles) > 1:  # a second, separate "title" run is rarely part of the title
        by.setdefault("note", []).extend(titles[1:])
    if not title:
        title = _fallback_title(by, d.persons)
    if title and not d.persons:
        title = _corporate_author(title, d.persons)
    if title:
        d.f["title"] = title
    d.title = title


def _read_containers(d: _Draft) -> None:
    books = d.by.get("container-title", [])
    if len(books) > 1 and books[-1].startswith("in ") and "collection-title" not in d.by:
        # IEEE: "in Book, vol. 3472, in Lecture Notes in Computer Science": the book, then its series.
        d.by["collection-title"] = [books.pop()]
    journal = F.container(d.first("journal"))
    book_text = d.joined("container-title")
    m = _ED_INSIDE.search(book_text)
    if m:
        # "Childhood in the English Renaissance. Ed. Anja Müller": the editors end the book title.
        names, publisher = split_publisher(m.group("names"))
        if publisher and "publisher" not in d.by:
            d.by["publisher"] = [publisher]
        if "editor" not in d.persons:
            people = parse_person_list(names)
            if people:
                d.persons["editor"] = people
        book_text = book_text[: m.start()]
    book = F.container(book_text)
    if journal and not book and place.IN_BOOK.match(d.first("journal")):
        book, journal = journal, ""  # "In Questioning Planetary ... (pp. 54-75)" is a book, not a journal
    if not journal:
        book, book_text = _nlm_book(d, book, book_text)
    d.journal, d.book, d.book_text = journal, book, book_text


def _nlm_book(d: _Draft, book: str, book_text: str) -> tuple[str, str]:
    """NLM's "In: Gray J, editor. Book. Publisher; 1991.": the book the CRF left in a note, the title or the publisher."""
    nlm = blocks.nlm_book(d.raw)
    if nlm and (not book or book.startswith(nlm + ". ")):
        rest = book[len(nlm) + 2:]
        if rest and "publisher" not in d.by:
            d.by["publisher"] = [rest]  # "Book. Morgan-Kaufman; 1991": the publisher ran into the book
        d.by["note"] = [n for n in d.by.get("note", []) if F.clean(n) != nlm]
        return nlm, "In: " + nlm
    if d.title and (not book or "publisher" not in d.by):
        title, inside = blocks.split_in_book(d.title, d.raw)
        if inside:  # "Run-time verification. In: Model-based Testing of Reactive Systems"
            if book:  # "..., in Book (Muchnick, S. (eds.)), Prentice-Hall": what came after the editors
                d.by["publisher"] = [book_text]
            d.f["title"] = d.title = title
            return inside, "In: " + inside
    return book, book_text


_VOL_COMMA_PAGE = re.compile(r"^\s*([A-Z]?\d{1,4}[A-Z]?),\s*([A-Z]?\d{1,6})[.,]?\s*$")


def _read_numbers(d: _Draft) -> None:
    by, f = d.by, d.f
    if "collection-title" in by:
        f["series"] = F.container(d.joined("collection-title"))  # "in Lecture Notes ...": no "in"
    vol_text = d.joined("volume")
    m = _VOL_COMMA_PAGE.match(vol_text) if "pages" not in by else None
    if m:  # "Phys. Lett. B 716, 1 (2012)": after a comma, a bare number is the first page, not an issue
        vol_text, by["pages"] = m.group(1), [m.group(2)]
    if vol_text:
        vol, num = F.volume_number(vol_text)
        if vol:
            f["volume"] = vol
        if num:
            f["number"] = num
    if "pages" in by and not _DIGIT.search(d.joined("pages")):
        by.setdefault("publisher", []).extend(by.pop("pages"))  # "UNHCR." is no page number
    if "pages" in by:
        f["pages"] = F.pages(by["pages"][0])
    else:
        m = _PP_PAREN.search(d.raw) if "p" in d.raw else None
        if m:
            f["pages"] = F.pages(m.group(1))


def _read_publication(d: _Draft) -> None:
    by, f, raw = d.by, d.f, d.raw
    d.publisher = "; ".join(F.clean(t) for t in by.get("publisher", []) if F.clean(t))
    location = F.clean(d.first("location"))
    if location[:1] == "[" and location[-1:] == "]":
        location = location[1:-1]  # "[Szeged, Hungary]": MLA's bracketed place of a conference
    if location:
        f["address"] = location
    if "edition" in by:
        f["edition"] = F.edition(by["edition"][0])
    doi = find_doi(d.joined("doi")) or find_doi(raw)
    if doi:
        f["doi"] = doi
    url = F.find_url(d.joined("url")) or F.find_url(raw)
    if url:
        f["url"] = url
    isbn = d.joined("isbn")
    if isbn:
        f["isbn"] = re.sub(r"^\W*isbn\W*", "", F.clean(isbn), flags=re.IGNORECASE)
    f.update(F.certain_fields(raw))
    for name, value in F.volume_colon_pages(raw).items():
        f.setdefault(name, value)


def _read_thesis(d: _Draft) -> None:
    d.notes = [F.clean(t) for t in d.by.get("note", []) + d.by.get("genre", []) if F.clean(t)]
    d.genre = d.joined("genre")
    full = F.thesis_kind(d.raw)
    if not full:
        return
    # APA 6 "(Doctoral dissertation, University of X)": the kind, then the school.
    thesis, _, d.thesis_school = (p.strip() for p in full.partition(","))
    d.thesis = d.genre = thesis
    d.notes = [n for n in d.notes if thesis.lower() not in n.lower() and n.lower() not in full.lower()]
    if "title" in d.f:  # the whole "(Doctoral dissertation, School)", or what the title caught of it
        for part in (full, thesis):
            d.f["title"] = F.clean(re.sub(r"\s*[(\[]?" + re.escape(part) + r"[,)\]]?", "", d.f["title"]))


def _finish(d: _Draft, kind: str) -> tuple[Reference, list[Diagnostic]]:
    """The Reference, or @misc keeping the raw text when nothing reads as a title."""
    f, persons, raw = d.f, d.persons, d.raw
    if d.notes:
        f["note"] = "; ".join(d.notes)
    if not f.get("title") and len(raw.split()) <= 12 and "year" not in f and _TWO_CHARS.search(raw):
        # A short line with no date: a title-only entry (an organisation, a project page).
        return _misc(raw, f, {}), []
    titleless = bool((f.get("journal") or f.get("booktitle")) and (persons.get("author") or f.get("volume")
                                                                     or f.get("pages")))
    if not f.get("title") and not titleless:
        # Nothing recognisable as a title: keep the raw text so nothing is lost.
        return _misc(raw, f, persons), [Diagnostic(
            "warning", "parse-unparsed", f"could not find a title; kept the text as @misc: {raw[:60]}")]
    for name in list(f):
        f[name] = escape(f[name], url=name in ("url", "doi"))
        if not f[name]:
            del f[name]
    safe = {role: [_safe_person(p) for p in people] for role, people in persons.items()}
    return Reference(type=kind, key="", fields=f, persons=safe, raw=raw), []


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


_BODY_NAME = re.compile(r"^(?:(?:[A-Z][\w'’&-]*|of|for|and|the|on|&)\s+){1,7}[A-Z][\w'’-]*$")


def _corporate_author(title: str, persons: dict[str, list[Person]]) -> str:
    """"World Health Organization. Global report on diabetes": a body's name before the title is its author."""
    head, _, rest = title.partition(". ")
    if rest and _BODY_NAME.match(head) and CORPORATE.search(head) and len(rest.split()) > 1:
        persons["author"] = [Person(literal=head)]
        return rest
    return title


def _first_sentence(text: str) -> tuple[str, str, str]:
    m = re.search(r"(?<=[a-z0-9\]\)][.?!])\s+(?=\S)", text)
    if not m:
        return text, "", ""
    return text[: m.start()], " ", text[m.end():]


def _misc(raw: str, f: dict[str, str], persons: dict[str, list[Person]]) -> Reference:
    keep = {k: v for k, v in f.items() if k in ("year", "month", "day", "doi", "url")}
    # The whole text is the best title we have; with names or a date found, it is a note.
    keep["note" if persons or keep else "title"] = " ".join(raw.split())
    keep = {k: escape(v, url=k in ("url", "doi")) for k, v in keep.items()}
    return Reference(type="misc", key="", fields=keep, persons=persons, raw=raw)


def _safe_person(p: Person) -> Person:
    return Person(*(escape(x) for x in (p.family, p.given, p.particle, p.suffix, p.literal)))
