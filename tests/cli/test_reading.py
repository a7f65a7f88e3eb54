"""Reading commands: malformed entries reported (one line each, exit 1), sections matched as displayed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite.cli.main import cli
from solicite.model import Reference
from solicite.search import has_keyword, section_tag

DATA = Path(__file__).resolve().parent.parent / "data"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.mark.parametrize("command", [["format"], ["format", "--to", "html"], ["cite", "ok1"], ["shownotes"]])
def test_malformed_entries_are_reported_not_dropped_silently(command: list[str]) -> None:
    # tests/data/malformed.bib: ok1 (line 1), broken (line 6, an unclosed brace), ok2 (line 11).
    lib = DATA / "malformed.bib"
    result = run("-l", str(lib), *command)
    assert result.exit_code == 1, result.output
    problems = [line for line in result.stderr.splitlines() if line.startswith("solicite: warning: ")]
    assert len(problems) == 1
    assert problems[0].startswith(f"solicite: warning: {lib}:")
    assert "in entry 'broken' that starts at line 6" in problems[0]
    assert "Fine" in result.stdout


def test_keyword_matches_the_section_as_displayed(tmp_path: Path) -> None:
    lib = tmp_path / "k.bib"
    lib.write_text("@misc{a, title = {Blog post}, keywords = {Media \\& Blogs}}\n"
                   "@misc{b, title = {Caf\\'e talk}, keywords = {Caf{\\'e}s}}\n@misc{c, title = {Other}}\n")
    for command in (["list", "--keyword", "Media & Blogs"], ["format", "--keyword", "media & blogs"]):
        result = run("-l", str(lib), *command)
        assert result.exit_code == 0, result.output
        assert "Blog post" in result.stdout and "Other" not in result.stdout
    result = run("-l", str(lib), "list", "-k", "Cafés")
    assert result.stdout.startswith("b\t")


def test_section_tags_hold_no_separator_zotero_or_biblatex_would_split_on() -> None:
    # Zotero's BibTeX.js splits keywords on /\s*[,;]\s*/, biblatex on ","; a tag must contain neither.
    assert section_tag("Books, Articles; Misc") == "Books / Articles / Misc"
    assert section_tag("  Media & Blogs ") == "Media & Blogs"
    ref = Reference("misc", "k", {"keywords": "Books / Articles"})
    assert has_keyword(ref, ["Books, Articles"])


def test_parse_writes_a_section_with_a_comma_as_one_tag() -> None:
    result = run("parse", "-", input="## Books, articles\n\nBauder, H. (2017). Sanctuary cities. Migration, 55(2), 174-187.\n")
    assert "keywords = {Books / articles}" in result.stdout


def test_add_reads_identifiers_with_the_core_classifier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "isbn-13: ..." is an ISBN for resolve.identifier.classify; it used to fail as "no such file".
    monkeypatch.setenv("SOLICITE_CACHE_DIR", str(tmp_path / "cache"))
    result = run("-l", str(tmp_path / "lib.bib"), "add", "--offline", "isbn-13: 9780520297883")
    assert "no such file" not in result.stderr
    assert result.exit_code != 0 and len(result.stderr.splitlines()) == 1
    bad = run("-l", str(tmp_path / "lib.bib"), "add", "isbn-13: 9780520297884")
    assert bad.exit_code == 2 and "not a valid ISBN" in bad.stderr
    missing = run("-l", str(tmp_path / "lib.bib"), "add", "refs.bib")
    assert missing.exit_code == 3 and "no such file" in missing.stderr
