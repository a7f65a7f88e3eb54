"""BibLaTeX export: BibTeX conventions rewritten the BibLaTeX way (journaltitle, location, date, @thesis, @online)."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from solicite.export import FunctionExporter, balanced
from solicite.export.csljson import date_to_csl
from solicite.model import Reference
from solicite.stream import separated

# BibTeX type -> (BibLaTeX type, value for the ``type`` field when the entry has none)
TYPE_MAP: dict[str, tuple[str, str]] = {
    "phdthesis": ("thesis", "phdthesis"),
    "mastersthesis": ("thesis", "mathesis"),
    "techreport": ("report", "techreport"),
    "conference": ("inproceedings", ""),
    "www": ("online", ""),
    "electronic": ("online", ""),
    # BibLaTeX has no podcast type; biblatex-apa and others file episodes under @audio.
    "podcast": ("audio", ""),
}
RENAMED = {"journal": "journaltitle", "address": "location", "school": "institution", "annote": "annotation",
           "key": "sortkey"}
_URL = re.compile(r"\s*(?:\\url\{(https?://[^}]*)\}|(https?://\S+))\s*$")


def _iso(parts: list[int]) -> str:
    return "-".join(f"{x:04d}" if i == 0 else f"{x:02d}" for i, x in enumerate(parts))


def to_biblatex(ref: Reference) -> Reference:
    """A copy of the reference with BibLaTeX's types and field names."""
    new = ref.copy()
    btype, default_kind = TYPE_MAP.get(ref.type.lower(), (ref.type.lower(), ""))
    if ref.type.lower() == "podcast":
        new.fields.setdefault("entrysubtype", "podcast")
    new.type = btype
    fields: dict[str, str] = {}
    for name, value in new.fields.items():
        target = RENAMED.get(name, name)
        if target in new.fields and target != name:
            continue  # the BibLaTeX field is there already; the BibTeX one is a duplicate
        fields[target] = value
    if default_kind and "type" not in fields:
        fields["type"] = default_kind
    if "date" not in fields and "year" in fields:
        issued = date_to_csl("", fields.get("year", ""), fields.get("month", ""), fields.get("day", ""))
        if issued and "date-parts" in issued:
            fields["date"] = _iso(issued["date-parts"][0])
            for name in ("year", "month", "day"):
                fields.pop(name, None)
    m = _URL.match(fields.get("howpublished", ""))
    if m:
        fields.setdefault("url", m.group(1) or m.group(2))
        del fields["howpublished"]
    new.fields = fields
    return new


def iter_biblatex(refs: Iterable[Reference]) -> Iterator[str]:
    """The entries as BibLaTeX, one blank line between them."""
    from solicite.bibfile import format_entry

    return separated((format_entry(to_biblatex(balanced(ref))) for ref in refs), "\n\n", "\n")


def export_biblatex(refs: Iterable[Reference]) -> str:
    """The entries as BibLaTeX, one blank line between them, as one text."""
    return "".join(iter_biblatex(refs))


EXPORTER = FunctionExporter("biblatex", "bib", iter_biblatex, "BibLaTeX (biber)")
