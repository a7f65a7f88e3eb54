"""The export and import commands, run through the real CLI on files in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from solicite import bibfile
from solicite.cli.main import cli

LIBRARY = """@article{bauder2017sanctuary,
  author = {Bauder, Harald},
  title = {Sanctuary Cities: Policies and Practices in International Perspective},
  journal = {International Migration},
  year = {2017},
  doi = {10.1111/imig.12308},
}

@book{bagelman2016sanctuary,
  author = {Bagelman, Jennifer},
  title = {Sanctuary City: A Suspended State},
  publisher = {Palgrave Macmillan},
  year = {2016},
}
"""


def _run(lib: Path, *args: str):
    return CliRunner().invoke(cli, ["--library", str(lib), *args])


def _library(tmp_path: Path) -> Path:
    path = tmp_path / "lib.bib"
    path.write_text(LIBRARY, encoding="utf-8")
    return path


def test_export_selected_keys_in_order(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    result = _run(lib, "export", "--to", "csl-json", "bagelman2016sanctuary", "bauder2017sanctuary")
    assert result.exit_code == 0, result.output
    assert [item["id"] for item in json.loads(result.stdout)] == ["bagelman2016sanctuary", "bauder2017sanctuary"]


def test_export_unknown_key_is_a_usage_error(tmp_path: Path) -> None:
    result = _run(_library(tmp_path), "export", "--to", "ris", "nobody2000")
    assert result.exit_code == 2
    assert "nobody2000" in result.stderr and "Traceback" not in result.output


def test_export_unknown_format_lists_the_known_ones(tmp_path: Path) -> None:
    result = _run(_library(tmp_path), "export", "--to", "endnote")
    assert result.exit_code == 2
    assert "csl-json" in result.stderr and "zotero" in result.stderr


def test_bibtex_flag_needs_zotero(tmp_path: Path) -> None:
    result = _run(_library(tmp_path), "export", "--to", "ris", "--bibtex")
    assert result.exit_code == 2 and "--to zotero" in result.stderr


def test_export_refuses_to_overwrite_the_library(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    result = _run(lib, "export", "--to", "bibtex", "-o", str(lib))
    assert result.exit_code == 2
    assert lib.read_text(encoding="utf-8") == LIBRARY


def test_zotero_bibtex_export(tmp_path: Path) -> None:
    result = _run(_library(tmp_path), "export", "--to", "zotero", "--bibtex", "bauder2017sanctuary")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("@article{bauder2017sanctuary,") and "date = {2017}" in result.stdout


def test_import_ris_skips_duplicates_by_doi_and_title_and_adds_the_rest(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    ris = tmp_path / "in.ris"
    ris.write_text(
        "TY  - JOUR\nAU  - Bauder, Harald\nTI  - Sanctuary cities: policies and practices in international perspective\n"
        "T2  - International Migration\nPY  - 2017\nDO  - 10.1111/IMIG.12308\nER  - \n\n"
        "TY  - BOOK\nAU  - Bagelman, Jennifer\nTI  - Sanctuary city: a suspended state\nPY  - 2016\nER  - \n\n"
        "TY  - JOUR\nAU  - Bauder, Harald\nTI  - Possibilities of urban belonging\nT2  - Antipode\nPY  - 2016\n"
        "VL  - 48\nIS  - 2\nSP  - 252\nEP  - 271\nER  - \n",
        encoding="utf-8")
    result = _run(lib, "--json", "import", str(ris))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [(d["duplicate_of"], d["by"]) for d in report["duplicates"]] == [
        ("bauder2017sanctuary", "doi"), ("bagelman2016sanctuary", "title")]
    assert [a["key"] for a in report["added"]] == ["bauder2016possibilities"]
    saved = bibfile.load(lib)
    assert saved.keys() == ["bauder2017sanctuary", "bagelman2016sanctuary", "bauder2016possibilities"]
    new = saved["bauder2016possibilities"]
    assert new.fields["journal"] == "Antipode" and new.fields["pages"] == "252--271" and new.fields["number"] == "2"
    assert (tmp_path / "lib.bib.bak").read_text(encoding="utf-8") == LIBRARY
    # Importing the same file again adds nothing.
    again = json.loads(_run(lib, "--json", "import", str(ris)).stdout)
    assert again["added"] == [] and len(again["duplicates"]) == 3


def test_import_same_key_different_work_gets_a_suffix(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    other = tmp_path / "other.bib"
    other.write_text("@article{bauder2017sanctuary,\n  author = {Bauder, Harald},\n"
                     "  title = {Something else entirely},\n  year = {2017},\n}\n", encoding="utf-8")
    result = _run(lib, "import", str(other))
    assert result.exit_code == 0, result.output
    assert "bauder2017sanctuary -> bauder2017sanctuarya" in result.stdout
    assert "bauder2017sanctuarya" in bibfile.load(lib)


def test_import_same_key_same_work_is_a_duplicate(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    same = tmp_path / "same.json"
    same.write_text(json.dumps([{"id": "bagelman2016sanctuary", "type": "book", "title": "Sanctuary City"}]))
    report = json.loads(_run(lib, "--json", "import", str(same)).stdout)
    assert report["duplicates"] == [{"key": "bagelman2016sanctuary", "duplicate_of": "bagelman2016sanctuary",
                                     "by": "key", "line": 0}]
    assert bibfile.load(lib).keys() == ["bauder2017sanctuary", "bagelman2016sanctuary"]


def test_dry_run_changes_nothing(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    new = tmp_path / "new.json"
    new.write_text(json.dumps([{"id": "x", "type": "webpage", "title": "Solidarity cities",
                                "author": [{"family": "Penny", "given": "Eleanor"}], "issued": {"date-parts": [[2016]]}}]))
    result = _run(lib, "import", "--dry-run", str(new))
    assert result.exit_code == 0 and "would add 1 of 1" in result.stdout
    assert lib.read_text(encoding="utf-8") == LIBRARY


def test_import_into_a_new_library_and_export_back(tmp_path: Path, export_data: Path) -> None:
    lib = tmp_path / "new.bib"
    result = _run(lib, "import", str(export_data / "fixtures.snapshot.csl.json"))
    assert result.exit_code == 0, result.output
    assert "added 14 of 14" in result.stdout
    again = _run(lib, "export", "--to", "csl-json")
    original = json.loads((export_data / "fixtures.snapshot.csl.json").read_text(encoding="utf-8"))
    assert json.loads(again.stdout) == original


def test_import_bad_json_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{]")
    result = _run(_library(tmp_path), "import", str(bad))
    assert result.exit_code == 3
    assert "bad.json:1:" in result.stderr and "Traceback" not in result.output
