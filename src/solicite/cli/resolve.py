"""``solicite resolve`` and ``solicite enrich``: propose DOIs, URLs and missing fields, as diffs."""

from __future__ import annotations

import click

from solicite.cli.context import Env, pass_env
from solicite.errors import ExitCode
from solicite.resolve.settings import SERVICES

SEARCHABLE = [s for s in SERVICES if s not in ("doi", "web")]


def _common(f):
    """Options shared by resolve and enrich."""
    for deco in reversed([
        click.argument("keys", nargs=-1),
        click.option("--apply", "apply_", is_flag=True, help="Write the changes to the library (a .bak copy is kept)."),
        click.option("--interactive", "-i", is_flag=True, help="Ask entry by entry before writing (implies --apply)."),
        click.option("--overwrite", is_flag=True, help="Replace values already in the entry (default: keep them)."),
        click.option("--offline", is_flag=True, help="Answer from the HTTP cache only; no network."),
    ]):
        f = deco(f)
    return f


@click.command("resolve")
@_common
@click.option("--service", "services", multiple=True, type=click.Choice(SEARCHABLE),
              help="Ask only these services (repeatable). Default: [resolve] services, else all.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True), default=None,
              help="Accept a candidate at or above this score (default: [resolve] threshold, 0.9).")
@pass_env
def resolve_cmd(env: Env, keys, apply_, interactive, overwrite, offline, services, threshold) -> int:
    """Find missing DOIs and URLs for KEYS (default: every entry lacking one) and show them as diffs.

    Articles and chapters are looked up in Crossref, then OpenAlex; books in Open Library;
    reports in DataCite; organisations and projects (no author) in Wikidata (official
    website). A candidate is accepted only when title, authors and year agree (score >=
    threshold); otherwise the best candidate is shown as "no confident match". Values the
    entry already has are kept unless --overwrite. Written values are recorded in the
    entry's `provenance` field. Exit status 1 when an entry found no confident match.
    """
    from solicite.resolve.engine import resolve_entry

    def run(client, ref):
        return resolve_entry(client, ref, overwrite=overwrite, services=list(services) or None, threshold=threshold)

    return _run(env, "resolve", keys, run, apply_, interactive, offline,
                wanted=lambda r: not (r.get("doi") and r.get("url")) or overwrite)


@click.command("enrich")
@_common
@pass_env
def enrich_cmd(env: Env, keys, apply_, interactive, overwrite, offline) -> int:
    """Fill missing volume, number, pages, publisher... of entries with a DOI (default: all of them).

    The DOI's registered metadata comes from doi.org by content negotiation (CSL-JSON). An
    entry whose DOI record has a different title is reported, not changed: the DOI may be wrong.
    """
    from solicite.resolve.engine import enrich_entry

    def run(client, ref):
        return enrich_entry(client, ref, overwrite=overwrite)

    return _run(env, "enrich", keys, run, apply_, interactive, offline, wanted=lambda r: bool(r.get("doi")))


def _run(env: Env, command: str, keys, run, apply_: bool, interactive: bool, offline: bool, wanted) -> int:
    from solicite.cli.library import open_library
    from solicite.resolve.client import Client
    from solicite.resolve.diff import apply as apply_changes
    from solicite.resolve.settings import ResolveOptions

    json_out = env.json_output
    options = ResolveOptions.from_settings(env.settings)
    lib = open_library(env, write=apply_ or interactive)
    refs = [lib[k] for k in keys] if keys else [r for r in lib.references if wanted(r)]
    if not options.mailto and not offline and refs:
        env.warn("no [resolve] mailto configured: Crossref and OpenAlex serve anonymous clients last "
                 "(add mailto = \"you@example.org\" to solicite.toml)")
    outcomes = []
    with Client(options, offline=offline) as client:
        with env.progress(len(refs), f"{command}: asking the services") as bar:
            for ref in refs:
                outcomes.append(run(client, ref))
                bar.advance()
        network_errors = client.network_errors
    applied: set[str] = set()
    quit_ = False
    for ref, out in zip(refs, outcomes, strict=True):
        if not json_out and (keys or out.status != "nothing-to-do"):
            _show(env, out)
        if not out.effective or not (apply_ or interactive) or quit_:
            continue
        if interactive:
            answer = click.prompt(f"apply to {out.key}? [y]es, [n]o, [a]ll, [q]uit", default="n",
                                  type=click.Choice(["y", "n", "a", "q"]), show_choices=False, err=True)
            if answer == "q":
                quit_ = True
                continue
            if answer == "n":
                continue
            if answer == "a":
                interactive, apply_ = False, True  # this one and every one after it
        service = out.best.service if out.best else command
        score = out.best.score.total if out.best and command == "resolve" else None
        lib.replace(apply_changes(ref, out.changes, service, score))
        applied.add(out.key)
    if applied:
        lib.save()
    counts = {s: sum(o.status == s for o in outcomes) for s in ("matched", "no-match", "error", "nothing-to-do")}
    if json_out:
        env.emit_json({"command": command, "library": str(lib.path), "applied": sorted(applied), "summary": counts,
                       "entries": [{**o.as_dict(), "applied": o.key in applied} for o in outcomes]})
    else:
        pending = sum(1 for o in outcomes if o.effective and o.key not in applied)
        tail = f"; {len(applied)} entr{'y' if len(applied) == 1 else 'ies'} written" if applied else \
            f"; {pending} with changes (use --apply to write them)" if pending else ""
        env.info(f"{command}: {counts['matched']} matched, {counts['no-match']} no confident match, "
                 f"{counts['error']} error(s), {counts['nothing-to-do']} nothing to do{tail}")
    if network_errors and counts["error"] and not counts["matched"] and not counts["no-match"]:
        return int(ExitCode.NETWORK)
    return int(ExitCode.FINDINGS) if counts["no-match"] or counts["error"] else int(ExitCode.OK)


def _show(env: Env, out) -> None:
    style = env.color and env.interactive
    colour = {"matched": "green", "no-match": "yellow", "error": "red"}.get(out.status)
    head = f"{out.key}: {out.status}" + (f" ({out.message})" if out.message else "")
    env.out(click.style(head, fg=colour, bold=True) if style and colour else head)
    for change in out.changes:
        for line in change.lines():
            fg = "green" if line.startswith("+") else "red" if line.startswith("-") else None
            env.out("  " + (click.style(line, fg=fg) if style and fg else line))
    if out.status == "no-match" and out.best is not None:
        rec = out.best.record
        ident = rec.get("doi") or rec.get("url")
        env.out(f"  best: {rec.text('title')!r} ({rec.year or 'n.d.'}) {ident}")
    for error in out.errors if out.status != "error" else []:
        env.out(f"  note: {error}")
