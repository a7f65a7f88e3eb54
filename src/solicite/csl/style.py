"""A CSL style read once: options, locale, macros and the compiled citation and bibliography."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from solicite.csl.compile import Compiler
from solicite.csl.locale import NS, build_locale, parse_locale, tag
from solicite.csl.names import INHERITED
from solicite.csl.output import Joiner


class StyleError(ValueError):
    """The style cannot be read (not XML, or not a CSL style)."""


class Layout:
    """A compiled ``<citation>`` or ``<bibliography>``: its layout, sort keys and options."""

    def __init__(self, style: "Style", el: ET.Element | None) -> None:
        self.el = el
        self.options = dict(el.attrib) if el is not None else {}
        layout = el.find(NS + "layout") if el is not None else None
        self.prefix = layout.get("prefix", "") if layout is not None else ""
        self.suffix = layout.get("suffix", "") if layout is not None else ""
        self.delimiter = layout.get("delimiter", "") if layout is not None else ""
        self.layout_attrs = dict(layout.attrib) if layout is not None else {}
        children = list(layout) if layout is not None else []
        self.render = style.compiler.sequence(children, "")
        fns = [style.compiler.element(c) for c in children]
        self.parts = [f for f in fns if f is not None]
        sort = el.find(NS + "sort") if el is not None else None
        self.sort_keys = []
        for key in (list(sort) if sort is not None else []):
            macro = key.get("macro")
            fn = style.compiler.macro(macro) if macro else None
            self.sort_keys.append((key.get("variable"), fn, key.get("sort", "ascending") == "descending",
                                   {k: key.get(k) for k in ("names-min", "names-use-first", "names-use-last")
                                    if key.get(k)}))


class Style:
    """A parsed and compiled CSL style."""

    def __init__(self, root: ET.Element, lang: str | None = None) -> None:
        if tag(root) != "style":
            raise StyleError("not a CSL style (the root element is not <style>)")
        self.root = root
        self.cls = root.get("class", "in-text")
        self.attrs = dict(root.attrib)
        locales = [parse_locale(el) for el in root.findall(NS + "locale")]
        self.locale = build_locale(locales, root.get("default-locale", ""), lang)
        self.joiner = Joiner(self.locale.punctuation_in_quote)
        self.page_range_format = root.get("page-range-format")
        self.demote_particle = root.get("demote-non-dropping-particle", "display-and-sort")
        self.initialize_with_hyphen = root.get("initialize-with-hyphen", "true") == "true"
        self.macro_elements = {m.get("name"): m for m in root.findall(NS + "macro")}
        self.uses_year_suffix = any(el.get("variable") == "year-suffix" for el in root.iter(NS + "text"))
        self.compiler = Compiler(self)
        self.citation = Layout(self, root.find(NS + "citation"))
        self.bibliography = Layout(self, root.find(NS + "bibliography")) \
            if root.find(NS + "bibliography") is not None else None
        self._name_opts: dict = {}

    def name_options(self, mode: str) -> dict:
        """Inheritable name options for "citation" or "bibliography" (the element's over the style's)."""
        if mode not in self._name_opts:
            merged: dict = {}
            layout = self.citation if mode == "citation" else self.bibliography
            for source in (self.attrs, layout.options if layout else {}):
                for k in INHERITED + ("names-delimiter",):
                    if k in source:
                        merged["form" if k == "name-form" else "delimiter" if k == "name-delimiter" else k] = source[k]
            self._name_opts[mode] = merged
        return self._name_opts[mode]

    def option(self, mode: str, name: str, default=None):
        """A citation or bibliography option (disambiguation, collapsing, substitution...)."""
        layout = self.citation if mode == "citation" else self.bibliography
        return layout.options.get(name, default) if layout else default


def parse_style(text: str | bytes, lang: str | None = None) -> Style:
    """A Style from CSL XML text."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise StyleError(f"not valid XML: {exc}") from None
    return Style(root, lang)


@lru_cache(maxsize=64)
def load_style(path: str, lang: str | None = None) -> Style:
    """The compiled style in a .csl file (cached: a style is compiled once)."""
    return parse_style(Path(path).read_bytes(), lang)
