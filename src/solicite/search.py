"""Finding entries: free-text search over fields, and show-notes sections (``keywords``) as tags.

A section is matched as it is displayed: LaTeX decoded, case and accents ignored, so
``--keyword 'Media & Blogs'`` finds ``keywords = {Media \\& Blogs}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from solicite.model import Reference
from solicite.codec import to_unicode
from solicite.text import fold

# Zotero's BibTeX importer splits `keywords` on "," and ";", biblatex on "," only: a section
# name holding either would become different tags in each, so neither is written inside one.
_TAG_SEPARATORS = re.compile(r"\s*[,;]\s*")


def section_tag(section: str) -> str:
    """A show-notes section as one tag that Zotero and biblatex both read whole ("A, B" -> "A / B")."""
    return " ".join(_TAG_SEPARATORS.sub(" / ", section.strip()).split())


def _tag_key(tag: str) -> str:
    return fold(section_tag(to_unicode(tag)))


def has_keyword(ref: Reference, wanted: Iterable[str]) -> bool:
    """True when one of ref's keywords is one of ``wanted``, compared as displayed (LaTeX decoded)."""
    keys = {_tag_key(w) for w in wanted}
    return any(_tag_key(k) in keys for k in ref.keywords)


def matches(ref: Reference, query: str, fields: Iterable[str] = ()) -> bool:
    """True when ``query`` occurs in the key or a field of ref (only ``fields`` when given), ignoring case and accents."""
    needle = fold(query)
    wanted = {f.lower() for f in fields}
    values = [("key", ref.key)] + [(k, ref.text(k)) for k in list(ref.fields) + list(ref.persons)]
    return any(needle in fold(v) for k, v in values if not wanted or k in wanted)
