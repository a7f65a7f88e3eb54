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

from solicite.export import FunctionExporter, first_field, without_sets
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

# CSL variables holding titles: the only ones where case protection matters (rich text kept).
_TITLE_VARS = ("title", "title-short", "container-title", "collection-title", "event-title")
_WEBLIKE = ("webpage", "post-weblog", "post", "broadcast")
_KEY_OK = re.compile(r"^(?!.*://)[^\s,{}()\"'#%~\\=]+$")
CITATION_KEY_LINE = re.compile(r"^\s*Citation Key:\s*(\S+)\s*$\n?", re.IGNORECASE | re.MULTILINE)
KEYWORDS_LINE = re.compile(r"^\s*Keywords:\s*(.+?)\s*$\n?", re.IGNORECASE | re.MULTILINE)


def person_to_csl(person: Person) -> dict:
    """A CSL name: {family, given, non-dropping-particle, suffix} or {literal}, decoded to Unicode."""
    if person.literal:
        return {"literal": to_unicode(person.literal)}
    if not (person.given or person.particle or person.suffix) and " " in to_unicode(person.family):
        return {"literal": to_unicode(person.family)}  # "{GNU Project}" as a last name: an organisation
    name = {"family": to_unicode(person.family), "given": to_unicode(person.given),
            "non-dropping-particle": to_unicode(person.particle), "suffix": to_unicode(person.suffix)}
    return {k: v for k, v in name.items() if v}


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
    number = to_unicode(ref.get("number"))
    issue = to_unicode(ref.get("issue"))
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
    for field, var in NAME_FIELDS.items():
        persons, _ = named(ref.persons.get(field, []))  # CSL-JSON has no "et al." marker: no person "others"
        if persons:
            item[var] = [person_to_csl(p) for p in persons]
    role = AUTHOR_ROLES.get(to_unicode(ref.get("authortype")).strip().lower())
    if role and "author" in item:
        item[role] = item["author"]  # biblatex's authortype names the authors' role: CSL has a variable for it
    link = howpublished_url(ref)
    recase = _sentence_reader(ref, lexicon)
    for var, value in _text_vars(ref, ctype, link).items():
        if value:  # most of these are empty: nothing to decode
            if var in _TITLE_VARS:
                sentence = var in _SENTENCE_VARS or var == "container-title" and ctype in _BOOK_PARTS
                value = to_csl_markup(value, recase if sentence else None)
            else:
                value = to_unicode(value)
            if value:
                item[var] = value
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


def _text_vars(ref: Reference, ctype: str, link: str) -> dict[str, str]:
    """The CSL text variables of a Reference, as written in it (titles, container, publisher...)."""
    text = {"title": join_subtitle(ref.get("title"), ref.get("subtitle")), "title-short": ref.get("shorttitle")}
    used: set[str] = set()
    if ctype in _WEBLIKE:
        name, container = first_field(ref, *SITE_FIELDS)
    elif ctype.startswith("article") or ctype == "periodical":
        web = ("organization",) if ref.type.lower() in ("online", "www", "electronic") else ()
        name, container = first_field(ref, "journaltitle", "journal", "booktitle", *web)
    else:
        name, container = first_field(ref, "booktitle", "journaltitle", "journal", "maintitle")
    text["container-title"] = container
    used.add(name)
    if "series" not in used:
        text["collection-title"] = ref.get("series")
    name, publisher = first_field(ref, *(f for f in ("publisher", "institution", "school", "organization") if f not in used))
    text.update({
        "event-title": ref.get("eventtitle"),
        "publisher": publisher,
        "publisher-place": first_field(ref, "address", "location")[1],
        "edition": ref.get("edition"),
        "version": ref.get("version"),
        "genre": _genre(ref, ctype),
        "medium": "" if link else ref.get("howpublished"),
        "event-place": ref.get("venue"),
        "note": ref.get("note"),
        "abstract": ref.get("abstract"),
        "language": ref.get("language"),
        "volume": ref.get("volume"),
        "number-of-pages": ref.get("pagetotal"),
        "chapter-number": ref.get("chapter"),
        "ISBN": ref.get("isbn"),
        "ISSN": ref.get("issn"),
    })
    return text


def _genre(ref: Reference, ctype: str) -> str:
    genre = ref.get("type")
    if ctype == "thesis" and not genre:
        genre = THESIS_GENRES.get(ref.type.lower(), "")
    if ctype == "report" and not genre and ref.type.lower() == "techreport":
        genre = "techreport"  # what BibTeX's styles print for a @techreport without a type
    return THESIS_GENRES.get(genre, REPORT_GENRES.get(genre, genre))


def _locator_vars(ref: Reference, item: dict, link: str) -> None:
    """Pages, DOI, URL, keywords and the dates."""
    pages = to_unicode(ref.get("pages")).replace("\u2013", "-").replace("\u2014", "-")
    pages = re.sub(r"\s*-+\s*", "-", pages).strip("-")
    if pages:
        item["page"] = pages
    if ref.get("doi"):
        item["DOI"] = strip_doi(ref.get("doi"))
    url = url_text(ref.get("url")) if ref.get("url") else link
    if url:
        item["URL"] = url
    keywords = [to_unicode(k) for k in re.split(r"[,;]", ref.get("keywords"))]
    if any(keywords):
        item["keyword"] = ", ".join(k for k in keywords if k)
    issued = date_to_csl(ref.get("date"), ref.get("year"), ref.get("month"), ref.get("day"))
    if issued:
        item["issued"] = issued
    accessed = date_to_csl(ref.get("urldate"))
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
