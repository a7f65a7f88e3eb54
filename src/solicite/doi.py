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


# A DOI inside running text. A SICI-style DOI holds <...::...>
# (10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0): brackets with "::" inside are
# part of it, any other < or > ends it, as do white space, quotes and braces.
SICI = r"<[^\s<>]*::[^\s<>]*>"
IN_TEXT = rf"\b10\.\d{{4,9}}/(?:[^\s\"'<>{{}}]|{SICI})+"
FIND = re.compile(IN_TEXT)
# How a DOI is introduced in prose: "doi:" or a resolver address in front of it.
LABEL = r"(?:\bdoi\s*:\s*|\bhttps?://(?:dx\.)?doi\.org/)"
_RESOLVER_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/.+)$", re.IGNORECASE)
_TRAILING = ".,;:!?*~'\"\u2019\u201d\u00bb"


def trim(text: str) -> str:
    """A DOI found in prose without the punctuation after it: a full stop, a closing bracket it does not open."""
    while text:
        last = text[-1]
        if last in _TRAILING or last in "<>}":
            text = text[:-1]
        elif last == ")" and text.count(")") > text.count("("):
            text = text[:-1]
        elif last == "]" and text.count("]") > text.count("["):
            text = text[:-1]
        else:
            break
    return text


def find_doi(text: str) -> str:
    """The first DOI in running text, bare and trimmed, or ""."""
    m = FIND.search(text)
    return trim(m.group(0)) if m else ""


def doi_of_url(url: str) -> str | None:
    """The DOI of a ``https://doi.org/...`` (or dx.doi.org) address, URL-decoded; None for other addresses."""
    m = _RESOLVER_URL.match(url.strip())
    return unquote(m.group(1)) if m else None
