"""DOIs, one vocabulary for every stage: what a DOI is, the prefixes it is written with, its URL.

A BibTeX ``doi`` field holds the bare DOI (``10.1000/xyz``) by convention, but real files also
write ``doi:10.1000/xyz``, ``https://doi.org/10.1000/xyz``, ``\\url{...}`` or escape an
underscore as ``\\_``. Everything that reads or compares DOIs goes through here.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from solicite.codec import url_text

RESOLVER = "https://doi.org/"
DOI = re.compile(r"^10\.\d{4,9}/\S+$")  # a bare DOI: directory 10, a registrant code, a suffix
PREFIX = re.compile(r"^\s*(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)


def strip_doi(value: str) -> str:
    """The field's DOI without ``\\url{}``, LaTeX escapes or a ``doi:``/doi.org prefix; not validated."""
    value = url_text(value)
    return value if value.startswith("10.") else PREFIX.sub("", value).strip()


def bare_doi(text: str) -> str | None:
    """The bare DOI in ``10.x/y``, ``doi:10.x/y`` or ``https://doi.org/10.x/y`` (URL-decoded), else None."""
    bare = unquote(strip_doi(text)).strip().rstrip(".,;")
    return bare if DOI.match(bare) else None


def has_prefix(value: str) -> bool:
    """True when a DOI field is written with ``doi:`` or as a doi.org URL instead of bare."""
    return bool(PREFIX.match(value))


def doi_url(doi: str) -> str:
    """The resolver URL of a bare DOI."""
    return RESOLVER + doi
