"""CSL-JSON (and Crossref's near-identical work records) to a Reference.

CSL-JSON from doi.org and Crossref's REST work records both go through
``solicite.export.csljson.from_csl``, so that import and resolve read them the same way;
``normalize_csl`` first turns Crossref's quirks (its own type names, list-valued titles)
into standard CSL-JSON.
"""

from __future__ import annotations

import html
import re
from typing import Any

from solicite.codec import escape
from solicite.model import Reference

_TAG = re.compile(r"<[^>]+>")


def bibtex_text(value: Any) -> str:
    """Plain text from a web service as a BibTeX value: tags and entities gone, specials escaped."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    text = html.unescape(_TAG.sub("", str(value)))
    return escape(" ".join(text.split()))


def bibtex_pages(value: Any) -> str:
    """Page ranges with BibTeX's double hyphen ("252-271" -> "252--271")."""
    text = bibtex_text(value)
    return re.sub(r"\s*[-\u2010-\u2015]+\s*", "--", text)


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
    from solicite.export.csljson import from_csl as shared

    ref = shared(normalize_csl(item))
    ref.key = ""  # doi.org's "id" is no citation key of ours
    return ref
