"""Golden cases (hand-written, see tests/data/parse_tagger/README.md) through the shipped model."""

import json
from pathlib import Path

import pytest

from solicite.parse.tagger import parse_reference, parse_references

CASES = json.loads((Path(__file__).parent.parent / "data" / "parse_tagger" / "golden.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_golden(case):
    ref, diags = parse_reference(case["text"])
    assert ref.raw == case["text"]
    assert ref.key == ""
    if "type" in case:
        assert ref.type == case["type"]
    if "authors" in case:
        assert [(p.particle + " " + p.family).strip() or p.literal for p in ref.authors] == case["authors"]
    for name, value in case["fields"].items():
        assert ref.fields.get(name) == value, name
    assert not [d for d in diags if d.severity == "error"]


def test_batch_keeps_order_and_count():
    texts = [c["text"] for c in CASES]
    results = parse_references(texts)
    assert [ref.raw for ref, _ in results] == texts


@pytest.mark.parametrize("odd", ["", "   ", "....", "(external link)", "12", "ä" * 500, "x" * 5000, "\x00\x01", "{{{", "}"])
def test_odd_input_never_raises(odd):
    ref, diags = parse_reference(odd)
    assert ref.type in {"misc", "article", "book", "incollection", "inproceedings", "techreport", "thesis", "online"}
    assert ref.raw == odd
    from solicite.text import braces_balanced

    assert all(braces_balanced(v) for v in ref.fields.values())


def test_unparsable_gives_misc_with_text_and_warning():
    ref, diags = parse_reference("....")
    assert ref.type == "misc"
    assert "...." in " ".join(ref.fields.values())
    assert any(d.severity == "warning" for d in diags)


def test_special_characters_are_escaped():
    ref, _ = parse_reference("Smith, J. (2020). Borders & belonging: 100% local. Journal of Cities & Towns, 3(1), 1-9.")
    assert r"\&" in ref.fields["title"] and r"\%" in ref.fields["title"]
    assert "&" not in ref.fields["title"].replace(r"\&", "")


def test_dates_with_day_and_month():
    ref, _ = parse_reference("Robbins, L. (25 October 2017). ‘Sanctuary city’ mayors vow to defy Trump’s immigration order. New York Times.")
    assert (ref.fields["year"], ref.fields["month"], ref.fields["day"]) == ("2017", "10", "25")
    assert [p.family for p in ref.authors] == ["Robbins"]


def test_batch_restores_garbage_collector():
    import gc

    assert gc.isenabled()
    parse_references(["Bagelman, J. (2016). Sanctuary city: A suspended state. Palgrave McMillan."])
    assert gc.isenabled()


def test_non_string_input_is_a_value_not_an_exception():
    ref, diags = parse_references([None])[0]  # type: ignore[list-item]
    assert ref.type == "misc" and diags


def test_parsed_entries_round_trip_through_bibtex():
    from solicite import bibfile

    texts = [c["text"] for c in CASES] + ["Smith & Sons (2020). 100% #1: a_b {odd. Journal of Q&A, 3(1), 1-9."]
    for i, (ref, _) in enumerate(parse_references(texts)):
        ref.key = f"k{i}"
        back = bibfile.loads(bibfile.format_entry(ref)).references[0]
        assert back.type == ref.type
        assert back.fields.get("title") == ref.fields.get("title")
        assert [p.family for p in back.authors] == [p.family for p in ref.authors]


@pytest.mark.parametrize("text, title", [
    ('ROUVIERE, Serge. "Michel n’arrive pas à faire son ménage". Carnet de route. JANSSEN-CILAG 2011, 44 p.',
     "Michel n’arrive pas à faire son ménage"),
    ("Shlikhter, A. “Bor’ba za khleb na Ukraine v 1919 godu,” Litopys revoliutsii, no. 2 (1928): 5-9.",
     "Bor’ba za khleb na Ukraine v 1919 godu"),
])
def test_quoted_title_ends_at_closing_quote(text, title):
    ref, diags = parse_reference(text)
    assert ref.fields["title"] == title
    assert not any(d.code == "parse-unparsed" for d in diags)
