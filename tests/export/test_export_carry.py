"""The list of fields the CSL item carries (solicite.export.carry) against what to_csl really reads."""

from __future__ import annotations

import pytest

from solicite import bibfile
from solicite.export.carry import CSL_FIELDS, Tally
from solicite.export.csljson import to_csl
from solicite.model import Person, Reference

# A value each field needs to show (dates, codes), and the fields some need beside them.
VALUES = {"date": "2020-05-01", "year": "2020", "month": "mar", "day": "5", "urldate": "2024-01-02",
          "origdate": "1869", "eventdate": "2020-05-01", "doi": "10.1/x", "url": "https://example.org/x",
          "langid": "german", "hyphenation": "french", "language": "english", "eprinttype": "arxiv",
          "archiveprefix": "arxiv", "entrysubtype": "newspaper", "howpublished": "Podcast", "authortype": "director"}
CONTEXT = {"month": {"year": "2020"}, "day": {"year": "2020", "month": "mar"}, "eprinttype": {"eprint": "2101.1"},
           "archiveprefix": {"eprint": "2101.1"}, "journalsubtitle": {"journaltitle": "J"},
           "booksubtitle": {"booktitle": "B"}, "mainsubtitle": {"maintitle": "M"}, "eprint": {"eprinttype": "arxiv"}}
TYPES = {"entrysubtype": "article", "journalsubtitle": "article", "eprint": "misc"}
PERSONS = {"authortype": {"author": [Person(family="Jackson", given="Peter")]}}  # the role of these authors


@pytest.mark.parametrize("name", sorted(CSL_FIELDS))
def test_every_listed_field_changes_the_csl_item(name: str) -> None:
    fields = {**CONTEXT.get(name, {}), "title": "T"} if name != "title" else {}
    ref = Reference(TYPES.get(name, "book"), "k", {**fields, name: VALUES.get(name, "Some Value")}, PERSONS.get(name, {}))
    without = Reference(ref.type, "k", {k: v for k, v in ref.fields.items() if k != name}, ref.persons)
    assert to_csl(ref) != to_csl(without)


def test_the_warning_names_each_left_out_field_with_its_count() -> None:
    refs = [Reference("book", "a", {"title": "A", "lostlink": "x", "file": "f.pdf"}),
            Reference("book", "b", {"title": "B", "file": "g.pdf"}), Reference("book", "c", {"title": "C"})]
    (diag,) = Tally("CSL-JSON").run(refs)
    assert diag.code == "cannot-carry" and diag.message.endswith("file (2), lostlink (1)")
    assert Tally("CSL-JSON").run(refs[2:]) == []
    (diag,) = Tally("CSL-JSON").run([Reference("misc", "e", {"title": "E", "eprint": "123"})])
    assert diag.message.endswith("eprint (1)")  # no eprinttype: nothing to make a link of


@pytest.mark.corpus
def test_no_field_outside_the_list_changes_the_item_over_the_corpus(shared_dir) -> None:
    """The list is complete: over ../shared/bib, removing a field it does not name never changes the item."""
    missed = set()
    for path in sorted((shared_dir / "bib").rglob("*.bib")):
        for ref in bibfile.load(path, lenient=True).references:
            others = [n for n in ref.fields if n not in CSL_FIELDS and n not in missed]
            if not others:
                continue
            item = to_csl(ref)
            for name in others:
                if to_csl(ref.copy(fields={k: v for k, v in ref.fields.items() if k != name})) != item:
                    missed.add(name)
    assert missed == set()
