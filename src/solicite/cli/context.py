"""The CLI's environment: settings, output mode, consoles, and helpers every command shares."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import click

from solicite.config import Settings, load_settings
from solicite.errors import UsageError

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


@dataclass
class Env:
    """What every command needs: settings, the library path, and how to print."""

    settings: Settings
    library_path: Path | None
    json_output: bool = False
    quiet: bool = False
    debug: bool = False
    color: bool = True
    _console: Any = field(default=None, repr=False)
    _err_console: Any = field(default=None, repr=False)

    @classmethod
    def create(cls, *, library: str | None, json_output: bool, quiet: bool, debug: bool, no_color: bool) -> "Env":
        """Build the environment from the global options, the config files and the environment."""
        settings = load_settings()
        path = Path(library) if library else settings.library
        color = not no_color and "NO_COLOR" not in os.environ
        return cls(settings=settings, library_path=path, json_output=json_output, quiet=quiet, debug=debug, color=color)

    def require_library(self) -> Path:
        """The library path, or a usage error saying how to name one."""
        if self.library_path is None:
            raise UsageError(
                "no library given",
                hint="pass --library FILE, set SOLICITE_LIBRARY, or add library = \"FILE\" to solicite.toml",
            )
        return self.library_path

    @property
    def console(self):
        """A rich Console on stdout: colour and styling only on a terminal."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(no_color=not self.color, highlight=False, soft_wrap=False)
        return self._console

    @property
    def err_console(self):
        """A rich Console on stderr for progress and warnings."""
        if self._err_console is None:
            from rich.console import Console

            self._err_console = Console(stderr=True, no_color=not self.color, highlight=False)
        return self._err_console

    @property
    def interactive(self) -> bool:
        """True when stdout is a terminal (tables, colour, progress bars)."""
        return sys.stdout.isatty()

    def out(self, text: str = "") -> None:
        """Print a plain line on stdout."""
        click.echo(text)

    def emit_json(self, data: Any) -> None:
        """Print data as indented JSON on stdout."""
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))

    def emit_json_items(self, items: Iterable) -> None:
        """Print items as an indented JSON array on stdout, each written as soon as it is made."""
        from solicite.stream import json_array

        self.out_chunks(chain(json_array(items), ["\n"]))

    def out_chunks(self, chunks: Iterable[str]) -> None:
        """Print text given piece by piece on stdout, in batches: a large output is never held whole."""
        from solicite.stream import batched

        for batch in batched(chunks):
            click.echo(batch, nl=False)

    def warn(self, message: str) -> None:
        """Print a warning on stderr unless --quiet."""
        if not self.quiet:
            click.echo(f"solicite: warning: {message}", err=True)

    def info(self, message: str) -> None:
        """Print a status line on stderr unless --quiet or --json."""
        if not self.quiet and not self.json_output:
            click.echo(message, err=True)

    def progress(self, total: int, description: str) -> ProgressBar:
        """A progress bar on a terminal's stderr; a no-op context elsewhere. Use ``bar.advance()``."""
        return ProgressBar(self, total, description)


class ProgressBar:
    """A rich progress bar shown only when stderr is a terminal and output is not quiet."""

    def __init__(self, env: Env, total: int, description: str) -> None:
        self.enabled = sys.stderr.isatty() and not env.quiet
        self.env, self.total, self.description = env, total, description
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> "ProgressBar":
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=self.env.err_console, transient=True)
            progress.__enter__()
            self._task = progress.add_task(self.description, total=self.total)
            self._progress = progress
        return self

    def advance(self, n: int = 1) -> None:
        """Move the bar on by n."""
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, n)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)


pass_env = click.make_pass_decorator(Env)
