"""Library commands: list, show, search, add, rm, keys, dupes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from solicite.cli.context import Env, pass_env
from solicite.errors import ConfigError, ExitCode, InputError, UsageError
from solicite.model import Reference, named


def open_library(env: Env, *, lenient: bool = False, create: bool = False, warn_duplicates: bool = True,
                 write: bool = False):
    """Load the library named by --library / config, warning once per malformed block and duplicated key.

    With create, an absent file gives an empty library (saved at that path). A file with
    duplicated keys is read (so that `keys --renumber-duplicates` and `rm` can fix it); commands
    that would have to choose between the entries refuse the key (:func:`require_unique`).
    With write, the library's lock is taken before the load and held until the command ends,
    so that the save is based on what this command read (read-only commands take no lock).
    """
    from solicite import bibfile

    path = env.require_library()
    if write:
        ctx = click.get_current_context()
        ctx.with_resource(bibfile.LibraryLock(path, timeout=lock_timeout(env)))
        bibfile.replaceable(path)  # a device, fifo or read-only file: refused before any work
    if create and not Path(path).exists():
        lib = bibfile.loads("", source=str(path))
        lib.path, lib.digest = Path(path), bibfile.ABSENT
    else:
        lib = bibfile.load(path, lenient=lenient, allow_duplicates=True)
        for d in lib.diagnostics:
            env.warn(f"{d.location()}: {d.message}")
        if warn_duplicates:
            for key, lines in lib.duplicates:
                env.warn(f"{lib.source}:{lines[1]}: duplicate key {key!r} (lines {', '.join(map(str, lines))}); "
                         "`solicite keys --renumber-duplicates` gives each its own key")
    if write:  # what the save did besides writing (stale temporary files removed...), said at the end
        def say_notes() -> None:
            for note in lib.last_save.notes if lib.last_save else []:
                env.warn(note)

        ctx.call_on_close(say_notes)
    return lib


def lock_timeout(env: Env) -> float:
    """Seconds a second writer waits for a library's lock: SOLICITE_LOCK_TIMEOUT, else [save] lock_timeout (10)."""
    from solicite.config import SaveSettings, read_options

    raw = os.environ.get("SOLICITE_LOCK_TIMEOUT")
    if raw is None:
        return read_options(SaveSettings, env.settings, "save").lock_timeout
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise ConfigError(f"SOLICITE_LOCK_TIMEOUT (the lock_timeout of [save]) must be a number of seconds "
                          f"from 0 to 3600, not {raw!r}")
    return value


def write_result(env: Env, target: str | Path | None, text, *, backup: bool = False) -> None:
    """Write a command's output (a str or its pieces) to ``-o`` target (None or ``-``: standard output) as UTF-8."""
    from solicite.bibfile import write_output

    sys.stdout.flush()  # anything already echoed comes first
    outcome = write_output(target, text, stdout=sys.stdout.buffer, backup=backup,
                           lock_timeout=lock_timeout(env))
    for note in outcome.notes if outcome else []:
        env.warn(note)


def require_unique(lib, keys) -> None:
    """Refuse keys that name more than one entry: a command must not silently choose one of them."""
    from solicite.errors import DuplicateKeyError

    held = dict(lib.duplicates)
    for key in keys:
        if key in held:
            raise DuplicateKeyError(f"key {key!r} names {len(held[key])} entries (lines "
                                    f"{', '.join(map(str, held[key]))})", path=lib.source, line=held[key][0],
                                    hint="run `solicite keys --renumber-duplicates` first")


def malformed_status(lib) -> int:
    """The exit status a reading command owes for blocks it had to skip (each already warned)."""
    return int(ExitCode.FINDINGS) if any(d.code == "syntax" for d in lib.diagnostics) else int(ExitCode.OK)


def authors_short(ref: Reference) -> str:
    """"Bauder & Landau" or "Lasch et al." for tables."""
    people, goes_on = named(ref.authors or ref.editors)  # "and others" is no person: it means et al.
    names = [p.literal or ref_text(p.family) for p in people]
    if not names:
        return ""
    if goes_on:
        return f"{names[0]} et al."
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def ref_text(value: str) -> str:
    from solicite.codec import to_unicode

    return to_unicode(value)


def print_refs(env: Env, refs: Iterable[Reference]) -> None:
    """A rich table on a terminal, tab-separated lines elsewhere, or JSON with --json (written entry by entry).

    The JSON is each entry's typed item (solicite.item): text decoded by the codec, "and others" as
    the ``and_others`` flag; ``show --json`` keeps the lossless Reference.
    """
    if env.json_output:
        from solicite.item import item_json

        env.emit_json_items(item_json(r) for r in refs)
        return
    rows = ((r.key, r.type, r.year, authors_short(r), r.text("title")) for r in refs)
    if env.interactive:
        from rich.table import Table

        table = Table(show_edge=False, pad_edge=False, header_style="bold")
        for col in ("key", "type", "year", "author", "title"):
            table.add_column(col, overflow="fold", no_wrap=col in ("key", "type", "year"))
        count = 0
        for row in rows:
            table.add_row(*row)
            count += 1
        env.console.print(table)
        env.info(f"{count} entries")
    else:
        env.out_chunks("\t".join(row) + "\n" for row in rows)


@click.command("list")
@click.option("--keyword", "-k", multiple=True, help="Only entries with this keyword (show-notes section).")
@click.option("--type", "-t", "types", multiple=True, help="Only entries of this type (article, book...).")
@click.option("--lenient", is_flag=True, help="Skip malformed entries with a warning instead of stopping.")
@pass_env
def list_cmd(env: Env, keyword: tuple[str, ...], types: tuple[str, ...], lenient: bool) -> int:
    """List the entries of the library: a table on a terminal, tab-separated text in a pipe, or --json.

    Exit status 1 when --keyword or --type match no entry (said on stderr, as `search` does).
    """
    refs = open_library(env, lenient=lenient).iter_references()
    if not (keyword or types):
        print_refs(env, refs)
        return int(ExitCode.OK)
    if keyword:
        from solicite.search import has_keyword

        refs = (r for r in refs if has_keyword(r, keyword))
    if types:
        wanted = {t.lower() for t in types}
        refs = (r for r in refs if r.type in wanted)
    chosen = list(refs)
    print_refs(env, chosen)
    if chosen:
        return int(ExitCode.OK)
    asked = " and ".join(f"{name} {' or '.join(map(repr, values))}" for name, values in
                         (("--keyword", keyword), ("--type", types)) if values)
    env.warn(f"no entry matches {asked} (the sections: solicite shownotes; the types: solicite list)")
    return int(ExitCode.FINDINGS)


@click.command("show")
@click.argument("keys", nargs=-1, required=True)
@pass_env
def show_cmd(env: Env, keys: tuple[str, ...]) -> None:
    """Show entries as BibTeX exactly as they are in the file, or --json."""
    lib = open_library(env)
    require_unique(lib, keys)
    refs = [lib[key] for key in keys]
    if env.json_output:
        env.emit_json([r.as_dict() for r in refs] if len(refs) > 1 else refs[0].as_dict())
    else:
        env.out("\n\n".join(r.raw for r in refs))


@click.command("search")
@click.argument("query")
@click.option("--field", "-f", "fields", multiple=True, help="Search only this field (repeatable): title, author, year...")
@pass_env
def search_cmd(env: Env, query: str, fields: tuple[str, ...]) -> int:
    """Find entries whose fields contain QUERY, ignoring case and accents (exit 1 when none match)."""
    from solicite.search import matches

    hits = [ref for ref in open_library(env).references if matches(ref, query, fields)]
    print_refs(env, hits)
    return ExitCode.OK if hits else ExitCode.FINDINGS


def _read_input(source: str) -> tuple[str, str]:
    if source == "-":
        return sys.stdin.read(), "<stdin>"
    try:
        return Path(source).read_text(encoding="utf-8", errors="surrogateescape"), source
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=source) from exc


def _incoming(env: Env, source: str, offline: bool) -> list[Reference]:
    """The references `add` was given: BibTeX from a file or stdin, or one fetched for an identifier."""
    from solicite import bibfile

    if source != "-" and not Path(source).exists():
        from solicite.resolve import fetch_identifier
        from solicite.resolve.identifier import IdentifierError, classify

        try:
            classify(source)  # the core's one reading of DOIs, ISBNs and URLs
        except IdentifierError as exc:
            if Path(source).suffix or "/" in source:
                raise InputError("no such file", path=source,
                                 hint="give a .bib file, - for stdin, a DOI, isbn:..., or a URL") from None
            raise exc
        return [fetch_identifier(source, env.settings, offline=offline)]
    text, name = _read_input(source)
    if "\x00" in text[:8192]:
        raise InputError("is a binary file, not BibTeX", path=name)
    incoming = bibfile.loads(text, source=name).references
    if not incoming:
        raise InputError("no BibTeX entries found", path=name, hint="entries look like @article{key, title = {...}, ...}")
    return incoming


@click.command("add")
@click.argument("source", default="-")
@click.option("--dry-run", is_flag=True, help="Show what would be added; change nothing.")
@click.option("--offline", is_flag=True, help="For identifiers: answer from the cache only.")
@click.option("--allow-duplicates", is_flag=True, help="Add entries the library already holds, too.")
@pass_env
def add_cmd(env: Env, source: str, dry_run: bool, offline: bool, allow_duplicates: bool) -> None:
    """Add BibTeX entries from FILE or stdin (-), or one reference by DOI, ISBN (isbn:...) or URL.

    A missing or taken key is replaced by a generated one (bauder2017sanctuary, then
    bauder2017sanctuarya...). An entry the library already holds (same DOI, or same title,
    year and first author) is skipped with a note unless --allow-duplicates. Existing entries
    are never touched: the file only grows.
    """
    from solicite.duplicates import merge_into

    incoming = _incoming(env, source, offline)
    lib = open_library(env, create=True, write=not dry_run)
    # A taken key is a new key for add, not evidence of a duplicate: the content decides.
    pairs = [(ref, ref.copy(key=ref.key if ref.key and ref.key not in lib else "")) for ref in incoming]
    original = {id(copy): ref for ref, copy in pairs}
    merge = merge_into(lib, [copy for _, copy in pairs], allow_duplicates=allow_duplicates)
    for skipped in merge.skipped:
        skipped.ref = original[id(skipped.ref)]
        env.warn(skipped.note())
    if dry_run:
        env.info("dry run: nothing written")
    elif merge.added:
        lib.save()
    if env.json_output:
        env.emit_json({"added": [key for _, key in merge.added], "library": str(lib.path),
                       "duplicates": [{"key": s.ref.key, "duplicate_of": s.duplicate_of, "by": s.by.value}
                                      for s in merge.skipped]})
        return
    for ref, key in merge.added:
        was = original[id(ref)].key
        env.out(f"added {key}" + (f" (was {was})" if was and was != key else ""))


@click.command("rm")
@click.argument("keys", nargs=-1, required=True)
@pass_env
def rm_cmd(env: Env, keys: tuple[str, ...]) -> None:
    """Remove entries by key (the previous file is kept as <library>.bak)."""
    lib = open_library(env, write=True)
    require_unique(lib, keys)
    for key in keys:
        lib.remove(key)
    lib.save()
    if env.json_output:
        env.emit_json({"removed": list(keys)})
    else:
        for key in keys:
            env.out(f"removed {key}")


@click.command("keys")
@click.argument("selected", nargs=-1)
@click.option("--pattern", "-p", default=None, help="Key pattern: {auth} {authors} {year} {title} {shorttitle} {type}. "
              "Default: [keys] pattern in the config, else {auth}{year}{title}.")
@click.option("--renumber-duplicates", is_flag=True,
              help="Only give the second and later entries of a duplicated key their own key (same2020a...).")
@click.option("--dry-run", is_flag=True, help="Show the new keys; change nothing.")
@pass_env
def keys_cmd(env: Env, selected: tuple[str, ...], pattern: str | None, renumber_duplicates: bool, dry_run: bool) -> None:
    """Regenerate citation keys from a pattern; only the keys (and crossrefs to them) change.

    Duplicated keys are renumbered first (the second entry of same2020 becomes same2020a),
    so that every entry can be named; --renumber-duplicates does only that.
    """
    from solicite.config import KeysSettings, read_options
    from solicite.keys import regenerate_keys

    if pattern is not None and not pattern.strip():
        raise UsageError("the key pattern is empty", hint="e.g. --pattern '{auth}{year}{title}'")
    pattern = pattern or read_options(KeysSettings, env.settings, "keys").pattern
    lib = open_library(env, warn_duplicates=False, write=not dry_run)
    require_unique(lib, selected)
    changes = [(old, new) for old, _, new in lib.renumber_duplicates()]
    targets = [] if renumber_duplicates else list(selected) or lib.keys()
    missing = [key for key in targets if key not in lib]
    if missing:
        lib[missing[0]]  # unknown keys fail before anything changes (KeyNotFoundError)
    changes += regenerate_keys(lib, targets, pattern, rename=not dry_run)
    if changes and not dry_run:
        lib.save()
    if env.json_output:
        env.emit_json([{"old": old, "new": new} for old, new in changes])
    else:
        env.out_chunks(f"{old} -> {new}\n" for old, new in changes)
        env.info(f"{len(changes)} keys changed" + (" (dry run: nothing written)" if dry_run else ""))


@click.command("dupes")
@pass_env
def dupes_cmd(env: Env) -> int:
    """List every citation key used more than once, with all its lines (exit 1 when there are any)."""
    lib = open_library(env, warn_duplicates=False)
    if env.json_output:
        env.emit_json([{"key": k, "lines": lines, "source": lib.source} for k, lines in lib.duplicates])
    else:
        for key, lines in lib.duplicates:
            env.out(f"{key}\t" + ", ".join(f"{lib.source}:{n}" for n in lines))
        env.info(f"{len(lib.duplicates)} duplicated keys")
    return ExitCode.FINDINGS if lib.duplicates else ExitCode.OK
