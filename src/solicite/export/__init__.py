"""Exporters and importers between the library's References and BibTeX, BibLaTeX, CSL-JSON, RIS and Zotero.

Every exporter is registered under the ``solicite.exporters`` entry point and follows the
small :class:`Exporter` protocol: a ``name``, a file ``extension`` and ``export(refs) -> str``;
the built-in ones also give ``chunks(refs)``, the same text entry by entry, so that a large
library is written as it is converted rather than held whole in memory. An exporter may
also offer ``diagnostics(refs)``: what of ``refs`` its format cannot carry, as Diagnostic
values (:func:`export_pieces` asks for them when it is there; the built-in ones gather them
in the same pass that writes the text).
Importers (``read_file``/``read_text`` in :mod:`solicite.export.importer`) turn a file in any of
those formats back into References. What each format cannot carry is listed in the README.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Protocol, runtime_checkable

from solicite.codec import escape, to_unicode
from solicite.model import Diagnostic, Reference
from solicite.text import braces_balanced

if TYPE_CHECKING:
    from solicite.export.carry import Tally


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
    convert: Callable[[Iterable[Reference]], Iterator[str] | str]  # the text, or its pieces in order
    description: str = ""
    check: Callable[[], "Tally"] | None = None  # a new tally of what the format cannot carry

    def export(self, refs: Iterable[Reference]) -> str:
        """The whole export of ``refs`` as text."""
        return "".join(self.chunks(refs))

    def chunks(self, refs: Iterable[Reference]) -> Iterator[str]:
        """The export of ``refs`` piece by piece (joined, the text of :meth:`export`)."""
        out = self.convert(refs)
        if isinstance(out, str):
            yield out
        else:
            yield from out

    def diagnostics(self, refs: Iterable[Reference]) -> list[Diagnostic]:
        """What of ``refs`` this format cannot carry, one Diagnostic per finding."""
        return self.check().run(refs) if self.check else []

    def written(self, refs: Iterable[Reference], findings: list[Diagnostic]) -> Iterator[str]:
        """:meth:`chunks` reading each entry once: when the last piece is out, ``findings`` holds :meth:`diagnostics`."""
        if self.check is None:
            yield from self.chunks(refs)
            return
        tally = self.check()
        yield from self.chunks(tally.watch(refs))
        findings.extend(tally.result())


def export_pieces(exporter: Exporter, refs: Iterable[Reference], findings: list[Diagnostic]) -> Iterator[str]:
    """Any exporter's text of ``refs`` piece by piece; ``findings`` gets its diagnostics by the last piece.

    The built-in formats read each entry once (:meth:`FunctionExporter.written`), so a large
    library is converted and written as it is read; an exporter with only ``export`` (and
    perhaps ``diagnostics``) gets the entries as a list.
    """
    written = getattr(exporter, "written", None)
    if callable(written):
        yield from written(refs, findings)
        return
    refs = list(refs)
    check = getattr(exporter, "diagnostics", None)
    findings.extend(check(refs) if callable(check) else [])
    yield exporter.export(refs)


def export_report(exporter: Exporter, refs: Iterable[Reference]) -> tuple[str, list[Diagnostic]]:
    """The export of ``refs`` and the exporter's diagnostics (none from an exporter without ``diagnostics``)."""
    findings: list[Diagnostic] = []
    text = "".join(export_pieces(exporter, refs, findings))
    return text, findings


def without_sets(refs: Iterable[Reference]) -> Iterator[Reference]:
    """The references less BibLaTeX ``@set`` entries, which group others and hold nothing of their own."""
    return (r for r in refs if r.type.lower() != "set")


def first_field(ref: Reference, *names: str) -> tuple[str, str]:
    """The first of ``names`` that the reference has a non-empty value for, as (name, value)."""
    return first_of(ref.fields, names)


def first_of(fields: dict[str, str], names: tuple[str, ...]) -> tuple[str, str]:
    """:func:`first_field` on a fields dict with the names as one tuple (for loops over many entries)."""
    get = fields.get
    for name in names:
        value = get(name)
        if value and value.strip():
            return name, value
    return "", ""


def balanced(ref: Reference) -> Reference:
    """The reference with the unmatched braces of broken values written as ``\\textbraceleft{}``/``...right{}``.

    The library writer refuses a value whose braces do not balance (BibTeX counts every brace,
    escaped or not); an export writes the stray ones as commands rather than stop for one field.
    """
    bad = {k: v for k, v in ref.fields.items() if not _writable(v)}
    if not bad:
        return ref
    new = ref.copy()
    for name, value in bad.items():
        out: list[str] = []
        opened: list[int] = []
        for ch in value:
            if ch == "{":
                opened.append(len(out))
            elif ch == "}":
                if not opened:
                    if out and out[-1] == "\\":
                        out.pop()  # an escaped stray brace: one command for both
                    out.append("\\textbraceright{}")
                    continue
                opened.pop()
            out.append(ch)
        for i in opened:
            out[i] = "\\textbraceleft{}"
            if i and out[i - 1] == "\\":
                out[i - 1] = ""
        fixed = "".join(out)
        if not _writable(fixed):
            # Backslashes before braces confuse brace counting: write the text itself, every special escaped.
            fixed = escape(to_unicode(value), literal=True)
        new.fields[name] = fixed
    return new


def _writable(value: str) -> bool:
    return braces_balanced(value) and value.count("{") == value.count("}")
