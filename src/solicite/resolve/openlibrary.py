"""Open Library: book search by title and author, and one edition by ISBN."""

from __future__ import annotations

import re

from solicite.model import Person, Reference
from solicite.resolve.client import Client
from solicite.resolve.csl import bibtex_text
from solicite.resolve.match import family_names

NAME = "openlibrary"


def _authors(names: list[str]) -> dict[str, list[Person]]:
    people = [Person.from_bibtex(bibtex_text(n)) for n in names if n]
    return {"author": people} if people else {}


def from_search_doc(doc: dict, base: str) -> Reference:
    """A book Reference from one ``search.json`` document."""
    fields: dict[str, str] = {}
    title = bibtex_text(doc.get("title"))
    if doc.get("subtitle"):
        title = f"{title}: {bibtex_text(doc['subtitle'])}"
    fields["title"] = title
    if doc.get("first_publish_year"):
        fields["year"] = str(doc["first_publish_year"])
    if doc.get("publisher"):
        fields["publisher"] = bibtex_text(doc["publisher"][0])
    if doc.get("key"):
        fields["url"] = base + str(doc["key"])
    return Reference(type="book", key="", fields=fields, persons=_authors(doc.get("author_name") or []), source=NAME)


def search(client: Client, ref: Reference) -> tuple[list[Reference], str]:
    """Up to ``rows`` books matching the title and the first author's family name."""
    opts = client.options
    title = ref.text("title")  # the engine searches only for entries with a title
    params: dict[str, str | int] = {"title": title, "limit": opts.rows,
                                    "fields": "key,title,subtitle,author_name,first_publish_year,publisher,isbn"}
    families = family_names(ref.authors or ref.editors)
    if families:
        params["author"] = families[0]
    base = opts.url(NAME)
    got = client.get(base + "/search.json", params=params)
    if got.error or not got.ok:
        return [], got.error or f"openlibrary answered HTTP {got.status}"
    return [from_search_doc(d, base) for d in (got.data or {}).get("docs") or [] if isinstance(d, dict)], ""


def normalize_isbn(text: str) -> str | None:
    """The bare ISBN-10 or ISBN-13 (digits, final X) from "isbn:978-0-520-29788-3", or None."""
    text = re.sub(r"^\s*isbn(?:-1[03])?\s*:?\s*", "", text.strip(), flags=re.IGNORECASE)
    digits = re.sub(r"[\s-]", "", text).upper()
    if re.fullmatch(r"\d{13}", digits) and _isbn13_ok(digits):
        return digits
    if re.fullmatch(r"\d{9}[\dX]", digits) and _isbn10_ok(digits):
        return digits
    return None


def _isbn13_ok(d: str) -> bool:
    return sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d)) % 10 == 0


def _isbn10_ok(d: str) -> bool:
    return sum((10 if c == "X" else int(c)) * (10 - i) for i, c in enumerate(d)) % 11 == 0


def by_isbn(client: Client, isbn: str) -> tuple[Reference | None, str]:
    """The edition with this ISBN (Books API, ``jscmd=data``), or why there is none."""
    base = client.options.url(NAME)
    got = client.get(base + "/api/books", params={"bibkeys": f"ISBN:{isbn}", "format": "json", "jscmd": "data"})
    if got.error or not got.ok:
        return None, got.error or f"openlibrary answered HTTP {got.status}"
    data = (got.data or {}).get(f"ISBN:{isbn}")
    if not isinstance(data, dict):
        return None, f"Open Library has no book with ISBN {isbn}"
    fields: dict[str, str] = {"isbn": isbn}
    title = bibtex_text(data.get("title"))
    if data.get("subtitle"):
        title = f"{title}: {bibtex_text(data['subtitle'])}"
    fields["title"] = title
    m = re.search(r"\b(\d{4})\b", str(data.get("publish_date") or ""))
    if m:
        fields["year"] = m.group(1)
    publishers = [p.get("name") for p in data.get("publishers") or [] if isinstance(p, dict) and p.get("name")]
    if publishers:
        fields["publisher"] = bibtex_text(publishers[0])
    places = [p.get("name") for p in data.get("publish_places") or [] if isinstance(p, dict) and p.get("name")]
    if places:
        fields["address"] = bibtex_text(places[0])
    if data.get("number_of_pages"):
        fields["pagetotal"] = str(data["number_of_pages"])
    if data.get("url"):
        fields["url"] = str(data["url"])
    names = [a.get("name", "") for a in data.get("authors") or [] if isinstance(a, dict)]
    ref = Reference(type="book", key="", fields=fields, persons=_authors(names))
    ref.source = NAME
    return ref, ""
