"""``solicite check``: check every link and DOI of the library, or of .bib, Markdown, HTML and text files."""

from __future__ import annotations

from pathlib import Path

import click

from solicite.cli.context import Env, pass_env
from solicite.errors import ExitCode, InputError, NetworkError, UsageError

FORMAT_CHOICES = ("text", "json", "junit", "markdown", "github")


def _parsed_by(name: str):
    """A click callback that parses a value with ``solicite.check.options.<name>``."""
    def callback(ctx, param, value):
        if value is None:
            return None
        from solicite.check import options

        try:
            return getattr(options, name)(value)
        except UsageError as exc:
            raise click.BadParameter(f"{exc.message} ({exc.hint})") from None

    return callback


_duration = _parsed_by("parse_duration")
_accept = _parsed_by("parse_accept")


@click.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
              help="Report format (default: text; json with the global --json).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the report to FILE instead of standard output (-).")
@click.option("--report", "extra_reports", multiple=True, metavar="FORMAT:FILE",
              help="Also write the report in FORMAT to FILE (repeatable), e.g. markdown:summary.md.")
@click.option("--exclude", multiple=True, metavar="REGEX", help="Skip URLs matching REGEX (repeatable).")
@click.option("--include", multiple=True, metavar="REGEX",
              help="Check only URLs matching REGEX (repeatable; wins over --exclude).")
@click.option("--accept", callback=_accept, metavar="RANGES", help="Statuses that count as ok [200..299].")
@click.option("--timeout", callback=_duration, metavar="SECONDS",
              help="Total time per request: connect, headers and body [10s].")
@click.option("--deadline", callback=_duration, metavar="DURATION", help="Time limit for the whole run [10m].")
@click.option("--max-concurrency", type=click.IntRange(1, 1024), help="Requests in flight overall [128].")
@click.option("--max-per-host", type=click.IntRange(1, 256), help="Requests in flight per host [8].")
@click.option("--retries", type=click.IntRange(0, 10), help="Retries on timeouts, 5xx and 429 [2].")
@click.option("--user-agent", metavar="TEXT", help="User-Agent of requests [solicite/VERSION].")
@click.option("--offline", is_flag=True, default=None, help="Answer from the cache only; no network.")
@click.option("--no-cache", "no_cache", is_flag=True, default=False, help="Neither read nor write the cache.")
@click.option("--cache-max-age", callback=_duration, metavar="DURATION", help="Reuse cached verdicts this young [1d].")
@click.option("--follow-doi", is_flag=True, default=None, help="Also check each DOI's landing page.")
@click.option("--soft-404/--no-soft-404", "soft_404", default=None,
              help="Warn on 200 pages that are the host's answer to any missing address [on].")
@click.option("--max-redirects", type=click.IntRange(0, 100), help="Redirects followed per link [20].")
@click.option("--require-links", is_flag=True, default=None, help="Entries without url or doi are errors, not warnings.")
@click.option("--fix-redirects", is_flag=True, help="Rewrite permanent redirects in the library and show the diff.")
@click.option("--suggest-archive", is_flag=True, default=None, help="Propose a Wayback Machine copy for broken links.")
@click.option("--insecure", is_flag=True, default=None, help="Do not verify TLS certificates.")
@click.option("--doi-api", metavar="URL", help="DOI Handle API base [https://doi.org/api/handles/].")
@click.option("--doi-resolver", metavar="URL", help="DOI resolver for --follow-doi [https://doi.org/].")
@click.option("--min-interval", type=click.FloatRange(0, 60), metavar="SECONDS",
              help="Gap between the starts of two requests to one host [0.005].")
@click.option("--archive-url", "archive_base", metavar="URL", help="Wayback Machine base [https://web.archive.org/web/].")
@click.option("--all", "show_all", is_flag=True, help="List every link, not only problems and redirects.")
@pass_env
def check_cmd(env: Env, files: tuple[Path, ...], fmt: str | None, output: str | None, no_cache: bool,
              fix_redirects: bool, show_all: bool, extra_reports: tuple[str, ...], **opts) -> int:
    """Check every link and DOI in the library, or in .bib, Markdown, HTML and text FILES.

    Verdicts: ok, redirected, warn (bot walls, rate limits, soft 404s, missing links, not checked
    by the deadline), broken, skipped. Exit status: 0 no broken link (warnings allowed), 1 broken
    links, 2 usage or configuration error, 3 unreadable input, 4 offline (no DNS or no route).
    """
    from solicite.bibfile.output import is_stdout
    from solicite.check import CheckOptions, check_links
    from solicite.check import report as reports
    from solicite.cli.library import write_result

    if is_stdout(output):
        output = None

    overrides = {k: (list(v) if isinstance(v, tuple) else v) for k, v in opts.items()}
    for name in ("exclude", "include"):
        if not overrides[name]:
            overrides[name] = None
    if no_cache:
        overrides["use_cache"] = False
    if overrides.get("offline") and no_cache:
        raise UsageError("--offline answers from the cache, so it cannot go with --no-cache")
    options = CheckOptions.from_settings(env.settings, **overrides)
    fmt = fmt or ("json" if env.json_output else "text")
    also = [_report_target(spec) for spec in extra_reports]
    if options.insecure:
        env.warn("TLS certificates are not verified (--insecure)")

    links, libraries = _collect(env, files, for_fix=fix_redirects)
    with env.progress(len(links), "Checking links") as bar:
        report = check_links(links, options, on_result=lambda _r: bar.advance(), since=process_start())
    for note in report.notes:
        env.warn(note)
    if report.offline:
        raise NetworkError(report.offline, hint="check the network, or answer from the cache with --offline")

    if fix_redirects:
        _fix(env, libraries, report.results, to_stderr=fmt != "text" and output is None)

    results = report.results
    for extra_fmt, path in also:
        write_result(env, path, reports.render(extra_fmt, results, report.elapsed))
    if output is not None:
        write_result(env, output, reports.render(fmt, results, report.elapsed))
        env.info(reports.summary_line(results, report.elapsed))
    elif fmt == "text" and env.interactive:
        _table(env, results, show_all)
        env.out(reports.summary_line(results, report.elapsed))
    elif fmt == "text" and show_all:
        for r in results:
            env.out(f"{r.link.location or '-'}: {r.verdict} {r.link.target}: {reports.describe(r)}")
        env.out(reports.summary_line(results, report.elapsed))
    else:
        write_result(env, None, reports.render(fmt, results, report.elapsed))
    return int(ExitCode.FINDINGS if report.broken else ExitCode.OK)


def process_start() -> float | None:
    """When the console script's process started (the deadline counts from it); None when run in-process."""
    from solicite.cli import main

    return main.STARTED


def _report_target(spec: str) -> tuple[str, Path]:
    """``FORMAT:FILE`` of --report, checked before any link is."""
    fmt, sep, name = spec.partition(":")
    if not sep or fmt not in FORMAT_CHOICES or not name:
        raise UsageError(f"--report {spec!r} is not FORMAT:FILE",
                         hint="FORMAT is one of " + ", ".join(FORMAT_CHOICES) + ", e.g. --report markdown:summary.md")
    return fmt, Path(name)


def _collect(env: Env, files: tuple[Path, ...], for_fix: bool = False):
    """Links from the given files, or from the library; and the libraries read (for --fix-redirects)."""
    from solicite.check.extract import kind_of, links_in_file

    links, libraries = [], []
    if not files:
        files = (env.require_library(),)
    for path in files:
        if kind_of(path) == "bib":
            lib = _load_bib(env, path, for_fix)
            libraries.append(lib)
            links.extend(_library_links(lib))
            continue
        try:
            links.extend(links_in_file(path))
        except FileNotFoundError:
            raise InputError("no such file", path=str(path), hint="check the path") from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    return links, libraries


def _load_bib(env: Env, path: Path, for_fix: bool):
    """A .bib file to check; locked until the command ends when --fix-redirects may save it."""
    from solicite import bibfile

    if for_fix:
        from solicite.cli.library import lock_timeout

        click.get_current_context().with_resource(bibfile.LibraryLock(path, timeout=lock_timeout(env)))
        bibfile.replaceable(path)
    return bibfile.load(path)


def _library_links(lib):
    from solicite.check.extract import links_in_references

    return links_in_references(lib.references, line_of=lambda ref, name: lib.field_line(ref.key, name))


def _fix(env: Env, libraries, results, to_stderr: bool) -> None:
    """Rewrite permanent redirects in each library read, print the diff, and save."""
    from solicite.check.fix import fix_redirects

    if not libraries:
        env.warn("--fix-redirects changes .bib files only; no library was checked")
        return
    for lib in libraries:
        mine = [r for r in results if r.link.source == lib.source]
        changes, diff = fix_redirects(lib, mine)
        if not changes:
            env.info(f"{lib.source}: no permanent redirects to fix")
            continue
        click.echo(diff, nl=False, err=to_stderr)
        backup = lib.save()
        env.info(f"{lib.source}: rewrote {len(changes)} permanent redirect(s)" + (f"; previous file kept as {backup}" if backup else ""))


def _table(env: Env, results, show_all: bool) -> None:
    """A rich table of problems and redirects (every link with --all) on a terminal."""
    from rich.table import Table

    from solicite.check.report import describe

    colours = {"ok": "green", "redirected": "cyan", "warn": "yellow", "broken": "bold red", "skipped": "dim"}
    rows = [r for r in results if show_all or r.verdict in ("broken", "warn", "redirected")]
    if not rows:
        return
    table = Table(show_header=True, header_style="bold", expand=False)
    for name in ("Verdict", "Link", "Source", "Status", "Details"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(f"[{colours.get(r.verdict, '')}]{r.verdict}[/]", r.link.target, r.link.location,
                      str(r.status or ""), describe(r))
    env.console.print(table)
