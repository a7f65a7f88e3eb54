"""Exporters and importers between the library's References and BibTeX, BibLaTeX, CSL-JSON, RIS and Zotero.

Every exporter is registered under the ``solicite.exporters`` entry point and follows the
small :class:`Exporter` protocol: a ``name``, a file ``extension`` and ``export(refs) -> str``.
Importers (``read_file``/``read_text`` in :mod:`solicite.export.importer`) turn a file in any of
those formats back into References. What each format cannot carry is listed in the README.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, runtime_checkable

from solicite.model import Reference


@runtime_checkable
class Exporter(Protocol):
    """A format the library can be written in: its name, file extension and converter."""

    name: str
    extension: str

    def export(self, refs: list[Reference]) -> str:
        """The whole export of ``refs`` as text."""
        ...


@dataclass(frozen=True)
class FunctionExporter:
    """An :class:`Exporter` made from a plain function (what the built-in formats use)."""

    name: str
    extension: str
    convert: Callable[[list[Reference]], str]
    description: str = ""

    def export(self, refs: list[Reference]) -> str:
        """The whole export of ``refs`` as text."""
        return self.convert(refs)


def first_field(ref: Reference, *names: str) -> tuple[str, str]:
    """The first of ``names`` that the reference has a non-empty value for, as (name, value)."""
    for name in names:
        value = ref.fields.get(name, "")
        if value.strip():
            return name, value
    return "", ""
