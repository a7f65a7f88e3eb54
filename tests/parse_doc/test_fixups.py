"""Corrections from the document's own evidence: link text, glued places, quotes, chapters, pages."""

from __future__ import annotations

from solicite.model import Person, Reference
from solicite.parse.fixups import fix, is_all_link, name_reference, web_reference


def test_name_reference_types_and_trailing_year():
    assert name_reference("Soli*City Blog", {}).type == "misc"
    ref = name_reference("Charta of Palermo, 2015", {"lostlink": "external link"})
    assert (ref.type, ref.fields) == ("online", {"title": "Charta of Palermo", "year": "2015"})
    assert name_reference("Media & Blogs.", {"url": "https://x.org"}).fields == {"title": "Media \\& Blogs"}
    assert name_reference("2015", {}).fields == {"title": "2015"}  # a year alone stays the name


def test_name_reference_moves_glosses_and_qualifiers_out_of_the_title():
    gloss = name_reference("PRAIDA (Regional Program for the Settlement of Asylum Seekers)", {})
    assert gloss.fields == {"title": "PRAIDA", "note": "Regional Program for the Settlement of Asylum Seekers"}
    # An acronym after a dash is the body publishing the page; a word is a part of the site.
    assert name_reference("Communities Of Solidarity - EU", {}).fields == {
        "title": "Communities Of Solidarity", "organization": "EU"}
    assert name_reference("Solidarity City Vienna - Media.", {}).fields == {"title": "Solidarity City Vienna",
                                                                            "note": "Media"}
    # Not a gloss: a bracket of one word, or a name that is no acronym; not a qualifier: a one-word name.
    assert name_reference("OCASI (Ontario)", {}).fields == {"title": "OCASI (Ontario)"}
    assert name_reference("Lawyers (Without Borders)", {}).fields == {"title": "Lawyers (Without Borders)"}
    assert name_reference("Covid - EU", {}).fields == {"title": "Covid - EU"}


def test_values_are_always_writable_bibtex():
    assert name_reference("Broken {name & 50% more", {}).fields["title"] == "Broken name \\& 50\\% more"


def test_is_all_link():
    assert is_all_link("Charta of Palermo, 2015", ["Charta of Palermo, 2015"])
    assert not is_all_link("Charta of Palermo, 2015. UN.", ["Charta of Palermo, 2015"])


def test_web_reference_title_medium_publisher():
    ref = web_reference("What makes a city solidary? Podcast. Salto.", ["What makes a city solidary?"], {"lostlink": "x"})
    assert (ref.type, ref.fields) == ("online", {"title": "What makes a city solidary?", "howpublished": "Podcast",
                                                 "organization": "Salto"})
    ref = web_reference("Inclusive Cities, Communities of Solidarity. Youtube. IOM.", [], {})
    assert ref.fields == {"title": "Inclusive Cities, Communities of Solidarity", "booktitle": "Youtube",
                          "howpublished": "Youtube", "organization": "IOM"}
    ref = web_reference("A title. Some Site.", ["A title"], {"lostlink": "external link"})
    assert (ref.type, ref.fields) == ("online", {"title": "A title", "organization": "Some Site"})
    assert web_reference("A title. Some Site.", [], {}) is None  # no link text, no medium: the tagger reads it
    assert web_reference("Smith, J. Title. Video. Site.", [], {}) is None  # an author list
    assert web_reference("Smith, J. (2020). Title. Site.", [], {}) is None  # a year: the tagger's job
    assert web_reference("A title. Part two is long and says many more words here. Site.", [], {}) is None


def _ref(kind="misc", persons=None, **fields):
    return Reference(kind, "", fields, persons or {})


def test_title_cut_at_link_text_rest_to_organization_or_glued_container():
    text = "Penny, E. (13 December 2016). Solidarity cities. The Conversation."
    ref = fix(_ref(title="Solidarity cities. The Conversation", year="2016"), text, ["Solidarity cities"])
    assert (ref.type, ref.fields["title"], ref.fields["organization"]) == ("online", "Solidarity cities", "The Conversation")
    text = "Setrana, M. B. (2021). Migration in the Agogo area, Ghana. Ghana Journal of Geography, 13(2)."
    ref = fix(_ref("article", title="Migration in the Agogo area, Ghana. Ghana", journal="Journal of Geography"),
              text, ["Migration in the Agogo area, Ghana"])
    assert (ref.fields["title"], ref.fields["journal"]) == ("Migration in the Agogo area, Ghana", "Ghana Journal of Geography")
    # The rest is neither glued to a container nor alone: nothing is changed.
    same = _ref("article", title="T one. Two", journal="J")
    assert fix(same, "A (2020). T one. Two. Other J.", ["T one"]).fields == {"title": "T one. Two", "journal": "J"}


def test_glued_place_stays_in_the_name():
    text = "Jung, J. (2024). Urban sanctuary. Working paper no. 2024/02. Toronto Metropolitan University."
    ref = fix(_ref("techreport", institution="Metropolitan University", address="Toronto"), text, [])
    assert ref.fields == {"institution": "Toronto Metropolitan University"}
    text = "Smith, J. (2020). Book. Toronto: Metropolitan University Press."
    kept = _ref("book", publisher="Metropolitan University Press", address="Toronto")
    assert fix(kept, text, []).fields == {"publisher": "Metropolitan University Press", "address": "Toronto"}


def test_opening_quote_restored_apostrophes_ignored():
    text = "Robbins, L. (25 October 2017). ‘Sanctuary city’ mayors vow to defy Trump’s order. New York Times."
    ref = fix(_ref(title="Sanctuary city’ mayors vow to defy Trump’s order"), text, [])
    assert ref.fields["title"] == "‘Sanctuary city’ mayors vow to defy Trump’s order"
    ref = fix(_ref(title="Trump’s order"), "Trump’s order.", [])
    assert ref.fields["title"] == "Trump’s order"


def test_chapter_from_in_and_page_after_volume():
    text = "Kuge, J. (2022). Countering. In Questioning Planetary Illiberal Geographies (pp. 54-75). Routledge."
    ref = fix(_ref("article", journal="Questioning Planetary Illiberal Geographies", pages="54--75"), text, [])
    assert ref.type == "incollection" and ref.fields["booktitle"] == "Questioning Planetary Illiberal Geographies"
    assert "journal" not in ref.fields
    text = "Lasch, C. N. (2018). Understanding sanctuary cities. Boston College Law Review, 59, 1703."
    ref = fix(_ref("article", journal="Boston College Law Review", volume="59",
                   persons={"author": [Person("Lasch", "C. N.")]}), text, [])
    assert ref.fields["pages"] == "1703"


def test_repeated_fields_dropped():
    ref = fix(_ref("techreport", number="2019(1)", volume="2019", type="MIASA Working Paper",
                   howpublished="MIASA Working Paper"), "x", [])
    assert ref.fields == {"number": "2019(1)", "type": "MIASA Working Paper"}


def test_title_tail_read_twice_is_kept_only_in_the_title():
    ref = fix(_ref("techreport", title="Access in a Sanctuary City, Toronto Canada", type="Toronto Canada. Working paper",
                   number="2023/02"), "x", [])
    assert ref.fields["type"] == "Working paper"
    ref = fix(_ref("techreport", title="Studies: hospitality, and solidarity", type="TMCIS/CERC Working paper"), "x", [])
    assert ref.fields["type"] == "TMCIS/CERC Working paper"


def test_pages_without_a_number_are_a_name():
    ref = fix(_ref(title="Concept Note", pages="UNHCR", year="2022"), "Concept Note. (2022). UNHCR.", [])
    assert ref.fields == {"title": "Concept Note", "publisher": "UNHCR", "year": "2022"}
    assert fix(_ref(title="T", pages="xii--xv"), "x", []).fields["pages"] == "xii--xv"


def test_platform_is_the_videos_container_and_survives_csl_json():
    """A platform named as the medium ("Youtube.") is the video's container in CSL-JSON, both ways."""
    from solicite.export.csljson import from_csl, to_csl

    ref = web_reference("Inclusive Cities, Communities of Solidarity. Youtube. IOM.", [], {})
    ref.key = "iom"
    item = to_csl(ref)
    assert (item["type"], item["container-title"], item["publisher"], item["medium"]) == (
        "motion_picture", "Youtube", "IOM", "Youtube")
    assert to_csl(from_csl(item)) == item
    podcast = web_reference("What makes a city solidary? Podcast. Salto.", ["What makes a city solidary?"], {})
    assert "booktitle" not in podcast.fields  # "Podcast" is a medium, not a place of publication
