"""The shared core: a Reference read once into an Item (type, names, date, title, container, locators).

Every style formats Items, never raw References, so BibTeX quirks (journal vs journaltitle,
year/month vs date, school vs institution, crossref) are handled in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from solicite.model import Reference, month_number
from solicite.styles.names import Name, names
from solicite.text import latex_to_unicode

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

# BibTeX/BibLaTeX entry types -> the kinds styles know (close to CSL's types).
KINDS = {
    "article": "article", "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book",
    "proceedings": "book", "mvproceedings": "book", "booklet": "book", "manual": "book", "reference": "book",
    "mvreference": "book", "periodical": "periodical",
    "inbook": "chapter", "bookinbook": "chapter", "suppbook": "chapter", "incollection": "chapter",
    "suppcollection": "chapter", "inreference": "chapter",
    "inproceedings": "paper", "conference": "paper",
    "report": "report", "techreport": "report",
    "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis",
    "online": "webpage", "electronic": "webpage", "www": "webpage",
    "misc": "misc", "unpublished": "manuscript", "patent": "patent",
    "audio": "audio", "music": "audio", "video": "video", "movie": "video",
    "dataset": "dataset", "software": "software",
}


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


_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_URL_CMD = re.compile(r"\\url\{([^}]*)\}")


def parse_date(value: str) -> Date | None:
    """An ISO-8601 date or range ("2018-10-04", "1885/1888") as a Date, or None."""
    if not value:
        return None
    first, _, second = value.partition("/")
    m = _ISO.match(first)
    if not m:
        return None
    end = _ISO.match(second) if second else None
    return Date(m.group(1), int(m.group(2) or 0), int(m.group(3) or 0), end.group(1) if end and end.group(1) != m.group(1) else "")


@dataclass(slots=True)
class Item:
    """A Reference prepared for formatting; raw field values keep LaTeX for the title parser."""

    ref: Reference
    key: str
    kind: str
    authors: list[Name]
    editors: list[Name]
    translators: list[Name]
    date: Date | None
    f: dict  # the fields (raw)
    subtype: str = ""
    extra: dict = field(default_factory=dict)  # style-specific scratch (year suffix, number)

    def text(self, name: str) -> str:
        """A field as Unicode (LaTeX decoded, braces removed)."""
        v = self.f.get(name)
        return latex_to_unicode(v) if v else ""

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
        """Title with subtitle joined by ": " (raw)."""
        t = self.f.get("title", "")
        sub = self.f.get("subtitle")
        if sub:
            t = f"{t}: {sub}" if t else sub
        return t

    @property
    def container_raw(self) -> str:
        """The container title: journal, book or proceedings, series of an episode (raw)."""
        if self.kind in ("article", "periodical", "magazine", "newspaper"):
            return self.raw("journaltitle", "journal")
        if self.kind in ("chapter", "paper"):
            return self.raw("booktitle", "maintitle")
        if self.kind in ("audio", "video"):
            return self.raw("booktitle", "maintitle", "journaltitle", "series")
        return self.raw("journaltitle", "journal") if self.kind == "webpage" else ""

    @property
    def publisher(self) -> str:
        """Publisher, institution or school (Unicode)."""
        if self.kind == "report":
            return self.text("institution") or self.text("publisher")
        if self.kind == "thesis":
            return self.text("school") or self.text("institution") or self.text("publisher")
        if self.kind == "webpage":
            return self.text("organization") or self.text("publisher") or self.text("institution")
        return _and_list(self.text("publisher")) or self.text("organization") or self.text("institution") or \
            (self.text("howpublished") if self.kind in ("book", "misc") and not self.url_from_howpublished else "")

    @property
    def url_from_howpublished(self) -> str:
        hp = self.f.get("howpublished", "")
        m = _URL_CMD.search(hp)
        if m:
            return m.group(1)
        return hp.strip() if hp.strip().startswith(("http://", "https://")) else ""

    @property
    def english(self) -> bool:
        """True unless ``langid`` names another language (only English titles change case)."""
        lang = self.f.get("langid", "").strip().lower()
        return not lang or lang.startswith(("en", "american", "british", "australian", "canadian", "newzealand", "usenglish", "ukenglish"))

    @property
    def url(self) -> str:
        """The URL (from url, an arXiv eprint, or a \\url in howpublished)."""
        u = self.f.get("url", "").strip()
        if not u and self.f.get("eprint") and self.f.get("eprinttype", "").lower() in ("arxiv", "arxiv.org"):
            return "https://arxiv.org/abs/" + self.f["eprint"].strip()
        if u:
            u = _URL_CMD.sub(r"\1", u)
            return u.replace("\\_", "_").replace("\\%", "%").replace("\\#", "#").replace("\\&", "&")
        return self.url_from_howpublished

    @property
    def doi(self) -> str:
        """The bare DOI, or ""."""
        d = self.f.get("doi", "").strip()
        for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
            if d.lower().startswith(prefix):
                d = d[len(prefix):]
        return d.replace("\\_", "_")

    @property
    def urldate(self) -> Date | None:
        """The access date, or None."""
        return parse_date(self.f.get("urldate", ""))

    @property
    def pages(self) -> str:
        """Pages with an en dash for ranges ("174–187")."""
        p = self.f.get("pages", "")
        if not p:
            return ""
        p = latex_to_unicode(p.strip())
        return ", ".join(_range(x) for x in p.split(",")) if "," in p else _range(p)

    @property
    def is_podcast(self) -> bool:
        return self.kind == "audio" and "podcast" in (self.subtype + self.f.get("type", "")).lower()


def make_item(ref: Reference) -> Item:
    """Prepare one Reference for formatting."""
    f = ref.fields
    kind = KINDS.get(ref.type, "misc")
    subtype = f.get("entrysubtype", "").lower()
    if kind == "article" and subtype in ("magazine", "newspaper"):
        kind = subtype
    persons = ref.persons
    date = parse_date(f.get("date", ""))
    if date is None:
        year = latex_to_unicode(f.get("year", "")).strip()
        m = re.match(r"(\d{4})(?:\s*[-\u2013/]+\s*(\d{4}))?", year)
        if m:
            date = Date(m.group(1), month_number(f.get("month", "")) or 0, _day(f.get("day", "")),
                        m.group(2) or "")
    return Item(ref=ref, key=ref.key, kind=kind, authors=names(persons.get("author", ())),
                editors=names(persons.get("editor", ())), translators=names(persons.get("translator", ())),
                date=date, f=f, subtype=subtype)


_RANGE = re.compile(r"^\s*([A-Za-z]?\d+[a-z]?)\s*(?:-{1,3}|\u2013)\s*([A-Za-z]?\d+[a-z]?)\s*$")


def _range(p: str) -> str:
    m = _RANGE.match(p)
    return f"{m.group(1)}\u2013{m.group(2)}" if m else p.strip()


def _and_list(value: str) -> str:
    # BibLaTeX list fields ("A and B") print as "A; B".
    return "; ".join(p.strip() for p in re.split(r"\s+and\s+", value)) if " and " in value else value


TYPE_NAMES = {"techreport": "Technical report", "resreport": "Research report", "phdthesis": "PhD thesis",
              "mathesis": "Master\u2019s thesis", "candthesis": "Candidate thesis", "patent": "Patent",
              "patentus": "U.S. patent", "patenteu": "European patent", "patentfr": "French patent",
              "patentde": "German patent", "patentuk": "British patent", "patreq": "Patent request",
              "patreqfr": "French patent request", "patreqeu": "European patent request"}


def type_name(value: str) -> str:
    """BibLaTeX's localisation keys for ``type`` ("resreport") as words; other values as written."""
    return TYPE_NAMES.get(value.strip().lower(), value)


def _day(value: str) -> int:
    value = value.strip()
    return int(value) if value.isdigit() and 1 <= int(value) <= 31 else 0


# BibLaTeX's inheritance for crossref'd entries: the parent's title becomes the child's booktitle.
_INHERIT_AS = {"title": "booktitle", "subtitle": "booksubtitle"}


def merge_crossrefs(refs: list[Reference]) -> list[Reference]:
    """Copies of the references with fields missing from a crossref'd child filled from its parent."""
    by_key = {r.key.lower(): r for r in refs}
    out = []
    for r in refs:
        parent_key = r.fields.get("crossref", "").strip().lower()
        parent = by_key.get(parent_key) if parent_key else None
        if parent is None:
            out.append(r)
            continue
        child = r.copy()
        for name, value in parent.fields.items():
            target = _INHERIT_AS.get(name, name) if r.type.startswith("in") else name
            if target not in child.fields and name not in ("crossref", "ids", "keywords"):
                child.fields[target] = value
        for role, people in parent.persons.items():
            if role not in child.persons and not (role == "author" and r.type.startswith("in")):
                child.persons[role] = people
        out.append(child)
    return out
