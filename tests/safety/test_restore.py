"""`add` then `rm` of the same entry gives back the file byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite import bibfile
from solicite.cli.main import cli
from solicite.errors import SoliciteError

SHARED_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "bib" / "robustness-corpus"
CORPUS = sorted(SHARED_CORPUS.rglob("*.bib")) if SHARED_CORPUS.is_dir() else []
NEW = "@article{addedthenremoved,\n  author = {Doe, Jane},\n  title = {Added then removed},\n  year = {2024},\n}\n"
E = "@misc{a,\n  title = {A},\n}"
ENDINGS = {
    "empty": "",
    "one newline": E + "\n",
    "no final newline": E,
    "blank line at the end": E + "\n\n",
    "many blank lines": E + "\n\n\n\n",
    "spaces at the end": E + "\n  \t\n",
    "crlf": E.replace("\n", "\r\n") + "\r\n",
    "crlf, blank line": E.replace("\n", "\r\n") + "\r\n\r\n",
    "comment last": E + "\n\n% the end\n",
    "comment last, no newline": E + "\n% the end",
    "only white space": "\n\n",
    "only a comment": "% nothing yet\n",
    "one line per entry": "@misc{a, title={A}}\n@misc{b, title={B}}\n",
    "two entries": E + "\n\n" + E.replace("{a,", "{b,") + "\n",
}


def _add_then_rm(path: Path, new: Path) -> None:
    runner = CliRunner()
    added = runner.invoke(cli, ["--library", str(path), "add", str(new)])
    assert added.exit_code == 0, added.output
    removed = runner.invoke(cli, ["--library", str(path), "rm", "addedthenremoved"])
    assert removed.exit_code == 0, removed.output


@pytest.mark.parametrize("name", list(ENDINGS))
def test_add_then_rm_restores_every_byte(tmp_path: Path, name: str) -> None:
    new = tmp_path / "new.bib"
    new.write_text(NEW, encoding="utf-8")
    path = tmp_path / "lib.bib"
    original = ENDINGS[name].encode()
    path.write_bytes(original)
    _add_then_rm(path, new)
    expected = b"" if name == "only white space" else original  # an emptied file is empty (see README)
    assert path.read_bytes() == expected


def test_add_then_rm_when_the_library_did_not_exist(tmp_path: Path) -> None:
    new = tmp_path / "new.bib"
    new.write_text(NEW, encoding="utf-8")
    path = tmp_path / "lib.bib"
    _add_then_rm(path, new)
    assert path.read_bytes() == b""


def test_rm_of_two_added_entries_in_any_order_restores_the_file(tmp_path: Path) -> None:
    original = (E + "\n").encode()
    for order in (["x", "y"], ["y", "x"]):
        lib = bibfile.loads(original.decode())
        for key in ("x", "y"):
            lib.add(bibfile.loads(f"@misc{{{key}, title = {{T}}}}").get(key))
        for key in order:
            lib.remove(key)
        assert lib.dumps().encode() == original


def test_a_new_entry_is_one_blank_line_after_the_last(tmp_path: Path) -> None:
    lib = bibfile.loads(E + "\n")
    lib.add(bibfile.loads("@misc{x, title = {T}}").get("x"))
    assert lib.dumps() == E + "\n\n@misc{x,\n  title = {T},\n}\n"


@pytest.mark.corpus
def test_add_then_rm_restores_every_corpus_file(tmp_path: Path) -> None:
    """Every file of ../shared/bib/robustness-corpus that `add` accepts comes back byte for byte."""
    new = tmp_path / "new.bib"
    new.write_text(NEW, encoding="utf-8")
    tried, differ = 0, []
    for source in CORPUS:
        try:
            bibfile.load(source)  # what `add` would refuse (syntax errors, duplicate keys) is not an add-rm case
        except SoliciteError:
            continue
        path = tmp_path / "lib.bib"
        original = source.read_bytes()
        path.write_bytes(original)
        _add_then_rm(path, new)
        tried += 1
        if path.read_bytes() != original:
            differ.append(str(source.relative_to(SHARED_CORPUS)))
    assert tried > 150
    assert differ == []
