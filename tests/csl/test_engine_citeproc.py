"""The engine where citeproc-js (the CSL reference processor, citation-js 0.8.2) was checked by hand
on the same style and items: each expected string below is citeproc-js's output, found while
running the official styles against the hand-reviewed goldens (tests/golden, issue 13)."""

from __future__ import annotations

from solicite.csl import Processor, parse_style
from solicite.csl.numbers import is_numeric
from solicite.csl.suite import SuiteFormat

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute="———"><layout>
    <group delimiter=". ">
      <names variable="author"><name et-al-min="3" et-al-use-first="1"/></names>
      <text variable="title"/>
      <names variable="translator"><name/><label form="short" prefix=", " text-case="title"/></names>
      <group delimiter=" "><choose><if is-numeric="number">
        <label variable="number" form="short" text-case="capitalize-first"/></if></choose>
        <text variable="number"/></group>
    </group>
  </layout></bibliography>
</style>"""

ITEMS = [
    {"id": "a", "type": "report", "title": "One", "number": "2023/03",
     "author": [{"family": "Doe", "given": "Jo"}, {"family": "Roe", "given": "Al"}, {"family": "Poe", "given": "Ed"}]},
    {"id": "b", "type": "book", "title": "Zwei", "language": "de", "author": [{"family": "Doe", "given": "Jo"}],
     "translator": [{"family": "Kim", "given": "Lu"}]},
    {"id": "c", "type": "report", "title": "Three", "number": "12.3",
     "author": [{"family": "Doe", "given": "Jo"}, {"family": "Lee", "given": "Bo"}]},
]


def _entries():
    style = parse_style(STYLE)
    proc = Processor(style, ITEMS)
    proc.register([[{"id": i["id"]}] for i in ITEMS])
    fmt = SuiteFormat(style.locale)
    return [fmt.render(e) for e in proc.bibliography()]


def test_numbers_joined_by_slashes_are_numeric():
    # A working paper "No. 2023/03" (APA's label-number macro tests is-numeric); "12.3" is not numeric.
    assert _entries()[0].endswith("One. No. 2023/03")
    assert _entries()[2].endswith("Three. 12.3")
    assert is_numeric("2023/03") and is_numeric("1/2/3")
    assert not is_numeric("2023/03b") and not is_numeric("a/b")


def test_title_case_of_a_term_ignores_the_item_language():
    # The label is the (English) locale's text, so a German book's translator is "Trans.".
    assert _entries()[1].endswith("Lu Kim, Trans.")


def test_subsequent_author_substitute_compares_the_names_shown_without_et_al():
    # "Jo Doe et al." shows the one name "Jo Doe": the next entry by Jo Doe alone is substituted.
    assert _entries() == ["Jo Doe et al. One. No. 2023/03", "———. Zwei. Lu Kim, Trans.", "Jo Doe, Bo Lee. Three. 12.3"]
