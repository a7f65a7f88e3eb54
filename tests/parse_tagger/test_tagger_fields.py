"""Rule-based field clean-up: pages, volume/issue, DOI, URL, reports, editions, escaping."""

import pytest

from solicite.parse import fields as F


@pytest.mark.parametrize(
    "text, expected",
    [("pp. 183-204", "183--204"), ("(pp. 54–75).", "54--75"), ("p. 5.", "5"), ("1703.", "1703"),
     ("27262-27267.", "27262--27267"), ("e1002-e1010", "e1002--e1010")],
)
def test_pages(text, expected):
    assert F.pages(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("48(2),", ("48", "2")), ("117 (44)", ("117", "44")), ("Vol. 12.", ("12", "")),
     ("vol. 3, no. 4,", ("3", "4")), ("No. 365.", ("", "365")), ("59,", ("59", "")), ("12: 3", ("12", "3"))],
)
def test_volume_number(text, expected):
    assert F.volume_number(text) == expected


def test_doi_bare_and_trimmed():
    # One DOI finder (solicite.doi) for the parser, the noise stripper and the link checker.
    from solicite.doi import find_doi

    assert find_doi("https://doi.org/10.1073/pnas.2014673117.") == "10.1073/pnas.2014673117"
    sici = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
    assert find_doi(f"doi:{sici}.") == sici  # the SICI brackets are part of it
    assert find_doi("(see 10.1000/xyz123)") == "10.1000/xyz123"  # a bracket it does not open is not
    assert find_doi("no doi here") == ""


def test_url_trimmed_and_not_doi():
    assert F.find_url("See https://example.org/a_b?x=1). Next") == "https://example.org/a_b?x=1"
    assert F.find_url("https://doi.org/10.1/x") == ""


@pytest.mark.parametrize(
    "text, expected",
    [("TMCIS/CERC Working paper no. 2023/03. Toronto Metropolitan University.", ("TMCIS/CERC Working paper", "2023/03")),
     ("Working paper no. 2024/02.", ("Working paper", "2024/02")),
     ("MIASA Working Paper 2019(1).", ("MIASA Working Paper", "2019(1)")),
     ("Technical Report TR-2004-12", ("Technical Report", "TR-2004-12"))],
)
def test_report_numbers(text, expected):
    assert F.report(text) == expected


def test_no_report_in_plain_text():
    assert F.report("A history of the world") is None


@pytest.mark.parametrize("text, expected", [("2nd ed.", "2"), ("Second edition", "2"), ("(3rd ed.)", "3")])
def test_edition(text, expected):
    assert F.edition(text) == expected


def test_container_drops_in_pages_and_eds():
    assert F.container("In Migration, Security, and Resistance (pp. 183-204).") == "Migration, Security, and Resistance"
    assert F.container("In: Handbook of Things (Eds.),") == "Handbook of Things"


def test_clean_keeps_question_mark_and_strips_quotes():
    assert F.clean("“Why no borders?”.") == "Why no borders?"
    assert F.clean("‘Sanctuary city’ mayors vow,") == "‘Sanctuary city’ mayors vow"


@pytest.mark.parametrize(
    "raw, expected",
    [("Health Services Research 49(5): 1670-1683.", {"volume": "49", "number": "5", "pages": "1670--1683"}),
     ("Journal of Robotic Systems, 5:497–525, 1988.", {"volume": "5", "pages": "497--525"}),
     ("Materials and Design 34 (2012): 285-292.", {"volume": "34", "pages": "285--292"}),
     ("Meeting at 10:30 today", {})],
)
def test_volume_colon_pages(raw, expected):
    assert F.volume_colon_pages(raw) == expected


def test_certain_fields_vancouver_and_labels():
    assert F.certain_fields("Urban Stud. 2021;58(16):3213-29.") == {
        "year": "2021", "volume": "58", "number": "16", "pages": "3213--3229"}
    assert F.certain_fields("Press. Vol. 12.") == {"volume": "12"}
    assert F.certain_fields("In Book (pp. 183-204).") == {"pages": "183--204"}
