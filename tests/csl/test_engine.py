"""Unit tests of the CSL engine on small hand-written styles; expected strings are hand-reviewed
against the CSL 1.0.2 specification (citationstyles.org/documentation) and the Chicago Manual's
page-range rules (sec. 9.61), not produced by the engine."""

from __future__ import annotations

import pytest

from solicite.csl import Processor, StyleError, parse_style
from solicite.csl.locale import load_locale_file
from solicite.csl.numbers import format_number, page_range, roman
from solicite.csl.suite import SuiteFormat

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
  <macro name="author"><names variable="author"><name {name}/></names></macro>
  <citation {citation}><layout prefix="(" suffix=")" delimiter="; ">
    <group delimiter=", "><text macro="author"/><date variable="issued"><date-part name="year"/></date></group>
  </layout></citation>
  <bibliography><sort><key macro="author"/><key variable="issued"/></sort>
    <layout suffix="."><group delimiter=". "><text macro="author"/><text variable="title" font-style="italic"/></group></layout>
  </bibliography>
</style>"""


def _proc(items, name="", citation=""):
    style = parse_style(STYLE.format(name=name, citation=citation))
    proc = Processor(style, items)
    clusters = [[{"id": i["id"]} for i in items]]
    proc.register(clusters)
    return proc, SuiteFormat(style.locale)


def _item(i, family, given, year, title="T"):
    return {"id": i, "type": "book", "title": title, "author": [{"family": family, "given": given}],
            "issued": {"date-parts": [[year]]}}


def test_citation_layout_affixes_and_delimiters():
    proc, fmt = _proc([_item("a", "Doe", "John", 2000)], name='form="short"')
    assert fmt.render(proc.citation([{"id": "a"}])) == "(Doe, 2000)"


def test_bibliography_sorted_by_author_with_italic_title():
    items = [_item("b", "Zed", "Anna", 1999, "Second"), _item("a", "Abel", "Bob", 2001, "First")]
    proc, fmt = _proc(items, name='name-as-sort-order="all" initialize-with=". "')
    assert [fmt.render(e) for e in proc.bibliography()] == ["Abel, B. <i>First</i>.", "Zed, A. <i>Second</i>."]


def test_year_suffix_disambiguates_same_author_same_year():
    items = [_item("a", "Doe", "John", 2000, "Alpha"), _item("b", "Doe", "John", 2000, "Beta")]
    proc, fmt = _proc(items, name='form="short"', citation='disambiguate-add-year-suffix="true"')
    assert fmt.render(proc.citation([{"id": "a"}, {"id": "b"}])) == "(Doe, 2000a; Doe, 2000b)"


def test_et_al_after_first_name():
    item = {"id": "x", "type": "book", "issued": {"date-parts": [[2010]]},
            "author": [{"family": f, "given": "A"} for f in ("One", "Two", "Three")]}
    proc, fmt = _proc([item], name='form="short" et-al-min="3" et-al-use-first="1"')
    assert fmt.render(proc.citation([{"id": "x"}])) == "(One et al., 2010)"


@pytest.mark.parametrize("fmt_name, expected", [
    ("expanded", "321\u2013328"), ("minimal", "321\u20138"), ("minimal-two", "321\u201328"),
    ("chicago", "321\u201328"),
])
def test_page_range_formats(fmt_name, expected):
    assert page_range("321-328", fmt_name) == expected


def test_chicago_page_ranges_follow_the_manual():
    # Chicago Manual 9.61: 71-72, 100-104, 1100-1113, 101-8, 808-33, 1103-4.
    got = [page_range(p, "chicago") for p in ("71-72", "100-104", "1100-1113", "101-108", "808-833", "1103-1104")]
    assert got == ["71\u201372", "100\u2013104", "1100\u20131113", "101\u20138", "808\u201333", "1103\u20134"]


def test_numbers_roman_and_english_ordinals():
    en = parse_style(STYLE.format(name="", citation="")).locale
    assert roman(1994) == "mcmxciv"
    assert [format_number(n, "ordinal", en) for n in (1, 2, 3, 11, 12, 13, 21, 102)] == \
        ["1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "102nd"]
    assert format_number(2, "long-ordinal", en) == "second"


def test_locales_ship_with_the_package():
    de = load_locale_file("de")
    assert de is not None and de.lang == "de-DE"


def test_not_a_style_is_a_clear_error():
    with pytest.raises(StyleError):
        parse_style("<notcsl/>")
    with pytest.raises(StyleError):
        parse_style("<style")


CHOOSE_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=" "><text variable="title"/>
      <group delimiter=" " prefix="(" suffix=")"><choose><if is-numeric="edition">
        <number variable="edition" form="ordinal"/><label variable="edition" form="short"/>
      </if></choose></group>
    </group>
  </layout></bibliography>
</style>"""


def test_choose_branch_children_take_the_enclosing_group_delimiter():
    # As APA 7's "label-edition" macro relies on, and citeproc-js prints: "A Book (2nd ed.)".
    style = parse_style(CHOOSE_STYLE)
    proc = Processor(style, [{"id": "k", "type": "book", "title": "A Book", "edition": "2"}])
    proc.register([[{"id": "k"}]])
    assert SuiteFormat(style.locale).render(proc.bibliography()[0]) == "A Book (2nd ed.)"


def test_subsequent_author_substitute_replaces_names_but_keeps_their_label():
    style = parse_style("""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute="---"><layout>
    <group delimiter=". "><names variable="author editor"><name/><label prefix=" " form="short"/></names>
    <text variable="title"/></group>
  </layout></bibliography>
</style>""")
    items = [{"id": "a", "type": "book", "title": "One", "author": [{"family": "Doe", "given": "Jo"}]},
             {"id": "b", "type": "book", "title": "Two", "editor": [{"family": "Doe", "given": "Jo"}]}]
    proc = Processor(style, items)
    proc.register([[{"id": "a"}, {"id": "b"}]])
    assert [SuiteFormat(style.locale).render(e) for e in proc.bibliography()] == ["Jo Doe. One", "--- ed. Two"]  # ". " after "ed." collapses


def test_locator_written_with_its_label_keeps_that_label():
    style = parse_style("""<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>
  </layout></citation>
</style>""")
    proc = Processor(style, [{"id": "k", "type": "book", "title": "T"}])
    cite = {"id": "k", "locator": "vol. 2, 10-12"}
    proc.register([[cite]])
    assert SuiteFormat(style.locale).render(proc.citation([cite])) == "vol. 2, 10–12"


def test_several_types_in_one_condition_are_alternatives_even_under_match_all():
    # CSL's official ASA style writes <if type="thesis manuscript"> for "a thesis or a manuscript";
    # citeproc-js reads it so (its publisher then reads "Rice University, Houston, Texas").
    style = parse_style("""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><choose><if type="thesis manuscript"><text value="yes"/></if>
    <else><text value="no"/></else></choose></layout></citation>
</style>""")
    proc = Processor(style, [{"id": "t", "type": "thesis"}, {"id": "b", "type": "book"}])
    proc.register([[{"id": "t"}, {"id": "b"}]])
    fmt = SuiteFormat(style.locale)
    assert [fmt.render(proc.citation([{"id": i}])) for i in ("t", "b")] == ["yes", "no"]
