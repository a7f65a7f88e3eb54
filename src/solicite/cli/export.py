"""``solicite export`` and ``solicite import``: the library to and from BibTeX, BibLaTeX, CSL-JSON, RIS, Zotero."""

from __future__ import annotations

from pathlib import Path

import click

from solicite.cli.context import Env, pass_env
from solicite.errors import UsageError

_TO_HELP = ("Format: bibtex, biblatex, csl-json, ris, zotero (CSL-JSON tuned for Zotero) or zotero-bibtex "
            "(also --to zotero --bibtex), or one a plugin registers.")


def _load_library(env: Env):
    from solicite.cli.library import open_library

    return open_library(env, lenient=True)


@click.command("export")
@click.option("--to", "to", required=True, metavar="FORMAT", help=_TO_HELP)
@click.option("--bibtex", "as_bibtex", is_flag=True, help="With --to zotero: BibTeX for Zotero's BibTeX importer.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to FILE (default, or -: standard output).")
@click.argument("keys", nargs=-1)
@pass_env
def export_cmd(env: Env, to: str, as_bibtex: bool, output: str | None, keys: tuple[str, ...]) -> int:
    """Export the library, or the entries KEYS, to another format.

    \b
    Examples:
      solicite export --to csl-json -o refs.json
      solicite export --to zotero -o for-zotero.json      # then Zotero: File > Import
      solicite export --to zotero --bibtex bauder2017sanctuary
      solicite export --to ris > refs.ris
    """
    from solicite import registry
    from solicite.export import export_pieces

    to = to.lower()
    if as_bibtex and to != "zotero":
        raise UsageError("--bibtex only goes with --to zotero", hint="use --to bibtex for plain BibTeX")
    # `--to zotero --bibtex` is kept as an alias of the registered `zotero-bibtex`.
    exporter = registry.load("exporter", "zotero-bibtex" if as_bibtex else to)
    from solicite.bibfile.output import is_stdout
    from solicite.cli.library import require_unique, write_result

    lib = _load_library(env)
    if output is not None and not is_stdout(output) and lib.path is not None and Path(output).resolve() == Path(lib.path).resolve():
        raise UsageError("refusing to export over the library itself", path=str(output),
                         hint="choose another -o FILE")
    require_unique(lib, keys)
    # One pass over the entries, each read as it is reached: the text is written and the
    # diagnostics gathered as they go, so a large library is never held whole.
    refs = [lib[k] for k in keys] if keys else lib.each_reference()
    if exporter.name not in ("bibtex", "biblatex"):
        # Formats without crossref get the parent's fields merged in (title -> booktitle).
        refs = [lib.with_crossref(r) for r in refs] if keys else lib.each_reference(with_crossref=True)
    diagnostics: list = []
    write_result(env, output, export_pieces(exporter, refs, diagnostics))
    for d in diagnostics:
        env.warn(f"{d.location() or exporter.name}: {d.message}")
    count = len(refs) - sum(d.code == "set-skipped" for d in diagnostics)
    if is_stdout(output):
        return 0
    if env.json_output:
        env.emit_json({"format": exporter.name, "entries": count, "output": str(output),
                       "diagnostics": [d.as_dict() for d in diagnostics]})
    else:
        env.info(f"exported {count} entries as {exporter.name} to {output}")
    return 0


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", "bibtex", "biblatex", "csl-json", "ris"]), default="auto",
              show_default=True, help="Format of FILE (auto: from the extension, then the content).")
@click.option("--dry-run", is_flag=True, help="Report what would be added and what is a duplicate; change nothing.")
@click.option("--allow-duplicates", is_flag=True, help="Add entries the library already holds, too.")
@pass_env
def import_cmd(env: Env, file: Path, fmt: str, dry_run: bool, allow_duplicates: bool) -> int:
    """Merge the entries of FILE (BibTeX, BibLaTeX, CSL-JSON or RIS) into the library.

    Entries the library already holds (same key, same DOI, or same title, year and first
    author) are reported as duplicates and not added again (--allow-duplicates adds them).
    New keys are generated for entries without one; a key already taken by a different work
    gets a suffix. A FILE holding no record is an error (exit 3).

    \b
    Examples:
      solicite import examples/zotero-export.json
      solicite --json import examples/refs.ris --dry-run
    """
    from solicite.cli.library import open_library
    from solicite.duplicates import merge_into
    from solicite.export.importer import read_file

    result = read_file(file, None if fmt == "auto" else fmt)
    for d in result.diagnostics:
        env.warn(f"{d.location() or file}: {d.message}")
    lib = open_library(env, create=True, write=not dry_run)
    with env.progress(len(result.references), f"importing {file.name}") as bar:
        merge = merge_into(lib, result.references, allow_duplicates=allow_duplicates, progress=bar.advance)
    added = [{"key": key, "from": ref.key} if key != ref.key else {"key": key} for ref, key in merge.added]
    duplicates = [{"key": s.ref.key, "duplicate_of": s.duplicate_of, "by": s.by.value, "line": s.ref.line}
                  for s in merge.skipped]
    if added and not dry_run:
        lib.save()
    if env.json_output:
        env.emit_json({"file": str(file), "format": result.format, "library": str(lib.path), "dry_run": dry_run,
                       "added": added, "duplicates": duplicates})
        return 0
    verb = "would add" if dry_run else "added"
    env.out(f"{verb} {len(added)} of {len(result.references)} entries from {file} ({result.format}) to {lib.path}; "
            f"{len(duplicates)} duplicates not added")
    for a in added:
        if "from" in a:
            env.out(f"  {a['from'] or '(no key)'} -> {a['key']}")
    for s in merge.skipped:
        env.out(f"  duplicate: {s.ref.key or '(no key)'} is {s.duplicate_of} ({s.by.reason})")
    return 0
