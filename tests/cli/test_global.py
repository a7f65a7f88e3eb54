"""Global behaviour of the command line: --json anywhere, one-line usage errors, --version, the man page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite.cli.main import COMMANDS, cli

DATA = Path(__file__).resolve().parent.parent / "data"
LIB = str(DATA / "bib" / "representative.bib")


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.mark.parametrize("command", [["list"], ["format", "--style", "ieee"], ["cite", "bauder2017sanctuary"],
                                     ["search", "sanctuary"], ["show", "bauder2017sanctuary"], ["shownotes"]])
def test_json_before_or_after_the_command_means_the_same(command: list[str]) -> None:
    before = run("-l", LIB, "--json", *command)
    after = run("-l", LIB, *command, "--json")
    assert before.exit_code == after.exit_code == 0, (before.output, after.output)
    assert json.loads(before.stdout) == json.loads(after.stdout)


def test_every_command_takes_json() -> None:
    for name in COMMANDS:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "--json" in result.stdout, name


@pytest.mark.parametrize("args", [["list", "--bogus"], ["format", "--style", "nope"], ["show"], ["nosuch"],
                                  ["parse"], ["cite", "--to", "pdf", "x"], ["--bogus"]])
def test_usage_errors_are_one_line_with_a_hint(args: list[str]) -> None:
    result = run("-l", LIB, *args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("solicite: error: ")
    assert "--help'" in lines[0]
    assert result.stdout == ""


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("solicite, version ")


def test_man_page_names_every_command_and_option() -> None:
    page = run("man").stdout
    assert page.startswith(".TH SOLICITE 1")
    for name in COMMANDS:
        assert f".SS solicite {name}" in page
    assert "\\-\\-allow\\-duplicates" in page or "\\-\\-dry\\-run" in page
    assert "\\-\\-keyword" in page


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed: the page is not typeset")
def test_man_page_is_valid_roff_for_groff() -> None:
    # groff is the independent judge: with every warning on, a well-formed page typesets silently.
    page = run("man").stdout
    typeset = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=page, capture_output=True, text=True)
    assert typeset.returncode == 0
    assert typeset.stderr == ""
