"""Every shell example of the README runs as shown, against the files in examples/.

The ```sh blocks of README.md are read line by line and run in order, in one scratch folder
holding a copy of examples/ and data/references.bib (so `--add` and `-o` change the copy), with
the installed `solicite` on PATH as after `. .venv/bin/activate`. A comment ``# → TEXT``
states the exact output, and is checked; a plain ``` block right after a ```sh block shows
what the block's first command prints, and each of its lines must be in that output. Lines that
cannot run here are skipped with their reason (set-up, benchmarks, interactive).

Examples that talk to the network (`check`, `resolve`, `enrich`, `add DOI`) run as shown
against loopback stand-ins (`standins.py`): the services through the base URLs of a
`solicite.toml` in the scratch folder, the web through an HTTPS proxy. Every example runs with
name lookups off loopback refused and recorded, and none may have tried one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"

SKIP = [
    (re.compile(r"pip install"), "set-up: installs the package (this test runs inside that install)"),
    (re.compile(r"^(\.venv/bin/)?python3? bench/"), "a benchmark: minutes of work on ../shared, run by hand"),
    (re.compile(r"\s-i\s|--interactive"), "interactive: asks a question per entry"),
]
# What the README says network examples do, checked beyond "no error" (the stand-ins know every link
# of examples/ and the show notes' records; an HTTP cache answers repeats, so "asked" alone proves little).
OUTCOMES = {
    "solicite check examples/notes.md examples/page.html refs.bib": "no broken link",
    "solicite resolve": "asks Crossref, OpenAlex, DataCite, Open Library and Wikidata by entry kind",
    "solicite resolve --apply": "hausman2020sanctuary gets its DOI, the old file is kept as .bak",
    "solicite enrich --apply": "values from the DOI's record, with provenance",
    "solicite add 10.1073/pnas.2014673117": "already in the library: skipped with a note",
}
FINDINGS = re.compile(r"^solicite (--json )?(check|resolve|enrich|lint|search|dupes)\b")
SHELLS = {"zsh_source": "zsh", "fish_source": "fish"}


def _shown_outputs(text: str) -> dict[int, list[str]]:
    """The README line of each ```sh block's first line, mapped to the lines of a plain ``` block right after it."""
    blocks = list(re.finditer(r"```(\w*)\n(.*?)```", text, re.S))
    shown = {}
    for block, after in zip(blocks, blocks[1:]):
        if block.group(1) == "sh" and after.group(1) == "" and not text[block.end():after.start()].strip():
            shown[text[: block.start(2)].count("\n") + 1] = after.group(2).splitlines()
    return shown


def _examples() -> list:
    text = README.read_text(encoding="utf-8")
    shown = _shown_outputs(text)
    cases = []
    for block in re.finditer(r"```sh\n(.*?)```", text, re.S):
        first = text[: block.start(1)].count("\n") + 1
        for offset, line in enumerate(block.group(1).splitlines()):
            command, _, comment = line.partition("  #")
            command = command.strip()
            if not command or command.startswith("#"):
                continue
            lineno = first + offset
            marks = []
            reason = next((why for rx, why in SKIP if rx.search(command)), None)
            shell = next((sh for token, sh in SHELLS.items() if token in command), "bash")
            if reason is None and shutil.which(shell) is None:
                reason = f"{shell} is not installed"
            if reason:
                marks.append(pytest.mark.skip(reason=reason))
            expected = shown.get(lineno, [])
            cases.append(pytest.param(command, comment.strip(), expected, shell, id=f"README:{lineno}", marks=marks))
    return cases


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "examples", work / "examples")
    (work / "data").mkdir()
    shutil.copy(ROOT / "data" / "references.bib", work / "data" / "references.bib")
    return work


@pytest.fixture(scope="module")
def world(workdir: Path):
    """The loopback stand-ins for the web services, and solicite.toml in the scratch folder pointing at them."""
    pytest.importorskip("trustme", reason="the [test] extra's trustme makes the stand-in web's certificates")
    from .standins import start

    stand_ins = start(workdir)
    yield stand_ins
    stand_ins.close()


@pytest.mark.parametrize("command,comment,expected,shell", _examples())
def test_readme_example_runs_as_shown(command: str, comment: str, expected: list[str], shell: str, workdir: Path,
                                      world) -> None:
    bindir = Path(sys.executable).parent
    if not (bindir / "solicite").exists():
        pytest.skip(f"no solicite script beside {sys.executable}: install the package first")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOLICITE_")}
    env.update(PATH=f"{bindir}{os.pathsep}{env.get('PATH', '')}", SOLICITE_CONFIG=str(workdir / "none.toml"),
               SOLICITE_CACHE_DIR=str(workdir / "cache"), NO_COLOR="1", HOME=str(workdir), **world.env)
    # The scratch folder has no .venv: `.venv/bin/X` is the X of this install.
    command = re.sub(r"(?<![\w/])\.venv/bin/", f"{bindir}/", command)
    if shell == "fish":
        argv = ["fish", "-c", command]
    else:
        argv = [shell, "-c", "set -o pipefail 2>/dev/null; " + command]
    done = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in ((0, 1) if FINDINGS.search(command) else (0,)), f"exit {done.returncode}: {done.stderr.strip()[-500:]}"
    assert "solicite: error:" not in done.stderr
    if comment.startswith("→"):
        assert done.stdout.strip() == comment[1:].strip()
    for line in expected:
        assert line in done.stdout.splitlines(), f"the README shows {line!r}; the output was:\n{done.stdout}"
    assert world.lookups_off_loopback() == [], "an example tried to reach the internet"
    if command in OUTCOMES:
        _check_outcome(command, done, workdir)
    if command == "solicite resolve":
        asked = {seen.path.split("/")[1] for seen in world.services.seen}
        assert {"crossref", "openalex", "datacite", "openlibrary", "wikidata"} <= asked, asked


def _check_outcome(command: str, done: subprocess.CompletedProcess, workdir: Path) -> None:
    """The README's words about a network example (OUTCOMES), as facts about its output and files."""
    library = (workdir / "data" / "references.bib").read_text(encoding="utf-8")
    hausman = library[library.index("{hausman2020sanctuary,"):].split("\n}", 1)[0]
    if command.startswith("solicite check"):
        assert done.returncode == 0 and " broken " not in done.stdout, done.stdout
    elif command == "solicite resolve --apply":
        assert "doi = {10.1073/pnas.2014673117}" in hausman
        assert (workdir / "data" / "references.bib.bak").exists()
    elif command == "solicite enrich --apply":
        assert "from doi on" in hausman or "from crossref on" in hausman, hausman
    elif command.startswith("solicite add"):
        assert library.count("10.1073/pnas.2014673117}") == 1 + library.count("url = {https://doi.org/10.1073/pnas.2014673117}")
        assert "not added" in done.stderr and "same DOI" in done.stderr, done.stderr


# The other forms the README's `solicite add 10.1073/pnas.2014673117` line names in its comment
# ("also doi:..., https://doi.org/..., isbn:9780520297883, a URL"), each into a library of its own.
ADD_FORMS = [
    ("doi:10.1073/pnas.2014673117", "Sanctuary policies reduce deportations without increasing crime"),
    ("https://doi.org/10.1073/pnas.2014673117", "Sanctuary policies reduce deportations without increasing crime"),
    ("isbn:9780520297883", "Bans, walls, raids, sanctuary"),
    ("https://theconversation.com/solidarity-cities-70132", "Solidarity cities"),
]


def test_every_add_form_the_readme_names(workdir: Path, world) -> None:
    line = next(c for c in README.read_text(encoding="utf-8").splitlines() if c.startswith("solicite add 10.1073/"))
    assert "doi:..., https://doi.org/..., isbn:9780520297883, a URL" in line  # the forms below are those
    bindir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOLICITE_")}
    env.update(SOLICITE_CONFIG=str(workdir / "none.toml"), SOLICITE_CACHE_DIR=str(workdir / "cache-add"), NO_COLOR="1",
               HOME=str(workdir), **world.env)
    for n, (identifier, title) in enumerate(ADD_FORMS):
        library = workdir / f"add-form-{n}.bib"
        done = subprocess.run([str(bindir / "solicite"), "-l", str(library), "add", identifier], cwd=workdir, env=env,
                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (identifier, done.stderr)
        text = library.read_text(encoding="utf-8")
        assert text.count("\n@") + text.startswith("@") == 1 and f"title = {{{title}" in text, (identifier, text)
    assert world.lookups_off_loopback() == []
