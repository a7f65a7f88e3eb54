"""Read BibTeX, BibLaTeX, CSL-JSON or RIS into References, and find which of them a library already holds.

Format detection: the ``fmt`` given, else the file extension (``.bib``, ``.json``, ``.ris``), else
the content (``[``/``{`` is JSON, a ``TY  -`` line is RIS, ``@`` is BibTeX). Duplicates are found
by key, by DOI, or by normalised title + year + first author's family name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from solicite.errors import InputError, UsageError
from solicite.export.csljson import clean_doi, from_csl
from solicite.codec import to_unicode
from solicite.model import Diagnostic, Reference
from solicite.text import fold

FORMATS = ("bibtex", "biblatex", "csl-json", "ris")
_EXTENSIONS = {".bib": "bibtex", ".bibtex": "bibtex", ".json": "csl-json", ".csljson": "csl-json",
               ".ris": "ris", ".txt": ""}


@dataclass
class ImportResult:
    """What a file held: its References and the problems met while reading it (as values)."""

    format: str
    references: list[Reference]
    diagnostics: list[Diagnostic] = field(default_factory=list)


def detect_format(text: str, path: str = "") -> str:
    """The format of a file from its extension, else from its first non-blank characters."""
    ext = Path(path).suffix.lower() if path else ""
    if _EXTENSIONS.get(ext):
        return _EXTENSIONS[ext]
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head[:1] in "[{":
        return "csl-json"
    if re.search(r"(?m)^\s*TY  - ", head):
        return "ris"
    if re.search(r"(?m)^\s*@\w+\s*[({]", head):
        return "bibtex"
    raise InputError("cannot tell the format of this file", path=path or None,
                     hint="name it .bib, .json or .ris, or pass --format bibtex|csl-json|ris")


def read_text(text: str, fmt: str | None = None, source: str = "<string>") -> ImportResult:
    """References from text in one of :data:`FORMATS` (detected when ``fmt`` is None)."""
    fmt = fmt or detect_format(text, source if source != "<string>" else "")
    if fmt not in FORMATS:
        raise UsageError(f"unknown import format {fmt!r}", hint="choose one of: " + ", ".join(FORMATS))
    if fmt in ("bibtex", "biblatex"):
        from solicite import bibfile

        lib = bibfile.loads(text, source=source, lenient=True)
        return ImportResult(fmt, lib.references, list(lib.diagnostics))
    if fmt == "ris":
        from solicite.export.ris import read_ris

        refs = read_ris(text)
        if not refs and text.strip():
            raise InputError("no RIS records (TY  - ... ER  -) found", path=source, hint="check the file is RIS")
        return ImportResult(fmt, [r.copy(source=source) for r in refs])
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", path=source, line=exc.lineno, column=exc.colno,
                         hint="CSL-JSON is an array of items") from None
    if isinstance(data, dict):
        data = data.get("items", [data])
    if not isinstance(data, list):
        raise InputError("CSL-JSON must be an array of items", path=source)
    refs, diags = [], []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            diags.append(Diagnostic("warning", "bad-item", f"item {i + 1} is not an object; skipped", source=source))
            continue
        refs.append(from_csl(item).copy(source=source))
    return ImportResult(fmt, refs, diags)


def read_file(path: Path | str, fmt: str | None = None) -> ImportResult:
    """References from a file (see :func:`read_text`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except FileNotFoundError:
        raise InputError("no such file", path=str(path), hint="check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    return read_text(text, fmt or detect_format(text, str(path)), str(path))


def signature(ref: Reference) -> tuple[str, str, str] | None:
    """Normalised (title, year, first author's family name), or None without a title."""
    title = re.sub(r"[^a-z0-9]+", "", fold(to_unicode(ref.get("title"))))
    if not title:
        return None
    people = ref.authors or ref.editors
    who = ""
    if people:
        p = people[0]
        who = re.sub(r"[^a-z0-9]+", "", fold(to_unicode(p.literal or p.family)))
    return title, ref.year, who


class DuplicateIndex:
    """Keys, DOIs and title signatures of a library, to tell whether a new entry is already in it."""

    def __init__(self, refs: list[Reference] = ()) -> None:
        self.keys: dict[str, Reference] = {}
        self.dois: dict[str, str] = {}
        self.sigs: dict[tuple, str] = {}
        for ref in refs:
            self.add(ref)

    def add(self, ref: Reference) -> None:
        """Remember one entry."""
        self.keys.setdefault(ref.key, ref)
        doi = clean_doi(ref.get("doi")).lower()
        if doi:
            self.dois.setdefault(doi, ref.key)
        sig = signature(ref)
        if sig:
            self.sigs.setdefault(sig, ref.key)

    def match(self, ref: Reference) -> tuple[str, str] | None:
        """(existing key, "key"|"doi"|"title") when ref is already held, else None.

        The same key counts as a duplicate unless the two entries are plainly different works
        (different DOIs, or different titles): those are added under a suffixed key instead.
        """
        doi = clean_doi(ref.get("doi")).lower()
        sig = signature(ref)
        same = self.keys.get(ref.key) if ref.key else None
        if same is not None:
            other_doi = clean_doi(same.get("doi")).lower()
            other_sig = signature(same)
            # Titles differ unless one starts with the other (a subtitle left out is the same work).
            differs = (doi and other_doi and doi != other_doi) or (
                sig and other_sig and not (sig[0].startswith(other_sig[0]) or other_sig[0].startswith(sig[0])))
            if not differs:
                return ref.key, "key"
        if doi and doi in self.dois:
            return self.dois[doi], "doi"
        if sig and sig in self.sigs:
            return self.sigs[sig], "title"
        return None
