"""The shared core: a Reference read once into an Item (type, names, date, title, container, locators).

Every style formats Items, never raw References, so BibTeX quirks (journal vs journaltitle,
year/month vs date, school vs institution, crossref) are handled in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from solicite.dates import Date, bibtex_month, day_number, parse_iso_date
from solicite.model import Reference, split_names
from solicite.styles.names import NameList, names
from solicite.codec import to_unicode, url_text
from solicite.doi import strip_doi
from solicite.language import entry_language, is_english
from solicite.types import TYPE_TO_CSL, csl_type


# CSL types (solicite.types.csl_type, the one classifier) -> the kinds the styles lay out. A type
# missing here (graphic, legislation, interview...) is laid out as "misc", a generic document.
KIND_OF = {
    "article-journal": "article", "article-magazine": "magazine", "article-newspaper": "newspaper",
    "book": "book", "pamphlet": "book", "periodical": "periodical",
    "chapter": "chapter", "entry-encyclopedia": "chapter", "paper-conference": "paper",
    "report": "report", "thesis": "thesis", "webpage": "webpage", "post-weblog": "webpage",
    "document": "misc", "manuscript": "manuscript", "patent": "patent",
    "song": "audio", "broadcast": "audio", "motion_picture": "video",
    "dataset": "dataset", "software": "software",
}


NUMBER_FIELDS = frozenset(("volume", "number", "issue"))  # CSL's number variables among BibTeX's fields


# citeproc-js joins two parts of a number variable with an en dash only when each is a number
# (letters after it allowed) or a roman numeral: "60-61", "12a-13", "C-21", but not "B-1".
_RANGE_PART = re.compile(r"\d+[a-z]*|[ivxlcm]+|[IVXLCM]+")
_GROUPS = re.compile(r"(\s*(?:,|&|\band\b)\s*)")
_HYPHENS = re.compile(r"\s*-+\s*")


def csl_number(value: str) -> str:
    """A number variable as citeproc-js prints it: in each group ("1, 3-5"), when every
    hyphen-joined part is a number or a roman numeral, the last hyphen becomes an en dash
    ("60-61" -> "60–61", "91-08-04" -> "91-08–04"); anything else ("CMU-CS-90-177") as written."""
    if "-" not in value:
        return value
    pieces = _GROUPS.split(value)
    for i in range(0, len(pieces), 2):
        group = pieces[i]
        parts = _HYPHENS.split(group.strip())
        if len(parts) > 1 and all(_RANGE_PART.fullmatch(p) for p in parts):
            last = list(_HYPHENS.finditer(group))[-1]
            pieces[i] = group[:last.start()] + "\u2013" + group[last.end():]
    return "".join(pieces)


_URL_CMD = re.compile(r"\\url\{([^}]*)\}")


@dataclass(slots=True)
class Item:
    """A Reference prepared for formatting; raw field values keep LaTeX for the title parser."""

    ref: Reference
    key: str
    kind: str
    authors: NameList  # names given; ``.more`` when BibTeX's "and others" ended the list
    editors: NameList
    translators: NameList
    date: Date | None
    f: dict  # the fields (raw)
    subtype: str = ""
    extra: dict = field(default_factory=dict)  # style-specific scratch (year suffix, number)
    is_podcast: bool = False  # an audio episode of a podcast (asked often, so worked out once)
    csl_type: str = "document"  # the entry's CSL type, from solicite.types.csl_type (what the exports write)

    def text(self, name: str) -> str:
        """A field as Unicode, as citeproc-js prints it: LaTeX decoded, braces and font switches
        removed, -- and --- as dashes, ' as ’, and number ranges ("60-61") with an en dash."""
        v = self.f.get(name)
        if not v:
            return ""
        v = to_unicode(v)
        return csl_number(v) if name in NUMBER_FIELDS and "-" in v else v

    def list_text(self, name: str) -> str:
        """A BibLaTeX list field ("A and {B and C}") as Unicode, items joined with "; "."""
        v = self.f.get(name)
        if not v:
            return ""
        if " and " not in v:
            return to_unicode(v)
        return "; ".join(to_unicode(p) for p in split_names(v))

    def raw(self, *names_: str) -> str:
        """The first non-empty raw value among the fields named."""
        for n in names_:
            v = self.f.get(n)
            if v:
                return v
        return ""

    @property
    def year(self) -> str:
        """The year or ""."""
        return self.date.year if self.date else ""

    @property
    def title_raw(self) -> str:
        """Title with subtitle joined by ": " and, for a volume of a multi-volume book, the main title first."""
        f = self.f
        t = f.get("title", "")
        sub = f.get("subtitle")
        if sub:
            t = f"{t}: {sub}" if t else sub
        main = f.get("maintitle")
        if main and self.kind == "book" and t:
            if f.get("mainsubtitle"):
                main = f"{main}: {f['mainsubtitle']}"
            vol = f.get("volume")
            t = f"{main}: {vol}. {t}" if vol else f"{main}. {t}"
        return t

    @property
    def volume_in_title(self) -> bool:
        """True when the volume was printed inside the title (a volume of a multi-volume book)."""
        return bool(self.f.get("maintitle") and self.kind == "book" and self.f.get("volume") and self.f.get("title"))

    @property
    def container_raw(self) -> str:
        """The container title: journal, book or proceedings, series of an episode (raw)."""
        if self.kind == "newspaper" and self.on_the_web:
            return self.raw("journaltitle", "journal", "organization")  # a news site's masthead
        if self.kind in ("article", "periodical", "magazine", "newspaper"):
            return self.raw("journaltitle", "journal")
        if self.kind in ("chapter", "paper"):
            t = self.raw("booktitle", "maintitle")
            if t and self.f.get("booksubtitle"):
                t = f"{t}: {self.f['booksubtitle']}"
            if t and self.f.get("booktitleaddon"):
                t = f"{t}. {self.f['booktitleaddon']}"
            return t
        if self.kind in ("audio", "video"):
            return self.raw("booktitle", "maintitle", "journaltitle", "series")
        return self.raw("journaltitle", "journal") if self.kind == "webpage" else ""

    @property
    def on_the_web(self) -> bool:
        """True for an entry typed as a web page (@online, @www): a news site's article names its site, no journal."""
        return TYPE_TO_CSL.get(self.ref.type) == "webpage"

    @property
    def journal_series(self) -> str:
        """An article's journal series: "3" -> "3rd Series", "newseries" -> "New Series"."""
        ser = self.text("series").strip() if self.kind in ("article", "magazine", "newspaper") else ""
        if not ser:
            return ""
        if ser.isdigit():
            n = int(ser)
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            return f"{n}{suffix} Series"
        return {"newseries": "New Series", "oldseries": "Old Series"}.get(ser.lower(), ser)

    @property
    def publisher(self) -> str:
        """Publisher, institution or school (Unicode)."""
        if self.kind == "newspaper" and self.on_the_web:
            return self.list_text("publisher")  # the organization is the masthead, printed as the container
        if self.kind == "report":
            return self.list_text("institution") or self.list_text("publisher")
        if self.kind == "thesis":
            return self.list_text("school") or self.list_text("institution") or self.list_text("publisher")
        if self.kind == "webpage":
            return self.list_text("organization") or self.list_text("publisher") or self.list_text("institution")
        if self.kind == "video" and self.ref.type in ("online", "misc") and self.f.get("howpublished"):
            how = self.text("howpublished")
            return "YouTube" if how.lower() == "youtube" else how
        return self.list_text("publisher") or self.list_text("organization") or self.list_text("institution") or \
            (self.text("howpublished") if self.kind in ("book", "misc") and not self.url_from_howpublished else "")

    @property
    def url_from_howpublished(self) -> str:
        hp = self.f.get("howpublished", "")
        m = _URL_CMD.search(hp)
        if m:
            return m.group(1).replace("\\_", "_").replace("\\%", "%").replace("\\#", "#").replace("\\&", "&")
        return hp.strip() if hp.strip().startswith(("http://", "https://")) else ""

    @property
    def english(self) -> bool:
        """True unless ``langid`` (or ``language``) names another language (only English titles change case)."""
        return is_english(entry_language(self.f))

    @property
    def url(self) -> str:
        """The URL (from url, an arXiv eprint, or a \\url in howpublished)."""
        u = self.f.get("url", "").strip()
        if not u and self.f.get("eprint"):
            base = EPRINT_URLS.get(self.f.get("eprinttype", self.f.get("archiveprefix", "")).strip().lower())
            if base:
                return base + self.f["eprint"].strip()
        if u:
            return url_text(u)
        return self.url_from_howpublished

    @property
    def doi(self) -> str:
        """The bare DOI, or ""."""
        d = self.f.get("doi")
        return strip_doi(d) if d else ""

    @property
    def urldate(self) -> Date | None:
        """The access date, or None."""
        return parse_iso_date(self.f.get("urldate", ""))

    @property
    def pages(self) -> str:
        """Pages with an en dash for ranges ("174–187")."""
        p = self.f.get("pages", "")
        if not p:
            return ""
        p = to_unicode(_DASHES.sub("-", p.strip()))  # pandoc reads BibTeX's "--" in pages as "-"
        return ", ".join(_range(x) for x in p.split(",")) if "," in p else _range(p)

    @property
    def place(self) -> str:
        """Publisher place (location or address), "; "-joined when it is a list."""
        return self.list_text("address") or self.list_text("location")

    @property
    def series(self) -> str:
        """The series (collection title) of a book, chapter or paper (raw)."""
        return self.f.get("series", "") if self.kind not in ("article", "magazine", "newspaper") else ""


def make_item(ref: Reference) -> Item:
    """Prepare one Reference for formatting: its CSL type from the one classifier, names, date."""
    f = ref.fields
    ctype = csl_type(ref)
    kind = KIND_OF.get(ctype, "misc")
    subtype = "podcast" if ctype == "broadcast" else f.get("entrysubtype", "").lower()
    persons = ref.persons
    date = parse_iso_date(f.get("date", ""))
    if date is None:
        year = f.get("year", "")
        if "\\" in year or "{" in year:
            year = to_unicode(year)
        m = _YEAR.match(year.strip())
        if m:
            date = Date(m.group(1), bibtex_month(f.get("month", "")), day_number(f.get("day", "")),
                        m.group(2) or "")
    return Item(ref=ref, key=ref.key, kind=kind, authors=names(persons.get("author", ())),
                editors=names(persons.get("editor", ())), translators=names(persons.get("translator", ())),
                date=date, f=f, subtype=subtype, csl_type=ctype,
                is_podcast=ctype == "broadcast")


_DASHES = re.compile(r"-{2,3}")
_RANGE = re.compile(r"^\s*([A-Za-z]?\d+[a-z]?)\s*(?:-{1,3}|\u2013)\s*([A-Za-z]?\d+[a-z]?)\s*$")


def _range(p: str) -> str:
    m = _RANGE.match(p)
    # Not a simple range ("4:1--4:14"): BibTeX's "--" becomes a plain hyphen, as pandoc reads it.
    return f"{m.group(1)}\u2013{m.group(2)}" if m else p.strip().replace("--", "-")


def number_range(value: str) -> str:
    """An issue or number range "5-7" with an en dash; anything else unchanged."""
    m = _RANGE.match(value)
    return f"{m.group(1)}\u2013{m.group(2)}" if m and m.group(1).isdigit() and m.group(2).isdigit() else value


def _and_list(value: str) -> str:
    # BibLaTeX list fields ("A and B") print as "A; B".
    # (BibLaTeX list fields; pandoc, the oracle's reader, reads them the same way.)
    return "; ".join(p.strip() for p in re.split(r"\s+and\s+", value)) if " and " in value else value


# BibLaTeX's type keys as pandoc (the oracle's reader) words them; styles change the case.
TYPE_NAMES = {"techreport": "technical report", "resreport": "research report", "phdthesis": "PhD thesis",
              "mathesis": "Master\u2019s thesis", "candthesis": "Candidate thesis", "patent": "Patent",
              "patentus": "U.S. patent", "patenteu": "European patent", "patentfr": "French patent",
              "patentde": "German patent", "patentuk": "British patent", "patreq": "Patent request",
              "patreqfr": "French patent request", "patreqeu": "European patent request"}


def type_name(value: str) -> str:
    """BibLaTeX's localisation keys for ``type`` ("resreport") as words; other values as written."""
    return TYPE_NAMES.get(value.strip().lower(), value)


_YEAR = re.compile(r"(\d{4})(?:\s*[-\u2013/]+\s*(\d{4}))?")


EPRINT_URLS = {"arxiv": "https://arxiv.org/abs/", "arxiv.org": "https://arxiv.org/abs/",
               "googlebooks": "https://books.google.com?id=", "jstor": "https://www.jstor.org/stable/",
               "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/", "hdl": "https://hdl.handle.net/"}
