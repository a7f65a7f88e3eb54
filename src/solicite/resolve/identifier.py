"""``fetch_identifier``: a Reference from a DOI, an ISBN or a URL (``solicite add IDENTIFIER``)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit
from typing import NoReturn

from solicite.config import Settings
from solicite.errors import InputError, NetworkError, UsageError
from solicite.doi import bare_doi
from solicite.model import Reference
from solicite.resolve import doi as doi_mod, openlibrary
from solicite.resolve.client import Client, Fetched
from solicite.resolve.diff import PROVENANCE_FIELD
from solicite.resolve.page import parse_page
from solicite.resolve.settings import ResolveOptions


class IdentifierError(UsageError):
    """The argument is not a DOI, an ISBN or a URL."""


class IdentifierNotFoundError(InputError):
    """The identifier is well formed but its service has no record of it."""


def classify(identifier: str) -> tuple[str, str]:
    """("doi" | "isbn" | "url", normalised value) for an identifier, or IdentifierError."""
    text = identifier.strip()
    doi = bare_doi(text)
    if doi:
        return "doi", doi
    if re.match(r"^isbn(?:-1[03])?\s*[: ]", text, re.IGNORECASE) or re.fullmatch(r"[\d\s-]{9,17}[\dXx]", text):
        isbn = openlibrary.normalize_isbn(text)
        if isbn:
            return "isbn", isbn
        raise IdentifierError(f"{identifier!r} is not a valid ISBN (wrong length or check digit)",
                              hint="give the 10 or 13 digits as printed, e.g. isbn:9780520297883")
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.netloc:
        return "url", text
    raise IdentifierError(f"cannot tell what {identifier!r} is",
                          hint="give a DOI (10.1073/pnas.2014673117), isbn:9780520297883, or an http(s) URL")


def fetch_identifier(identifier: str, settings: Settings, *, offline: bool = False,
                     client: Client | None = None) -> Reference:
    """A new Reference (empty key) for a DOI, ISBN or URL; raises a SoliciteError when it cannot."""
    kind, value = classify(identifier)
    own = client is None
    client = client or Client(ResolveOptions.from_settings(settings), offline=offline)
    try:
        if kind == "doi":
            ref, error = doi_mod.fetch_csl(client, value)
            service = "doi"
        elif kind == "isbn":
            ref, error = openlibrary.by_isbn(client, value)
            service = "openlibrary"
        else:
            ref, error = _from_url(client, value)
            service = "web"
    finally:
        if own:
            client.close()
    if ref is None:
        _raise(identifier, error, client)
    ref.key = ""
    stamp = f"entry from {service} on {date.today().isoformat()}"
    ref.fields[PROVENANCE_FIELD] = stamp
    return ref


def _raise(identifier: str, error: str, client: Client) -> NoReturn:
    if "offline" in error:
        raise NetworkError(f"{identifier}: {error}", hint="run once without --offline to fill the cache")
    if client.network_errors or error.startswith(("cannot reach", "gave up")):
        raise NetworkError(f"{identifier}: {error}", hint="check the connection or the [resolve] base URLs")
    raise IdentifierNotFoundError(f"{identifier}: {error}", hint="check the identifier for typos")


def _from_url(client: Client, url: str) -> tuple[Reference | None, str]:
    got: Fetched = client.get(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", want="text")
    if got.error:
        return None, got.error
    if not got.ok:
        return None, f"the page answered HTTP {got.status}"
    final = got.final_url or url
    if "html" not in got.content_type.lower() and got.content_type:
        # A PDF or other file: only the address is known.
        name = urlsplit(final).path.rstrip("/").rsplit("/", 1)[-1] or urlsplit(final).netloc
        ref = Reference(type="online", key="", fields={"title": name, "organization": urlsplit(final).netloc,
                                                       "url": url, "urldate": date.today().isoformat()})
        return ref, ""
    ref, _vocab = parse_page(got.data or "", url)
    return ref, ""
