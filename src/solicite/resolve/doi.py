"""DOIs: recognising them in any common form, and CSL-JSON by content negotiation on doi.org."""

from __future__ import annotations

from urllib.parse import quote

from solicite.doi import doi_url
from solicite.model import Reference
from solicite.resolve.client import Client
from solicite.resolve.csl import from_csl

NAME = "doi"
CSL_JSON = "application/vnd.citationstyles.csl+json"


def fetch_csl(client: Client, doi: str) -> tuple[Reference | None, str]:
    """The registered metadata of a DOI (Crossref, DataCite, mEDRA...) as a Reference."""
    url = client.options.url(NAME) + "/" + quote(doi, safe="/:;()._-<>")
    got = client.get(url, accept=CSL_JSON)
    if got.status == 404:
        return None, f"DOI {doi} is not registered (doi.org answered 404)"
    if got.error or not got.ok:
        return None, got.error or f"doi.org answered HTTP {got.status} for {doi}"
    item = got.data[0] if isinstance(got.data, list) and got.data else got.data
    if not isinstance(item, dict):
        return None, f"doi.org sent no CSL-JSON for {doi}"
    ref = from_csl(item)
    if not ref.get("doi"):
        ref.fields["doi"] = doi
    ref.fields["url"] = doi_url(ref.fields["doi"])
    ref.source = NAME
    return ref, ""
