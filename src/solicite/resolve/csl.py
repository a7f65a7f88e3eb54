"""CSL-JSON (and Crossref's near-identical work records) to a Reference.

CSL-JSON from doi.org goes through ``solicite.export.csljson.from_csl`` so that import and
resolve read it the same way; the small private converter here reads Crossref's REST work
records (list-valued titles, Crossref type names) and stands in if export is absent.
"""

from __future__ import annotations

import html
import re
from typing import Any

from solicite.model import Person, Reference

CSL_TO_BIBTEX = {
    "article-journal": "article", "journal-article": "article", "article-magazine": "article",
    "article-newspaper": "article", "article": "article",
    "chapter": "incollection", "book-chapter": "incollection", "book-section": "incollection",
    "book": "book", "monograph": "book", "edited-book": "book", "reference-book": "book",
    "paper-conference": "inproceedings", "proceedings-article": "inproceedings",
    "report": "techreport", "thesis": "phdthesis", "dissertation": "phdthesis",
    "webpage": "online", "post-weblog": "online", "post": "online",
    "dataset": "misc", "posted-content": "misc", "software": "software",
}

_TAG = re.compile(r"<[^>]+>")
_SPECIAL = re.compile(r"(?<!\\)([&%#$_])")


def bibtex_text(value: Any) -> str:
    """Plain text from a web service as a BibTeX value: tags and entities gone, specials escaped."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    text = html.unescape(_TAG.sub("", str(value)))
    text = " ".join(text.split())
    text = _SPECIAL.sub(r"\\\1", text)
    if text.count("{") != text.count("}"):
        text = text.replace("{", "").replace("}", "")
    return text


def bibtex_pages(value: Any) -> str:
    """Page ranges with BibTeX's double hyphen ("252-271" -> "252--271")."""
    text = bibtex_text(value)
    return re.sub(r"\s*[-\u2010-\u2015]+\s*", "--", text)


def person(item: dict) -> Person:
    """A CSL/Crossref name object as a Person (organisations as literals)."""
    if item.get("literal") or (item.get("name") and not item.get("family")):
        return Person(literal=bibtex_text(item.get("literal") or item.get("name")))
    return Person(family=bibtex_text(item.get("family", "")), given=bibtex_text(item.get("given", "")),
                  particle=bibtex_text(item.get("non-dropping-particle", "")), suffix=bibtex_text(item.get("suffix", "")))


def date_year(item: dict) -> tuple[str, str]:
    """(year, month) from ``issued`` (or print/online publication dates)."""
    for name in ("issued", "published-print", "published-online", "published", "created"):
        parts = (item.get(name) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0]:
            first = parts[0]
            return str(first[0]), str(first[1]) if len(first) > 1 and first[1] else ""
    return "", ""


def _private_from_csl(item: dict) -> Reference:
    """The minimal converter used until ``solicite.export.csljson.from_csl`` exists."""
    kind = CSL_TO_BIBTEX.get(str(item.get("type", "")), "misc")
    fields: dict[str, str] = {}
    title = bibtex_text(item.get("title"))
    subtitle = bibtex_text(item.get("subtitle"))
    if subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    if title:
        fields["title"] = title
    container = bibtex_text(item.get("container-title"))
    if container:
        fields["journal" if kind == "article" else "booktitle" if kind in ("incollection", "inproceedings") else "howpublished"] = container
    year, month = date_year(item)
    if year:
        fields["year"] = year
    if month:
        fields["month"] = month
    for src, dst in (("volume", "volume"), ("issue", "number"), ("publisher", "publisher"),
                     ("publisher-place", "address"), ("ISBN", "isbn"), ("ISSN", "issn")):
        value = bibtex_text(item.get(src))
        if value:
            fields[dst] = value
    if item.get("page"):
        fields["pages"] = bibtex_pages(item["page"])
    if kind == "techreport" and "publisher" in fields:
        fields["institution"] = fields.pop("publisher")
    if kind == "phdthesis" and "publisher" in fields:
        fields["school"] = fields.pop("publisher")
    if item.get("DOI"):
        fields["doi"] = str(item["DOI"]).strip()
    if item.get("URL"):
        fields["url"] = str(item["URL"]).strip()
    persons = {}
    for role in ("author", "editor"):
        names = [person(n) for n in item.get(role) or [] if isinstance(n, dict)]
        if names:
            persons[role] = names
    return Reference(type=kind, key="", fields=fields, persons=persons)


# Crossref answers content negotiation with its own type names and list-valued variables.
CROSSREF_TO_CSL = {
    "journal-article": "article-journal", "book-chapter": "chapter", "book-section": "chapter", "book-part": "chapter",
    "proceedings-article": "paper-conference", "monograph": "book", "edited-book": "book", "reference-book": "book",
    "dissertation": "thesis", "posted-content": "article", "reference-entry": "entry", "journal": "periodical",
}


def normalize_csl(item: dict) -> dict:
    """Standard CSL-JSON from what doi.org sends: CSL type names, single strings, subtitle joined."""
    out = dict(item)
    out["type"] = CROSSREF_TO_CSL.get(str(item.get("type", "")), item.get("type", "document"))
    for name, value in item.items():
        if isinstance(value, list) and name not in ("author", "editor", "translator", "container-author", "keyword",
                                                     "reference", "link", "license", "funder", "assertion"):
            strings = [v for v in value if isinstance(v, str) and v.strip()]
            if strings or not value:
                out[name] = strings[0] if strings else ""
    title, subtitle = str(out.get("title") or ""), str(out.get("subtitle") or "")
    if subtitle and subtitle.lower() not in title.lower():
        out["title"] = f"{title}: {subtitle}"
    return out


def from_csl(item: dict) -> Reference:
    """A Reference from one CSL-JSON item as doi.org sends it (Crossref, DataCite...)."""
    item = normalize_csl(item)
    try:
        from solicite.export.csljson import from_csl as shared
    except ImportError:  # the export stage is not installed in this build
        shared = None
    ref = shared(item) if shared is not None else _private_from_csl(item)
    ref.key = ""  # doi.org's "id" is no citation key of ours
    return ref
