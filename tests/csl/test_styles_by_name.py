"""CSL styles by name or file on the command line (``format --style nature``, ``--csl FILE``).

Expected entries are written by hand from the Nature and APA guides (numbered "1." with
initials after the family name; APA's "Author, A. (Year). Title."), not taken from the engine.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from solicite.cli.main import cli
from solicite.csl import StyleError
from solicite.csl.styles import find_style

BIB = """@article{doe2020,
  author = {Doe, Jane and Roe, Richard},
  title = {A study of things},
  journal = {Journal of Studies},
  year = {2020},
  volume = {12},
  pages = {1--10}
}
"""

APA = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout suffix=".">
    <group delimiter=". "><names variable="author"><name name-as-sort-order="all" initialize-with=". "
      and="symbol" delimiter=", " delimiter-precedes-last="always"/></names>
    <date variable="issued" prefix="(" suffix=")"><date-part name="year"/></date>
    <text variable="title"/></group></layout></bibliography>
</style>"""


def _run(tmp_path, *args):
    lib = tmp_path / "lib.bib"
    lib.write_text(BIB, encoding="utf-8")
    return CliRunner().invoke(cli, ["-l", str(lib), "format", *args])


def test_style_by_name_from_the_collection(tmp_path):
    result = _run(tmp_path, "--style", "nature")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1. Doe, J. & Roe, R. A study of things. ")


def test_style_from_a_file(tmp_path):
    style = tmp_path / "mini.csl"
    style.write_text(APA, encoding="utf-8")
    result = _run(tmp_path, "--csl", str(style))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Doe, J., & Roe, R. (2020). A study of things."


def test_unknown_style_is_one_line_and_exit_2(tmp_path):
    result = _run(tmp_path, "--style", "no-such-style-anywhere")
    assert result.exit_code == 2
    assert "no CSL style named 'no-such-style-anywhere'" in result.output
    assert "Traceback" not in result.output


def test_find_style_compiles_once():
    assert find_style("nature") is find_style("nature")
    with pytest.raises(StyleError):
        find_style("missing-file.csl")


def _cite(tmp_path, *args):
    lib = tmp_path / "lib.bib"
    lib.write_text(BIB, encoding="utf-8")
    return CliRunner().invoke(cli, ["-l", str(lib), "cite", *args])


def test_cite_in_a_csl_style_with_a_page(tmp_path):
    # The ASA guide: "(Doe and Roe 2020:5)", page after a colon, no comma before the year.
    result = _cite(tmp_path, "doe2020:5", "--style", "american-sociological-association")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "(Doe and Roe 2020:5)"


def test_narrative_cite_in_a_csl_style(tmp_path):
    result = _cite(tmp_path, "doe2020", "--narrative", "--style", "american-sociological-association")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Doe and Roe (2020)"


def test_an_entry_the_style_prints_nothing_for_is_listed_and_named(tmp_path):
    # A style that prints only the journal: the second entry has none, so the engine renders
    # nothing for it; it must still appear (its title) and be named in a warning.
    style = tmp_path / "journal-only.csl"
    style.write_text(APA.replace('<text variable="title"/></group>', '<text variable="container-title"/></group>')
                     .replace('<names variable="author">', '<names variable="editor">')
                     .replace('<date variable="issued" prefix="(" suffix=")"><date-part name="year"/></date>', ""),
                     encoding="utf-8")
    lib = tmp_path / "lib.bib"
    lib.write_text(BIB + "@misc{bare, title = {A page with no journal}}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-l", str(lib), "format", "--csl", str(style)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Journal of Studies." in lines
    assert "A page with no journal" in lines
    assert any(line.startswith("solicite: warning: bare:") and "prints nothing" in line for line in lines)


def test_numeric_cite_has_the_number_of_the_reference_list(tmp_path):
    # In a numbered style the cite and `format` agree: the second entry of the library is 2.
    lib = tmp_path / "lib.bib"
    lib.write_text(BIB + BIB.replace("doe2020", "roe2021").replace("2020", "2021"), encoding="utf-8")
    listed = CliRunner().invoke(cli, ["-l", str(lib), "format", "--style", "nature"]).output
    assert listed.splitlines()[1].startswith("2.")
    result = CliRunner().invoke(cli, ["-l", str(lib), "cite", "roe2021", "--style", "nature"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "2"  # Nature's citation: a superscript number
