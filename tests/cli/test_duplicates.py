"""One duplicate policy for add, parse --add and import; duplicated keys warned, refused and renumbered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite import bibfile
from solicite.cli.main import cli

ENTRY = "@article{bauder2017sanctuary,\n  author = {Bauder, Harald},\n  title = {Sanctuary Cities},\n" \
        "  year = {2017},\n  doi = {10.1111/imig.12308},\n}\n"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    path = tmp_path / "lib.bib"
    path.write_text(ENTRY, encoding="utf-8")
    return path


def test_add_skips_the_same_work_with_a_note_and_can_be_forced(lib: Path) -> None:
    same_doi = "@misc{other, title = {Whatever}, doi = {https://doi.org/10.1111/IMIG.12308}}\n"
    result = run("-l", str(lib), "add", "-", input=same_doi)
    assert result.exit_code == 0
    assert "not added: the library has it as bauder2017sanctuary (same DOI)" in result.stderr
    assert len(bibfile.load(lib)) == 1
    same_title = "@book{x, author = {Harald Bauder}, title = {Sanctuary cities!}, year = 2017}\n"
    assert "same title, year and first author" in run("-l", str(lib), "add", "-", input=same_title).stderr
    assert len(bibfile.load(lib)) == 1
    forced = run("-l", str(lib), "add", "--allow-duplicates", "-", input=same_doi)
    assert forced.exit_code == 0 and forced.stdout == "added other\n"
    assert len(bibfile.load(lib)) == 2


def test_add_of_a_taken_key_for_another_work_gets_a_new_key(lib: Path) -> None:
    other = "@misc{bauder2017sanctuary, author = {Other, A.}, title = {Unrelated}, year = 2001}\n"
    result = run("-l", str(lib), "add", "-", input=other)
    assert result.exit_code == 0
    assert result.stdout == "added other2001unrelated (was bauder2017sanctuary)\n"


def test_parse_add_twice_does_not_double_the_library(tmp_path: Path) -> None:
    lib = tmp_path / "lib.bib"
    text = "Bauder, H. (2017). Sanctuary cities: Policies and practices. International Migration, 55(2), 174-187.\n" \
           "Lasch, C. N. (2016). Sanctuary cities and dog-whistle politics. New England Journal, 42, 159-190.\n"
    first = run("-l", str(lib), "parse", "--add", "-", input=text)
    assert first.exit_code == 0, first.output
    assert len(bibfile.load(lib)) == 2
    second = run("-l", str(lib), "parse", "--add", "-", input=text)
    assert second.exit_code == 0
    assert len(bibfile.load(lib)) == 2
    assert second.stderr.count("not added: the library has it as") == 2
    assert "-:1: 'Sanctuary cities: Policies and practices' not added" in second.stderr
    assert "-:2: " in second.stderr


def test_import_uses_the_same_policy(lib: Path, tmp_path: Path) -> None:
    ris = tmp_path / "r.ris"
    ris.write_text("TY  - JOUR\nAU  - Bauder, Harald\nTI  - Sanctuary Cities\nPY  - 2017\nER  - \n", encoding="utf-8")
    report = json.loads(run("-l", str(lib), "--json", "import", str(ris)).stdout)
    assert report["added"] == [] and report["duplicates"][0]["by"] == "title"
    forced = json.loads(run("-l", str(lib), "--json", "import", "--allow-duplicates", str(ris)).stdout)
    assert len(forced["added"]) == 1


def test_import_of_input_without_records_is_refused(lib: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.ris"
    garbage.write_text("this is not RIS at all\njust words\n", encoding="utf-8")
    before = lib.read_bytes()
    result = run("-l", str(lib), "import", str(garbage))
    assert result.exit_code == 3
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("solicite: error: ")
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    assert run("-l", str(lib), "import", str(empty)).exit_code == 3
    assert lib.read_bytes() == before


def test_a_binary_library_is_an_error_and_add_does_not_append(tmp_path: Path) -> None:
    binary = tmp_path / "lib.bib"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    before = binary.read_bytes()
    for args in (["list"], ["add", "-"]):
        result = run("-l", str(binary), *args, input=ENTRY)
        assert result.exit_code == 3, args
        assert "is a binary file" in result.stderr
    assert binary.read_bytes() == before


DUPES = "@misc{same2020, title = {First}, year = 2020}\n@misc{other, title = {Other}}\n" \
        "@misc{same2020, title = {Second}, year = 2020}\n"


@pytest.fixture
def duped(tmp_path: Path) -> Path:
    path = tmp_path / "d.bib"
    path.write_text(DUPES, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["list"], ["format"], ["shownotes"], ["search", "other"], ["export", "--to", "ris"]])
def test_every_reading_command_warns_once_per_duplicated_key(duped: Path, command: list[str]) -> None:
    result = run("-l", str(duped), *command)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "duplicate key" in line]
    assert warnings == [f"solicite: warning: {duped}:3: duplicate key 'same2020' (lines 1, 3); "
                        "`solicite keys --renumber-duplicates` gives each its own key"]


@pytest.mark.parametrize("command", [["cite", "same2020"], ["format", "same2020"], ["show", "same2020"], ["rm", "same2020"]])
def test_a_duplicated_key_is_not_silently_chosen(duped: Path, command: list[str]) -> None:
    result = run("-l", str(duped), *command)
    assert result.exit_code == 3
    assert "key 'same2020' names 2 entries (lines 1, 3)" in result.stderr
    assert result.stdout == ""
    assert duped.read_text(encoding="utf-8") == DUPES


def test_keys_renumbers_duplicates_and_rm_works_on_such_a_file(duped: Path) -> None:
    assert run("-l", str(duped), "rm", "other").exit_code == 0
    result = run("-l", str(duped), "keys", "--renumber-duplicates")
    assert result.exit_code == 0, result.output
    assert result.stdout == "same2020 -> same2020a\n"
    lib = bibfile.load(duped)
    assert lib["same2020"].fields["title"] == "First"
    assert lib["same2020a"].fields["title"] == "Second"
    assert run("-l", str(duped), "cite", "same2020a").exit_code == 0


def test_authorless_pages_of_two_bodies_are_two_works(tmp_path: Path) -> None:
    """Without authors the organization stands for them: the same title on YouTube by IOM and on the EU's site."""
    lib = tmp_path / "lib.bib"
    video = "@online{a, title = {Inclusive Cities}, organization = {IOM}, howpublished = {Youtube}}\n"
    page = "@online{b, title = {Inclusive Cities}, organization = {EU}}\n"
    same_page = "@online{c, title = {Inclusive cities!}, organization = {EU}}\n"
    assert run("-l", str(lib), "add", "-", input=video + page).exit_code == 0
    assert len(bibfile.load(lib)) == 2
    again = run("-l", str(lib), "add", "-", input=same_page)
    assert "not added: the library has it as b (same title, year and first author)" in again.stderr
    assert len(bibfile.load(lib)) == 2
