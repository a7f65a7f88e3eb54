"""Symlinks, modes, read-only files, devices, fifos, `-o -` and the `.bak` symlink attack, on real files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from .conftest import BASE, solicite, temp_files


def test_a_symlinked_library_is_edited_through_the_link(tmp_path: Path, entry_file) -> None:
    real_dir = tmp_path / "synced"
    real_dir.mkdir()
    real = real_dir / "real.bib"
    real.write_text(BASE, encoding="utf-8")
    link = tmp_path / "lib.bib"
    link.symlink_to(real)
    result = solicite("--library", str(link), "add", str(entry_file("third")))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "{third," in real.read_text(encoding="utf-8")
    assert (real_dir / "real.bib.bak").read_text(encoding="utf-8") == BASE
    assert temp_files(real_dir) == [] and temp_files(tmp_path) == []


def test_mode_is_kept_and_new_files_honour_the_umask(tmp_path: Path, library: Path, entry_file) -> None:
    library.chmod(0o640)
    assert solicite("--library", str(library), "rm", "first").returncode == 0
    assert stat.S_IMODE(library.stat().st_mode) == 0o640
    for umask, mode in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        new = tmp_path / f"new-{umask:o}.bib"
        result = solicite("--library", str(new), "add", str(entry_file("x")), preexec=lambda u=umask: os.umask(u))
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(new.stat().st_mode) == mode
        out = tmp_path / f"out-{umask:o}.json"
        result = solicite("--library", str(library), "export", "--to", "csl-json", "-o", str(out),
                          preexec=lambda u=umask: os.umask(u))
        assert result.returncode == 0 and stat.S_IMODE(out.stat().st_mode) == mode


def test_a_read_only_library_is_refused(library: Path, entry_file) -> None:
    library.chmod(0o444)
    result = solicite("--library", str(library), "add", str(entry_file("third")))
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "read-only" in result.stderr
    assert library.read_text(encoding="utf-8") == BASE and temp_files(library.parent) == []


def test_a_read_only_output_file_is_refused(tmp_path: Path, library: Path) -> None:
    out = tmp_path / "refs.ris"
    out.write_text("keep me\n")
    out.chmod(0o444)
    result = solicite("--library", str(library), "export", "--to", "ris", "-o", str(out))
    assert result.returncode == 3 and "read-only" in result.stderr
    assert out.read_text() == "keep me\n"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_devices_are_never_replaced(library: Path, device: str) -> None:
    before = os.stat(device)
    for args in (["export", "--to", "ris", "-o", device], ["check", "--offline", "-o", device]):
        result = solicite("--library", str(library), *args)
        assert result.returncode == 3, (args, result.stderr)
        assert "not a regular file" in result.stderr
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_a_fifo_is_not_written_over(tmp_path: Path, library: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = solicite("--library", str(library), "export", "--to", "bibtex", "-o", str(fifo))
    assert result.returncode == 3 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    result = solicite("--library", str(fifo), "rm", "first")
    assert result.returncode == 3 and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_dash_is_standard_output_everywhere(tmp_path: Path, library: Path) -> None:
    os.chdir(tmp_path)
    text = tmp_path / "refs.txt"
    text.write_text("Doe, J. (2020). Entry first. J.\n", encoding="utf-8")
    for args in (["export", "--to", "ris", "-o", "-"], ["check", "--offline", "-o", "-"],
                 ["parse", str(text), "-o", "-"], ["parse", str(text), "--format", "json", "-o", "-"]):
        result = solicite("--library", str(library), *args)
        assert result.returncode in (0, 1), (args, result.stderr)
        assert result.stdout.strip(), args
        assert not (tmp_path / "-").exists(), args


def test_a_bak_symlink_is_never_followed(tmp_path: Path, library: Path, entry_file) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    bak = library.with_name("lib.bib.bak")
    bak.symlink_to(victim)
    result = solicite("--library", str(library), "add", str(entry_file("third")))
    assert result.returncode == 3 and ".bak is a symbolic link" in result.stderr
    assert result.stderr.count("\n") == 1
    assert victim.read_text() == "precious\n" and bak.is_symlink()
    assert library.read_text(encoding="utf-8") == BASE and temp_files(library.parent) == []


def test_a_bak_that_is_a_folder_is_refused(library: Path) -> None:
    (library.with_name("lib.bib.bak")).mkdir()
    result = solicite("--library", str(library), "rm", "first")
    assert result.returncode == 3 and "not a regular file" in result.stderr
    assert library.read_text(encoding="utf-8") == BASE


def test_the_backup_is_the_previous_file_and_the_old_backup_goes_only_when_the_new_one_is_in_place(
        library: Path, entry_file) -> None:
    assert solicite("--library", str(library), "add", str(entry_file("third"))).returncode == 0
    assert library.with_name("lib.bib.bak").read_text(encoding="utf-8") == BASE
    second = library.read_text(encoding="utf-8")
    assert solicite("--library", str(library), "rm", "third").returncode == 0
    assert library.with_name("lib.bib.bak").read_text(encoding="utf-8") == second
    assert library.read_text(encoding="utf-8") == BASE  # add then rm: every byte back


def test_a_lock_file_symlink_is_not_followed(tmp_path: Path, library: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (library.parent / ".lib.bib.lock").symlink_to(victim)
    result = solicite("--library", str(library), "rm", "first")
    assert result.returncode == 3 and result.stderr.count("\n") == 1
    assert victim.read_text() == "precious\n"
