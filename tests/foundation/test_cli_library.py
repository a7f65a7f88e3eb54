"""In-process CLI tests for the library commands: output, --json and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite.cli.main import cli

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    target = tmp_path / "library.bib"
    shutil.copy(DATA / "bib" / "representative.bib", target)
    return target


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_list_plain_and_json(lib: Path) -> None:
    result = run("--library", str(lib), "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "bauder2017sanctuary\tarticle\t2017\tBauder\tSanctuary Cities: Policies and Practices in International Perspective"
    assert len(lines) == 6
    data = json.loads(run("--library", str(lib), "--json", "list").stdout)
    assert [d["key"] for d in data][:2] == ["bauder2017sanctuary", "hausman2020sanctuary"]
    assert data[0]["persons"]["author"] == [{"family": "Bauder", "given": "Harald"}]
    assert data[0]["line"] == 11


def test_list_filters_by_keyword_and_type(lib: Path) -> None:
    result = run("-l", str(lib), "list", "--keyword", "donate or get involved!")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["solidarity-city"]
    result = run("-l", str(lib), "list", "--type", "book")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["paik2020bans", "migsec2021"]


def test_show_prints_the_entry_as_written(lib: Path) -> None:
    result = run("-l", str(lib), "show", "hausman2020sanctuary")
    assert result.exit_code == 0
    assert result.stdout.startswith('@article{hausman2020sanctuary,\n  author = "Hausman, David K.",')
    data = json.loads(run("-l", str(lib), "--json", "show", "paik2020bans").stdout)
    assert data["fields"]["isbn"] == "9780520297883"


def test_show_unknown_key_is_a_usage_error(lib: Path) -> None:
    result = run("-l", str(lib), "show", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("solicite: error:") and "nope" in result.stderr
    assert "Traceback" not in result.output


def test_search_ignores_case_and_accents(lib: Path) -> None:
    result = run("-l", str(lib), "search", "GONZALEZ")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["migsec2021"]
    result = run("-l", str(lib), "search", "--field", "title", "bauder")
    assert result.exit_code == 1 and result.stdout == ""
    result = run("-l", str(lib), "search", "--field", "author", "bauder")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["bauder2017sanctuary", "bauder2021urban"]


def test_add_from_file_generates_and_deduplicates_keys(lib: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.bib"
    new.write_text("@article{,\n  author = {Bauder, Harald},\n  title = {The Possibilities of Urban Belonging},\n"
                   "  journal = {Antipode}, year = {2016}}\n\n@book{paik2020bans, title = {Taken key}, year = {2020}}\n")
    before = lib.read_text()
    result = run("-l", str(lib), "add", str(new))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["added bauder2016possibilities", "added takenkey2020 (was paik2020bans)"]
    after = lib.read_text()
    assert after.startswith(before)
    assert (lib.parent / "library.bib.bak").read_text() == before


def test_add_from_stdin_with_json(lib: Path) -> None:
    result = run("-l", str(lib), "--json", "add", "-", input="@misc{k1, title = {From stdin}}\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["added"] == ["k1"]


def test_add_creates_a_missing_library(tmp_path: Path) -> None:
    target = tmp_path / "fresh.bib"
    result = run("-l", str(target), "add", "-", input="@misc{k1, title = {First}}\n")
    assert result.exit_code == 0
    assert target.read_text() == "@misc{k1,\n  title = {First},\n}\n"


def test_add_bad_bibtex_is_a_clean_input_error(lib: Path) -> None:
    before = lib.read_bytes()
    result = run("-l", str(lib), "add", "-", input="@misc{k1, title = {unclosed}\n")
    assert result.exit_code == 3
    assert result.stderr.startswith("solicite: error: <stdin>:")
    assert "Traceback" not in result.output
    assert lib.read_bytes() == before


def test_add_missing_file(lib: Path) -> None:
    result = run("-l", str(lib), "add", "nowhere.bib")
    assert result.exit_code == 3 and "no such file" in result.stderr


def test_rm(lib: Path) -> None:
    result = run("-l", str(lib), "rm", "paik2020bans", "solidarity-city")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["removed paik2020bans", "removed solidarity-city"]
    keys = run("-l", str(lib), "list").stdout
    assert "paik2020bans" not in keys and "solidarity-city" not in keys
    assert run("-l", str(lib), "rm", "nope").exit_code == 2


def test_keys_regenerates_only_keys(lib: Path) -> None:
    before = lib.read_text()
    result = run("-l", str(lib), "keys", "--pattern", "{auth}{year}")
    assert result.exit_code == 0, result.output
    assert "bauder2017sanctuary -> bauder2017" in result.stdout
    assert "migsec2021 -> gonzalez2021" in result.stdout
    after = lib.read_text()
    assert after.replace("bauder2017,", "bauder2017sanctuary,") != before  # changed something
    # Only key lines (and the crossref that points to the renamed key) differ.
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert all(a.lstrip().startswith(("@", "crossref")) for a, _ in changed)
    assert len(before.splitlines()) == len(after.splitlines())


def test_keys_dry_run_writes_nothing(lib: Path) -> None:
    before = lib.read_bytes()
    result = run("-l", str(lib), "--json", "keys", "--dry-run")
    assert result.exit_code == 0
    assert {"old": "migsec2021", "new": "gonzalez2021migration"} in json.loads(result.stdout)
    assert lib.read_bytes() == before


def test_dupes_and_duplicate_key_error(tmp_path: Path) -> None:
    path = tmp_path / "d.bib"
    path.write_text("@misc{a, title={1}}\n@misc{b, title={2}}\n@misc{a, title={3}}\n@misc{b, title={4}}\n")
    result = run("-l", str(path), "list")
    # Reading goes on, with one warning per duplicated key (issue 16); naming such a key is refused.
    assert result.exit_code == 0
    assert f"{path}:3: duplicate key 'a' (lines 1, 3)" in result.stderr
    assert f"{path}:4: duplicate key 'b' (lines 2, 4)" in result.stderr
    assert run("-l", str(path), "show", "a").exit_code == 3
    result = run("-l", str(path), "dupes")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"a\t{path}:1, {path}:3", f"b\t{path}:2, {path}:4"]


def test_lint_reports_and_exit_status(tmp_path: Path) -> None:
    path = tmp_path / "l.bib"
    path.write_text("@article{a, author={X, Y}, title={T}, year={20x7}, doi={11.1/x}, url={not a url}, isbn={9780520297884}}\n"
                    "@weird{b, title={U}}\n@article{c, author={X, Y}, title={T!}, journal={J}, year={20x7}}\n")
    result = run("-l", str(path), "--json", "lint")
    assert result.exit_code == 1
    codes = sorted(f["code"] for f in json.loads(result.stdout)["findings"])
    assert codes == ["bad-doi", "bad-isbn", "bad-url", "bad-year", "bad-year", "duplicate-entry", "missing-field", "unknown-type"]


def test_lint_clean_library_exits_zero(lib: Path) -> None:
    result = run("-l", str(lib), "lint")
    assert result.exit_code == 0, result.output


def test_lint_reports_malformed_blocks_instead_of_stopping() -> None:
    result = run("-l", str(DATA / "malformed.bib"), "--json", "lint")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert findings[0]["code"] == "syntax" and findings[0]["line"] == 11


def test_no_library_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOLICITE_LIBRARY", raising=False)
    monkeypatch.setenv("SOLICITE_CONFIG", str(tmp_path / "none.toml"))
    result = run("list")
    assert result.exit_code == 2 and "no library given" in result.stderr


def test_library_from_environment(lib: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOLICITE_LIBRARY", str(lib))
    assert "paik2020bans" in run("list").stdout


def test_help_lists_commands_and_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in ("list", "show", "search", "add", "rm", "lint", "keys"):
        assert f"  {name} " in result.stdout
    assert "3 unreadable or invalid input" in result.stdout


def test_debug_shows_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--debug", "-l", str(tmp_path / "x.bib"), "list"])
    assert result.exception is not None and type(result.exception).__name__ == "InputError"
