"""Reading a file a few MiB at a time gives exactly the blocks (and errors) of one scan of the whole text."""

from __future__ import annotations

from pathlib import Path

import pytest

from solicite.bibfile import scanner
from solicite.errors import BibSyntaxError


def _shape(blocks) -> list[tuple]:
    return [(b.kind, b.raw, b.line, b.type, b.key, b.key_offset, list(b.fields), b.error) for b in blocks]


def _both(data: bytes, lenient: bool):
    """(scan of the whole text, piecewise scan), each a result or the error it raised."""
    out = []
    for read in (lambda: scanner.scan(data.decode("utf-8", "surrogateescape"), "f.bib", lenient),
                 lambda: scanner.scan_bytes(data, "f.bib", lenient)):
        try:
            blocks, failures = read()
            out.append((_shape(blocks), failures))
        except BibSyntaxError as exc:
            out.append(("error", str(exc), exc.line, exc.column))
    return out


TRICKY = (
    b"% a comment line\n@string{j = {Journal}}\n\n"
    b"@article{a, title = {One\n@ not a block}, journal = j}\n"
    b"@ not a block either\n"
    b"@book{b, title = {Caf\xc3\xa9 \xf0\x9d\x92\x9c}, note = \"x\"}\n"
    b"@misc{c, title = {bad \xff byte}}\n"
    b"@comment{anything @here}\n"
    b"@misc{d, title = {{nested {deep}}}, year = 2020}\n"
)
BROKEN = TRICKY + b"@misc{e, title = {never closed\n@misc{f, title = {ok}}\n"


@pytest.mark.parametrize("piece", [1, 7, 40, 1 << 22])
@pytest.mark.parametrize("data", [TRICKY, BROKEN, TRICKY * 50], ids=["tricky", "broken", "many"])
@pytest.mark.parametrize("lenient", [False, True])
def test_pieces_scan_like_the_whole_text(monkeypatch, piece: int, data: bytes, lenient: bool) -> None:
    monkeypatch.setattr(scanner, "_PIECE", piece)
    whole, pieces = _both(data, lenient)
    assert pieces == whole


@pytest.mark.corpus
def test_pieces_scan_like_the_whole_text_on_the_corpus(monkeypatch, shared_dir: Path) -> None:
    monkeypatch.setattr(scanner, "_PIECE", 2048)  # many cuts in every file
    files = sorted((shared_dir / "bib").rglob("*.bib"))
    assert len(files) > 20
    for path in files:
        data = path.read_bytes()
        for lenient in (False, True):
            whole, pieces = _both(data, lenient)
            assert pieces == whole, path
