"""`solicite parse` on the seed and on bad input, with the stand-in tagger (the model is tested elsewhere)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from solicite import bibfile
from solicite.cli.main import cli

LAWYERS_BIB = """@online{lawyersborders,
  title = {Lawyers Without Borders},
  keywords = {Donate or Get Involved!},
  lostlink = {external link},
}"""


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture(autouse=True)
def _tagger(fake_tagger_module):
    return fake_tagger_module


def test_bibtex_to_stdout(seed_path):
    result = run("parse", str(seed_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n@") + result.stdout.startswith("@") == 41
    assert LAWYERS_BIB in result.stdout
    lib = bibfile.loads(result.stdout)
    assert len(lib) == 41 and len(set(lib.keys())) == 41


def test_json(seed_path):
    result = run("parse", "--format", "json", str(seed_path))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    refs = data["references"]
    assert len(refs) == 41
    assert refs[1] == {"key": "lawyersborders", "type": "online",
                       "fields": {"title": "Lawyers Without Borders", "lostlink": "external link",
                                  "keywords": "Donate or Get Involved!"},
                       "persons": {}, "raw": "Lawyers Without Borders (external link)",
                       "source": str(seed_path), "line": 15, "confidence": None}  # built by rules, not the tagger
    assert {d["code"] for d in data["diagnostics"]} >= {"skipped-preamble", "skipped-prose", "skipped-after-list"}
    # the global --json flag means the same
    assert json.loads(run("--json", "parse", str(seed_path)).stdout)["references"] == refs


def test_csl_json(seed_path):
    result = run("parse", "--format", "csl-json", str(seed_path))
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert len(items) == 41
    # Written by hand from the seed's line 15 and the CSL-JSON schema.
    assert items[1] == {"id": "lawyersborders", "type": "webpage", "citation-key": "lawyersborders",
                        "title": "Lawyers Without Borders", "keyword": "Donate or Get Involved!",
                        "note": "Lawyers Without Borders (external link)"}
    assert items[7]["keyword"] == "Media & Blogs"
    assert items[7]["note"].startswith("Bauder, H & Landau, L. (4 October 2018). Why cities hold the key")
    seed_lines = seed_path.read_text(encoding="utf-8").splitlines()
    assert [i["note"] for i in items] == [" ".join(seed_lines[n].split()) for n in
                                          [r["line"] - 1 for r in json.loads(run("--json", "parse", str(seed_path)).stdout)["references"]]]


def test_output_file_bibtex_and_json(seed_path, tmp_path):
    out = tmp_path / "out.bib"
    result = run("parse", str(seed_path), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(bibfile.load(out)) == 41
    again = run("parse", str(seed_path), "-o", str(out))
    assert again.exit_code == 0 and (tmp_path / "out.bib.bak").exists()
    out_json = tmp_path / "out.json"
    assert run("parse", "-f", "csl-json", str(seed_path), "-o", str(out_json)).exit_code == 0
    assert len(json.loads(out_json.read_text(encoding="utf-8"))) == 41


def test_add_to_library_with_unique_keys(seed_path, tmp_path):
    lib_path = tmp_path / "lib.bib"
    lib_path.write_text("% my library\n@misc{lawyersborders,\n  title = {Already here},\n}\n", encoding="utf-8")
    result = run("--library", str(lib_path), "parse", "--add", str(seed_path))
    assert result.exit_code == 0, result.output
    lib = bibfile.load(lib_path)
    assert len(lib) == 42
    assert lib["lawyersborders"].fields["title"] == "Already here"
    assert lib["lawyersbordersa"].fields["title"] == "Lawyers Without Borders"
    assert lib_path.read_text(encoding="utf-8").startswith("% my library\n@misc{lawyersborders,\n  title = {Already here},\n}\n")
    assert (tmp_path / "lib.bib.bak").exists()
    summary = run("--json", "--library", str(lib_path), "parse", "--add", "-", input="Solidarity City (external link)\n")
    # the seed already gave "solidaritycity" (Solidarity City): the same work again is skipped (issue 16)...
    assert json.loads(summary.stdout)["added"] == []
    assert json.loads(summary.stdout)["duplicates"][0]["duplicate_of"] == "solidaritycity"
    forced = run("--json", "--library", str(lib_path), "parse", "--add", "--allow-duplicates", "-",
                 input="Solidarity City (external link)\n")
    # ...unless forced: then the taken key gets a suffix
    assert json.loads(forced.stdout)["added"] == ["solidaritycitya"]


def test_add_creates_a_missing_library(tmp_path):
    lib_path = tmp_path / "new.bib"
    result = run("--library", str(lib_path), "parse", "--add", "-", input="Bauder, H. (2017). Sanctuary cities. IM.\n")
    assert result.exit_code == 0
    assert [r.fields["title"] for r in bibfile.load(lib_path).references] == ["Sanctuary cities"]


def test_stdin_markdown_and_one_per_line():
    result = run("parse", "-f", "json", "-", input="## Books\n\n* Bagelman, J. (2016). Sanctuary city. Palgrave McMillan.\n")
    [ref] = json.loads(result.stdout)["references"]
    assert ref["fields"]["keywords"] == "Books" and ref["source"] == "-"
    result = run("parse", "-f", "json", "--one-per-line", "-", input="Books\nA, B. (2020). T.\n\nC, D. (2021). U.\n")
    assert len(json.loads(result.stdout)["references"]) == 3


def _one_line_error(result, code, *needles):
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("solicite: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]
    assert "Traceback" not in result.output


def test_missing_file(tmp_path):
    _one_line_error(run("parse", str(tmp_path / "nope.txt")), 3, "nope.txt", "no such file")


def test_binary_and_non_utf8_input(tmp_path):
    binary = tmp_path / "x.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02")
    _one_line_error(run("parse", str(binary)), 3, "x.pdf", "binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Line one\nGonz\xe1lez, A. (2020). T.\n".encode("latin-1"))
    _one_line_error(run("parse", str(latin)), 3, "latin.txt:2", "not UTF-8")


def test_usage_errors(seed_path, tmp_path):
    _one_line_error(run("parse", "--add", "-o", str(tmp_path / "o.bib"), str(seed_path)), 2, "--add")
    _one_line_error(run("--library", str(tmp_path / "l.bib"), "parse", "--add", "-f", "json", str(seed_path)), 2, "--add")
    _one_line_error(run("parse", "-", "-", input="x"), 2, "standard input")
    assert run("parse").exit_code == 2  # INPUT is required (click's own usage error)


def test_findings_exit_status():
    empty = run("parse", "-", input="\n\n")
    assert empty.exit_code == 1 and "no references found" in empty.stderr
    unparsed = run("parse", "-", input="??? garbled (2020)\n")
    assert unparsed.exit_code == 1
    assert "could not parse" in unparsed.stderr and "@misc{" in unparsed.stdout
    assert "note = {??? garbled (2020)}" in unparsed.stdout


def test_many_warnings_are_summarised():
    result = run("parse", "-", input="\n\n".join(f"??? garbled {i} (2020)" for i in range(25)) + "\n")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 21 and lines[-1] == "solicite: warning: ... and 5 more warnings (--format json lists them all)"
    data = json.loads(run("parse", "-f", "json", "-", input="\n\n".join(f"??? garbled {i} (2020)" for i in range(25))).stdout)
    assert sum(d["severity"] == "warning" for d in data["diagnostics"]) == 25


def test_folder_input_and_broken_library(tmp_path, seed_path):
    _one_line_error(run("parse", str(tmp_path)), 3, "folder")
    broken = tmp_path / "broken.bib"
    broken.write_text("@article{a,\n  title = {unclosed\n", encoding="utf-8")
    before = broken.read_bytes()
    result = run("--library", str(broken), "parse", "--add", str(seed_path))
    assert result.exit_code == 3, result.output
    assert result.stderr.count("\n") == 1 and "broken.bib" in result.stderr
    assert broken.read_bytes() == before  # nothing written
