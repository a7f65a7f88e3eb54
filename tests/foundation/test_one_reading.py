"""Every command reads an entry's title, type and names through the one codec, so all print them alike.

The expected readings are written by hand from LaTeX's rules: {\\`e} is è, {\\'\\i} is í, ' is ’,
--- is an em dash, \\hyphen is a hyphen, \\ss is ß; "and others" is no person.
"""

from __future__ import annotations

import json

import pytest

from solicite.text import fold

BIB = r"""@article{gonzalez2020,
  author = {Gonz{\'a}lez, Dav{\'\i}d and van der Walt, St{\'e}fan and others},
  title = {Gr{\`e}cque l'interpr{\'e}tation --- {DNA} co\hyphen{}op of Stra\ss e},
  journal = {Journal of Tests},
  year = {2020},
  volume = {3},
  pages = {1--10},
}
"""
TITLE = "Grècque l’interprétation — DNA co-op of Straße"
STYLES = ("apa", "mla", "chicago", "ieee", "harvard", "vancouver")


def _reads_alike(out: str) -> None:
    # Styles change the case of titles; the letters, accents and dashes must be the same.
    assert fold(TITLE) in fold(out), out
    assert "gonzalez" in fold(out), out  # (MLA and Vancouver-like lists may stop at the first: "et al.")
    assert "\\" not in out and "{" not in out.replace('{"', "")


@pytest.mark.parametrize("style", STYLES)
def test_format_reads_title_and_names_as_the_codec_does(run, style: str) -> None:
    _reads_alike(run("format", "--style", style))


def test_list_and_cite(run) -> None:
    listed = run("list")
    assert TITLE in listed and "article" in listed and "González" in listed
    assert "González" in run("cite", "gonzalez2020")


def test_exports_read_the_same_title_type_and_names(run) -> None:
    csl = json.loads(run("export", "--to", "csl-json"))[0]
    assert csl["title"] == TITLE.replace("DNA", '<span class="nocase">DNA</span>')
    assert csl["type"] == "article-journal"
    assert [a.get("family") for a in csl["author"]] == ["González", "Walt"]  # "others" is no person
    ris = run("export", "--to", "ris")
    assert f"TI  - {TITLE}" in ris and "TY  - JOUR" in ris and "AU  - González, Davíd" in ris
    assert "others" not in ris
    zotero = json.loads(run("export", "--to", "zotero"))[0]
    assert zotero["title"] == csl["title"] and zotero["type"] == "article-journal"
    biblatex = run("export", "--to", "biblatex")
    assert biblatex.startswith("@article{gonzalez2020")


def test_show_json_keeps_the_text_as_written_and_lint_is_clean(run) -> None:
    shown = json.loads(run("show", "--json", "gonzalez2020"))
    assert shown["type"] == "article" and shown["fields"]["title"].startswith("Gr{\\`e}cque")
    run("lint")  # exit status 0: no findings


def test_list_json_is_the_typed_item_and_bibtex_export_writes_the_reference_back(run) -> None:
    # `--json list` prints the typed item: text decoded by the codec, "and others" a flag, no person.
    listed = json.loads(run("--json", "list"))[0]
    assert listed["type"] == "article" and listed["csl_type"] == "article-journal"
    assert listed["fields"]["title"] == TITLE and listed["fields"]["pages"] == "1–10"
    assert [p["family"] for p in listed["persons"]["author"]] == ["González", "Walt"]
    assert listed["persons"]["author"][1]["particle"] == "van der" and listed["and_others"] == ["author"]
    # `show --json` keeps the Reference as written; the BibTeX export writes it back, "and others" too.
    shown = json.loads(run("show", "--json", "gonzalez2020"))
    assert shown["persons"]["author"][-1] == {"family": "others"}
    bibtex = run("export", "--to", "bibtex")
    assert "and others}" in bibtex and "Gr{\\`e}cque" in bibtex and bibtex.startswith("@article{gonzalez2020")


@pytest.mark.parametrize("style", STYLES)
def test_format_prints_et_al_for_and_others(run, style: str) -> None:
    out = run("format", "--style", style)
    assert "et al" in out and "others" not in out, out
