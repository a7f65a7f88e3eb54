"""What the exports built on the CSL item carry of an entry's fields, and one warning naming the rest.

CSL-JSON, RIS and the Zotero CSL-JSON export all start from ``to_csl(ref)``: a field it does not
read has no place in them. Rather than drop such fields silently, the export names them, with
how many entries had each (``lostlink (1), file (120)``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from solicite.export.extended import EPRINT_LABELS, eprint_type
from solicite.model import Diagnostic, Reference

# The fields ``csljson.to_csl`` and ``extended.extend_csl`` read (tests/export/test_export_carry.py
# checks that each changes the item, and over ../shared/bib that no other field does).
CSL_FIELDS = frozenset(
    "title subtitle shorttitle journaltitle journal journalsubtitle booktitle booksubtitle maintitle mainsubtitle "
    "organization series publisher institution school type howpublished entrysubtype eventtitle address location "
    "edition version venue note abstract language langid hyphenation volume volumes pagetotal chapter isbn issn "
    "number issue pages doi url keywords date year month day urldate origdate origpublisher origlocation "
    "eventdate eprint eprinttype archiveprefix authortype".split())
# Carried by plain CSL-JSON only (as a name variable, "director"); RIS and Zotero have no place for it.
ROLE_FIELDS = frozenset({"authortype"})
CSL_PERSONS = frozenset({"author", "editor", "translator", "bookauthor"})
# Carried by the Extra lines of RIS and the Zotero export ("arXiv: 2101.00001 [cs.CL]"), not by plain CSL-JSON.
EXTRA_FIELDS = frozenset({"eprintclass", "primaryclass"})
_MERGED = frozenset({"crossref"})  # the parent's fields are merged in before these exports


class Tally:
    """What of a run of entries a format cannot carry, noted entry by entry as the export is written.

    An export reads each entry once: the entries pass through :meth:`watch` on their way to the
    converter, and :meth:`result` is asked for when the text is written. Two findings every
    format built on the CSL item shares: each skipped ``@set`` entry, and one warning naming the
    fields (and persons) it has no place for, with how many entries had each. ``extra``: fields
    the format carries beyond the CSL item; ``lost``: fields of the item it drops. Subclasses add
    findings of their own through :meth:`noted` and :meth:`more`.
    """

    def __init__(self, fmt: str, *, extra: frozenset[str] = frozenset(), lost: frozenset[str] = frozenset()) -> None:
        self.fmt = fmt
        self.known = (CSL_FIELDS | CSL_PERSONS | _MERGED | extra) - lost
        self.sets: list[Diagnostic] = []
        self.counts: Counter[str] = Counter()
        self.source = ""
        self.exported = 0  # entries other than @set

    def note(self, ref: Reference) -> None:
        """Take one entry into account."""
        self.source = self.source or ref.source
        if ref.type.lower() == "set":
            self.sets.append(Diagnostic("warning", "set-skipped",
                                        f"@set {ref.key} skipped: {self.fmt} has no entry sets; its members "
                                        f"({ref.get('entryset') or 'none listed'}) are exported on their own",
                                        key=ref.key, source=ref.source, line=ref.line))
            return
        self.exported += 1
        known = self.known
        lost = [name for name in ref.fields if name not in known]
        lost += [p for p, people in ref.persons.items() if people and p not in known and p not in ref.fields]
        if "eprint" in ref.fields and "eprint" in known and eprint_type(ref) not in EPRINT_LABELS:
            lost.append("eprint")  # no archive it names: no URL and no Extra line can be made of it
        self.counts.update(lost)
        self.noted(ref)

    def noted(self, ref: Reference) -> None:
        """A subclass's own look at one exported entry (not a ``@set``)."""

    def watch(self, refs: Iterable[Reference]) -> Iterator[Reference]:
        """The entries, each noted as it passes."""
        for ref in refs:
            self.note(ref)
            yield ref

    def result(self) -> list[Diagnostic]:
        """The findings, in a stable order: skipped sets, fields left out, then the subclass's own."""
        out = list(self.sets)
        if self.counts:
            listed = ", ".join(f"{name} ({n})" for name, n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])))
            out.append(Diagnostic("warning", "cannot-carry",
                                  f"{self.fmt} has no place for these fields, left out (entries with each): {listed}",
                                  source=self.source))
        return out + self.more()

    def more(self) -> list[Diagnostic]:
        """A subclass's own findings, once every entry is noted."""
        return []

    def run(self, refs: Iterable[Reference]) -> list[Diagnostic]:
        """The findings for ``refs`` when nothing is exported alongside (a check on its own)."""
        for ref in refs:
            self.note(ref)
        return self.result()
