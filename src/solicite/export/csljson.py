"""CSL-JSON: ``to_csl(ref)`` and ``from_csl(item)`` between a Reference and a CSL-JSON item, and ``EXPORTER``.

The mapping follows the CSL 1.0.2 data schema (csl-data.json) and the conventions citeproc-js
and Zotero use: BibTeX's von part is the ``non-dropping-particle``, corporate names are
``{"literal": ...}``, ``{Protected}`` words become ``<span class="nocase">``, LaTeX becomes
Unicode, dates become ``date-parts``. ``from_csl`` is the inverse and writes values the way a
BibTeX library holds them (special characters escaped, nocase spans back to braces).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from solicite.export import FunctionExporter, first_of, without_sets
from solicite.export.carry import Tally
from solicite.export.csldates import date_from_csl, date_to_csl
from solicite.export.csltables import NAME_FIELDS, REPORT_GENRES, THESIS_GENRES, TYPE_FROM_CSL
from solicite.export.extended import extend_csl, extend_from_csl, join_subtitle, split_extra
from solicite.codec import escape, from_csl_markup, to_csl_markup, to_unicode, url_text
from solicite.doi import strip_doi
from solicite.language import entry_language, is_english
from solicite.model import Person, Reference, named
from solicite.types import SITE_FIELDS, csl_type, howpublished_url
from solicite.stream import json_array, separated

_WEBLIKE = ("webpage", "post-weblog", "post", "broadcast")
_DASHES = re.compile(r"\s*-+\s*")
_KEYWORD_SEP = re.compile(r"[,;]")
_KEY_OK = re.compile(r"^(?!.*://)[^\s,{}()\"'#%~\\=]+$")
CITATION_KEY_LINE = re.compile(r"^\s*Citation Key:\s*(\S+)\s*$\n?", re.IGNORECASE | re.MULTILINE)
KEYWORDS_LINE = re.compile(r"^\s*Keywords:\s*(.+?)\s*$\n?", re.IGNORECASE | re.MULTILINE)


def person_to_csl(person: Person) -> dict:
    """A CSL name: {family, given, non-dropping-particle, suffix} or {literal}, decoded to Unicode."""
    if person.literal:
        return {"literal": to_unicode(person.literal)}
    family, given, particle, suffix = person.family, person.given, person.particle, person.suffix
    family = to_unicode(family) if family else ""
    if not (given or particle or suffix) and " " in family:
        return {"literal": family}  # "{GNU Project}" as a last name: an organisation
    name = {}  # the parts that are not empty, in this order
    if family:
        name["family"] = family
    if given and (given := to_unicode(given)):
        name["given"] = given
    if particle and (particle := to_unicode(particle)):
        name["non-dropping-particle"] = particle
    if suffix and (suffix := to_unicode(suffix)):
        name["suffix"] = suffix
    return name


def person_from_csl(name: dict) -> Person:
    """A Person from a CSL name; a family name of several words without a given name stays whole."""
    if name.get("literal"):
        return Person(literal=escape(str(name["literal"]), literal=True))
    family = str(name.get("family", "")).strip()
    given = str(name.get("given", "")).strip()
    particle = " ".join(str(name[k]).strip() for k in ("dropping-particle", "non-dropping-particle") if name.get(k))
    suffix = str(name.get("suffix", "")).strip()
    if not suffix and ", " in given:
        # Zotero keeps a suffix after the first name ("Juliet P., Jr.").
        given, suffix = (x.strip() for x in given.rsplit(", ", 1))
    if family and not given and not particle and " " in family:
        return Person(literal=escape(family, literal=True))  # "World Health Organization" must not be split
    esc = [escape(x, literal=True) for x in (family, given, particle, suffix)]
    esc = ["{" + x + "}" if "," in x else x for x in esc]
    if not particle and family[:1].islower() and " " in family:
        # A family name with no particle given stays whole ("{van Leeuwen}"), as BibTeX's braces say.
        esc[0] = "{" + esc[0] + "}"
    return Person(family=esc[0], given=esc[1], particle=esc[2], suffix=esc[3])


def _number_vars(ref: Reference, ctype: str, out: dict) -> None:
    get = ref.fields.get
    number, issue = get("number"), get("issue")
    if not (number or issue):
        return
    number = to_unicode(number) if number else ""
    issue = to_unicode(issue) if issue else ""
    if ctype.startswith("article") or ctype == "periodical":
        if issue or number:
            out["issue"] = issue or number
    else:
        if issue:
            out["issue"] = issue
        if number:
            key = "collection-number" if ctype in ("book", "chapter", "paper-conference", "pamphlet") else "number"
            out[key] = number


# biblatex ``authortype`` (the parser's roles: "(host)", "(Director)") -> the CSL 1.0.2 name variable.
AUTHOR_ROLES = {"director": "director", "directors": "director", "host": "host", "hosts": "host", "co-host": "host",
                "narrator": "narrator", "performer": "performer", "producer": "producer", "producers": "producer",
                "executive producer": "executive-producer", "guest": "guest", "interviewer": "interviewer"}


# Titles a sentence-case reading changes: the work's own, and the book a part is in (never a journal's name).
_SENTENCE_VARS = ("title", "title-short")
_BOOK_PARTS = ("chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary")


def to_csl(ref: Reference, lexicon=None) -> dict:
    """The CSL-JSON item of a Reference (``id`` is the citation key).

    With a ``lexicon`` (solicite.lexicon) English titles are read the BibTeX way, as pandoc and
    citation-js read them for CSL: in sentence case, {braces} and the lexicon's names kept.
    """
    ctype = csl_type(ref)
    item: dict = {"id": ref.key, "type": ctype}
    if ref.key:
        item["citation-key"] = ref.key
    persons = ref.persons
    for field, var in NAME_FIELDS.items():
        people = persons.get(field)
        if people:
            people, _ = named(people)  # CSL-JSON has no "et al." marker: no person "others"
            if people:
                item[var] = [person_to_csl(p) for p in people]
    authortype = ref.fields.get("authortype")
    role = AUTHOR_ROLES.get(to_unicode(authortype).strip().lower()) if authortype else None
    if role and "author" in item:
        item[role] = item["author"]  # biblatex's authortype names the authors' role: CSL has a variable for it
    link = howpublished_url(ref)
    _text_vars(ref, ctype, link, item, _sentence_reader(ref, lexicon))
    _number_vars(ref, ctype, item)
    _locator_vars(ref, item, link)
    extend_csl(ref, item)
    return item


def _sentence_reader(ref: Reference, lexicon):
    """The sentence-case reading of an English entry's titles with ``lexicon`` (None: titles as written)."""
    if lexicon is None or not is_english(entry_language(ref.fields)):
        return None
    from solicite.casing import sentence_case_runs

    return lambda runs: sentence_case_runs(runs, lexicon)


def _text_vars(ref: Reference, ctype: str, link: str, item: dict, recase=None) -> None:
    """The CSL text variables of a Reference (titles, container, publisher...), decoded, in item order.

    ``recase``: the sentence-case reading of the titles that take it (see :func:`_sentence_reader`).
    """
    fields = ref.fields
    get = fields.get
    if ctype in _WEBLIKE:
        names: tuple[str, ...] = SITE_FIELDS
    elif ctype.startswith("article") or ctype == "periodical":
        names = _JOURNAL_OR_SITE if ref.type.lower() in ("online", "www", "electronic") else _JOURNAL
    else:
        names = _BOOK
    name, container = first_of(fields, names)
    title, subtitle = get("title", ""), get("subtitle")
    # Titles keep their markup (most of these are empty: nothing to decode).
    for var, value in (("title", join_subtitle(title, subtitle) if subtitle else title),
                       ("title-short", get("shorttitle")), ("container-title", container),
                       ("collection-title", get("series")), ("event-title", get("eventtitle"))):
        if not value:
            continue
        if recase is not None and (var in _SENTENCE_VARS or var == "container-title" and ctype in _BOOK_PARTS):
            value = to_csl_markup(value, recase)
        else:
            value = to_csl_markup(value)
        if value:
            item[var] = value
    # The publisher is never the field that gave the container (an organization site).
    for var, value in (("publisher", first_of(fields, _PUBLISHER_NOT_ORG if name == "organization" else _PUBLISHER)[1]),
                       ("publisher-place", first_of(fields, _PLACE)[1]), ("edition", get("edition")),
                       ("version", get("version")), ("genre", _genre(ref, ctype)),
                       ("medium", "" if link else get("howpublished"))):
        if value and (value := to_unicode(value)):
            item[var] = value
    for var, field in _PLAIN_VARS:
        value = get(field)
        if value and (value := to_unicode(value)):
            item[var] = value


# The fields that may hold an item's container, by kind of item, first given first.
_JOURNAL = ("journaltitle", "journal", "booktitle")
_JOURNAL_OR_SITE = _JOURNAL + ("organization",)
_BOOK = ("booktitle", "journaltitle", "journal", "maintitle")
_PUBLISHER = ("publisher", "institution", "school", "organization")
_PUBLISHER_NOT_ORG = _PUBLISHER[:-1]
_PLACE = ("address", "location")
# CSL variables read as plain text from one field each, in item order after the genre and medium.
_PLAIN_VARS = (("event-place", "venue"), ("note", "note"), ("abstract", "abstract"), ("language", "language"),
               ("volume", "volume"), ("number-of-pages", "pagetotal"), ("chapter-number", "chapter"),
               ("ISBN", "isbn"), ("ISSN", "issn"))


def _genre(ref: Reference, ctype: str) -> str:
    genre = ref.fields.get("type", "")
    if ctype == "thesis" and not genre:
        genre = THESIS_GENRES.get(ref.type.lower(), "")
    if ctype == "report" and not genre and ref.type.lower() == "techreport":
        genre = "techreport"  # what BibTeX's styles print for a @techreport without a type
    return THESIS_GENRES.get(genre, REPORT_GENRES.get(genre, genre))


def _locator_vars(ref: Reference, item: dict, link: str) -> None:
    """Pages, DOI, URL, keywords and the dates."""
    get = ref.fields.get
    pages = get("pages")
    if pages:
        pages = to_unicode(pages).replace("\u2013", "-").replace("\u2014", "-")
        pages = _DASHES.sub("-", pages).strip("-")
        if pages:
            item["page"] = pages
    doi = get("doi")
    if doi:
        item["DOI"] = strip_doi(doi)
    url = get("url")
    url = url_text(url) if url else link
    if url:
        item["URL"] = url
    keywords = get("keywords")
    if keywords:
        words = [to_unicode(k) for k in _KEYWORD_SEP.split(keywords)]
        if any(words):
            item["keyword"] = ", ".join(k for k in words if k)
    issued = date_to_csl(get("date", ""), get("year", ""), get("month", ""), get("day", ""))
    if issued:
        item["issued"] = issued
    urldate = get("urldate")
    accessed = date_to_csl(urldate) if urldate else None
    if accessed:
        item["accessed"] = accessed


def _container_field(ctype: str) -> str:
    if ctype.startswith("article") or ctype == "periodical":
        return "journal"
    if ctype in ("webpage", "post-weblog", "post"):
        return "organization"
    return "booktitle"  # also the show of a podcast episode (broadcast)


def from_csl(item: dict) -> Reference:
    """The Reference for a CSL-JSON item: the inverse of :func:`to_csl`."""
    ctype = str(item.get("type", "document"))
    key, note, item = _key_and_note(item)
    note, extra_vars, eprint = split_extra(note)
    item = {**extra_vars, **item}  # Zotero's Extra lines for variables; the item's own win
    fields: dict[str, str] = {}
    _text_fields(item, ctype, fields)
    btype = _type_and_genre(item, ctype, fields)
    if note:
        fields["note"] = escape(note, literal=True)
    if ctype.startswith("article") or ctype == "periodical":
        _put(fields, item, "number", "issue")
    else:
        _put(fields, item, "issue", "issue")
        _put(fields, item, "number", "collection-number")
        _put(fields, item, "number", "number")
    _locator_fields(item, fields)
    persons = {}
    for field, var in NAME_FIELDS.items():
        names = item.get(var)
        if isinstance(names, list) and names:
            persons[field] = [person_from_csl(n) for n in names if isinstance(n, dict)]
    extend_from_csl(item, fields)
    fields.update(eprint)
    return Reference(type=btype, key=key, fields=fields, persons=persons)


def _put(fields: dict[str, str], item: dict, field: str, var: str, rich: bool = False) -> None:
    """Set field from the CSL variable var when the item has it (rich: a title, with its markup)."""
    value = item.get(var)
    if value not in (None, ""):
        fields[field] = from_csl_markup(str(value)) if rich else escape(str(value), literal=True)


def _text_fields(item: dict, ctype: str, fields: dict[str, str]) -> None:
    """Titles, container, publisher and the other fields read from a CSL text variable."""
    _put(fields, item, "title", "title", True)
    _put(fields, item, "shorttitle", "title-short", True)
    _put(fields, item, _container_field(ctype), "container-title", True)
    _put(fields, item, "series", "collection-title", True)
    _put(fields, item, "eventtitle", "event-title", True)
    _put(fields, item, {"report": "institution", "thesis": "school"}.get(ctype, "publisher"), "publisher")
    _put(fields, item, "address", "publisher-place")
    _put(fields, item, "edition", "edition")
    _put(fields, item, "version", "version")
    _put(fields, item, "venue", "event-place")
    _put(fields, item, "abstract", "abstract")
    _put(fields, item, "language", "language")
    _put(fields, item, "volume", "volume")
    _put(fields, item, "pagetotal", "number-of-pages")
    _put(fields, item, "chapter", "chapter-number")
    _put(fields, item, "isbn", "ISBN")
    _put(fields, item, "issn", "ISSN")
    if "medium" in item and "howpublished" not in fields:
        _put(fields, item, "howpublished", "medium")


def _key_and_note(item: dict) -> tuple[str, str, dict]:
    """The citation key, the note without the lines that carried it or the keywords, and the item."""
    note = str(item.get("note", ""))
    m = CITATION_KEY_LINE.search(note)
    key = str(item.get("citation-key") or (m.group(1) if m else "") or "").strip()
    if not key:
        key = str(item.get("id") or "").strip()
        if not _KEY_OK.match(key):
            key = ""  # Zotero's item URIs and the like: the library generates a proper key
    if re.search(r"[\s,{}]", key):
        key = ""
    if m:
        note = CITATION_KEY_LINE.sub("", note).strip()
    k = KEYWORDS_LINE.search(note)
    if k:
        # The "Keywords: ..." line solicite's Zotero export adds to Extra (Zotero's CSL import has no tags).
        item = {**item, "keyword": item.get("keyword") or k.group(1)}
        note = KEYWORDS_LINE.sub("", note).strip()
    return key, note, item


def _type_and_genre(item: dict, ctype: str, fields: dict[str, str]) -> str:
    """The BibTeX type; the genre goes to ``type`` unless the BibTeX type says it, and ``entrysubtype``."""
    btype = TYPE_FROM_CSL.get(ctype, "misc")
    genre = str(item.get("genre", "")).strip()
    if ctype == "thesis":
        low = genre.lower()
        if low in ("phd thesis", "doctoral thesis", "phd dissertation", "doctoral dissertation"):
            btype, genre = "phdthesis", ("" if low == "phd thesis" else genre)
        elif low in ("master's thesis", "masters thesis", "ma thesis"):
            btype, genre = "mastersthesis", ("" if low == "master's thesis" else genre)
    if ctype == "post-weblog":
        fields["entrysubtype"] = "blog"
    if ctype == "report" and genre.lower() == "technical report":
        genre = ""  # @techreport says it
    if ctype == "article-newspaper":
        fields["entrysubtype"] = "newspaper"
    elif ctype == "article-magazine":
        fields["entrysubtype"] = "magazine"
    if genre:
        fields["type"] = escape(genre, literal=True)
    return btype


def _locator_fields(item: dict, fields: dict[str, str]) -> None:
    """Pages, DOI, URL, keywords and the dates."""
    if item.get("page"):
        fields["pages"] = re.sub(r"\s*[-\u2013\u2014]+\s*", "--", str(item["page"]))
    if item.get("DOI"):
        fields["doi"] = strip_doi(str(item["DOI"]))
    if item.get("URL"):
        fields["url"] = str(item["URL"]).strip()
    keywords = item.get("keyword")
    if keywords:
        words = keywords if isinstance(keywords, list) else re.split(r"\s*[,;]\s*", str(keywords))
        fields["keywords"] = ", ".join(escape(w.strip(), literal=True) for w in words if str(w).strip())
    fields.update(date_from_csl(item.get("issued")))
    accessed = date_from_csl(item.get("accessed"))
    if accessed:
        fields["urldate"] = accessed.get("date") or "-".join(
            f"{int(accessed[k]):02d}" if k != "year" else accessed[k] for k in ("year", "month") if k in accessed)


def iter_csl(refs: Iterable[Reference]) -> Iterator[str]:
    """A CSL-JSON array of the references (``@set`` entries skipped), indented, UTF-8 characters kept."""
    return separated(json_array(to_csl(r) for r in without_sets(refs)), "", "\n")


def export_csl(refs: Iterable[Reference]) -> str:
    """A CSL-JSON array of the references (``@set`` entries skipped), as one text."""
    return "".join(iter_csl(refs))


EXPORTER = FunctionExporter("csl-json", "json", iter_csl, "CSL-JSON (citeproc, pandoc, Zotero)",
                            lambda: Tally("CSL-JSON"))
