"""Crossref inheritance (solicite.crossref), read the same by format, export and lint; expectations by hand."""

from __future__ import annotations

import json

from click.testing import CliRunner

from solicite import bibfile, crossref
from solicite.cli.main import cli

BIB = """@proceedings{Conf2020,
  title = {Proceedings of the Conference},
  subtitle = {A Subtitle},
  editor = {Doe, Jane},
  publisher = {ACM},
  year = {2020},
}

@inproceedings{paper,
  author = {Roe, Richard},
  title = {A Paper},
  crossref = {conf2020},
  pages = {1--10},
}
"""


def test_child_keeps_its_title_and_matches_the_parent_key_in_any_case(tmp_path) -> None:
    path = tmp_path / "lib.bib"
    path.write_text(BIB, encoding="utf-8")
    lib = bibfile.load(path)
    merged = lib.with_crossref(lib.get("paper"))
    assert merged.fields["title"] == "A Paper"
    assert "subtitle" not in merged.fields
    assert merged.fields["booktitle"] == "Proceedings of the Conference"
    assert merged.fields["booksubtitle"] == "A Subtitle"
    assert merged.fields["publisher"] == "ACM" and merged.year == "2020"
    assert [p.family for p in merged.authors] == ["Roe"] and [p.family for p in merged.editors] == ["Doe"]
    # The library's lookup and the list-wide one give the same merge.
    assert crossref.resolve_all(lib.references)[1].fields == merged.fields


def test_export_and_format_read_the_child_the_same_way(tmp_path) -> None:
    path = tmp_path / "lib.bib"
    path.write_text(BIB, encoding="utf-8")
    out = CliRunner().invoke(cli, ["--library", str(path), "export", "--to", "csl-json", "paper"])
    assert out.exit_code == 0, out.output
    item = json.loads(out.stdout)[0]
    assert item["title"] == "A Paper"
    assert item["container-title"] == "Proceedings of the Conference: A Subtitle"
    text = CliRunner().invoke(cli, ["--library", str(path), "format", "--style", "apa", "--titles", "as-written", "paper"])
    assert text.exit_code == 0, text.output
    assert "Roe, R. (2020). A Paper. In J. Doe (Ed.), Proceedings of the Conference: A Subtitle (pp. 1–10). ACM." in text.stdout
    text = CliRunner().invoke(cli, ["--library", str(path), "format", "--style", "apa", "paper"])  # sentence case
    assert "Roe, R. (2020). A paper. In J. Doe (Ed.), Proceedings of the conference: A subtitle (pp. 1–10). ACM." in text.stdout
