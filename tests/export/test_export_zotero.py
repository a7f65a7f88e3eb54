"""zotero_lint and the Zotero-tuned exports, on the fixture set (findings written out by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from solicite import bibfile
from solicite.export.zotero import export_zotero_csl, zotero_bibtex_entry, zotero_lint
from solicite.model import Person, Reference, parse_names


def _findings(export_data: Path) -> set[tuple[str, str]]:
    lib = bibfile.load(export_data / "fixtures.bib")
    return {(d.key, d.code) for d in zotero_lint(lib.references)}


def test_lint_reports_what_zotero_would_drop_or_mangle(export_data: Path) -> None:
    found = _findings(export_data)
    expected = {
        ("salto2021solidary", "zotero-type-dropped"),  # @podcast is discarded
        ("smith2020sanctuary", "zotero-type-dropped"),  # @dataset is discarded
        ("iom2019inclusive", "zotero-type-mangled"),  # @misc becomes a Document, not a film
        ("robbins2017sanctuary", "zotero-type-mangled"),  # a newspaper article becomes a Journal Article
        ("penny2016solidarity", "zotero-type-mangled"),  # a news site's @online becomes a Web Page
        ("robbins2017sanctuary", "zotero-field-dropped"),  # entrysubtype
        ("kuge2022countering", "zotero-field-dropped"),  # venue
        ("unhcr2022cities", "zotero-field-dropped"),  # lostlink
        ("lasch2018understanding", "zotero-case-lost"),  # {United States}, {DNA}
        ("robbins2017sanctuary", "zotero-case-lost"),  # {Trump}
        ("unhcr2022cities", "zotero-case-lost"),  # {Americas}
        ("kuge2022countering", "zotero-case-lost"),  # {AAG} in eventtitle
        ("lasch2018understanding", "zotero-note"),
        ("unzueta2017expanding", "zotero-note"),
        ("unhcr2022cities", "zotero-string-names"),  # author = unhcr
        ("", "zotero-key-dropped"),
    }
    assert found == expected


def test_lint_names_the_fields_and_words() -> None:
    ref = Reference("article", "k", {"title": "The {DNA} of {NASA}", "lostlink": "x", "journal": "J"},
                    {"bookauthor": parse_names("Doe, J.")})
    messages = {d.code: d.message for d in zotero_lint([ref])}
    assert messages["zotero-field-dropped"].endswith("bookauthor, lostlink")
    assert "{DNA}, {NASA}" in messages["zotero-case-lost"]


def test_zotero_csl_keeps_the_key_as_field_and_extra_line_and_the_show_as_series() -> None:
    # schema.json csl.fields maps citation-key to Zotero 7's Citation Key field; older Zotero reads the Extra line.
    podcast = Reference("podcast", "salto2021", {"title": "T", "booktitle": "Salto Podcast", "note": "n"})
    item = json.loads(export_zotero_csl([podcast]))[0]
    assert item["type"] == "broadcast"
    assert item["note"] == "Citation Key: salto2021\nn"
    assert item["collection-title"] == "Salto Podcast" and "container-title" not in item
    assert item["citation-key"] == "salto2021"


def test_zotero_bibtex_entry_uses_known_types_unicode_and_double_braced_corporate_names() -> None:
    ref = Reference("podcast", "salto2021", {"title": "{DNA} of Gonz{\\'a}lez", "booktitle": "Salto",
                                             "url": "https://x.org/1", "keywords": "a, b", "urldate": "2024-01-02",
                                             "year": "2021", "month": "mar"},
                    {"author": parse_names("{Salto Collective}")})
    entry = zotero_bibtex_entry(ref)
    assert entry.type == "online"
    assert entry.fields["title"] == "DNA of González"
    assert entry.fields["date"] == "2021-03" and entry.fields["urldate"] == "2024-01-02"
    assert entry.fields["keywords"] == "a, b" and entry.fields["type"] == "Podcast"
    from solicite.bibfile import format_entry

    assert "author = {{Salto Collective}}," in format_entry(entry)


def test_zotero_csl_names_and_podcast_fields_as_zotero_reads_them() -> None:
    # itemFromCSLJSON() reads family/given/literal only, and turns a broadcast with a publisher
    # or container-title into a TV Broadcast: particles, suffixes and the publisher must move.
    ref = Reference("online", "ep12", {"title": "T", "organization": "Salto", "howpublished": "Podcast",
                                       "publisher": "Salto Media", "keywords": "Media, Blogs"},
                    {"author": parse_names("van der Walt, Jr., Stéfan")})
    item = json.loads(export_zotero_csl([ref]))[0]
    assert item["type"] == "broadcast"
    assert item["author"] == [{"family": "van der Walt", "given": "Stéfan, Jr."}]
    assert "publisher" not in item and "container-title" not in item and item["collection-title"] == "Salto"
    assert item["note"] == "Citation Key: ep12\nPublisher: Salto Media\nKeywords: Media, Blogs"


def test_zotero_csl_reads_back_into_the_same_reference() -> None:
    from solicite.export.csljson import from_csl

    ref = Reference("article", "lasch2018", {"title": "T", "journal": "J", "keywords": "a, b", "note": "n"},
                    {"author": parse_names("van der Walt, Jr., Stéfan")})
    back = from_csl(json.loads(export_zotero_csl([ref]))[0])
    assert back.key == "lasch2018"
    # Zotero's own CSL export splits particles again; ours keeps them in the last name, which
    # reads back as a braced family name (BibTeX's way of keeping "van der Walt" whole).
    assert back.persons["author"] == [Person(family="{van der Walt}", given="Stéfan", suffix="Jr.")]
    assert back.fields == {"title": "T", "journal": "J", "keywords": "a, b", "note": "n"}
