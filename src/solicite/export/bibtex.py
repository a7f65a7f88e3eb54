"""BibTeX export: the library's canonical BibTeX (``solicite.bibfile.format_entry``) of the chosen entries."""

from __future__ import annotations

from solicite.export import FunctionExporter, balanced
from solicite.model import Reference


def export_bibtex(refs: list[Reference]) -> str:
    """The entries as canonical BibTeX, one blank line between them."""
    from solicite.bibfile import format_entry

    return "".join(format_entry(balanced(ref)) + "\n\n" for ref in refs).rstrip("\n") + ("\n" if refs else "")


EXPORTER = FunctionExporter("bibtex", "bib", export_bibtex, "BibTeX, as the library writes it")
