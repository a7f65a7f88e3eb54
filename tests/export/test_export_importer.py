"""Reading files of every format, including what Zotero and other tools write."""

from __future__ import annotations

import pytest

from solicite.errors import InputError
from solicite.duplicates import DuplicateIndex
from solicite.export.importer import detect_format, read_text
from solicite.model import Person, Reference


def test_detect_format_by_extension_then_content() -> None:
    assert detect_format("", "a.ris") == "ris"
    assert detect_format("", "a.bib") == "bibtex"
    assert detect_format("  [ {}", "") == "csl-json"
    assert detect_format("\nTY  - JOUR\n", "x.txt") == "ris"
    assert detect_format("% c\n@article{x,\n}", "") == "bibtex"
    with pytest.raises(InputError):
        detect_format("hello", "x.txt")


def test_zotero_style_ris_with_continuation_lines_and_tags_we_ignore() -> None:
    text = ("\ufeffTY  - CHAP\r\nTI  - Urban sanctuary and solidarity: a global challenge to\r\n"
            "   sovereignty\r\nAU  - Bauder, Harald\r\nA2  - Smith, Ann\r\nT2  - Migration, Security, and Resistance\r\n"
            "PY  - 2021\r\nSP  - 183\r\nEP  - 204\r\nPB  - Routledge\r\nDP  - Zotero\r\nER  - \r\n")
    result = read_text(text, "ris")
    [ref] = result.references
    assert ref.type == "incollection"
    assert ref.fields["title"] == "Urban sanctuary and solidarity: a global challenge to sovereignty"
    assert ref.fields["booktitle"] == "Migration, Security, and Resistance"
    assert ref.persons["editor"] == [Person(family="Smith", given="Ann")]
    assert ref.fields["pages"] == "183--204" and ref.fields["year"] == "2021"


def test_ris_podcast_and_working_paper() -> None:
    text = ("TY  - SOUND\nTI  - What makes a city solidary?\nT3  - Salto\nM3  - Podcast\nER  - \n"
            "TY  - RPRT\nTI  - Decolonizing\nSN  - 2023/03\nM3  - Working paper\nPB  - TMU\nER  - \n")
    podcast, paper = read_text(text, "ris").references
    assert podcast.type == "podcast" and podcast.fields["booktitle"] == "Salto"
    assert paper.type == "techreport" and paper.fields == {
        "title": "Decolonizing", "institution": "TMU", "type": "Working paper", "number": "2023/03"}


def test_csl_json_from_zotero_uses_the_citation_key_line_not_the_item_uri() -> None:
    text = ('[{"id": "http://zotero.org/users/1/items/ABC", "type": "article-newspaper", "title": "T",'
            ' "container-title": "New York Times", "note": "Citation Key: robbins2017\\nOther",'
            ' "issued": {"date-parts": [["2017", "1", "25"]]}}]')
    [ref] = read_text(text).references
    assert ref.key == "robbins2017" and ref.type == "article"
    assert ref.fields == {"title": "T", "journal": "New York Times", "entrysubtype": "newspaper", "note": "Other",
                          "date": "2017-01-25"}


def test_csl_json_uri_ids_leave_the_key_to_the_library() -> None:
    [ref] = read_text('[{"id": "http://zotero.org/users/1/items/ABC", "type": "book", "title": "T"}]').references
    assert ref.key == ""


def test_bibtex_problems_are_values() -> None:
    result = read_text("@article{a,\n  title = {A},\n}\n@article{b,\n  title = {B\n", "bibtex")
    assert [r.key for r in result.references] == ["a"]
    assert result.diagnostics and result.diagnostics[0].code == "syntax"


def test_duplicate_index_matches_by_doi_title_and_key() -> None:
    old = Reference("article", "bauder2017", {"title": "Sanctuary {Cities}", "year": "2017", "doi": "10.1/AB"},
                    {"author": [Person(family="Bauder", given="H.")]})
    index = DuplicateIndex([old])
    assert index.match(Reference("misc", "", {"doi": "https://doi.org/10.1/ab"})) == ("bauder2017", "doi")
    assert index.match(Reference("misc", "zz", {"title": "sanctuary cities", "year": "2017"},
                                 {"author": [Person(family="Bauder")]})) == ("bauder2017", "title")
    assert index.match(Reference("misc", "zz", {"title": "sanctuary cities", "year": "2018"},
                                 {"author": [Person(family="Bauder")]})) is None
    assert index.match(Reference("misc", "bauder2017", {"title": "Other"})) is None
