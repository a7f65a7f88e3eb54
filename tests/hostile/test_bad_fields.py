"""Fields that cannot be read are values (diagnostics), never crashes; reading stays linear.

The name rules are compared with pybtex (an independent implementation of BibTeX's rules) on
hand-picked names here and on every name of the corpora in ``test_corpus_names_agree``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite.bibfile import loads
from solicite.cli.main import cli
from solicite.depth import MAX_BRACE_DEPTH, brace_depth
from solicite.lint import lint_library
from solicite.model import Person, parse_names

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

BAD_NAMES = 'M{\\"u}ller, J., Schmidt, K.'
GOOD = "@article{good2020,\n  author = {Smith, John},\n  title = {A good title},\n  journal = {J},\n  year = {2020},\n}\n"

# Every command that reads the whole library, with arguments that make it print something.
COMMANDS = [
    ["list"], ["search", "good"], ["show", "good2020"], ["format"], ["format", "--to", "html"],
    ["format", "--to", "markdown"], ["cite", "good2020"], ["shownotes"], ["shownotes", "--to", "html"],
    ["export", "--to", "csl-json"], ["export", "--to", "ris"], ["export", "--to", "biblatex"],
    ["export", "--to", "bibtex"], ["export", "--to", "zotero"], ["lint"], ["keys", "--dry-run"], ["dupes"],
]


def _bib(author: str = "Doe, Jane", title: str = "t") -> str:
    return GOOD + "@article{bad2021,\n  author = {" + author + "},\n  title = {" + title + "},\n  journal = {J},\n  year = {2021},\n}\n"


def _run_all(tmp_path: Path, text: str) -> dict[str, tuple[int, str]]:
    lib = tmp_path / "lib.bib"
    lib.write_text(text, encoding="utf-8")
    out = {}
    for args in COMMANDS:
        result = CliRunner().invoke(cli, ["--library", str(lib), *args])
        out[" ".join(args)] = (result.exit_code, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
        assert "internal error" not in result.output, (args, result.output)
        assert result.exit_code in (0, 1), (args, result.exit_code, result.output)
    return out


def test_too_many_commas_is_a_warning_and_every_command_works(tmp_path: Path) -> None:
    out = _run_all(tmp_path, _bib(author=BAD_NAMES))
    assert "good2020" in out["list"][1] and "bad2021" in out["list"][1]
    assert "Smith" in out["format"][1] and "Müller" in out["format"][1]  # best effort: nothing dropped
    lint = out["lint"][1]
    assert "too many commas" in lint and "lib.bib:7" in lint, lint


def test_too_many_commas_reads_like_bibtex() -> None:
    problems: list[str] = []
    person = Person.from_bibtex(BAD_NAMES, problems)
    # BibTeX reads "von Last, Jr, First" from the first two commas; the rest stays in First.
    assert (person.family, person.suffix, person.given) == ('M{\\"u}ller', "J.", "Schmidt K.")
    assert len(problems) == 1 and "too many commas" in problems[0]


@pytest.mark.parametrize("name, expected", [
    ("Gonz{\\'a}lez, Mar{\\'\\i}a", ("Gonz{\\'a}lez", "Mar{\\'\\i}a", "", "")),
    ("{\\'E}mile Zola", ("Zola", "{\\'E}mile", "", "")),
    ("Jean {\\relax de} La Fontaine", ("La Fontaine", "Jean", "{\\relax de}", "")),
    ("{\\'e}douard de la Vall{\\'e}e", ("Vall{\\'e}e", "", "{\\'e}douard de la", "")),
    ("{von Neumann}, John", ("{von Neumann}", "John", "", "")),
    ("Viktorov, Michail~Markovitch", ("Viktorov", "Michail Markovitch", "", "")),
])
def test_braced_names_agree_with_pybtex(name: str, expected: tuple) -> None:
    from pybtex.database import Person as PybtexPerson

    p = PybtexPerson(name)
    theirs = (" ".join(p.last_names), " ".join(p.first_names + p.middle_names), " ".join(p.prelast_names),
              " ".join(p.lineage_names))
    ours = Person.from_bibtex(name)
    assert theirs == expected  # the hand-written expectation and pybtex agree
    assert (ours.family, ours.given, ours.particle, ours.suffix) == expected


def _seconds(fn, make, n: int) -> float:
    # The best of three runs, each on a fresh input (readers cache what they have read).
    best = float("inf")
    for run in range(3):
        value = make(n, run)
        start = time.perf_counter()
        fn(value)
        best = min(best, time.perf_counter() - start)
    return best


def _assert_linear(fn, make, n: int) -> None:
    # 4x the input may cost ~4x the time (x2 slack, plus a fixed 0.25 s for a loaded machine);
    # a quadratic reading would cost 16x, and a recursive one would raise.
    small, large = _seconds(fn, make, n), _seconds(fn, make, 4 * n)
    assert large < 8 * small + 0.25, (small, large)


def test_nested_braces_in_a_name_are_linear() -> None:
    _assert_linear(parse_names, lambda n, run: f"X{run}" + "{" * n + "x" + "}" * n + " Doe and Roe, R.", 50_000)


def test_a_million_nested_braces_in_a_name(tmp_path: Path) -> None:
    n = 1_000_000
    text = _bib(author="X" + "{" * n + "x" + "}" * n + " Doe")
    lib = loads(text, "lib.bib")
    start = time.perf_counter()
    findings = lint_library(lib)
    assert time.perf_counter() - start < 10
    deep = [d for d in findings if d.code == "unreadable-field"]
    assert deep and deep[0].key == "bad2021" and deep[0].line == 7 and "1000000 deep" in deep[0].message


def test_brace_depth() -> None:
    assert brace_depth("a{b{c}}{d}") == 2 and brace_depth("}}{") == 1 and brace_depth("plain") == 0


def test_deep_textbf_title_formats_and_exports(tmp_path: Path) -> None:
    title = "\\textbf{" * 1000 + "Deep" + "}" * 1000
    out = _run_all(tmp_path, _bib(title=title))
    for command in ("format", "export --to csl-json", "export --to ris", "list"):
        assert "Deep" in out[command][1], command
        assert "\\textbf" not in out[command][1], command  # read as plain text, not as LaTeX source
    assert f"more than {MAX_BRACE_DEPTH}" in out["lint"][1]


@pytest.mark.parametrize("command", [["format"], ["export", "--to", "csl-json"], ["export", "--to", "ris"]])
def test_deep_textbf_title_is_linear(tmp_path: Path, command: list[str]) -> None:
    def run(text: str) -> None:
        lib = tmp_path / "lib.bib"
        lib.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(cli, ["--library", str(lib), *command])
        assert result.exit_code == 0, result.output

    _assert_linear(run, lambda n, i: _bib(title=f"Run {i} " + "\\textbf{" * n + "Deep" + "}" * n), 20_000)


@pytest.mark.corpus
def test_corpus_names_agree_with_pybtex_braces_included() -> None:
    import re

    from pybtex.database import Person as PybtexPerson

    from solicite.model import split_names

    names: set[str] = set()
    for path in sorted(SHARED.rglob("*.bib")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r'(?im)^\s*(?:author|editor)\s*=\s*[{"](.*?)[}"],?\s*$', text):
            names.update(n for n in split_names(m.group(1)) if "{" in n or "\\" in n)
    assert len(names) > 1000
    mismatches = []
    for name in sorted(names):
        ours = Person.from_bibtex(name)
        if ours.literal:
            continue  # {UNHCR}: a notion of ours, pybtex has none
        p = PybtexPerson(name)
        theirs = (" ".join(p.last_names), " ".join(p.first_names + p.middle_names), " ".join(p.prelast_names),
                  " ".join(p.lineage_names))
        if (ours.family, ours.given, ours.particle, ours.suffix) != theirs:
            mismatches.append(name)
    assert mismatches == []


def test_a_given_name_of_punctuation_only(tmp_path: Path) -> None:
    # Found by test_fuzz: "a,-" gave an IndexError in the initials of cite and format.
    out = _run_all(tmp_path, _bib(author="a,-"))
    assert "bad2021" in out["list"][1]
