"""to_csl / from_csl on hand-written references, with the expected CSL written out by hand."""

from __future__ import annotations

import json

from solicite.export.csljson import EXPORTER, date_from_csl, date_to_csl, from_csl, to_csl
from solicite.model import Person, Reference, parse_names


def _article() -> Reference:
    return Reference(
        "article",
        "hausman2020sanctuary",
        {
            "title": "Sanctuary policies reduce {DNA} deportations in Gonz{\\'a}lez \\& Co",
            "journal": "Proceedings of the National Academy of Sciences",
            "volume": "117",
            "number": "44",
            "pages": "27262--27267",
            "year": "2020",
            "month": "oct",
            "doi": "https://doi.org/10.1073/pnas.2014673117",
            "keywords": "Scholarly Articles, cities",
            "urldate": "2024-02-13",
            "note": "Open access",
        },
        {"author": parse_names("Hausman, David K. and van der Walt, St{\\'e}fan and {UNHCR}")},
    )


def test_to_csl_maps_every_field_by_hand() -> None:
    item = to_csl(_article())
    assert item == {
        "id": "hausman2020sanctuary",
        "citation-key": "hausman2020sanctuary",
        "type": "article-journal",
        "author": [
            {"family": "Hausman", "given": "David K."},
            {"family": "Walt", "given": "Stéfan", "non-dropping-particle": "van der"},
            {"literal": "UNHCR"},
        ],
        "title": 'Sanctuary policies reduce <span class="nocase">DNA</span> deportations in González & Co',
        "container-title": "Proceedings of the National Academy of Sciences",
        "volume": "117",
        "issue": "44",
        "page": "27262-27267",
        "DOI": "10.1073/pnas.2014673117",
        "keyword": "Scholarly Articles, cities",
        "note": "Open access",
        "issued": {"date-parts": [[2020, 10]]},
        "accessed": {"date-parts": [[2024, 2, 13]]},
    }


def test_from_csl_inverts_to_csl() -> None:
    ref = from_csl(to_csl(_article()))
    assert ref.type == "article"
    assert ref.key == "hausman2020sanctuary"
    assert ref.fields["title"] == "Sanctuary policies reduce {DNA} deportations in González \\& Co"
    assert ref.fields["pages"] == "27262--27267"
    assert ref.fields["number"] == "44"
    assert ref.fields["year"] == "2020" and ref.fields["month"] == "10"
    assert ref.fields["doi"] == "10.1073/pnas.2014673117"
    assert ref.fields["urldate"] == "2024-02-13"
    assert ref.persons["author"][1] == Person(family="Walt", given="Stéfan", particle="van der")
    assert ref.persons["author"][2] == Person(literal="UNHCR")


def test_types_for_zotero_relevant_kinds() -> None:
    cases = {
        ("article", "newspaper"): "article-newspaper",
        ("article", "magazine"): "article-magazine",
        ("podcast", ""): "broadcast",
        ("techreport", ""): "report",
        ("online", ""): "webpage",
        ("misc", ""): "document",
        ("inproceedings", ""): "paper-conference",
    }
    for (btype, sub), expected in cases.items():
        fields = {"title": "T"}
        if sub:
            fields["entrysubtype"] = sub
        assert to_csl(Reference(btype, "k", fields))["type"] == expected, btype
    # A misc with only a URL is a web page; "Working paper" in howpublished makes a report.
    assert to_csl(Reference("misc", "k", {"url": "https://x.org"}))["type"] == "webpage"
    assert to_csl(Reference("misc", "k", {"howpublished": "Working paper"}))["type"] == "report"


def test_thesis_genre_round_trip() -> None:
    item = to_csl(Reference("phdthesis", "k", {"title": "T", "school": "York University", "year": "2001"}))
    assert item["genre"] == "PhD thesis" and item["publisher"] == "York University"
    back = from_csl(item)
    assert back.type == "phdthesis" and "type" not in back.fields and back.fields["school"] == "York University"


def test_dates() -> None:
    assert date_to_csl("2018-10-04") == {"date-parts": [[2018, 10, 4]]}
    assert date_to_csl("2018/2019") == {"date-parts": [[2018], [2019]]}
    assert date_to_csl("", "2018", "October", "4") == {"date-parts": [[2018, 10, 4]]}
    assert date_to_csl("", "in press") == {"raw": "in press"}
    assert date_from_csl({"date-parts": [[2018, 10, 4]]}) == {"date": "2018-10-04"}
    assert date_from_csl({"date-parts": [["2018"]]}) == {"year": "2018"}
    assert date_from_csl({"raw": "2018-10"}) == {"year": "2018", "month": "10"}


def test_citation_key_line_in_note_becomes_the_key() -> None:
    ref = from_csl({"id": "ITEM-1", "type": "book", "title": "T", "note": "Citation Key: bagelman2016\nSome note"})
    assert ref.key == "bagelman2016" and ref.fields["note"] == "Some note"


def test_corporate_family_name_without_given_stays_whole() -> None:
    ref = from_csl({"id": "x", "type": "report", "author": [{"family": "World Health Organization"}]})
    assert ref.persons["author"] == [Person(literal="World Health Organization")]


def test_exporter_writes_a_json_array() -> None:
    assert EXPORTER.name == "csl-json" and EXPORTER.extension == "json"
    data = json.loads(EXPORTER.export([_article()]))
    assert [d["id"] for d in data] == ["hausman2020sanctuary"]


def test_bibtex_export_writes_stray_braces_as_commands_instead_of_failing() -> None:
    from solicite import bibfile
    from solicite.export.bibtex import EXPORTER as BIBTEX

    out = BIBTEX.export([Reference("misc", "k", {"title": "a } b {c} \\} d", "note": "\\{x"})])
    ref = bibfile.loads(out).references[0]
    assert ref.fields == {"title": "a \\textbraceright{} b {c} \\textbraceright{} d", "note": "\\textbraceleft{}x"}
