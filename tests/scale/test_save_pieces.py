"""A save and an ``-o FILE`` output are written piece by piece, each piece checked, never the whole text at once.

Pieces are made small here (a few KiB) so that a bundled library is many pieces; the result
must be byte for byte what one join of the whole text gives, and a garbled piece must stop
the save with nothing changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from solicite import bibfile
from solicite.bibfile import saving
from solicite.bibfile.output import write_output
from solicite.errors import DataLossError

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "bib"


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".solicite-tmp")]


def test_pieces_join_to_the_whole_text_and_each_starts_an_entry() -> None:
    lib = bibfile.load(ROOT / "data" / "references.bib")
    parts = list(saving.pieces(lib.blocks(), 1024))
    assert len(parts) > 5
    assert "".join(parts) == lib.dumps()
    assert all(p.startswith("@") for p in parts[1:])


def _edited_copy(source: Path, tmp_path: Path) -> tuple[Path, bibfile.Library]:
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    lib = bibfile.load(path, lenient=True, allow_duplicates=True)
    keys = [k for k in lib.keys() if lib.keys().count(k) == 1]
    lib.rename(keys[0], keys[0] + "_renamed")
    lib.remove(keys[-1])
    return path, lib


def test_a_save_in_small_pieces_is_byte_exact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saving, "PIECE", 1024)
    path, lib = _edited_copy(ROOT / "data" / "references.bib", tmp_path)
    expected = lib.dumps().encode("utf-8")
    lib.save()
    assert path.read_bytes() == expected
    assert bibfile.load(path).keys() == lib.keys() and not _temps(tmp_path)
    assert lib.digest == bibfile.load(path).digest


@pytest.mark.corpus
def test_every_corpus_file_saves_byte_exact_in_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saving, "PIECE", 4096)
    files = sorted(p for p in SHARED.rglob("*.bib") if p.stat().st_size < 5_000_000)
    assert files
    for source in files:
        try:
            path, lib = _edited_copy(source, tmp_path)
        except Exception:  # a file the reader refuses outright (binary, unreadable) has nothing to save
            continue
        expected = lib.dumps()
        lib.save()
        assert bibfile.load(path, lenient=True, allow_duplicates=True).dumps() == expected, source


def test_a_garbled_piece_stops_the_save_with_nothing_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saving, "PIECE", 1024)
    path, lib = _edited_copy(ROOT / "data" / "references.bib", tmp_path)
    before = path.read_bytes()
    real = saving.pieces

    def garbling(blocks, size):
        for i, piece in enumerate(real(blocks, size)):
            yield piece.replace("@", "", 1) if i == 3 else piece  # as a writer bug would: an entry is lost

    monkeypatch.setattr(saving, "pieces", garbling)
    with pytest.raises(DataLossError, match="entries would be lost"):
        lib.save()
    assert path.read_bytes() == before and not _temps(tmp_path)
    assert not path.with_name(path.name + ".bak").exists()


def test_a_library_with_a_broken_block_is_read_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saving, "PIECE", 64)
    path = tmp_path / "lib.bib"
    path.write_text("@misc{a, title = {A}}\n\n@misc{b, title = {never closed\n@misc{c, title = {C}}\n", encoding="utf-8")
    lib = bibfile.load(path, lenient=True)
    lib.rename("c", "cc")
    expected = lib.dumps()
    lib.save()
    assert path.read_text(encoding="utf-8") == expected


def test_output_to_a_file_is_written_as_it_is_made(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    seen: list[int] = []

    def made():
        for i in range(4):
            yield "x" * 100_000  # more than one 64 KiB batch each
            seen.append(sum(p.stat().st_size for p in tmp_path.iterdir() if p.name.endswith(".solicite-tmp")))

    write_output(target, made(), stdout=None)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "x" * 400_000
    assert seen[0] > 0 and seen[1] > seen[0]  # the temporary file grew while the text was still being made


def test_a_failure_while_the_output_is_made_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def failing():
        yield "x" * 200_000
        raise RuntimeError("the exporter failed")

    with pytest.raises(RuntimeError):
        write_output(target, failing(), stdout=None)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old" and not _temps(tmp_path)
