"""How citeproc-js prints numbers, page ranges, report genres and name suffixes.

Every expected value here was printed by the oracle (citeproc-js fed by pandoc, the
../shared/oracle scripts) for the same input on 2026-11-23, and read by hand; the
probe files are not kept, so the cases are written out below.
"""

import pytest

from solicite.model import Person, Reference
from solicite.styles import Options, bibliography, get_renderer
from solicite.styles.common import csl_numeric, page_range
from solicite.item import csl_number

TEXT = get_renderer("text")


@pytest.mark.parametrize("value, printed", [
    ("60-61", "60\u201361"), ("C-21", "C\u201321"), ("IV-V", "IV\u2013V"), ("x-2", "x\u20132"),
    ("12a-13", "12a\u201313"), ("2020-2021", "2020\u20132021"), ("12 - 14", "12\u201314"),
    ("1-2-3", "1-2\u20133"), ("91-08-04", "91-08\u201304"), ("1, 3-5, 7-9", "1, 3\u20135, 7\u20139"),
    ("1-2, 4-5-6", "1\u20132, 4-5\u20136"),
    # not joined: a part that is neither a number nor a roman numeral
    ("1-B", "1-B"), ("B-1", "B-1"), ("C-D", "C-D"), ("CS-21", "CS-21"), ("12A-13", "12A-13"),
    ("a1-2", "a1-2"), ("12-13A", "12-13A"), ("TR 12-14", "TR 12-14"), ("CMU-CS-90-177", "CMU-CS-90-177"),
])
def test_number_ranges_join_as_citeproc_js_joins_them(value, printed):
    assert csl_number(value) == printed


@pytest.mark.parametrize("value, numeric, plural", [
    ("12", True, False), ("12a", True, False), ("A12", True, False), ("S2", True, False), ("iv", True, False),
    ("1/2", True, False), ("1-B", True, True), ("iv-v", True, True), ("2-X", True, True),
    ("1, 2", True, True), ("1 and 2", True, True), ("1 & 2", True, True),
    ("B-1", False, False), ("IV", False, False), ("IV-V", False, False), ("X-2", False, False),
    ("Suppl. 2", False, False), ("Spring", False, False), ("C-21", False, False),
])
def test_numbers_read_for_labels_as_citeproc_js_reads_them(value, numeric, plural):
    assert csl_numeric(value) == (numeric, plural)


@pytest.mark.parametrize("pages, fmt, printed", [
    ("191\u2013191", "chicago", "191\u2013191"), ("191\u2013191", "minimal", "191\u2013191"),
    ("191\u2013191", "minimal-two", "191\u2013191"),
    ("e12\u2013e14", "chicago", "e12\u201314"), ("e12\u2013e14", "minimal", "e12\u20134"),
    ("e12\u2013e14", "minimal-two", "e12\u201314"), ("e12\u2013e14", "expanded", "e12\u2013e14"),
    ("592\u2013597", "chicago", "592\u201397"), ("1703\u20131774", "minimal", "1703\u201374"),
])
def test_page_ranges_shorten_as_the_styles_do(pages, fmt, printed):
    assert page_range(pages, fmt) == printed


def _one(style, type_, key="k", authors=("Smith, John",), editors=(), **fields):
    persons = {"author": [Person.from_bibtex(a) for a in authors]}
    if editors:
        persons["editor"] = [Person.from_bibtex(e) for e in editors]
    ref = Reference(type_, key, dict(fields), persons)
    return bibliography([ref], style, Options(sentence_case=True))[0].render(TEXT)


REPORTS = [  # (fields, style, oracle output)
    (dict(title="R one", type="Working paper", institution="Inst", year="1990"), "apa",
     "Smith, J. (1990). R one [Working paper]. Inst."),
    (dict(title="R two", type="Working paper", number="12", institution="Inst", year="1991"), "apa",
     "Smith, J. (1991). R two (Working Paper No. 12). Inst."),
    (dict(title="R seven", type="resreport", institution="MIT", year="1982"), "apa",
     "Smith, J. (1982). R seven [Research report]. MIT."),
    (dict(title="R two", type="Working paper", number="12", institution="Inst", year="1991"), "chicago",
     "Smith, John. 1991. R Two. Working Paper No. 12. Inst."),
    (dict(title="R seven", type="resreport", institution="MIT", year="1982"), "chicago",
     "Smith, John. 1982. R Seven. Research report. MIT."),
    (dict(title="R five", type="Engineer's thesis", institution="Stanford University", address="Palo Alto",
          year="1982"), "harvard", "Smith, J. (1982) R five. Engineer\u2019s thesis. Palo Alto: Stanford University."),
    (dict(title="R five", type="Engineer's thesis", institution="Stanford University", address="Palo Alto",
          year="1982"), "ieee", "[1] J. Smith, \u201cR five,\u201d Stanford University, Palo Alto, Engineer\u2019s thesis, 1982."),
]


@pytest.mark.parametrize("fields, style, printed", REPORTS)
def test_report_genres_as_citeproc_js_prints_them(fields, style, printed):
    # A @techreport whose type says "thesis" stays a report, as pandoc reads it.
    assert _one(style, "techreport", **fields) == printed


def test_suffix_without_comma_when_the_given_name_comes_first():
    out = _one("chicago", "article", authors=("Smith, John", "Bosch, Jr., Robert P."), title="Jr one",
               journal="J", volume="3", year="1978")
    assert out == "Smith, John, and Robert P. Bosch Jr. 1978. \u201cJr One.\u201d J 3 (1978)."
    out = _one("apa", "incollection", authors=("Doe, Jane",), editors=("Bosch, Jr., Robert P.",), title="Jr four",
               booktitle="Book", publisher="P", year="1981", pages="1--5")
    assert out == "Doe, J. (1981). Jr four. In R. P. Bosch Jr. (Ed.), Book (pp. 1\u20135). P."


def test_fields_lose_font_switches_and_take_dashes_and_apostrophes():
    assert _one("apa", "misc", title="Nine", howpublished="{\\tt canny.lisp}", year="1980") == \
        "Smith, J. (1980). Nine. canny.lisp."
    assert _one("apa", "phdthesis", title="Eight", school="University of Milano -- Bicocca", year="1979") == \
        "Smith, J. (1979). Eight [PhD thesis]. University of Milano \u2013 Bicocca."
    assert _one("chicago", "book", title="A one", publisher="Children's Press", address="St John's",
                year="1990", edition="2") == "Smith, John. 1990. A One. 2nd ed. St John\u2019s: Children\u2019s Press."


def test_mla_labels_volumes_and_issues_by_number():
    out = _one("mla", "article", title="Two", journal="J", volume="60-61", number="3-4", pages="17--139", year="1973")
    assert out == "Smith, John. \u201cTwo.\u201d J, vols. 60\u201361, nos. 3\u20134, 1973, pp. 17\u2013139."
    out = _one("mla", "article", title="N3", journal="J", volume="IV-V", year="2003")
    assert out == "Smith, John. \u201cN3.\u201d J, IV\u2013V, 2003."


def test_chicago_ahead_of_print_only_with_a_doi():
    plain = _one("chicago", "article", title="Five", journal="J", year="1976")
    assert plain == "Smith, John. 1976. \u201cFive.\u201d J, 1976."
    online = _one("chicago", "article", title="Six", journal="J", year="1977", doi="10.1/x")
    assert "J, ahead of print, 1977" in online
