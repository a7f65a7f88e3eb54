"""Author and editor lists in every common citation style, and the seed's slips."""

import pytest

from solicite.parse.names import parse_person_list, strip_role


def fams(text):
    return [(p.particle + " " + p.family).strip() or p.literal for p in parse_person_list(text)]


def bib(text):
    return [p.to_bibtex() for p in parse_person_list(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # APA
        ("Bauder, H., & Landau, L.", ["Bauder, H.", "Landau, L."]),
        ("Lai, A., McCormick, E. M., & Stumpf, J. P.", ["Lai, A.", "McCormick, E. M.", "Stumpf, J. P."]),
        # MLA / Chicago: first inverted, the rest direct
        ("Bauder, Harald, and Loren Landau", ["Bauder, Harald", "Landau, Loren"]),
        ("Milner, R., M. Tofte, and R. Harper.", ["Milner, R.", "Tofte, M.", "Harper, R."]),
        ("Bauder, Harald, Loren Landau, and Mary Setrana", ["Bauder, Harald", "Landau, Loren", "Setrana, Mary"]),
        # IEEE
        ("H. Bauder and L. Landau", ["Bauder, H.", "Landau, L."]),
        ("H. Bauder, L. Landau, and M. B. Setrana", ["Bauder, H.", "Landau, L.", "Setrana, M. B."]),
        # Vancouver
        ("Bauder H, Landau L", ["Bauder, H", "Landau, L"]),
        ("Setrana MB, Kyei JRKO.", ["Setrana, MB", "Kyei, JRKO"]),
        ("Lin TC, Kuo TC, Ku DC, Liang SF", ["Lin, TC", "Kuo, TC", "Ku, DC", "Liang, SF"]),
        ("Linley S, Leshuk T, Gu F.", ["Linley, S", "Leshuk, T", "Gu, F."]),
        # Chicago with several given names
        ("Geggus, Karl Michael, Elizabeth C. Botha", ["Geggus, Karl Michael", "Botha, Elizabeth C."]),
        # Full names, no commas
        ("Marc Shapiro and Susan Horwitz.", ["Shapiro, Marc", "Horwitz, Susan"]),
        # Semicolons
        ("Dearfield, K.L.; Douglas, G.R.; & Brusick, D.J.,", ["Dearfield, K. L.", "Douglas, G. R.", "Brusick, D. J."]),
    ],
)
def test_name_styles(text, expected):
    assert bib(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bauder, H & Landau, L.", ["Bauder, H", "Landau, L."]),
        ("Bauder, H., Dreher, N. Lujan, O. & Asolo, O.", ["Bauder, H.", "Dreher, N.", "Lujan, O.", "Asolo, O."]),
        ("Hogan, G. & Smith, R.H.", ["Hogan, G.", "Smith, R. H."]),
        ("Sasayama, D. Hattori, K. Teraishi, T.", ["Sasayama, D.", "Hattori, K.", "Teraishi, T."]),
        ("Schumann, CM. Barnes, CC. Lord, C.", ["Schumann, CM.", "Barnes, CC.", "Lord, C."]),
        ("Bernhard, K., Young, J. & Goldring, L..", ["Bernhard, K.", "Young, J.", "Goldring, L."]),
    ],
)
def test_seed_slips(text, expected):
    assert bib(text) == expected


def test_particles():
    people = parse_person_list("van der Walt, S., & de la Cruz, M.")
    assert [(p.particle, p.family) for p in people] == [("van der", "Walt"), ("de la", "Cruz")]
    (p,) = parse_person_list("Ludwig van Beethoven")
    assert (p.given, p.particle, p.family) == ("Ludwig", "van", "Beethoven")


def test_suffix_after_vancouver_name_and_initials_that_look_like_suffixes():
    assert bib("Campbell JR, Mason EO, Jr., Baker CJ.") == ["Campbell, JR", "Mason, Jr., EO", "Baker, CJ"]
    assert bib("Henry Ford II") == ["Ford, II, Henry"]


def test_dates_left_in_names_are_dropped():
    assert bib("Briggs, Asa (1985/1983).") == ["Briggs, Asa"]


def test_suffixes():
    (p,) = parse_person_list("King, Martin Luther, Jr.")
    assert (p.family, p.given, p.suffix) == ("King", "Martin Luther", "Jr.")
    (p,) = parse_person_list("Martin Luther King Jr.")
    assert (p.family, p.given, p.suffix) == ("King", "Martin Luther", "Jr.")


@pytest.mark.parametrize("name", ["UNHCR", "World Economic Forum", "Ministry of Health and Welfare",
                                  "Lawyers Without Borders"])
def test_corporate_authors_stay_whole(name):
    (p,) = parse_person_list(name)
    assert p.literal == name
    assert p.to_bibtex() == "{" + name + "}"


def test_et_al_becomes_others():
    assert bib("Smith, J., et al.") == ["Smith, J.", "others"]


def test_hyphens_and_apostrophes():
    assert fams("O’Brien, B. G., Collingwood, L., & El-Khatib, S. O.") == ["O’Brien", "Collingwood", "El-Khatib"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In Tesauro, G., Touretzky, D., & Leen, T. (Eds.),", ["Tesauro", "Touretzky", "Leen"]),
        ("Edited by Roy Harvey Pearce.", ["Pearce"]),
        ("Ralph H. Abraham and Yoshisuke Ueda, eds.,", ["Abraham", "Ueda"]),
        ("(M. Cooper, J. C. Watson & W. B. Stiles, Eds.)", ["Cooper", "Watson", "Stiles"]),
    ],
)
def test_editor_roles_removed(text, expected):
    assert fams(strip_role(text)) == expected


def test_empty_and_odd_input():
    assert parse_person_list("") == []
    assert parse_person_list(" , ; ") == []


def test_capitalised_particles_after_initials_and_lowercase_conjunctions():
    people = parse_person_list("S. Schockaert, M. De Cock, G. L. Van der Heijde")
    assert [(p.particle, p.family) for p in people] == [("", "Schockaert"), ("De", "Cock"), ("Van der", "Heijde")]
    # A capital "E" is an initial, not the Portuguese "e" (and).
    assert bib("Jianbo Lu and Robert E Skelton") == ["Lu, Jianbo", "Skelton, Robert E"]
    assert bib("João Silva e Maria Souza") == ["Silva, João", "Souza, Maria"]
