"""BibTeX export: the library's canonical BibTeX (``solicite.bibfile.format_entry``) of the chosen entries."""

from __future__ import annotations

from typing import Iterable, Iterator

from solicite.export import FunctionExporter, balanced
from solicite.model import Reference
from solicite.stream import separated


def iter_bibtex(refs: Iterable[Reference]) -> Iterator[str]:
    """The entries as canonical BibTeX, one blank line between them."""
    from solicite.bibfile import format_entry

    return separated((format_entry(balanced(ref)) for ref in refs), "\n\n", "\n")


def export_bibtex(refs: Iterable[Reference]) -> str:
    """The entries as canonical BibTeX, one blank line between them, as one text."""
    return "".join(iter_bibtex(refs))


EXPORTER = FunctionExporter("bibtex", "bib", iter_bibtex, "BibTeX, as the library writes it")
