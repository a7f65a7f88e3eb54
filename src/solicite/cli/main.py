"""The ``solicite`` command: global options, lazy sub-commands, and the one place errors become exit codes.

Sub-commands are imported only when they run, so ``solicite --help`` stays fast: the table
below holds each command's module and one-line help.
"""

from __future__ import annotations

import importlib
import os
import sys
import time

# When this process started, as near as solicite can tell: before click and the commands load.
# ``solicite check --deadline`` counts from here, so a slow start counts against the run too.
_LOADED = time.monotonic()

import click  # noqa: E402 - after the clock above

from solicite.errors import ExitCode, SoliciteError

# name -> ("module:attribute", one-line help). Help lives here so that --help imports nothing.
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("solicite.cli.library:list_cmd", "List the entries of the library."),
    "show": ("solicite.cli.library:show_cmd", "Show one entry as BibTeX or JSON."),
    "search": ("solicite.cli.library:search_cmd", "Find entries by any field, ignoring case and accents."),
    "add": ("solicite.cli.library:add_cmd", "Add BibTeX entries from a file or stdin, or a reference by DOI, ISBN or URL."),
    "rm": ("solicite.cli.library:rm_cmd", "Remove entries by key."),
    "lint": ("solicite.cli.lint:lint_cmd", "Report missing fields, bad identifiers, duplicates and malformed entries."),
    "keys": ("solicite.cli.library:keys_cmd", "Regenerate citation keys from a pattern, touching nothing else."),
    "dupes": ("solicite.cli.library:dupes_cmd", "List every duplicate citation key with both locations."),
    "parse": ("solicite.cli.parse:parse_cmd", "Parse free-text reference lists into BibTeX."),
    "check": ("solicite.cli.check:check_cmd", "Check every link and DOI in the library or in files."),
    "format": ("solicite.cli.format:format_cmd", "Format the reference list in APA, MLA, Chicago, IEEE, Harvard or Vancouver."),
    "cite": ("solicite.cli.format:cite_cmd", "Print in-text citations for keys."),
    "shownotes": ("solicite.cli.format:shownotes_cmd", "Print the library as a show-notes page, by section."),
    "resolve": ("solicite.cli.resolve:resolve_cmd", "Find missing DOIs and URLs from metadata services."),
    "enrich": ("solicite.cli.resolve:enrich_cmd", "Fill missing fields of entries that have a DOI."),
    "export": ("solicite.cli.export:export_cmd", "Export to BibTeX, BibLaTeX, CSL-JSON, RIS or Zotero."),
    "import": ("solicite.cli.export:import_cmd", "Import BibTeX, BibLaTeX, CSL-JSON or RIS into the library."),
    "man": ("solicite.cli.man:man_cmd", "Print the manual page (roff), generated from the commands themselves."),
}


class LazyGroup(click.Group):
    """A click group that imports a sub-command's module only when that command is run."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _available(name):
            return None
        target, _ = COMMANDS[name]
        module_name, attr = target.split(":")
        return _with_global_json(getattr(importlib.import_module(module_name), attr))

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode: bool = True, **extra):
        """Run the CLI; every click error (usage, bad option value, abort) becomes ONE line on stderr."""
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            if not standalone_mode:
                raise
            if isinstance(exc, getattr(click.exceptions, "NoArgsIsHelpError", ())) and exc.ctx is not None:
                click.echo(exc.ctx.get_help(), err=True)  # bare `solicite`: the help is the answer, not an error
                sys.exit(int(ExitCode.USAGE))
            _error(_usage_line(exc))
            sys.exit(int(ExitCode.USAGE))
        except click.ClickException as exc:
            if not standalone_mode:
                raise
            _error(" ".join(exc.format_message().split()))
            sys.exit(exc.exit_code)
        except click.Abort:
            if not standalone_mode:
                raise
            _error("interrupted")
            sys.exit(int(ExitCode.INTERRUPTED))
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) and not isinstance(rv, bool) else 0)

    def invoke(self, ctx: click.Context):
        """Run the sub-command; the one place where errors become one line and an exit status."""
        debug = bool(ctx.params.get("debug"))
        try:
            rv = super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except SoliciteError as exc:
            if debug:
                raise
            _error(str(exc))
            ctx.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            _error("interrupted")
            ctx.exit(int(ExitCode.INTERRUPTED))
        except BrokenPipeError:
            # Output piped into `head` and friends: not an error worth a message.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(int(ExitCode.OK))
        except Exception as exc:  # noqa: BLE001 - last line of defence: a bug, reported without a traceback
            if debug:
                raise
            _error(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback, and please report it)")
            ctx.exit(int(ExitCode.INTERNAL))
        if isinstance(rv, int) and rv:
            ctx.exit(int(rv))
        return rv

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _usage_line(exc: click.UsageError) -> str:
    """Click's Usage/Try/Error block as one line: the message, then where to look."""
    message = " ".join(exc.format_message().split())
    path = exc.ctx.command_path if exc.ctx is not None else "solicite"
    return f"{message} (see '{path} --help')"


def _set_json(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    from solicite.cli.context import Env

    env = ctx.find_object(Env)
    if value and env is not None:
        env.json_output = True


def _with_global_json(command: click.Command) -> click.Command:
    """Give a sub-command the global ``--json`` too: after the command it means what it means before."""
    if not any(p.name == "json_output" for p in command.params):
        command.params.append(click.Option(["--json", "json_output"], is_flag=True, expose_value=False,
                                           callback=_set_json, help="Machine-readable JSON output (as the global --json)."))
    return command


def _available(name: str) -> bool:
    # A command whose module is not in this build yet is not offered (checked without importing it).
    from importlib.util import find_spec

    return find_spec(COMMANDS[name][0].split(":")[0]) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--library", "-l", "library", type=click.Path(dir_okay=False), envvar="SOLICITE_LIBRARY",
              help="The .bib library (default: SOLICITE_LIBRARY, the config, or data/references.bib).")
@click.option("--json", "json_output", is_flag=True, help="Machine-readable JSON output.")
@click.option("--quiet", "-q", is_flag=True, help="Print only results and errors.")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.option("--no-color", is_flag=True, help="No colours (NO_COLOR is honoured too).")
@click.version_option(package_name="solicite", prog_name="solicite")
@click.pass_context
def cli(ctx: click.Context, library: str | None, json_output: bool, quiet: bool, debug: bool, no_color: bool) -> None:
    """Turn loose reference lists into a clean BibTeX library; resolve, check, format and export it.

    Exit status: 0 ok, 1 findings (lint errors, broken links), 2 usage or configuration
    error, 3 unreadable or invalid input, 4 network unavailable.
    """
    from solicite.cli.context import Env

    ctx.obj = Env.create(library=library, json_output=json_output, quiet=quiet, debug=debug, no_color=no_color)


# The process's start (``time.monotonic``) when the console script runs it, else None (the CLI
# invoked in-process, by tests or another program, where the import was long before).
STARTED: float | None = None


def main(argv: list[str] | None = None) -> None:
    """Run the CLI as the console script: exit with the status the command chose."""
    global STARTED
    STARTED = _LOADED if argv is None else None
    cli.main(args=argv, prog_name="solicite")


def _error(message: str) -> None:
    click.echo(f"solicite: error: {message}", err=True)
