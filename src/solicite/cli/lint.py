"""The lint command: report problems in the library; exit 1 when any is an error."""

from __future__ import annotations

import click

from solicite.cli.context import Env, pass_env
from solicite.errors import ExitCode


@click.command("lint")
@click.option("--zotero", is_flag=True, help="Also report fields and types Zotero's importer would drop or mangle.")
@click.option("--errors-only", is_flag=True, help="Hide warnings.")
@pass_env
def lint_cmd(env: Env, zotero: bool, errors_only: bool) -> int:
    """Report missing required fields, bad years, DOIs, ISBNs and URLs, duplicates, unbalanced braces and unknown types."""
    from solicite.lint import lint_library

    from solicite import bibfile

    lib = bibfile.load(env.require_library(), lenient=True, allow_duplicates=True)
    findings = lint_library(lib)
    if zotero:
        from solicite.export.zotero import zotero_lint

        findings += zotero_lint(lib.references)
    if errors_only:
        findings = [f for f in findings if f.severity == "error"]
    errors = sum(f.severity == "error" for f in findings)
    if env.json_output:
        env.emit_json({"findings": [f.as_dict() for f in findings],
                       "summary": {"errors": errors, "warnings": len(findings) - errors, "entries": len(lib),
                                   "encoding": lib.encoding}})
    else:
        env.out_chunks(f"{f.location()}: {f.severity}: {f.message} [{f.code}]" + (f" ({f.key})" if f.key else "") + "\n"
                       for f in findings)
        env.info(f"{len(lib)} entries: {errors} errors, {len(findings) - errors} warnings; encoding {lib.encoding}")
    return ExitCode.FINDINGS if errors else ExitCode.OK
