"""BibLaTeX fields beyond BibTeX's, as CSL variables and back, and as the "Extra" lines Zotero reads.

``to_csl`` and ``from_csl`` call :func:`extend_csl` and :func:`extend_from_csl`, so every exporter
built on the CSL item (CSL-JSON, RIS, both Zotero exports) carries them:

* ``volumes`` -> ``number-of-volumes``; ``origdate``, ``origpublisher``, ``origlocation`` ->
  ``original-date``, ``original-publisher``, ``original-publisher-place``; ``eventdate`` -> ``event-date``;
* container subtitles (``journalsubtitle``, ``booksubtitle``, ``mainsubtitle``) joined to their title;
  a ``maintitle`` beside a ``booktitle`` becomes the container and the book the ``volume-title``
  (CSL 1.0.2, as pandoc reads BibLaTeX);
* ``langid`` (or ``hyphenation``, or a ``language`` name) -> ``language`` as a BCP 47 tag;
* an ``eprint`` gives the URL when there is none (``eprinttype``/``archiveprefix`` names the archive).
"""

from __future__ import annotations

import re

from solicite.export.csldates import csl_date_text, date_to_csl
from solicite.codec import escape, from_csl_markup, to_csl_markup, to_unicode
from solicite.language import bcp47
from solicite.model import Reference

# Plain-text BibLaTeX field -> CSL variable.
TEXT_VARS = {"volumes": "number-of-volumes", "origpublisher": "original-publisher",
             "origlocation": "original-publisher-place"}
DATE_VARS = {"origdate": "original-date", "eventdate": "event-date"}
# CSL variable -> the "Label: value" line of Zotero's Extra field that its citation engine reads back
# (zotero/utilities utilities_item.js, extraToCSL(): the label lower-cased, spaces to hyphens).
EXTRA_LABELS = {"number-of-volumes": "Number of Volumes", "original-date": "Original Date",
                "original-publisher": "Original Publisher", "original-publisher-place": "Original Publisher Place",
                "event-date": "Event Date"}
# eprinttype -> the Extra label Zotero's BibTeX importer writes for it (zotero/translators BibTeX.js, eprintIds).
EPRINT_LABELS = {"arxiv": "arXiv", "jstor": "JSTOR", "pubmed": "PMID", "hdl": "HDL", "googlebooks": "GoogleBooksID"}
_LABEL_VARS = {label.lower(): var for var, label in EXTRA_LABELS.items()} | {var: var for var in EXTRA_LABELS}
_EPRINT_TYPES = {label.lower(): kind for kind, label in EPRINT_LABELS.items()}
_EXTRA_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z -]*?)\s*:\s*(.+?)\s*$")
_SUBTITLES = (("journaltitle", "journalsubtitle"), ("journal", "journalsubtitle"), ("booktitle", "booksubtitle"),
              ("maintitle", "mainsubtitle"))


def join_subtitle(title: str, subtitle: str) -> str:
    """``Title: Subtitle``, without the colon when the title already ends in punctuation."""
    if not title:
        return subtitle
    if not subtitle:
        return title
    sep = "" if re.search(r"[:?!.]\s*$", to_unicode(title)) else ":"
    return f"{title}{sep} {subtitle}"


def eprint_type(ref: Reference) -> str:
    """The archive of a reference's eprint, lower case ("arxiv"), or ""."""
    if not ref.get("eprint"):
        return ""
    kind = to_unicode(ref.get("eprinttype") or ref.get("archiveprefix")).strip().lower()
    return "arxiv" if kind == "arxiv.org" else kind


def extend_csl(ref: Reference, item: dict) -> None:
    """Add to ``item`` (from ``to_csl``) the CSL variables of the BibLaTeX fields listed in the module docstring."""
    get = ref.fields.get
    lang = get("langid") or get("hyphenation") or get("language")
    if lang and (lang := to_unicode(lang)):
        item["language"] = bcp47(lang)
    for field, var in TEXT_VARS.items():
        value = get(field)
        if value and (value := to_unicode(value)):
            item[var] = value
    for field, var in DATE_VARS.items():
        value = get(field)
        date = date_to_csl(value) if value else None
        if date:
            item[var] = date
    _containers(ref, item)
    kind = eprint_type(ref) if "eprint" in ref.fields else ""
    if "URL" not in item and kind:
        from solicite.item import EPRINT_URLS

        if kind in EPRINT_URLS:
            item["URL"] = EPRINT_URLS[kind] + to_unicode(ref.get("eprint")).strip()


def _containers(ref: Reference, item: dict) -> None:
    container = item.get("container-title")
    if not container:
        return
    fields = ref.fields
    if not ("journalsubtitle" in fields or "booksubtitle" in fields or "mainsubtitle" in fields or "maintitle" in fields):
        return  # the usual case: no subtitle to join and no multi-volume work
    for main, sub in _SUBTITLES:
        if ref.get(sub) and ref.get(main) and to_csl_markup(ref.get(main)) == container:
            item["container-title"] = join_subtitle(container, to_csl_markup(ref.get(sub)))
            break
    if ref.get("maintitle") and ref.get("booktitle") and to_csl_markup(ref.get("booktitle")) == container:
        # A volume of a multi-volume work: CSL 1.0.2 has the work as container, the volume as volume-title.
        item["volume-title"] = join_subtitle(container, to_csl_markup(ref.get("booksubtitle")))
        item["container-title"] = join_subtitle(to_csl_markup(ref.get("maintitle")), to_csl_markup(ref.get("mainsubtitle")))


def extend_from_csl(item: dict, fields: dict[str, str]) -> None:
    """The inverse of :func:`extend_csl`: BibLaTeX fields in ``fields`` (from ``from_csl``) for the extra variables."""
    for field, var in TEXT_VARS.items():
        if item.get(var) not in (None, ""):
            fields[field] = escape(str(item[var]), literal=True)
    for field, var in DATE_VARS.items():
        iso = csl_date_text(item.get(var))
        if iso:
            fields[field] = iso
    if item.get("volume-title"):
        fields["booktitle"] = from_csl_markup(str(item["volume-title"]))
        if item.get("container-title"):
            fields["maintitle"] = from_csl_markup(str(item["container-title"]))



def extra_lines(item: dict, keep: frozenset[str] = frozenset()) -> list[str]:
    """"Label: value" lines for the item's variables in :data:`EXTRA_LABELS`, except those in ``keep``."""
    out = []
    for var, label in EXTRA_LABELS.items():
        if var in keep or item.get(var) in (None, ""):
            continue
        value = item[var]
        out.append(f"{label}: {csl_date_text(value) if isinstance(value, dict) else value}")
    return out


def eprint_line(ref: Reference) -> str:
    """The Extra line Zotero keeps for an eprint ("arXiv: 2101.00001 [cs.CL]"), or ""."""
    label = EPRINT_LABELS.get(eprint_type(ref))
    if not label:
        return ""
    eprint_class = to_unicode(ref.get("eprintclass") or ref.get("primaryclass")).strip()
    return f"{label}: {to_unicode(ref.get('eprint')).strip()}" + (f" [{eprint_class}]" if eprint_class else "")


def split_extra(text: str) -> tuple[str, dict, dict[str, str]]:
    """Zotero Extra lines in a note: (the other lines, the CSL variables they give, the eprint fields they give).

    Reads the lines :func:`extra_lines` and :func:`eprint_line` write, with Zotero's labels or CSL's
    ("Original Date: 1856", "original-date: 1856", "arXiv: 2101.00001 [cs.CL]").
    """
    rest: list[str] = []
    found: dict = {}
    eprint: dict[str, str] = {}
    for line in text.splitlines():
        m = _EXTRA_LINE.match(line)
        label, value = (m.group(1).lower(), m.group(2)) if m else ("", "")
        if label in _LABEL_VARS:
            var = _LABEL_VARS[label]
            found[var] = (date_to_csl(value) or {"raw": value}) if var in DATE_VARS.values() else value
        elif label in _EPRINT_TYPES and not eprint:
            ident, _, eprint_class = value.partition(" [")
            eprint = {"eprint": escape(ident.strip(), literal=True), "eprinttype": _EPRINT_TYPES[label]}
            if eprint_class.rstrip("]").strip():
                eprint["eprintclass"] = escape(eprint_class.rstrip("]").strip(), literal=True)
        else:
            rest.append(line)
    return "\n".join(rest).strip(), found, eprint
