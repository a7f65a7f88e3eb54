"""BibTeX's "and others" is a flag on the item's name list, never a person named "others".

Through the CLI: every style prints its own et-al. term after the names given (never "& others"),
`list` shortens to "Solo et al.", CSL-JSON and RIS carry no person "others", the BibTeX exports
keep `and others`, and the Zotero BibTeX export leaves it out (Zotero would make it a creator).
The expected strings are written by hand from each style's et-al. convention.
"""

from __future__ import annotations

import json

import pytest


BIB = r"""@article{gonzalez2020,
  author = {Gonz{\'a}lez, Dav{\'\i}d and van der Walt, St{\'e}fan and others},
  title = {A title},
  journal = {Journal of Tests},
  year = {2020},
}

@book{solo2019,
  author = {Solo, Han and others},
  title = {A single name given},
  publisher = {Pub},
  year = {2019},
}
"""


@pytest.mark.parametrize("style,solo,cited", [
    ("apa", "Solo, H., et al. (2019)", "(González et al., 2020; Solo et al., 2019)"),
    ("mla", "Solo, Han, et al. A Single Name Given", "(González et al.; Solo et al.)"),
    ("chicago", "Solo, Han, et al. 2019", "Solo et al. 2019)"),
    ("ieee", "H. Solo et al.,", "[1], [2]"),
    ("harvard", "Solo, H. et al. (2019)", "Solo et al., 2019)"),
    ("vancouver", "Solo H, et al.", "[1,2]"),
])
def test_styles_print_et_al_never_others(run, style: str, solo: str, cited: str) -> None:
    listed = run("format", "--style", style)
    assert "others" not in listed and solo in listed, listed
    assert listed.count("et al") == 2, listed
    assert cited in run("cite", "--style", style, "gonzalez2020", "solo2019")


def test_list_shortens_to_et_al(run) -> None:
    listed = run("list")
    assert "Solo et al." in listed and "González et al." in listed and "others" not in listed


def test_exports_carry_no_person_named_others(run) -> None:
    items = json.loads(run("export", "--to", "csl-json"))
    people = [p for item in items for p in item["author"]]
    assert [p.get("family") for p in people] == ["González", "Walt", "Solo"]
    assert "others" not in run("export", "--to", "ris")
    zotero = run("export", "--to", "zotero-bibtex")
    assert "others" not in zotero and "author = {Solo, Han}" in zotero


def test_bibtex_exports_keep_and_others(run) -> None:
    for fmt in ("bibtex", "biblatex"):
        out = run("export", "--to", fmt)
        assert "author = {Solo, Han and others}" in out, out


# A minimal CSL style: et al. after the first name from three names on (et-al-min="3").
ET_AL_CSL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>et al. test</title><id>et-al-test</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><names variable="author"><name form="short" and="text"/></names></layout></citation>
  <bibliography et-al-min="3" et-al-use-first="1">
    <sort><key variable="title"/></sort>
    <layout><names variable="author"><name name-as-sort-order="all" initialize-with=". "/></names></layout>
  </bibliography>
</style>
"""


def test_the_csl_engine_prints_et_al_for_the_flag(run, tmp_path) -> None:
    # jgm/citeproc's rule for pandoc's final {"literal": "others"} (src/Citeproc/Eval.hs,
    # finalNameIsOthers): "others" counts towards et-al-min; below it every name given is printed,
    # then the et-al. term. Written by hand: González, Walt + others = 3 names >= 3 -> the first
    # name and et al.; Solo + others = 2 < 3 -> Solo, then et al.
    style = tmp_path / "et-al.csl"
    style.write_text(ET_AL_CSL, encoding="utf-8")
    out = run("format", "--csl", str(style)).splitlines()
    assert out == ["Solo, H. et al.", "González, D. et al."], out  # sorted by title
    # The flag is the engine's input only: the CSL-JSON export stays standard.
    assert "_and_others" not in run("export", "--to", "csl-json")
