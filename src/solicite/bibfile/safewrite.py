"""Replace a file so that no crash, race, full disk or odd file type can lose what it held.

``replace_file`` is the one way solicite writes a file: the library on save, and every
command's ``-o FILE`` (through ``solicite.bibfile.output``). Under the library's lock it

1. follows symlinks to the real file (the link stays a link) and refuses anything that is
   not a regular file, and a file its owner made read-only;
2. removes temporary files that a killed save of the same file left behind;
3. writes a temporary file beside the real one, with the old file's mode and (where the
   user may) owner, or the umask for a new file, and fsyncs it;
4. re-reads the file and compares its content hash with the one the change is based on;
5. makes the ``.bak`` atomically (a hard link to the old file renamed into place, or a
   copy when the folder cannot hold hard links), never through a ``.bak`` symlink;
6. renames the temporary file over the real one and fsyncs the folder.

Temporary files are removed on every exit path, SIGTERM included.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import signal
import stat
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from solicite.bibfile.lock import DEFAULT_TIMEOUT, LibraryLock
from solicite.errors import DataLossError, InputError

TEMP_SUFFIX = ".solicite-tmp"
ABSENT = ""  # the content hash of a file that did not exist when it was read
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass
class SaveOutcome:
    """What a replace did besides writing: the file written, its backup, and notes worth showing."""

    path: Path
    backup: Path | None = None
    notes: list[str] = field(default_factory=list)


def content_digest(data: bytes) -> str:
    """The content hash a save compares against what is on disk (SHA-256, hex)."""
    return hashlib.sha256(data).hexdigest()


def replace_file(path: Path | str, data: bytes | Iterable[bytes], *, backup: bool = True, expect: str | None = None,
                 lock_timeout: float = DEFAULT_TIMEOUT) -> SaveOutcome:
    """Atomically replace the file at path (through symlinks) with data; see the module docstring.

    ``data`` may come in pieces, written as they come (a large output is never held whole);
    an exception raised while they are made leaves the file as it was and no temporary file.
    ``expect`` is the content hash of the file the change is based on (``ABSENT`` when it
    did not exist); when the file on disk no longer matches, nothing is written.
    """
    target = Path(os.path.realpath(path))
    with LibraryLock(path, timeout=lock_timeout):
        st = replaceable(target, shown=str(path))
        outcome = SaveOutcome(target, notes=_clean_stale(target))
        others = st.st_nlink - 1 - _is_backup_of(target, st) if st is not None else 0
        if others > 0:
            outcome.notes.append(f"{path} had {others} other hard link(s); they keep the previous version")
        with _terminate_cleanly(), _temporaries() as temps:
            tmp = _write_temp(target, data, st, temps, shown=str(path))
            if expect is not None:
                _recheck(target, expect, shown=str(path))
            if backup and st is not None:
                outcome.backup = _make_backup(target, temps, shown=str(path))
            _test_point("before-rename")
            _guard(lambda: os.replace(tmp, target), str(path))
            temps.discard(tmp)
            _test_point("after-rename")
            _fsync_folder(target.parent)
    return outcome


def replaceable(path: Path | str, *, shown: str | None = None) -> os.stat_result | None:
    """The stat of the file a save would replace (None when absent), or a refusal for what must not be replaced.

    Symlinks are followed: the file checked is the one they point to.
    """
    target, shown = Path(os.path.realpath(path)), shown or str(path)
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot save: {exc.strerror}", path=shown) from exc
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file (a device, folder, fifo or socket); refusing to replace it", path=shown,
                         hint="write to a regular file, or use -o - for standard output")
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise InputError("the file is read-only; not saving over it", path=shown,
                         hint="make it writable (chmod u+w) if you want solicite to change it")
    return st


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _clean_stale(target: Path) -> list[str]:
    """Remove temporary files of this file whose writing process is gone; say what was removed."""
    prefix = f".{target.name}."
    removed, size = 0, 0
    try:
        names = [e for e in os.scandir(target.parent) if e.name.startswith(prefix) and e.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return []
    for entry in names:
        pid = entry.name[len(prefix):].split(".", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        try:
            size += entry.stat(follow_symlinks=False).st_size
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    if not removed:
        return []
    return [f"removed {removed} temporary file(s) ({size:,} bytes) left beside {target.name} by an interrupted save"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_temp(target: Path, data: bytes | Iterable[bytes], st: os.stat_result | None, temps: set, *, shown: str) -> Path:
    """Write data to a new temporary file beside target, with target's mode and owner, fsynced."""
    tmp = _temp_name(target)
    mode = stat.S_IMODE(st.st_mode) if st else 0o666  # a new file: the umask decides
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as exc:
        raise InputError(f"cannot write in {target.parent}: {exc.strerror}", path=shown,
                         hint="check the folder exists and is writable; nothing was changed") from exc
    temps.add(tmp)
    try:
        if st is not None:
            _keep_owner(fd, st)
            os.fchmod(fd, mode)  # after chown, which may clear set-id bits; and the umask is not wanted here
        _write_pieces(fd, [data] if isinstance(data, bytes) else data)
        os.fsync(fd)
    except OSError as exc:
        raise InputError(f"cannot save: {exc.strerror}", path=shown,
                         hint="nothing was changed: the file and its .bak are as they were; free some space or check permissions") from exc
    finally:
        os.close(fd)
    return tmp


def _write_pieces(fd: int, pieces: Iterable[bytes]) -> None:
    """Write the pieces in order; the test point "mid-write" falls in the middle of the first."""
    first = True
    for piece in pieces:
        view = memoryview(piece)
        if first:
            _write_all(fd, view[:len(view) // 2])
            _test_point("mid-write")
            view = view[len(view) // 2:]
            first = False
        _write_all(fd, view)
    if first:
        _test_point("mid-write")


def _write_all(fd: int, view: memoryview) -> None:
    done = 0
    while done < len(view):
        done += os.write(fd, view[done:])


def _keep_owner(fd: int, st: os.stat_result) -> None:
    if (st.st_uid, st.st_gid) == (os.geteuid(), os.getegid()):
        return
    for uid in (st.st_uid, -1):  # the owner only as root; the group wherever the user belongs to it
        try:
            os.fchown(fd, uid, st.st_gid)
            return
        except OSError:
            continue


def _recheck(target: Path, expect: str, *, shown: str) -> None:
    """Refuse when the file on disk is not the one the change is based on."""
    try:
        with open(target, "rb") as fh:
            now = hashlib.file_digest(fh, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
                else content_digest(fh.read())
    except FileNotFoundError:
        now = ABSENT
    if now != expect:
        what = "was created" if expect == ABSENT else "was deleted" if now == ABSENT else "changed"
        raise DataLossError(f"the file {what} on disk since it was read; not saving over it", path=shown,
                            hint="nothing was written; run the command again to apply it to the current file")


def _make_backup(target: Path, temps: set, *, shown: str) -> Path:
    """Put the current file at ``<name>.bak`` atomically, refusing a ``.bak`` that is not a regular file."""
    bak = target.with_name(target.name + ".bak")
    try:
        bst = os.lstat(bak)
    except FileNotFoundError:
        bst = None
    if bst is not None and stat.S_ISLNK(bst.st_mode):
        raise InputError(f"{bak.name} is a symbolic link; solicite does not follow it to write a backup", path=shown,
                         hint=f"remove or rename {bak}, then run the command again; nothing was changed")
    if bst is not None and not stat.S_ISREG(bst.st_mode):
        raise InputError(f"{bak.name} is not a regular file; not replacing it with a backup", path=shown,
                         hint=f"move {bak} away, then run the command again; nothing was changed")
    if bst is not None and _is_backup_of(target, os.stat(target)):
        return bak  # an interrupted save already linked the current file there
    tmp = _temp_name(target)
    temps.add(tmp)
    _test_point("before-backup")
    try:
        os.link(target, tmp, follow_symlinks=False)
    except OSError:  # no hard links here (some network and FAT folders): a full copy instead
        with open(target, "rb") as fh:
            _write_temp_copy(tmp, fh.read(), os.stat(target), shown=shown)
    _guard(lambda: os.replace(tmp, bak), shown)
    temps.discard(tmp)
    return bak


def _is_backup_of(target: Path, st: os.stat_result) -> bool:
    """True when ``<name>.bak`` is a hard link to target itself (left by a save killed after the backup)."""
    try:
        bst = os.lstat(target.with_name(target.name + ".bak"))
    except OSError:
        return False
    return (bst.st_ino, bst.st_dev) == (st.st_ino, st.st_dev)


def _write_temp_copy(tmp: Path, data: bytes, st: os.stat_result, *, shown: str) -> None:
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, stat.S_IMODE(st.st_mode))
        try:
            _write_all(fd, memoryview(data))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise InputError(f"cannot write the backup: {exc.strerror}", path=shown,
                         hint="nothing was changed; free some space or check permissions") from exc


def _guard(action, shown: str) -> None:
    try:
        action()
    except OSError as exc:
        raise InputError(f"cannot save: {exc.strerror}", path=shown, hint="nothing was changed") from exc


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot fsync a folder; the rename itself is done
    finally:
        os.close(fd)


@contextmanager
def _temporaries():
    """A set of temporary paths, every one still in it removed on the way out."""
    temps: set[Path] = set()
    try:
        yield temps
    finally:
        for tmp in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived during a save: unwind (removing temporary files), then die of it."""


@contextmanager
def _terminate_cleanly():
    """Turn SIGTERM/SIGHUP into an exception while temporary files exist, then re-deliver it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    got: list[int] = []

    def handler(signum, _frame):
        got.append(signum)
        raise _Terminated(signum)

    sigs = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.signal(s, handler) for s in sigs}
    try:
        yield
    except _Terminated:
        pass
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
        if got:
            # The temporary files are gone (the inner context ran first): now act on the signal as before.
            signal.raise_signal(got[0])
            raise SystemExit(128 + got[0])


def _test_point(name: str) -> None:
    """Tests only: signal this process (SIGKILL, or ``SOLICITE_TEST_SIGNAL``) at a named point of a save."""
    if os.environ.get("SOLICITE_TEST_KILL_AT") == name:
        os.kill(os.getpid(), getattr(signal, "SIG" + os.environ.get("SOLICITE_TEST_SIGNAL", "KILL")))
