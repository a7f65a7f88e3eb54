"""Crossref REST: bibliographic search of works, and one work by DOI."""

from __future__ import annotations

from urllib.parse import quote

from solicite.doi import doi_url
from solicite.model import Reference
from solicite.resolve.client import Client
from solicite.resolve.csl import from_csl
from solicite.resolve.match import family_names

NAME = "crossref"
# Only what scoring and the proposed fields need: answers shrink from ~20 KB to ~2 KB a work.
SELECT = "DOI,title,subtitle,author,editor,issued,container-title,volume,issue,page,publisher,type,ISSN,ISBN,URL"


def from_crossref(item: dict) -> Reference:
    """A Reference from one Crossref work record (``message`` or an ``items`` entry)."""
    ref = from_csl(item)
    if ref.get("doi"):
        ref.fields["url"] = doi_url(ref.fields["doi"])
    ref.source = NAME
    return ref


def search(client: Client, ref: Reference) -> tuple[list[Reference], str]:
    """Up to ``rows`` candidate works for ``ref``: title and container, authors, year ±1."""
    opts = client.options
    title = ref.text("title")  # the engine searches only for entries with a title
    container = ref.text("journal") or ref.text("booktitle")
    params: dict[str, str | int] = {"query.bibliographic": f"{title} {container}".strip(), "rows": opts.rows,
                                    "select": SELECT}
    families = family_names(ref.authors or ref.editors)
    if families:
        params["query.author"] = " ".join(families)
    if ref.year.isdigit():
        y = int(ref.year)
        params["filter"] = f"from-pub-date:{y - 1},until-pub-date:{y + 1}"
    if opts.mailto:
        params["mailto"] = opts.mailto
    got = client.get(opts.url(NAME) + "/works", params=params)
    if got.error or not got.ok:
        return [], got.error or f"crossref answered HTTP {got.status}"
    items = ((got.data or {}).get("message") or {}).get("items") or []
    return [from_crossref(item) for item in items if isinstance(item, dict)], ""


def work(client: Client, doi: str) -> tuple[Reference | None, str]:
    """The Crossref record of one DOI, or why there is none."""
    got = client.get(client.options.url(NAME) + "/works/" + quote(doi, safe="/:;()._-<>"))
    if got.status == 404:
        return None, f"Crossref does not know DOI {doi}"
    if got.error or not got.ok:
        return None, got.error or f"crossref answered HTTP {got.status}"
    message = (got.data or {}).get("message")
    return (from_crossref(message), "") if isinstance(message, dict) else (None, "crossref answered an empty record")
