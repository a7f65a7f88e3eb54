"""Unit tests for APA details from the issue, renderers, citations and the CLI."""

from click.testing import CliRunner

from solicite.model import Person, Reference
from solicite.richtext import Italic, Link
from solicite.styles import Options, bibliography, citation, get_renderer

TEXT = get_renderer("text")


def _ref(key, type_="article", authors=(), **fields):
    return Reference(type_, key, dict(fields), {"author": [Person.from_bibtex(a) for a in authors]} if authors else {})


def _apa(refs, **opts):
    return [e.render(TEXT) for e in bibliography(refs, "apa", Options(**opts))]


def test_21_authors_first_19_ellipsis_last():
    names = [f"Name{i:02d}, A." for i in range(22)]
    out = _apa([_ref("k", authors=names, title="T", journal="J", year="2020")])[0]
    assert "Name18, A., . . . Name21, A. (2020)" in out and "Name19" not in out


def test_twenty_authors_all_listed_with_ampersand():
    names = [f"Name{i:02d}, A." for i in range(20)]
    out = _apa([_ref("k", authors=names, title="T", journal="J", year="2020")])[0]
    assert ", & Name19, A. (2020)" in out


def test_editions_dois_and_nd():
    r = _ref("k", "book", ["Doe, Jane"], title="A book", edition="Second", publisher="P", doi="10.1/x")
    assert _apa([r]) == ["Doe, J. (n.d.). A book (2nd ed.). P. https://doi.org/10.1/x"]


def test_retrieved_only_for_undated_pages_with_access_date():
    undated = _ref("u", "online", ["{UNHCR}"], title="Data finder", url="https://x.org/", urldate="2024-03-02")
    dated = _ref("d", "online", ["{UNHCR}"], title="News", url="https://x.org/n", urldate="2024-03-02", date="2023-01-05")
    out = _apa([undated, dated])
    assert "Retrieved March 2, 2024, from https://x.org/" in out[0]
    assert "Retrieved" not in out[1] and "(2023, January 5)" in out[1]


def test_sentence_case_respects_protected_words():
    r = _ref("k", authors=["Doe, Jane"], title="Cities of {New York}: The {NASA} Question", journal="J", year="2020")
    assert "Cities of New York: The NASA question." in _apa([r])[0]  # sentence case by default (issue 13)
    assert "Cities of New York: The NASA Question." in _apa([r], sentence_case=False)[0]  # --titles as-written


def test_citations_ampersand_and_narrative_and_locator():
    a = _ref("a", authors=["Bauder, Harald", "Gonzalez, Dayana"], title="T", journal="J", year="2018")
    b = _ref("b", authors=["Hausman, David"], title="U", journal="J", year="2020")
    refs = [a, b]
    assert TEXT.render(citation(refs, [("a", "12"), ("b", "")], "apa")) == "(Bauder & Gonzalez, 2018, p. 12; Hausman, 2020)"
    assert TEXT.render(citation(refs, [("a", "")], "apa", narrative=True)) == "Bauder and Gonzalez (2018)"
    assert TEXT.render(citation(refs, [("b", "")], "ieee")) == "[2]"


def test_year_suffixes_same_in_list_and_citation():
    a = _ref("a", authors=["Lacroix, Thomas"], title="Beta", journal="J", year="2022")
    b = _ref("b", authors=["Lacroix, Thomas"], title="Alpha", journal="J", year="2022")
    out = _apa([a, b])
    assert out[0].startswith("Lacroix, T. (2022a). Alpha") and out[1].startswith("Lacroix, T. (2022b). Beta")
    assert TEXT.render(citation([a, b], [("a", "")], "apa")) == "(Lacroix, 2022b)"


def test_renderers():
    tree = ["A ", Italic("Journal"), " 1*2*3 ", Link("https://x.org/a_b")]
    assert get_renderer("html").render(tree) == 'A <i>Journal</i> 1*2*3 <a href="https://x.org/a_b">https://x.org/a_b</a>'
    assert get_renderer("markdown").render(tree) == "A *Journal* 1\\*2\\*3 <https://x.org/a_b>"
    assert get_renderer("latex").render(tree) == "A \\emph{Journal} 1*2*3 \\url{https://x.org/a_b}"


def test_cli_format_json_and_numeric_label(tmp_path):
    from solicite.cli.main import cli

    bib = tmp_path / "lib.bib"
    bib.write_text("@article{k, author={Doe, Jane}, title={T}, journal={J}, year={2020}, keywords={Papers}}\n"
                   "@online{org, title={{Some Org}}, url={https://org.example/}, keywords={Links}}\n")
    r = CliRunner().invoke(cli, ["--library", str(bib), "--json", "format", "--style", "ieee"])
    assert r.exit_code == 0, r.output
    assert '"text": "[1] J. Doe, \\u201cT,\\u201d' in r.output or '"text": "[1] J. Doe, “T,”' in r.output
    r = CliRunner().invoke(cli, ["--library", str(bib), "shownotes"])
    assert r.exit_code == 0 and "## Papers" in r.output and "- [Some Org](https://org.example/)" in r.output
    r = CliRunner().invoke(cli, ["--library", str(bib), "cite", "missing"])
    assert r.exit_code == 2 and "Traceback" not in r.output


MINI_CSL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Mini</title><id>mini</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout suffix=".">
    <group delimiter=". "><names variable="author"><name/></names><text variable="title"/></group>
  </layout></bibliography>
</style>
"""


def test_cli_csl_renders_through_the_engine_and_reports_unknown_elements(tmp_path):
    from solicite.cli.main import cli

    bib = tmp_path / "lib.bib"
    bib.write_text("@article{k, author={Doe, Jane}, title={A title}, journal={J}, year={2020}}\n")
    csl = tmp_path / "mini.csl"
    csl.write_text(MINI_CSL)
    r = CliRunner().invoke(cli, ["--library", str(bib), "format", "--csl", str(csl)])
    assert r.exit_code == 0, r.output
    assert "Jane Doe. A title." in r.output
    broken = tmp_path / "broken.csl"
    broken.write_text(MINI_CSL.replace('<text variable="title"/></group>', '<foo/></group>'))
    r = CliRunner().invoke(cli, ["--library", str(bib), "format", "--csl", str(broken)])
    assert "Traceback" not in r.output
    assert "unknown CSL element <foo>" in r.output and "Jane Doe." in r.output


def test_format_defaults_come_from_the_config(tmp_path, monkeypatch):
    from solicite.cli.main import cli

    bib = tmp_path / "lib.bib"
    bib.write_text("@article{k, author={Doe, Jane}, title={Cities of {New York} And More}, journal={J}, year={2020}}\n")
    (tmp_path / "solicite.toml").write_text('[format]\nstyle = "ieee"\nsentence_case = true\n')
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["--library", str(bib), "format"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("[1] J. Doe, “Cities of New York and more,”")
    r = CliRunner().invoke(cli, ["--library", str(bib), "format", "--as-written", "--style", "apa"])
    assert "Cities of New York And More." in r.output
