"""The format, cite and shownotes commands: reference lists, in-text citations and show-notes pages."""

from __future__ import annotations

import re

import click

from solicite.cli.context import Env, pass_env
from solicite.errors import KeyNotFoundError, UsageError

STYLES = ["apa", "mla", "chicago", "ieee", "harvard", "vancouver"]


def _load(env: Env):
    from solicite import bibfile

    return bibfile.load(env.require_library(), lenient=True)


def _select(lib, keys, keyword):
    refs = lib.references
    if keys:
        missing = [k for k in keys if k not in lib]
        if missing:
            raise KeyNotFoundError(f"no entry with key {missing[0]!r} in the library", hint="list the keys with: solicite list")
        refs = [lib[k] for k in keys]
    if keyword:
        want = keyword.casefold()
        refs = [r for r in refs if any(k.casefold() == want for k in r.keywords)]
        if not refs:
            raise UsageError(f"no entry has the keyword {keyword!r}", hint="see the sections with: solicite shownotes")
    return refs


def _options(env: Env, sentence_case: bool | None):
    from solicite.styles import Options

    if sentence_case is None:
        sentence_case = bool(_settings(env).get("sentence_case", False))
    return Options(sentence_case=sentence_case)


def _settings(env: Env) -> dict:
    """The [format] table of solicite.toml: default ``style`` and ``sentence_case``."""
    return env.settings.section("format")


def _style(env: Env, style: str | None) -> str:
    from solicite.errors import ConfigError
    from solicite.registry import names

    chosen = style or _settings(env).get("style", "apa")
    if chosen not in names("style"):
        raise ConfigError(f"unknown style {chosen!r} in [format] of the configuration",
                          hint="choose one of: " + ", ".join(names("style")))
    return chosen


@click.command("format")
@click.argument("keys", nargs=-1)
@click.option("--style", "-s", type=click.Choice(STYLES), default=None,
              help="Citation style (default: [format] style in solicite.toml, else apa).")
@click.option("--to", "to", type=click.Choice(["text", "markdown", "html", "latex"]), default="text", show_default=True,
              help="Output format.")
@click.option("--keyword", "-k", help="Only entries with this keyword (show-notes section).")
@click.option("--sentence-case/--as-written", "sentence_case", default=None,
              help="Titles in sentence case, keeping {Protected} words (default: as written, or [format] sentence_case).")
@click.option("--csl", "csl", type=click.Path(exists=True, dir_okay=False), help="Render with this CSL file (citeproc-py).")
@pass_env
def format_cmd(env: Env, keys, style, to, keyword, sentence_case, csl):
    """Print the reference list (all entries, KEYS, or one --keyword section) in a style."""
    from solicite.styles import bibliography, get_renderer

    lib = _load(env)
    refs = _select(lib, keys, keyword)
    if csl:
        from solicite.styles.csl import render_csl

        texts, problems = render_csl(refs, csl, to)
        for p in problems:
            env.warn(p)
        if env.json_output:
            env.emit_json([{"key": k, to: t} for k, t in texts])
        else:
            for _, t in texts:
                env.out(t)
        return 0 if texts or not refs else 1
    style = _style(env, style)
    entries = bibliography(refs, style, _options(env, sentence_case), context=lib.references)
    if env.json_output:
        text_r, md_r, html_r = get_renderer("text"), get_renderer("markdown"), get_renderer("html")
        env.emit_json([{"key": e.key, "text": e.render(text_r), "markdown": e.render(md_r), "html": e.render(html_r)}
                       for e in entries])
        return 0
    renderer = get_renderer(to)
    if to == "text" and env.interactive:
        _print_rich(env, entries)
        return 0
    sep = "\n" if to in ("html", "text") else "\n\n"
    out = [e.render(renderer) for e in entries]
    if to == "html":
        # A plain list: numeric styles already carry their own labels ("[1] ").
        out = ['<ul class="references">'] + [f"  <li>{o}</li>" for o in out] + ["</ul>"]
    env.out(sep.join(out) if to != "html" else "\n".join(out))
    return 0


def _print_rich(env: Env, entries) -> None:
    # On a terminal, italics show through rich; the text is the same as --to text.
    from rich.text import Text

    from solicite.richtext import Italic, Link, Node, Quoted

    def walk(part, t: Text, style: str = "", depth: int = 0) -> None:
        if isinstance(part, str):
            t.append(part, style=style or None)
        elif isinstance(part, list):
            for c in part:
                walk(c, t, style, depth)
        elif isinstance(part, Quoted):
            t.append("\u201c\u2018"[depth % 2], style=style or None)
            for c in part.children:
                walk(c, t, style, depth + 1)
            t.append("\u201d\u2019"[depth % 2], style=style or None)
        elif isinstance(part, Italic):
            for c in part.children:
                walk(c, t, (style + " italic").strip(), depth)
        elif isinstance(part, Link):
            for c in part.children:
                walk(c, t, (style + f" link {part.url}").strip(), depth)
        elif isinstance(part, Node):
            for c in part.children:
                walk(c, t, style, depth)

    for e in entries:
        t = Text(e.label)
        walk(e.parts, t)
        env.console.print(t, soft_wrap=True)


_LOC = re.compile(r"^(?P<key>.+?):(?P<loc>\d[\w\u2013\-,]*)$")


@click.command("cite")
@click.argument("keys", nargs=-1, required=True)
@click.option("--style", "-s", type=click.Choice(STYLES), default=None,
              help="Citation style (default: [format] style in solicite.toml, else apa).")
@click.option("--narrative", is_flag=True, help='Narrative form: "Bauder (2017)".')
@click.option("--to", "to", type=click.Choice(["text", "markdown", "html", "latex"]), default="text", show_default=True)
@pass_env
def cite_cmd(env: Env, keys, style, narrative, to):
    """Print an in-text citation for KEYS (KEY:12 adds the page locator "p. 12")."""
    from solicite.styles import citation, get_renderer

    lib = _load(env)
    cites = []
    for raw in keys:
        key, loc = raw, ""
        if raw not in lib:
            m = _LOC.match(raw)
            if m and m.group("key") in lib:
                key, loc = m.group("key"), m.group("loc")
        if key not in lib:
            raise KeyNotFoundError(f"no entry with key {raw!r} in the library", hint="list the keys with: solicite list")
        cites.append((key, loc))
    style = _style(env, style)
    parts = citation(lib.references, cites, style, narrative=narrative)
    text = get_renderer(to).render(parts)
    if env.json_output:
        env.emit_json({"keys": [k for k, _ in cites], "style": style, "narrative": narrative, "text": text})
    else:
        env.out(text)
    return 0


@click.command("shownotes")
@click.option("--to", "to", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option("--style", "-s", type=click.Choice(STYLES), default=None,
              help="Citation style (default: [format] style in solicite.toml, else apa).")
@click.option("--sentence-case/--as-written", "sentence_case", default=None,
              help="Titles in sentence case, keeping {Protected} words (default: as written, or [format] sentence_case).")
@pass_env
def shownotes_cmd(env: Env, to, style, sentence_case):
    """Print the library as a show-notes page: one heading per section (keywords), links clickable."""
    from solicite.styles.shownotes import build_page

    lib = _load(env)
    page = build_page(lib.references, style=_style(env, style), to=to, options=_options(env, sentence_case))
    if env.json_output:
        env.emit_json(page.as_json())
    else:
        env.out(page.text)
    return 0
