"""The advisory lock every read-modify-write of a library holds, from the load to the rename.

It is ``fcntl.flock`` on a lock file beside the library's real file (``.<name>.lock``), not
the library itself: a save replaces the library's inode, and a waiter holding the old inode
would lock nothing. flock is enough here and kept by the kernel: a killed holder's lock is
released by the kernel, so a crash never leaves a stale lock behind. The holder writes its
pid, host and command into the lock file so that a second writer can name it.

The lock is re-entrant within one process (a command that holds it can save through a
function that takes it again); a second process waits up to a bounded time, then gets a
``LockTimeoutError`` (exit 3) naming the holder.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

from solicite.errors import InputError

try:
    import fcntl
    HAVE_FLOCK = True
except ImportError:  # pragma: no cover - not POSIX: saves are still guarded by the content check
    HAVE_FLOCK = False

DEFAULT_TIMEOUT = 10.0  # seconds a second writer waits for the first
_POLL = 0.05
_held: dict[str, list] = {}  # real path of the lock file -> [fd, depth], for re-entry


class LockTimeoutError(InputError):
    """Another process held the library's lock for longer than the wait allowed."""


def lock_path(path: Path | str) -> Path:
    """The lock file of a library: ``.<name>.lock`` beside the file its symlinks point to."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


def holder(path: Path | str) -> str:
    """Who holds (or last held) the lock of this library, as written in its lock file."""
    try:
        return lock_path(path).read_text(encoding="utf-8", errors="replace").strip() or "unknown"
    except OSError:
        return "unknown"


class LibraryLock:
    """A context manager holding the exclusive advisory lock of one library file."""

    def __init__(self, path: Path | str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.file = lock_path(path)

    def __enter__(self) -> "LibraryLock":
        key = str(self.file)
        if key in _held:
            _held[key][1] += 1
            return self
        if not HAVE_FLOCK:  # pragma: no cover
            _held[key] = [-1, 1]
            return self
        fd = self._open()
        try:
            self._wait(fd)
            os.ftruncate(fd, 0)
            os.pwrite(fd, _identity().encode("utf-8", "replace"), 0)
        except BaseException:
            os.close(fd)
            raise
        _held[key] = [fd, 1]
        return self

    def __exit__(self, *exc) -> None:
        key = str(self.file)
        entry = _held.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            del _held[key]
            if entry[0] >= 0:
                os.close(entry[0])  # closing releases the flock

    def _open(self) -> int:
        try:
            # No O_TRUNC: a waiter must not wipe the holder's name before it has the lock.
            return os.open(self.file, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0),
                           0o666)
        except FileNotFoundError as exc:
            raise InputError(f"no such folder {Path(self.path).parent}", path=str(self.path),
                             hint="create the folder first, or choose another path") from exc
        except OSError as exc:
            raise InputError(f"cannot create the lock file {self.file.name} beside the library: {exc.strerror}",
                             path=str(self.path),
                             hint="the folder must be writable to save; remove it if it is a symbolic link") from exc

    def _wait(self, fd: int) -> None:
        deadline = time.monotonic() + max(self.timeout, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeoutError(
                        f"another solicite is changing this library ({holder(self.path)}); "
                        f"gave up after waiting {self.timeout:g} s", path=str(self.path),
                        hint="run the command again when it has finished, or raise [save] lock_timeout") from None
                time.sleep(_POLL)


def is_held(path: Path | str) -> bool:
    """True when this process holds the lock of this library."""
    return str(lock_path(path)) in _held


def _identity() -> str:
    command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv[:4]))
    return f"pid {os.getpid()} on {socket.gethostname()}: {command}"[:300] + "\n"
