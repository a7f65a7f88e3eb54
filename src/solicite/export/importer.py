"""Read BibTeX, BibLaTeX, CSL-JSON or RIS into References, and find which of them a library already holds.

Format detection: the ``fmt`` given, else the file extension (``.bib``, ``.json``, ``.ris``), else
the content (``[``/``{`` is JSON, a ``TY  -`` line is RIS, ``@`` is BibTeX). Which of them a
library already holds is :mod:`solicite.duplicates`' one policy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from solicite.errors import InputError, UsageError
from solicite.export.csljson import from_csl
from solicite.model import Diagnostic, Reference

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
    if head[:1] and head[:1] in "[{":
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
    if "\x00" in text[:8192]:
        raise InputError("is a binary file, not BibTeX, CSL-JSON or RIS text", path=str(path))
    if not text.strip(" \t\r\n\ufeff"):
        raise InputError("is empty: no record to import", path=str(path), hint="check the file name")
    result = read_text(text, fmt or detect_format(text, str(path)), str(path))
    if not result.references:
        raise InputError(f"holds no {result.format} record to import", path=str(path),
                         hint="; ".join(d.message for d in result.diagnostics[:1]) or "check the file and --format")
    return result
