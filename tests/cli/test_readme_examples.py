"""Every shell example of the README runs as shown, against the files in examples/.

The ```sh blocks of README.md are read line by line and run in order, in one scratch folder
holding a copy of examples/ and data/references.bib (so `--add` and `-o` change the copy), with
the installed `solicite` on PATH as after `. .venv/bin/activate`. A comment ``# → TEXT``
states the exact output, and is checked. Lines that cannot run here are skipped with their
reason (set-up, benchmarks, interactive), and those needing the internet are marked `online`.
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
# Examples that talk to real services; loopback stand-ins cover the same code in tests/check and tests/resolve.
ONLINE = re.compile(r"^solicite (--json )?(check|resolve(?!.*--offline)|enrich|add (10\.|doi:|https?:|isbn))")
# Commands whose exit status 1 means "ran, and found something" (README, Exit status): a finding is not a failure.
FINDINGS = re.compile(r"^solicite (--json )?(check|resolve|enrich|lint|search|dupes)\b")
SHELLS = {"zsh_source": "zsh", "fish_source": "fish"}


def _examples() -> list:
    text = README.read_text(encoding="utf-8")
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
            if ONLINE.search(command):
                marks.append(pytest.mark.online)
            cases.append(pytest.param(command, comment.strip(), shell, id=f"README:{lineno}", marks=marks))
    return cases


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "examples", work / "examples")
    (work / "data").mkdir()
    shutil.copy(ROOT / "data" / "references.bib", work / "data" / "references.bib")
    return work


@pytest.mark.parametrize("command,comment,shell", _examples())
def test_readme_example_runs_as_shown(command: str, comment: str, shell: str, workdir: Path) -> None:
    bindir = Path(sys.executable).parent
    if not (bindir / "solicite").exists():
        pytest.skip(f"no solicite script beside {sys.executable}: install the package first")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOLICITE_")}
    env.update(PATH=f"{bindir}{os.pathsep}{env.get('PATH', '')}", SOLICITE_CONFIG=str(workdir / "none.toml"),
               SOLICITE_CACHE_DIR=str(workdir / "cache"), NO_COLOR="1", HOME=str(workdir))
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
