"""The library file: lossless round trips, minimal edits, safe saves, clear errors."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from solicite import bibfile
from solicite.errors import BibSyntaxError, DataLossError, DuplicateKeyError, KeyNotFoundError
from solicite.model import Person, Reference

DATA = Path(__file__).resolve().parent.parent / "data"
BIBS = sorted((DATA / "bib").glob("*.bib"))


def read_bytes(path: Path) -> bytes:
    return path.read_bytes()


@pytest.fixture
def lib_copy(tmp_path: Path) -> Path:
    target = tmp_path / "library.bib"
    shutil.copy(DATA / "bib" / "representative.bib", target)
    return target


@pytest.mark.parametrize("path", BIBS, ids=lambda p: p.name)
def test_load_then_save_gives_identical_bytes(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    lib = bibfile.load(copy)
    assert len(lib) > 0
    lib.save()
    assert read_bytes(copy) == read_bytes(path)


def test_reads_macros_concatenation_quotes_and_preamble() -> None:
    lib = bibfile.load(DATA / "bib" / "representative.bib")
    bauder = lib["bauder2017sanctuary"]
    assert bauder.type == "article"
    assert bauder.fields["journal"] == "International Migration"  # @string macro expanded
    assert bauder.fields["month"] == "March"  # predefined month macro
    assert bauder.fields["volume"] == "55"
    assert bauder.fields["x-custom"] == "an unknown field kept as written"
    hausman = lib["hausman2020sanctuary"]
    assert hausman.fields["journal"] == "Proceedings of the National Academy of Sciences"  # @STRING, other case
    assert hausman.fields["month"] == "October~27"  # oct # "~27"
    assert hausman.authors == [Person(family="Hausman", given="David K.")]
    assert lib.keys() == ["bauder2017sanctuary", "hausman2020sanctuary", "paik2020bans", "bauder2021urban",
                          "migsec2021", "solidarity-city"]
    kinds = [b.kind for b in lib.blocks()]
    assert kinds.count("preamble") == 1 and kinds.count("string") == 2 and kinds.count("comment") == 1


def test_names_particles_and_corporate_authors() -> None:
    lib = bibfile.load(DATA / "bib" / "representative.bib")
    editors = lib["migsec2021"].editors
    assert editors[1] == Person(family="Walt", given="St{\\'e}fan", particle="van der")
    assert editors[2] == Person(literal="UNHCR")
    assert lib["migsec2021"].text("title") == "Migration, Security, and Resistance"
    assert lib["paik2020bans"].text("title").endswith("Understanding U.S. Immigration for the Twenty-First Century")


def test_unicode_reading_keeps_latex_in_file(lib_copy: Path) -> None:
    lib = bibfile.load(lib_copy)
    ref = lib["migsec2021"]
    from solicite.codec import to_unicode

    assert to_unicode(ref.editors[0].family) == "González"
    assert "Gonz{\\'a}lez" in ref.raw


def test_crossref_inherits_from_parent() -> None:
    lib = bibfile.load(DATA / "bib" / "representative.bib")
    child = lib.with_crossref(lib["bauder2021urban"])
    assert child.fields["booktitle"] == "Migration, Security, and Resistance"
    assert child.fields["year"] == "2021"
    assert "year" not in lib["bauder2021urban"].fields  # the stored entry is not changed


def diff_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_editing_one_entry_changes_only_its_changed_lines(lib_copy: Path) -> None:
    before = lib_copy.read_text()
    lib = bibfile.load(lib_copy)
    ref = lib["bauder2017sanctuary"].copy()
    ref.fields["note"] = "Open access"
    ref.fields["pages"] = "174--188"
    del ref.fields["x-custom"]
    lib.replace(ref)
    lib.save()
    after = lib_copy.read_text()
    assert diff_lines(before, after) == [
        "-    Pages     = {174--187},",
        "+    Pages     = {174--188},",
        "-    x-custom  = {an unknown field kept as written},",
        "+    note = {Open access},",
    ]
    assert bibfile.load(lib_copy)["bauder2017sanctuary"].fields["note"] == "Open access"


def test_replace_can_change_type_key_and_persons(lib_copy: Path) -> None:
    lib = bibfile.load(lib_copy)
    ref = lib["hausman2020sanctuary"].copy(key="hausman2020", type="misc")
    ref.persons["author"] = ref.authors + [Person(family="Landau", given="Loren")]
    lib.replace(ref, old_key="hausman2020sanctuary")
    lib.save()
    again = bibfile.load(lib_copy)
    assert "hausman2020sanctuary" not in again
    new = again["hausman2020"]
    assert new.type == "misc" and [p.family for p in new.authors] == ["Hausman", "Landau"]
    assert '  author = {Hausman, David K. and Landau, Loren},' in new.raw
    assert 'month = oct # "~27",' in new.raw


def test_changed_field_is_rewritten_canonically(lib_copy: Path) -> None:
    lib = bibfile.load(lib_copy)
    ref = lib["hausman2020sanctuary"].copy()
    ref.fields["title"] = "A new title"
    lib.replace(ref)
    text = lib.dumps()
    assert "  title = {A new title}," in text
    assert '  author = "Hausman, David K.",' in text  # untouched field keeps quotes and spacing
    assert 'month = oct # "~27",' in text  # concatenation kept


def test_add_appends_only(lib_copy: Path) -> None:
    before = lib_copy.read_text()
    lib = bibfile.load(lib_copy)
    key = lib.add(Reference("article", "", {"title": "Possibilities of urban belonging", "journal": "Antipode",
                                            "year": "2016"}, {"author": [Person(family="Bauder", given="H.")]}))
    lib.save()
    after = lib_copy.read_text()
    assert key == "bauder2016possibilities"
    assert after.startswith(before)
    assert after[len(before):] == (
        "\n@article{bauder2016possibilities,\n  author = {Bauder, H.},\n  title = {Possibilities of urban belonging},\n"
        "  journal = {Antipode},\n  year = {2016},\n}\n")


def test_add_deduplicates_taken_keys(lib_copy: Path) -> None:
    lib = bibfile.load(lib_copy)
    k1 = lib.add(Reference("misc", "bauder2017sanctuary", {"title": "x"}))
    k2 = lib.add(Reference("misc", "bauder2017sanctuary", {"title": "y"}))
    assert (k1, k2) == ("bauder2017sanctuarya", "bauder2017sanctuaryb")


def test_remove_and_rename(lib_copy: Path) -> None:
    lib = bibfile.load(lib_copy)
    removed = lib.remove("paik2020bans")
    assert removed.key == "paik2020bans"
    lib.rename("migsec2021", "gonzalez2021migration")
    lib.save()
    again = bibfile.load(lib_copy)
    assert "paik2020bans" not in again and "gonzalez2021migration" in again
    assert again["bauder2021urban"].fields["crossref"] == "gonzalez2021migration"
    with pytest.raises(KeyNotFoundError):
        again.remove("nope")


def test_save_keeps_previous_version_and_is_atomic(lib_copy: Path) -> None:
    original = lib_copy.read_bytes()
    lib = bibfile.load(lib_copy)
    lib.remove("paik2020bans")
    backup = lib.save()
    assert backup == lib_copy.with_name("library.bib.bak")
    assert backup.read_bytes() == original
    assert not list(lib_copy.parent.glob(".library.bib.*.tmp"))  # no temp file left behind


def test_save_refuses_to_lose_an_entry(lib_copy: Path) -> None:
    original = lib_copy.read_bytes()
    lib = bibfile.load(lib_copy)
    # Simulate a writer bug: an entry's block vanishes without remove().
    lib._blocks = [b for b in lib._blocks if b.key != "paik2020bans"]
    with pytest.raises(DataLossError, match="paik2020bans"):
        lib.save()
    assert lib_copy.read_bytes() == original


def test_save_refuses_when_file_changed_on_disk(lib_copy: Path) -> None:
    lib = bibfile.load(lib_copy)
    lib_copy.write_text(lib_copy.read_text() + "\n% edited elsewhere\n")
    lib.add(Reference("misc", "x", {"title": "x"}))
    with pytest.raises(DataLossError, match="changed on disk"):
        lib.save()


def test_duplicate_keys_name_both_locations() -> None:
    text = "@misc{a, title={one}}\n\n@misc{b, title={two}}\n@misc{a, title={three}}\n"
    with pytest.raises(DuplicateKeyError) as info:
        bibfile.loads(text, source="lib.bib")
    assert "'a' at lines 1, 4" in str(info.value) and info.value.path == "lib.bib"
    lib = bibfile.loads(text, allow_duplicates=True)
    assert lib.duplicates == [("a", [1, 4])]


def test_malformed_input_reports_line_and_column() -> None:
    with pytest.raises(BibSyntaxError) as info:
        bibfile.load(DATA / "malformed.bib")
    err = info.value
    assert (err.line, err.column) == (11, 1)
    assert "entry 'broken' that starts at line 6" in str(err)
    assert str(err).startswith(str(DATA / "malformed.bib") + ":11:1:")


def test_lenient_keeps_bad_block_verbatim_and_warns(tmp_path: Path) -> None:
    copy = tmp_path / "m.bib"
    shutil.copy(DATA / "malformed.bib", copy)
    lib = bibfile.load(copy, lenient=True)
    assert lib.keys() == ["ok1", "ok2"]
    assert [d.code for d in lib.diagnostics] == ["syntax"]
    lib.add(Reference("misc", "new", {"title": "n"}))
    lib.save()
    assert copy.read_bytes().startswith((DATA / "malformed.bib").read_bytes())


@pytest.mark.parametrize("text, message", [
    ("@article{x, title = }", "expected a value"),
    ("@article{x title = {a}}", "expected ','"),
    ("@article{x, = {a}}", "expected a field name"),
    ('@article{x, title = "unclosed}', "unbalanced braces"),
])
def test_syntax_errors_are_explained(text: str, message: str) -> None:
    with pytest.raises(BibSyntaxError, match=message):
        bibfile.loads(text)


def test_canonical_format_is_stable() -> None:
    ref = Reference("online", "k", {"url": "https://x.org", "title": "T", "month": "October", "year": "2018",
                                    "keywords": "Media & Blogs"}, {"author": [Person(literal="UNHCR")]})
    text = bibfile.format_entry(ref)
    assert text == ("@online{k,\n  author = {{UNHCR}},\n  title = {T},\n  year = {2018},\n  month = oct,\n"
                    "  url = {https://x.org},\n  keywords = {Media & Blogs},\n}")
    again = bibfile.loads(text).references[0]
    assert bibfile.format_entry(again) == text
    assert again.authors == [Person(literal="UNHCR")]
