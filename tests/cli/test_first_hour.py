"""Hostile first-hour inputs (issue 16's newcomer pass): each gives one clear line and a documented exit status.

Every case runs the installed command in a scratch folder holding the files below, and checks
the exit status (README, "Exit status"), that stderr has no traceback, and the line it shows.
The expected lines were written by hand from what a newcomer needs to read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ENTRY = "@article{{{key},\n  author = {{Doe, A.}},\n  title = {{{title}}},\n  journal = {{J}},\n  year = {{2020}},\n}}\n"
FILES: dict[str, bytes] = {
    "empty.bib": b"",
    "empty.txt": b"",
    "bom.bib": b"\xef\xbb\xbf" + ENTRY.format(key="bom2020", title="With a BOM").encode(),
    "crlf.bib": ENTRY.format(key="crlf2020", title="Windows line endings").replace("\n", "\r\n").encode(),
    "comments.bib": b"% just a comment\n@comment{nothing here}\n",
    "utf16.bib": "@misc{u16, title={UTF-16}}\n".encode("utf-16"),
    "crlf.txt": b"Bauder, H. (2017). Sanctuary cities. International Migration, 55(2), 174-187.\r\n",
    "unclosed.bib": b"@article{x,\n title = {Unclosed\n",
}
# (arguments, exit status, a piece of stderr's one line: "" when stderr must be empty)
CASES = [
    (["-l", "empty.bib", "list"], 0, ""),
    (["-l", "comments.bib", "format"], 0, ""),
    (["-l", "crlf.bib", "format"], 0, ""),
    (["-l", "bom.bib", "list"], 0, ""),
    (["-l", "folder", "list"], 2, "is a directory"),
    (["-l", "missing.bib", "list"], 3, "missing.bib: no such file"),
    (["-l", "utf16.bib", "list"], 3, "is a binary file"),
    (["-l", "unclosed.bib", "list"], 3, "unclosed.bib:2:10: unbalanced braces"),
    (["-l", "unclosed.bib", "format"], 1, "block kept verbatim and skipped"),
    (["-l", "bom.bib", "format", "--style", "nope"], 2, "no CSL style named 'nope'"),
    (["-l", "bom.bib", "export", "--to", "nope"], 2, "unknown exporter 'nope'"),
    (["-l", "bom.bib", "format", "--to", "nope"], 2, "'nope' is not one of"),
    (["-l", "bom.bib", "list", "--keyword", "Nope"], 1, "no entry matches --keyword 'Nope'"),
    (["-l", "bom.bib", "list", "--type", "book"], 1, "no entry matches --type 'book'"),
    (["-l", "bom.bib", "import", "empty.txt"], 3, "empty.txt: is empty: no record to import"),
    (["-l", "bom.bib", "import", "comments.bib"], 3, "holds no bibtex record"),
    (["-l", "bom.bib", "export", "--to", "ris", "-o", "nowhere/out.ris"], 3, "no such folder nowhere"),
    (["parse", "bom.bib"], 3, "bom.bib: is BibTeX already, not a list of references to parse"),
    (["parse", "folder"], 3, "is a folder, not a file"),
    (["parse", "empty.txt"], 1, "empty.txt: no references found"),
    (["parse", "crlf.txt"], 0, ""),
    (["lsit"], 2, "No such command 'lsit'"),
    (["-l", "bom.bib", "keys", "--pattern", ""], 2, "the key pattern is empty"),
]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("first-hour")
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    (folder / "folder").mkdir()
    return folder


@pytest.mark.parametrize("args,status,said", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_first_hour_mistake_gets_one_clear_line(args: list[str], status: int, said: str, scratch: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOLICITE_")}
    env.update(SOLICITE_CONFIG=str(scratch / "none.toml"), SOLICITE_CACHE_DIR=str(scratch / "cache"), NO_COLOR="1")
    before = {p.name: p.read_bytes() for p in scratch.iterdir() if p.is_file()}
    done = subprocess.run([sys.executable, "-m", "solicite", *args], cwd=scratch, env=env, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stderr
    assert done.returncode == status, done.stderr
    lines = done.stderr.splitlines()
    if said:
        assert len(lines) == 1 and said in lines[0], done.stderr
    else:
        assert lines == [], done.stderr
    # None of these may change a file it was given (the library included).
    assert {p.name: p.read_bytes() for p in scratch.iterdir() if p.is_file() and p.name in before} == before
