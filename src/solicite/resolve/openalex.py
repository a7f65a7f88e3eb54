"""OpenAlex works search: a second source of DOIs for articles, chapters and books."""

from __future__ import annotations

from solicite.doi import doi_url
from solicite.model import Person, Reference
from solicite.resolve.client import Client
from solicite.resolve.csl import bibtex_text

NAME = "openalex"
TYPES = {"article": "article", "book-chapter": "incollection", "book": "book", "dissertation": "phdthesis",
         "report": "techreport", "dataset": "misc", "preprint": "misc"}


def from_openalex(work: dict) -> Reference:
    """A Reference from one OpenAlex work."""
    kind = TYPES.get(str(work.get("type") or ""), "misc")
    fields: dict[str, str] = {}
    title = bibtex_text(work.get("display_name") or work.get("title"))
    if title:
        fields["title"] = title
    if work.get("publication_year"):
        fields["year"] = str(work["publication_year"])
    doi = str(work.get("doi") or "")
    for prefix in ("https://doi.org/", "http://doi.org/", "doi:"):
        if doi.lower().startswith(prefix):
            doi = doi[len(prefix):]
    if doi:
        fields["doi"] = doi
        fields["url"] = doi_url(doi)
    location = work.get("primary_location") or {}
    source = (location.get("source") or {}) if isinstance(location, dict) else {}
    if source.get("display_name"):
        fields["journal" if kind == "article" else "booktitle"] = bibtex_text(source["display_name"])
    if "url" not in fields and isinstance(location, dict) and location.get("landing_page_url"):
        fields["url"] = str(location["landing_page_url"])
    biblio = work.get("biblio") or {}
    if biblio.get("volume"):
        fields["volume"] = bibtex_text(biblio["volume"])
    if biblio.get("issue"):
        fields["number"] = bibtex_text(biblio["issue"])
    if biblio.get("first_page"):
        last = biblio.get("last_page")
        fields["pages"] = f"{biblio['first_page']}--{last}" if last and last != biblio["first_page"] else str(biblio["first_page"])
    authors = []
    for authorship in work.get("authorships") or []:
        name = ((authorship or {}).get("author") or {}).get("display_name")
        if name:
            authors.append(Person.from_bibtex(bibtex_text(name)))
    return Reference(type=kind, key="", fields=fields, persons={"author": authors} if authors else {}, source=NAME)


def search(client: Client, ref: Reference) -> tuple[list[Reference], str]:
    """Up to ``rows`` OpenAlex works whose text matches the title, within a year either side."""
    opts = client.options
    title = ref.text("title")  # the engine searches only for entries with a title
    params: dict[str, str | int] = {"search": title, "per_page": opts.rows,
                                    "select": "id,doi,title,display_name,publication_year,type,authorships,primary_location,biblio"}
    if ref.year.isdigit():
        y = int(ref.year)
        params["filter"] = f"publication_year:{y - 1}-{y + 1}"
    if opts.mailto:
        params["mailto"] = opts.mailto
    if opts.openalex_api_key:
        params["api_key"] = opts.openalex_api_key
    got = client.get(opts.url(NAME) + "/works", params=params)
    if got.error or not got.ok:
        return [], got.error or f"openalex answered HTTP {got.status}"
    return [from_openalex(w) for w in (got.data or {}).get("results") or [] if isinstance(w, dict)], ""
