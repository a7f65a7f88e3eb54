"""Citation styles as code: one module per style on a shared core, producing rich-text trees.

Use :func:`bibliography` for a reference list and :func:`citation` for in-text citations;
styles and renderers are looked up through the entry-point registry, so plugins work the same.
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass

from solicite.model import Reference
from solicite.styles.base import Cite, Options, Style
from solicite.crossref import parent_key, resolve_all
from solicite.styles.core import Item, make_item

__all__ = ["Entry", "Options", "bibliography", "citation", "get_style", "get_renderer", "prepare"]


@dataclass
class Entry:
    """One formatted reference-list entry: its key, numeric label ("[1] "), rich-text parts, item."""

    key: str
    label: str
    parts: list
    item: Item

    def render(self, renderer) -> str:
        """The entry with its label, in the renderer's format."""
        return renderer.text(self.label) + renderer.render(self.parts) if self.label else renderer.render(self.parts)


def get_style(name: str) -> Style:
    """The registered style (apa, mla, chicago, ieee, harvard, vancouver or a plugin's)."""
    from solicite.registry import load

    return load("style", name)


def get_renderer(name: str):
    """The registered renderer (text, markdown, html, latex or a plugin's)."""
    from solicite.registry import load

    return load("renderer", name)


def prepare(refs: list[Reference]) -> list[Item]:
    """Items for references, with crossref'd fields inherited."""
    if any(parent_key(r) for r in refs):
        refs = resolve_all(refs)
    return [make_item(r) for r in refs]


def bibliography(refs: list[Reference], style: Style | str = "apa", options: Options | None = None,
                 context: list[Reference] | None = None) -> list[Entry]:
    """The reference list for ``refs`` in the style's order, with labels and year suffixes.

    ``context`` (default: ``refs``) is the whole library, used to resolve crossrefs.
    """
    st = get_style(style) if isinstance(style, str) else style
    opts = with_lexicon(options or Options(), context or refs)
    with _gc_paused():
        items = _items(refs, context)
        ordered = st.arrange(items)
        return [Entry(i.key, st.label(i.extra["number"]), _capitalise(_entry(st, i, opts)), i) for i in ordered]


def with_lexicon(opts: Options, library: list[Reference]) -> Options:
    """The options with the proper nouns of ``library`` (sentence case keeps them), unless already set."""
    if not opts.sentence_case or opts.lexicon is not None:
        return opts
    from dataclasses import replace

    from solicite.lexicon import from_references

    return replace(opts, lexicon=from_references(library))


@contextlib.contextmanager
def _gc_paused():
    # Formatting builds small acyclic trees, so the cycle collector finds nothing to free; but with
    # a large library in memory each full collection walks all of it, which cost a fifth of the
    # time on 10,000 entries (bench/format_speed.py). Reference counting still frees everything.
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _entry(st: Style, item: Item, opts: Options) -> list:
    # One odd entry must not stop a whole reference list: print what is safe and go on.
    try:
        return st.entry(item, opts)
    except Exception:  # noqa: BLE001 - a formatting bug becomes a plain entry, not a crash
        from solicite.codec import to_unicode

        who = "; ".join(n.last for n in item.authors or item.editors)
        return [". ".join(x for x in (who, item.year, to_unicode(item.title_raw)) if x) + "."]


_TERMS = ("(n.d.", "n.d.", "(no date", "no date")


def _capitalise(parts: list) -> list:
    # An entry that opens with a term ("n.d.") starts with a capital, as citeproc-js prints it.
    if parts and isinstance(parts[0], str) and parts[0].startswith(_TERMS):
        head = parts[0]
        i = 1 if head[0] == "(" else 0
        parts[0] = head[:i] + head[i].upper() + head[i + 1:]
    return parts


def citation(refs: list[Reference], cites: list[tuple[str, str]], style: Style | str = "apa",
             narrative: bool = False) -> list:
    """An in-text citation for ``(key, locator)`` pairs, disambiguated against all of ``refs``."""
    st = get_style(style) if isinstance(style, str) else style
    items = _items(refs, None)
    st.arrange(items)
    by_key = {i.key: i for i in items}
    return st.citation([Cite(by_key[k], loc) for k, loc in cites], narrative=narrative, everyone=items)


def _items(refs, context):
    if context is not None and any(parent_key(r) for r in refs):
        keys = {r.key for r in refs}
        merged = resolve_all(list(context))
        return [make_item(r) for r in merged if r.key in keys]
    return prepare(list(refs))
