"""A save killed at any point, or stopped by a full disk, loses nothing and leaves nothing behind."""

from __future__ import annotations

import resource
import signal
from pathlib import Path

import pytest

from .conftest import BASE, solicite, temp_files

POINTS = ["mid-write", "before-backup", "before-rename", "after-rename"]


def _library_with_old_backup(library: Path) -> bytes:
    old_bak = b"% the previous backup\n" + BASE.encode()
    library.with_name("lib.bib.bak").write_bytes(old_bak)
    return old_bak


@pytest.mark.parametrize("point", POINTS)
def test_sigkill_during_a_save_keeps_the_library_whole_and_the_next_save_cleans_up(
        library: Path, entry_file, point: str) -> None:
    old_bak = _library_with_old_backup(library)
    big = entry_file("big")
    big.write_text(big.read_text().replace("title = {", "title = {" + "x" * 200_000), encoding="utf-8")
    result = solicite("--library", str(library), "add", str(big), env={"SOLICITE_TEST_KILL_AT": point})
    assert result.returncode == -signal.SIGKILL
    now = library.read_text(encoding="utf-8")
    bak = library.with_name("lib.bib.bak").read_bytes()
    if point == "after-rename":
        assert "{big," in now and bak == BASE.encode()
    else:
        assert now == BASE  # the library is the old one, whole
        assert bak in (old_bak, BASE.encode())  # the backup is one whole version, never a torn copy
    left = temp_files(library.parent)
    assert point in ("after-rename", "before-backup") or left  # SIGKILL cannot be caught: temp files stay...
    result = solicite("--library", str(library), "rm", "second")
    assert result.returncode == 0, result.stderr
    assert temp_files(library.parent) == []  # ...until the next save removes them
    if left:
        assert "left beside lib.bib by an interrupted save" in result.stderr


@pytest.mark.parametrize("sig", ["TERM", "INT"])
def test_sigterm_and_sigint_during_a_save_remove_the_temporary_files(library: Path, entry_file, sig: str) -> None:
    old_bak = _library_with_old_backup(library)
    result = solicite("--library", str(library), "add", str(entry_file("third")),
                      env={"SOLICITE_TEST_KILL_AT": "before-rename", "SOLICITE_TEST_SIGNAL": sig})
    assert result.returncode in (-signal.SIGTERM, 130) if sig == "TERM" else result.returncode == 130
    assert library.read_text(encoding="utf-8") == BASE
    assert library.with_name("lib.bib.bak").read_bytes() in (old_bak, BASE.encode())
    assert temp_files(library.parent) == []


def test_a_full_disk_changes_nothing(library: Path, entry_file) -> None:
    """RLIMIT_FSIZE makes writes past 64 KiB fail with EFBIG, as a full disk would mid-write."""
    old_bak = _library_with_old_backup(library)
    big = entry_file("big")
    big.write_text(big.read_text().replace("title = {", "title = {" + "x" * 200_000), encoding="utf-8")
    limit = 64 * 1024

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = solicite("--library", str(library), "add", str(big), preexec=small_disk)
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith("solicite: error:") and result.stderr.count("\n") == 1
    assert "nothing was changed" in result.stderr
    assert library.read_text(encoding="utf-8") == BASE
    assert library.with_name("lib.bib.bak").read_bytes() == old_bak
    assert temp_files(library.parent) == []
