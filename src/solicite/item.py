"""The one typed item of an entry: a Reference read once (type, names, date, identifiers, field text).

Every reader of an entry starts here: the styles' ``Item`` (styles/core.py) is this item plus
the layout kind a style groups CSL types into, the CSL engine's input adds the item's et-al.
flags to its CSL-JSON, and ``--json list`` prints :func:`item_json`. Field text is read
through the one codec (solicite.codec): :meth:`text` decodes it to Unicode, :meth:`markup` gives it
as written for the codec's rich-text readers (titles keep their ``{protected}`` words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from solicite.codec import to_unicode, url_text
from solicite.dates import Date, bibtex_month, day_number, parse_iso_date
from solicite.doi import strip_doi
from solicite.language import entry_language, is_english
from solicite.model import Reference, split_names
from solicite.persons import NameList, names
from solicite.types import csl_type

NUMBER_FIELDS = frozenset(("volume", "number", "issue"))  # CSL's number variables among BibTeX's fields
NAME_ROLES = ("author", "editor", "translator")  # the roles the styles print
# BibLaTeX's verbatim fields: an address, not text ("~" is a tilde, not a no-break space).
ADDRESS_FIELDS = frozenset(("url", "doi", "eprint", "file", "pdf", "urlraw"))

# citeproc-js joins two parts of a number variable with an en dash only when each is a number
# (letters after it allowed) or a roman numeral: "60-61", "12a-13", "C-21", but not "B-1".
_RANGE_PART = re.compile(r"\d+[a-z]*|[ivxlcm]+|[IVXLCM]+")
_GROUPS = re.compile(r"(\s*(?:,|&|\band\b)\s*)")
_HYPHENS = re.compile(r"\s*-+\s*")
_URL_CMD = re.compile(r"\\url\{([^}]*)\}")
_DASHES = re.compile(r"-{2,3}")
_RANGE = re.compile(r"^\s*([A-Za-z]?\d+[a-z]?)\s*(?:-{1,3}|\u2013)\s*([A-Za-z]?\d+[a-z]?)\s*$")
_YEAR = re.compile(r"(\d{4})(?:\s*[-\u2013/]+\s*(\d{4}))?")

EPRINT_URLS = {"arxiv": "https://arxiv.org/abs/", "arxiv.org": "https://arxiv.org/abs/",
               "googlebooks": "https://books.google.com?id=", "jstor": "https://www.jstor.org/stable/",
               "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/", "hdl": "https://hdl.handle.net/"}


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


@dataclass(slots=True)
class TypedItem:
    """An entry read once: CSL type (BibTeX type kept), names with their et-al. flag, date, field text."""

    ref: Reference  # the lossless entry, for writers and diagnostics (file and line)
    key: str
    bibtype: str  # the BibTeX type as written, lower case ("article", "online")
    csl_type: str  # from solicite.types.csl_type, the one classifier
    authors: NameList  # names given; ``.more`` when BibTeX's "and others" ended the list
    editors: NameList
    translators: NameList
    date: Date | None
    fields: dict  # the field text as written (LaTeX), read only through the methods below

    def has(self, name: str) -> bool:
        """True when the field is given and not empty."""
        return bool(self.fields.get(name))

    def markup(self, *names_: str) -> str:
        """The first non-empty field among ``names_`` as written, for the codec's rich-text readers."""
        for n in names_:
            v = self.fields.get(n)
            if v:
                return v
        return ""

    def text(self, name: str) -> str:
        """A field as Unicode, as citeproc-js prints it: LaTeX decoded, braces and font switches
        removed, -- and --- as dashes, ' as ’, and number ranges ("60-61") with an en dash."""
        v = self.fields.get(name)
        if not v:
            return ""
        v = to_unicode(v)
        return csl_number(v) if name in NUMBER_FIELDS and "-" in v else v

    def list_text(self, name: str) -> str:
        """A BibLaTeX list field ("A and {B and C}") as Unicode, items joined with "; "."""
        v = self.fields.get(name)
        if not v:
            return ""
        if " and " not in v:
            return to_unicode(v)
        return "; ".join(to_unicode(p) for p in split_names(v))

    def names(self, role: str) -> NameList:
        """The names of a role ("author", "editor"...); ``.more`` says "and others" ended the list."""
        if role in NAME_ROLES:
            return getattr(self, role + "s")
        return names(self.ref.persons.get(role, ()))

    @property
    def year(self) -> str:
        """The year or ""."""
        return self.date.year if self.date else ""

    @property
    def english(self) -> bool:
        """True unless ``langid`` (or ``language``) names another language (only English titles change case)."""
        return is_english(entry_language(self.fields))

    @property
    def url_from_howpublished(self) -> str:
        """The link of a ``howpublished`` that holds one (``\\url{...}`` or a bare http address), or ""."""
        hp = self.fields.get("howpublished", "")
        m = _URL_CMD.search(hp)
        if m:
            return m.group(1).replace("\\_", "_").replace("\\%", "%").replace("\\#", "#").replace("\\&", "&")
        return hp.strip() if hp.strip().startswith(("http://", "https://")) else ""

    @property
    def url(self) -> str:
        """The URL (from url, an arXiv eprint, or a \\url in howpublished)."""
        f = self.fields
        u = f.get("url", "").strip()
        if not u and f.get("eprint"):
            base = EPRINT_URLS.get(f.get("eprinttype", f.get("archiveprefix", "")).strip().lower())
            if base:
                return base + f["eprint"].strip()
        if u:
            return url_text(u)
        return self.url_from_howpublished

    @property
    def doi(self) -> str:
        """The bare DOI, or ""."""
        d = self.fields.get("doi")
        return strip_doi(d) if d else ""

    @property
    def urldate(self) -> Date | None:
        """The access date, or None."""
        return parse_iso_date(self.fields.get("urldate", ""))

    @property
    def pages(self) -> str:
        """Pages with an en dash for ranges ("174–187")."""
        p = self.fields.get("pages", "")
        if not p:
            return ""
        p = to_unicode(_DASHES.sub("-", p.strip()))  # pandoc reads BibTeX's "--" in pages as "-"
        return ", ".join(_range(x) for x in p.split(",")) if "," in p else _range(p)

    @property
    def place(self) -> str:
        """Publisher place (location or address), "; "-joined when it is a list."""
        return self.list_text("address") or self.list_text("location")


def item_json(ref: Reference) -> dict:
    """An entry as its typed item reads it, as JSON: key, BibTeX and CSL types, fields and names
    decoded to Unicode by the codec, the et-al. flags (``and_others``), file and line.

    ``show --json`` keeps the lossless Reference (LaTeX as written); this is what the entry reads as.
    Built without the styles' name lists, so that ``--json list`` stays as cheap as the listing.
    """
    persons = {}
    for role, people in ref.persons.items():
        given = [{k: to_unicode(v) for k, v in vars(p).items() if v and isinstance(v, str)}
                 for p in people if not p.is_others]
        if given:
            persons[role] = given
    return {"key": ref.key, "type": ref.type, "csl_type": csl_type(ref),
            "fields": {name: url_text(value) if name in ADDRESS_FIELDS else to_unicode(value)
                       for name, value in ref.fields.items()},
            "persons": persons, "and_others": and_others(ref), "source": ref.source, "line": ref.line}


def and_others(ref: Reference) -> list[str]:
    """The name roles of ``ref`` whose list BibTeX's "and others" ended, in field order."""
    return [role for role, people in ref.persons.items() if people and people[-1].is_others]


def item_parts(ref: Reference) -> dict:
    """The keyword arguments of a :class:`TypedItem` (and of the styles' Item, which adds a layout kind)."""
    f = ref.fields
    persons = ref.persons
    return {"ref": ref, "key": ref.key, "bibtype": ref.type, "csl_type": csl_type(ref),
            "authors": names(persons.get("author", ())), "editors": names(persons.get("editor", ())),
            "translators": names(persons.get("translator", ())), "date": issued(f), "fields": f}


def typed_item(ref: Reference) -> TypedItem:
    """The one typed item of a Reference."""
    return TypedItem(**item_parts(ref))


def issued(f: dict) -> Date | None:
    """The date of issue from ``date``, else ``year`` (a range "1990-1991" allowed), ``month`` and ``day``."""
    date = parse_iso_date(f.get("date", ""))
    if date is None:
        year = f.get("year", "")
        if "\\" in year or "{" in year:
            year = to_unicode(year)
        m = _YEAR.match(year.strip())
        if m:
            date = Date(m.group(1), bibtex_month(f.get("month", "")), day_number(f.get("day", "")),
                        m.group(2) or "")
    return date


def _range(p: str) -> str:
    m = _RANGE.match(p)
    # Not a simple range ("4:1--4:14"): BibTeX's "--" becomes a plain hyphen, as pandoc reads it.
    return f"{m.group(1)}\u2013{m.group(2)}" if m else p.strip().replace("--", "-")


def number_range(value: str) -> str:
    """An issue or number range "5-7" with an en dash; anything else unchanged."""
    m = _RANGE.match(value)
    return f"{m.group(1)}\u2013{m.group(2)}" if m and m.group(1).isdigit() and m.group(2).isdigit() else value
