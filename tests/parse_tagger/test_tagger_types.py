"""Entry types chosen from the fields found and the telling words of the reference."""

import pytest

from solicite.parse.tagger import parse_reference

CASES = [
    ("Lacroix, T. (2022). Migration-related city networks: A global overview. Local Government Studies, 48(6), 1027-1047.",
     "article"),
    ("Bagelman, J. (2016). Sanctuary city: A suspended state. Palgrave McMillan.", "book"),
    ("Smith, A. (2010). Cities and migrants. In B. Jones & C. Brown (Eds.), Handbook of urban studies (pp. 10-25). Routledge.",
     "incollection"),
    ("Lee, K., & Park, S. (2019). Fast parsing of references. In Proceedings of the 12th International Conference on "
     "Document Analysis (pp. 101-108). IEEE.", "inproceedings"),
    ("Bernhard, K., Young, J. & Goldring, L. (2023). Access to Early Childhood Services by Precarious Status Families. "
     "Working paper no. 2023/02. Toronto Metropolitan University.", "techreport"),
    ("Nguyen, T. (2018). Sanctuary and the city [Master's thesis]. York University.", "thesis"),
    ("Penny, E. (13 December 2016). Solidarity cities. The Conversation.", "online"),
    ("What makes a city solidary? Podcast. Salto.", "online"),
    ("Lawyers Without Borders", "misc"),
]


@pytest.mark.parametrize("text, kind", CASES, ids=[k for _, k in CASES])
def test_types(text, kind):
    ref, _ = parse_reference(text)
    assert ref.type == kind


def test_techreport_fields():
    ref, _ = parse_reference(CASES[4][0])
    assert ref.fields["number"] == "2023/02"
    assert ref.fields["institution"] == "Toronto Metropolitan University"
    assert ref.fields["type"] == "Working paper"


@pytest.mark.parametrize("series, institution, kind", [
    ("MIASA Working Paper 2019(1).", "MIASA", "Working Paper"),  # the acronym naming the series issues it
    ("NBER Working Paper 2345. National Bureau of Economic Research.", "National Bureau of Economic Research",
     "NBER Working Paper"),  # an institution written out wins; the series keeps its name
    ("WORKING PAPER 12.", None, "WORKING PAPER"),  # capitals alone are no owner
])
def test_working_paper_institution(series, institution, kind):
    ref, _ = parse_reference("Bauder, H. (2019). Urban sanctuary in a global context. " + series)
    assert ref.type == "techreport"
    assert (ref.fields.get("institution"), ref.fields["type"]) == (institution, kind)


def test_thesis_kind_kept_and_title_clean():
    ref, _ = parse_reference(CASES[5][0])
    assert ref.fields["title"] == "Sanctuary and the city"
    assert "thesis" in ref.fields["type"].lower()


def test_apa6_thesis_splits_kind_and_school():
    ref, _ = parse_reference("Nguyen, T. (2018). Sanctuary and the city (Doctoral dissertation, York University).")
    assert ref.type == "thesis"
    assert (ref.fields["title"], ref.fields["type"], ref.fields["school"]) == (
        "Sanctuary and the city", "Doctoral dissertation", "York University")


def test_ieee_proc_abbreviation_is_inproceedings():
    ref, _ = parse_reference('J. Smith and K. Lee, "Deep parsing of citations," in Proc. 12th Int. Conf. '
                             'Document Analysis, Sydney, Australia, 2019, pp. 101-108.')
    assert ref.type == "inproceedings"
    assert ref.fields["pages"] == "101--108"


def test_online_site_name_goes_to_organization():
    ref, _ = parse_reference(CASES[6][0])
    assert ref.fields["organization"] == "The Conversation"
