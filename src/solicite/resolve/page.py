"""Metadata of a web page: Highwire ``citation_*``, Dublin Core, Open Graph, JSON-LD, <title>.

The stdlib HTML parser is enough here: we read ``<meta>``, ``<title>``, ``<link>`` and JSON-LD
``<script>`` blocks, never the page's layout, and it tolerates broken markup. (extruct does
the same with lxml and five more dependencies; not worth it for a handful of tags.)
"""

from __future__ import annotations

import json
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

from solicite.model import Person, Reference
from solicite.resolve.csl import bibtex_pages, bibtex_text
from solicite.doi import bare_doi

ARTICLE_TYPES = {"scholarlyarticle": "article", "article": "online", "newsarticle": "online", "blogposting": "online",
                 "book": "book", "report": "techreport", "webpage": "online", "thesis": "phdthesis", "chapter": "incollection"}


class _MetaParser(HTMLParser):
    """Collects meta tags (name/property -> values), the <title> and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.title = ""
        self.jsonld: list[str] = []
        self._in_title = False
        self._in_jsonld = False
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (a.get("name") or a.get("property") or a.get("itemprop") or "").strip().lower()
            if name and a.get("content", "").strip():
                self.meta.setdefault(name, []).append(a["content"].strip())
        elif tag == "title" and not self.title:
            self._in_title, self._buf = True, []
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_jsonld, self._buf = True, []

    def handle_data(self, data):
        if self._in_title or self._in_jsonld:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "title" and self._in_title:
            self.title, self._in_title = " ".join("".join(self._buf).split()), False
        elif tag == "script" and self._in_jsonld:
            self.jsonld.append("".join(self._buf))
            self._in_jsonld = False


def _first(meta: dict[str, list[str]], *names: str) -> str:
    for name in names:
        if meta.get(name):
            return meta[name][0]
    return ""


def _jsonld_items(blocks: list[str]) -> list[dict]:
    items: list[dict] = []
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if isinstance(item, dict):
                items.extend(x for x in item.get("@graph", []) if isinstance(x, dict))
                items.append(item)
    return items


def _ld_type(item: dict) -> str:
    """The first schema.org type of a JSON-LD item that we read ("newsarticle"), or ""."""
    types = item.get("@type", "")
    for name in types if isinstance(types, list) else [types]:
        if str(name).lower() in ARTICLE_TYPES:
            return str(name).lower()
    return ""


def _ld_name(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        return str(value.get("name") or "")
    return str(value or "")


def _ld_people(value) -> list[str]:
    values = value if isinstance(value, list) else [value] if value else []
    return [_ld_name(v) for v in values if _ld_name(v)]


def parse_page(html: str, url: str, *, today: date | None = None) -> tuple[Reference, str]:
    """A Reference from a page's metadata, and which vocabulary gave it ("highwire", ..., "title")."""
    p = _MetaParser()
    try:
        p.feed(html)
        p.close()
    except Exception:  # noqa: BLE001 - broken markup: keep what was read so far
        pass
    m = p.meta
    ld = next((i for i in _jsonld_items(p.jsonld) if _ld_type(i) and (i.get("headline") or i.get("name"))), {})
    if _first(m, "citation_title"):
        vocab, (kind, fields, authors) = "highwire", _highwire(m)
    elif _first(m, "dc.title", "dcterms.title"):
        vocab, (kind, fields, authors) = "dublin-core", _dublin_core(m)
    elif ld:
        vocab, (kind, fields, authors) = "json-ld", _json_ld(ld)
    elif _first(m, "og:title"):
        vocab, (kind, fields, authors) = "open-graph", _open_graph(m)
    else:
        vocab, (kind, fields, authors) = "title", ("online", {"title": p.title}, [])
    site = _first(m, "og:site_name", "application-name") or _ld_name(ld.get("publisher") if ld else "")
    if kind == "online" and site and "organization" not in fields:
        fields["organization"] = site
    if kind == "online" and not fields.get("title") and site:
        fields["title"] = site
    if not fields.get("title"):
        fields["title"] = urlsplit(url).netloc
    fields = {k: bibtex_pages(v) if k == "pages" else bibtex_text(v) for k, v in fields.items() if v and v.strip()}
    if fields.get("year") and not fields["year"].isdigit():
        del fields["year"]
    fields["url"] = url
    if kind == "online":
        fields["urldate"] = (today or date.today()).isoformat()
    people = [Person.from_bibtex(bibtex_text(a)) for a in authors if a.strip()]
    ref = Reference(type=kind, key="", fields=fields, persons={"author": people} if people else {})
    ref.source = "web"
    return ref, vocab


# What one vocabulary gives: (entry type, fields as plain text, author names as written).
_Found = tuple[str, dict[str, str], list[str]]


def _highwire(m: dict[str, list[str]]) -> _Found:
    """Highwire Press ``citation_*`` tags (Google Scholar's): journals, books, reports, theses."""
    kind = "online"
    fields = {"title": _first(m, "citation_title"),
              "year": _first(m, "citation_publication_date", "citation_date", "citation_online_date")[:4]}
    journal = _first(m, "citation_journal_title")
    book = _first(m, "citation_inbook_title", "citation_book_title", "citation_conference_title")
    if journal:
        kind, fields["journal"] = "article", journal
    elif book:
        kind, fields["booktitle"] = "incollection", book
    elif _first(m, "citation_technical_report_institution"):
        kind, fields["institution"] = "techreport", _first(m, "citation_technical_report_institution")
    elif _first(m, "citation_dissertation_institution"):
        kind, fields["school"] = "phdthesis", _first(m, "citation_dissertation_institution")
    for src, dst in (("citation_volume", "volume"), ("citation_issue", "number"), ("citation_publisher", "publisher"),
                     ("citation_isbn", "isbn"), ("citation_issn", "issn")):
        if _first(m, src):
            fields[dst] = _first(m, src)
    first, last = _first(m, "citation_firstpage"), _first(m, "citation_lastpage")
    if first:
        fields["pages"] = f"{first}-{last}" if last and last != first else first
    doi = bare_doi(_first(m, "citation_doi")) if _first(m, "citation_doi") else None
    if doi:
        fields["doi"] = doi
    return kind, fields, m.get("citation_author", [])


def _dublin_core(m: dict[str, list[str]]) -> _Found:
    fields = {"title": _first(m, "dc.title", "dcterms.title"),
              "year": _first(m, "dc.date", "dcterms.date", "dcterms.issued", "dc.date.issued")[:4]}
    if _first(m, "dc.publisher", "dcterms.publisher"):
        fields["publisher"] = _first(m, "dc.publisher", "dcterms.publisher")
    ident = bare_doi(_first(m, "dc.identifier", "dcterms.identifier"))
    if ident:
        fields["doi"] = ident
    return "online", fields, m.get("dc.creator", []) or m.get("dcterms.creator", [])


def _json_ld(ld: dict) -> _Found:
    """A schema.org item (an Article, a NewsArticle...) in a JSON-LD script."""
    kind = ARTICLE_TYPES.get(_ld_type(ld), "online")
    fields = {"title": str(ld.get("headline") or ld.get("name")), "year": str(ld.get("datePublished") or "")[:4]}
    container = _ld_name(ld.get("isPartOf")) or _ld_name(ld.get("publisher"))
    if container:
        fields["organization" if kind == "online" else "publisher"] = container
    return kind, fields, _ld_people(ld.get("author"))


def _open_graph(m: dict[str, list[str]]) -> _Found:
    fields = {"title": _first(m, "og:title"), "year": _first(m, "article:published_time")[:4]}
    return "online", fields, [a for a in m.get("article:author", []) if not a.startswith("http")]
