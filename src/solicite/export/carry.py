"""What the exports built on the CSL item carry of an entry's fields, and one warning naming the rest.

CSL-JSON, RIS and the Zotero CSL-JSON export all start from ``to_csl(ref)``: a field it does not
read has no place in them. Rather than drop such fields silently, the export names them, with
how many entries had each (``lostlink (1), file (120)``).
"""

from __future__ import annotations

from collections import Counter

from solicite.export import without_sets
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


def uncarried(refs: list[Reference], fmt: str, extra: frozenset[str] = frozenset(),
              lost: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """One warning naming the fields (and persons) of ``refs`` that ``fmt`` has no place for, or none.

    ``extra``: fields the format carries beyond the CSL item; ``lost``: fields of the item it drops.
    """
    known = (CSL_FIELDS | CSL_PERSONS | _MERGED | extra) - lost
    counts: Counter[str] = Counter()
    for ref in without_sets(refs):
        names = set(ref.fields) | {p for p, people in ref.persons.items() if people}
        dropped = {name for name in names if name not in known}
        if "eprint" in names and eprint_type(ref) not in EPRINT_LABELS:
            dropped.add("eprint")  # no archive it names: no URL and no Extra line can be made of it
        counts.update(dropped)
    if not counts:
        return []
    listed = ", ".join(f"{name} ({n})" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return [Diagnostic("warning", "cannot-carry",
                       f"{fmt} has no place for these fields, left out (entries with each): {listed}",
                       source=refs[0].source)]
