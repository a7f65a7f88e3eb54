"""Two writers on one library: the lock makes the second wait or stop (exit 3); no entry is ever lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from solicite import bibfile
from solicite.errors import DataLossError

from .conftest import BASE, solicite, start

HOLD = ("import sys, time; from solicite.bibfile import LibraryLock\n"
        "with LibraryLock(sys.argv[1]):\n    print('held', flush=True); time.sleep(float(sys.argv[2]))\n")


def _holder(path: Path, seconds: float) -> subprocess.Popen:
    """A real process holding the library's lock for some seconds (started once it holds it)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def _race(library: Path, entry_file, trial: int, env: dict) -> list[tuple[str, int, str]]:
    files = {k: entry_file(f"{k}{trial}") for k in ("a", "b")}
    procs = {k: start("--library", str(library), "add", str(f), env=env) for k, f in files.items()}
    out = []
    for k, proc in procs.items():
        _, err = proc.communicate(timeout=60)
        out.append((f"{k}{trial}", proc.returncode, err))
    return out


@pytest.mark.parametrize("wait", ["10", "0"])
def test_racing_adds_never_lose_an_entry(library: Path, entry_file, wait: str) -> None:
    """Many trials of two real `solicite add` at once: with a wait both land; without, the loser exits 3."""
    outcomes = []
    for trial in range(12):
        library.write_text(BASE, encoding="utf-8")
        results = _race(library, entry_file, trial, {"SOLICITE_LOCK_TIMEOUT": wait})
        text = library.read_text(encoding="utf-8")
        assert "{first," in text and "{second," in text
        for key, code, err in results:
            outcomes.append(code)
            if code == 0:
                assert f"{{{key}," in text, f"trial {trial}: {key} reported added but is not in the file"
            else:
                assert code == 3 and err.startswith("solicite: error:") and err.count("\n") == 1, err
                assert f"{{{key}," not in text
        assert bibfile.load(library).keys()[:2] == ["first", "second"]
    if wait == "10":
        assert outcomes == [0] * len(outcomes)  # the second writer waited for the first


def test_second_writer_gives_up_after_the_wait_naming_the_holder(library: Path, entry_file) -> None:
    before = library.read_bytes()
    holder = _holder(library, 30)
    try:
        t0 = time.monotonic()
        result = solicite("--library", str(library), "add", str(entry_file("late")), env={"SOLICITE_LOCK_TIMEOUT": "0.5"})
        waited = time.monotonic() - t0
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 3
    assert f"pid {holder.pid}" in result.stderr and "another solicite is changing this library" in result.stderr
    assert waited >= 0.5
    assert library.read_bytes() == before


def test_second_writer_waits_for_a_short_holder(library: Path, entry_file) -> None:
    holder = _holder(library, 1.0)
    result = solicite("--library", str(library), "add", str(entry_file("patient")), env={"SOLICITE_LOCK_TIMEOUT": "20"})
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert "{patient," in library.read_text(encoding="utf-8")


def test_a_killed_holder_leaves_no_stale_lock(library: Path, entry_file) -> None:
    holder = _holder(library, 30)
    holder.kill()
    holder.wait()
    result = solicite("--library", str(library), "add", str(entry_file("after")), env={"SOLICITE_LOCK_TIMEOUT": "0"})
    assert result.returncode == 0, result.stderr


def test_read_only_commands_take_no_lock(library: Path) -> None:
    result = solicite("--library", str(library), "list")
    assert result.returncode == 0 and not (library.parent / ".lib.bib.lock").exists()
    holder = _holder(library, 30)
    try:
        for args in (["list"], ["show", "first"], ["lint"], ["export", "--to", "ris"], ["add", "--dry-run", "-"]):
            stdin = "@misc{x, title={X}}\n" if args[0] == "add" else None
            result = solicite("--library", str(library), *args, env={"SOLICITE_LOCK_TIMEOUT": "0"}, input=stdin)
            assert result.returncode in (0, 1), (args, result.stderr)
    finally:
        holder.kill()
        holder.wait()


def test_bad_lock_timeout_is_a_configuration_error(library: Path) -> None:
    result = solicite("--library", str(library), "rm", "first", env={"SOLICITE_LOCK_TIMEOUT": "-1"})
    assert result.returncode == 2 and "lock_timeout" in result.stderr
    assert "{first," in library.read_text(encoding="utf-8")


def test_an_edit_with_the_same_size_and_mtime_is_not_overwritten(library: Path) -> None:
    """The re-check is by content: `cp -p`, `rsync -t` and editors that restore the mtime are caught."""
    lib = bibfile.load(library)
    st = os.stat(library)
    edited = library.read_bytes().replace(b"Entry first", b"Entry FIRST")
    library.write_bytes(edited)
    os.utime(library, ns=(st.st_atime_ns, st.st_mtime_ns))
    lib.remove("second")
    with pytest.raises(DataLossError, match="changed on disk") as info:
        lib.save()
    assert info.value.exit_code == 3
    assert library.read_bytes() == edited
    assert not (library.parent / "lib.bib.bak").exists()


def test_a_file_created_after_an_empty_start_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "new.bib"
    lib = bibfile.loads("", source=str(path))
    lib.path, lib.digest = path, bibfile.ABSENT
    path.write_text("@misc{theirs, title = {Theirs}}\n", encoding="utf-8")
    lib.add(bibfile.loads("@misc{mine, title = {Mine}}").get("mine"))
    with pytest.raises(DataLossError, match="was created"):
        lib.save()
    assert "theirs" in path.read_text(encoding="utf-8")
