"""PDF extraction slips and chapters without "In:" (issue 14), on hand-written references.

Each string was written by hand in the shape the issue names ("Phys .Rev .Lett .,vol .49",
"ofCharged", "Com- mun.", "Rev.D85 ( 2012)014035"; a chapter's "in Book (Ed.: X)"), and each
expectation is what a person reads in it.
"""

from __future__ import annotations

import pytest

from solicite.parse.pdftext import normalise
from solicite.parse.tagger import parse_reference


@pytest.mark.parametrize("text, printed", [
    ("A. Einstein, Phys .Rev .Lett .,vol .49 ,pp .1-5 ,1982.", "A. Einstein, Phys. Rev. Lett., vol. 49, pp. 1-5, 1982."),
    ("S. Weinberg, Phys. Rev.D85 ( 2012)014035.", "S. Weinberg, Phys. Rev. D85 (2012) 014035."),
    ("B. Simon, Motion ofCharged particles, Com- mun. Math. Phys. 12 (1970) 33-40.",
     "B. Simon, Motion of Charged particles, Commun. Math. Phys. 12 (1970) 33-40."),
    ("K. Lee, Self- assembled mono- layers, J. Chem. 3 (1990) 1.", "K. Lee, Self-assembled monolayers, J. Chem. 3 (1990) 1."),
])
def test_pdf_slips_are_mended(text, printed):
    assert normalise(text) == printed


@pytest.mark.parametrize("text", [
    "Bauder, H. (2016). Possibilities of urban belonging. Antipode, 48(2), 252-271.",
    "Dupont, J. (1994). La ville : essai. Paris : Seuil.",  # French spaces before ":" stay
    "Lee, K. (2003). Web services in ASP .NET. doi:10.1016/0027-5107(95)00037-J",  # one ".NET", a DOI's brackets
    "Ross, A. (1999). Pre- and post-war housing. Urban Studies, 3, 1-9.",
])
def test_printed_text_passes_unchanged(text):
    assert normalise(text) == text


def test_a_pdf_line_parses_like_the_printed_one():
    ref, _ = parse_reference("A. Einstein, Phys .Rev .Lett .,vol .49 ,pp .1-5 ,1982.")
    assert [p.family for p in ref.persons["author"]] == ["Einstein"]
    assert (ref.fields["journal"].rstrip("."), ref.fields["volume"], ref.fields["pages"], ref.fields["year"]) == (
        "Phys. Rev. Lett", "49", "1--5", "1982")
    assert ref.raw == "A. Einstein, Phys .Rev .Lett .,vol .49 ,pp .1-5 ,1982."  # the source text is kept as it was


@pytest.mark.parametrize("text, title, book, editors", [
    ("Moreau, L., Urban commons and their rules, in Cities of the South (Ed.: P. Dubois), Karthala, Paris, 2004, "
     "pp. 11-30.", "Urban commons and their rules", "Cities of the South", ["Dubois"]),
    ("Moreau, Louise, Urban commons and their rules, in Cities of the South (Dubois, Pierre (ed.)), Karthala, "
     "pp. 11-30.", "Urban commons and their rules", "Cities of the South", ["Dubois"]),
    ("Moreau, Louise 2004 Urban Commons and Their Rules. In Cities of the South. P. Dubois and K. Ito, eds. "
     "Pp. 11-30. Paris: Karthala.", "Urban Commons and Their Rules", "Cities of the South", ["Dubois", "Ito"]),
])
def test_chapter_without_in_colon_keeps_the_book(text, title, book, editors):
    ref, _ = parse_reference(text)
    assert ref.type == "incollection"
    assert (ref.fields["title"], ref.fields["booktitle"]) == (title, book)
    assert [p.family for p in ref.persons["editor"]] == editors


def test_a_title_with_in_and_no_editors_after_it_stays_whole():
    ref, _ = parse_reference("Hall, S. (1990). Cultural identity, in theory and practice. Framework, 36, 222-237.")
    assert ref.fields["title"] == "Cultural identity, in theory and practice"


@pytest.mark.parametrize("text, families", [
    ("Dupont J. et Martin P. La ville solidaire. Paris : Seuil, 1994.", ["Dupont", "Martin"]),
    ("Dupont, J. et Martin, P. (1994). La ville solidaire. Paris : Seuil.", ["Dupont", "Martin"]),
    ("G. 't Hooft, Nucl. Phys. B 72, 461 (1974).", ["'t Hooft"]),
])
def test_french_et_and_apostrophe_particles(text, families):
    ref, _ = parse_reference(text)
    assert [(p.particle + " " + p.family).strip() for p in ref.persons["author"]] == families


def test_et_al_and_et_inside_a_title_are_left_alone():
    assert normalise("Dupont, J. et al. (1994). Guerre et paix. Paris : Seuil.") == (
        "Dupont, J. et al. (1994). Guerre et paix. Paris : Seuil.")


def test_a_year_with_its_letter_set_apart():
    ref, _ = parse_reference("Smith, J. (1994 a). Cities of refuge. Journal of Urban Affairs, 12(3), 45-67.")
    assert (ref.fields["year"], ref.fields["title"]) == ("1994", "Cities of refuge")


def test_collaboration_and_corporate_authors():
    ref, _ = parse_reference("ATLAS Collaboration, G. Aad et al., Phys. Lett. B 716, 1 (2012).")
    assert ref.persons["author"][0].literal == "ATLAS Collaboration"
    assert [p.family for p in ref.persons["author"][1:]] == ["Aad", "others"]
    assert (ref.fields["volume"], ref.fields["pages"]) == ("716", "1")  # after a comma, the page, not an issue
    ref, _ = parse_reference("World Health Organization. Global report on diabetes. Geneva: WHO; 2016.")
    assert ref.persons["author"][0].literal == "World Health Organization"
    assert ref.fields["title"] == "Global report on diabetes"


def test_translated_by_names_then_publisher():
    ref, _ = parse_reference("Eco, Umberto. The Name of the Rose. Translated by William Weaver, Harcourt, 1983.")
    assert [p.family for p in ref.persons["translator"]] == ["Weaver"]
    assert ref.fields["publisher"] == "Harcourt"
