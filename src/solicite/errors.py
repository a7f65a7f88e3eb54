"""The SoliciteError tree and the exit codes the command line maps them to.

Every message names the input and says what to do next. Batch work does not raise these
for per-item failures (an unparsed line, a broken link): those are values. Errors are for
a whole command that cannot go on: an unreadable file, a bad option, a save that would lose data.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of the ``solicite`` command, stable and documented for CI."""

    OK = 0
    FINDINGS = 1  # lint errors, broken links, no confident match: the command worked and found problems
    USAGE = 2  # bad option, unknown key or name, bad configuration
    INPUT = 3  # unreadable or invalid input file, or a save refused to protect data
    NETWORK = 4  # a service could not be reached at all
    INTERNAL = 70  # a bug: please report it (run with --debug for the traceback)
    INTERRUPTED = 130


class SoliciteError(Exception):
    """Base of every error solicite raises on purpose; carries where it happened and a hint."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path
        self.line = line
        self.column = column

    @property
    def location(self) -> str:
        """``path:line:column`` as far as it is known, or an empty string."""
        parts = [str(p) for p in (self.path, self.line, self.column) if p not in (None, "")]
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class UsageError(SoliciteError):
    """The command was called wrongly: a bad option value, an unknown key."""

    exit_code = ExitCode.USAGE


class ConfigError(SoliciteError):
    """The configuration file or environment holds something unusable."""

    exit_code = ExitCode.USAGE


class UnknownNameError(UsageError):
    """A style, renderer, exporter or other registered name that does not exist."""

    def __init__(self, kind: str, name: str, known: list[str]) -> None:
        super().__init__(
            f"unknown {kind} {name!r}",
            hint="choose one of: " + ", ".join(sorted(known)) if known else f"no {kind}s are installed",
        )
        self.kind = kind
        self.name = name
        self.known = sorted(known)


class KeyNotFoundError(UsageError):
    """A citation key that is not in the library."""


class InputError(SoliciteError):
    """An input file cannot be read or is not valid."""

    exit_code = ExitCode.INPUT


class BibSyntaxError(InputError):
    """Malformed BibTeX: the location points at the block that could not be read."""


class DuplicateKeyError(InputError):
    """Two entries share a key; the message names both locations."""


class DataLossError(SoliciteError):
    """A save was refused because the result would have lost an entry that was read."""

    exit_code = ExitCode.INPUT


class NetworkError(SoliciteError):
    """A web service could not be reached at all (per-link failures are values, not this)."""

    exit_code = ExitCode.NETWORK
