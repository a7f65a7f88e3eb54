"""The format, cite and shownotes commands: reference lists, in-text citations and show-notes pages."""

from __future__ import annotations

import re
from itertools import chain

import click

from solicite.cli.context import Env, pass_env
from solicite.cli.library import malformed_status, open_library, require_unique
from solicite.errors import KeyNotFoundError, UsageError
from solicite.registry import names


def _load(env: Env):
    # Malformed blocks are skipped with one warning each (file:line); the exit status says so.
    return open_library(env, lenient=True)


def _select(lib, keys, keyword):
    """(the entries to format, every entry): one list of References, not kept by the library as well."""
    everything = refs = list(lib.iter_references())
    if keys:
        missing = [k for k in keys if k not in lib]
        if missing:
            raise KeyNotFoundError(f"no entry with key {missing[0]!r} in the library", hint="list the keys with: solicite list")
        require_unique(lib, keys)
        by_key = {r.key: r for r in everything}
        refs = [by_key[k] for k in keys]
    if keyword:
        from solicite.search import has_keyword

        refs = [r for r in refs if has_keyword(r, [keyword])]
        if not refs:
            raise UsageError(f"no entry has the keyword {keyword!r}", hint="see the sections with: solicite shownotes")
    return refs, everything


def _options(env: Env, titles: str | None, sentence_case: bool | None = None):
    """Formatting options: --titles, else the older --sentence-case/--as-written, else [format] titles."""
    from solicite.config import FormatSettings, read_options
    from solicite.styles import Options

    if titles is None and sentence_case is not None:
        titles = "sentence-case" if sentence_case else "as-written"
    settings = read_options(FormatSettings, env.settings, "format", titles=titles)
    return Options(sentence_case=settings.sentence_titles)


def _settings(env: Env):
    """The [format] table of solicite.toml: default ``style`` and ``titles``."""
    from solicite.config import FormatSettings, read_options

    return read_options(FormatSettings, env.settings, "format")


def _titles_option(f):
    # One --titles option for format, cite and shownotes (the [format] titles setting by default).
    f = click.option("--titles", "titles", type=click.Choice(["sentence-case", "as-written"]), default=None,
                     help="sentence-case (default): English titles read the BibTeX way, so APA, Harvard, IEEE "
                          "and Vancouver print sentence case, keeping {braces}, acronyms and proper nouns; "
                          "as-written: titles untouched ([format] titles in solicite.toml).")(f)
    return click.option("--sentence-case/--as-written", "sentence_case", default=None, hidden=True,
                        help="Older spelling of --titles.")(f)


def _style(env: Env, style: str | None) -> str:
    from solicite.errors import ConfigError
    from solicite.registry import names

    chosen = style or _settings(env).style
    if chosen not in names("style"):
        raise ConfigError(f"unknown style {chosen!r} in [format] of the configuration",
                          hint="choose one of: " + ", ".join(names("style")))
    return chosen


@click.command("format")
@click.argument("keys", nargs=-1)
@click.option("--style", "-s", default=None, metavar="NAME",
              help="Citation style: " + ", ".join(names("style")) + ", any CSL style name (nature, "
                   "the-lancet...) or a .csl file (default: [format] style in solicite.toml, else apa).")
@click.option("--to", "to", type=click.Choice(names("renderer")), default="text", show_default=True,
              help="Output format.")
@click.option("--keyword", "-k", help="Only entries with this keyword (show-notes section).")
@_titles_option
@click.option("--csl", "csl", metavar="FILE|NAME", help="Render with this CSL style (a .csl file or a style name).")
@pass_env
def format_cmd(env: Env, keys, style, to, keyword, titles, sentence_case, csl):
    """Print the reference list (all entries, KEYS, or one --keyword section) in a style."""
    from solicite.styles import bibliography, get_renderer

    lib = _load(env)
    refs, everything = _select(lib, keys, keyword)
    opts = _options(env, titles, sentence_case)
    if style and style not in names("style"):
        csl = style  # not a built-in style: a CSL style by name or path, through solicite.csl
    if csl:
        from solicite.styles.csl import render_csl

        texts, problems = render_csl(refs, csl, to, opts.sentence_case, everything)
        for p in problems:
            env.warn(p)
        if env.json_output:
            env.emit_json([{"key": k, to: t} for k, t in texts])
        else:
            for _, t in texts:
                env.out(t)
        return (0 if texts or not refs else 1) or malformed_status(lib)
    style = _style(env, style)
    entries = bibliography(refs, style, opts, context=everything)
    if env.json_output:
        text_r, md_r, html_r = get_renderer("text"), get_renderer("markdown"), get_renderer("html")
        env.emit_json([{"key": e.key, "text": e.render(text_r), "markdown": e.render(md_r), "html": e.render(html_r)}
                       for e in entries])
    elif to == "text" and env.interactive:
        _print_rich(env, entries)
    else:
        renderer = get_renderer(to)
        env.out_chunks(chain(renderer.document_chunks(e.render(renderer) for e in entries), ["\n"]))
    return malformed_status(lib)


def _print_rich(env: Env, entries) -> None:
    # On a terminal, italics and links show through rich; the walk is the core renderer's.
    from rich.markup import escape
    from rich.text import Text

    from solicite.render import Renderer

    class RichMarkup(Renderer):
        name = "rich"

        def text(self, s: str) -> str:
            return escape(s)

        def italic(self, inner: str) -> str:
            return f"[italic]{inner}[/italic]" if inner else ""

        def link(self, url: str, inner: str) -> str:
            return f"[link={url}]{inner}[/link]"

    markup = RichMarkup()
    for e in entries:
        env.console.print(Text(e.label) + Text.from_markup(markup.render(e.parts)), soft_wrap=True)


_LOC = re.compile(r"^(?P<key>.+?):(?P<loc>\d[\w\u2013\-,]*)$")


@click.command("cite")
@click.argument("keys", nargs=-1, required=True)
@click.option("--style", "-s", default=None, metavar="NAME",
              help="Citation style: " + ", ".join(names("style")) + ", any CSL style name or a .csl file "
                   "(default: [format] style in solicite.toml, else apa).")
@click.option("--narrative", is_flag=True, help='Narrative form: "Bauder (2017)".')
@click.option("--to", "to", type=click.Choice(names("renderer")), default="text", show_default=True)
@_titles_option
@pass_env
def cite_cmd(env: Env, keys, style, narrative, to, titles, sentence_case):
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
    require_unique(lib, [k for k, _ in cites])
    if style and style not in names("style"):
        from solicite.styles.csl import cite_csl  # a CSL style by name or path, through solicite.csl

        parts = cite_csl(lib.references, cites, style, narrative=narrative,
                         sentence_case=_options(env, titles, sentence_case).sentence_case)
    else:
        style = _style(env, style)
        _options(env, titles, sentence_case)  # checked alike; built-in citations print short titles in title case
        parts = citation(lib.references, cites, style, narrative=narrative)
    text = get_renderer(to).render(parts)
    if env.json_output:
        env.emit_json({"keys": [k for k, _ in cites], "style": style, "narrative": narrative, "text": text})
    else:
        env.out(text)
    return malformed_status(lib)


@click.command("shownotes")
@click.option("--to", "to", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option("--style", "-s", default=None, metavar="NAME",
              help="Citation style: " + ", ".join(names("style")) + ", any CSL style name or a .csl file "
                   "(default: [format] style in solicite.toml, else apa).")
@click.option("--sort", "sort", is_flag=True, help="Each section in the style's order (default: the library's).")
@_titles_option
@pass_env
def shownotes_cmd(env: Env, to, style, sort, titles, sentence_case):
    """Print the library as a show-notes page: one heading per section (keywords), links clickable."""
    from solicite.styles.shownotes import build_page

    lib = _load(env)
    chosen = style if style and style not in names("style") else _style(env, style)
    page = build_page(lib.references, style=chosen, to=to, options=_options(env, titles, sentence_case), sort=sort)
    for p in page.problems:
        env.warn(p)
    if env.json_output:
        env.emit_json(page.as_json())
    else:
        env.out(page.text)
    return malformed_status(lib)
