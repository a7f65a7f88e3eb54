"""The CSL processor: a style and a set of CSL-JSON items in, citations and a bibliography out."""

from __future__ import annotations

import re

from solicite.csl.cluster import render_cluster
from solicite.csl.context import DATE_VARIABLES, NAME_VARIABLES, Ctx
from solicite.csl.disambiguate import disambiguate
from solicite.csl.output import Display, drop_last, formatter
from solicite.csl.sorting import LazyKeys, sort_entries
from solicite.richtext import last_char, plain

_NOTE_FIELD = re.compile(r"^\s*([a-z][a-z-]*):\s*(.+)$", re.M)
_KNOWN_TEXT = frozenset({"archive", "archive-place", "authority", "call-number", "chapter-number",
                         "collection-number", "collection-title", "collection-title-short", "container-title",
                         "container-title-short", "dimensions", "DOI",
                         "edition", "event-place", "event-title", "genre", "ISBN", "ISSN", "issue", "medium",
                         "number", "original-publisher", "original-publisher-place", "original-title",
                         "publisher", "publisher-place", "references", "section", "source", "status",
                         "title-short", "URL", "version", "volume", "year-suffix", "type"})
_RENAME = {"shortTitle": "title-short", "journalAbbreviation": "container-title-short",
           "container-title-short": "container-title-short"}


def normalize_item(item: dict) -> dict:
    """The item with legacy CSL-JSON names mapped to CSL 1.0.2 variables.

    Variables written in ``note`` as "name: value" lines (Zotero's convention for fields it
    lacks, which citeproc-js reads) are taken when the item does not set them itself.
    """
    out = dict(item)
    for old, new in _RENAME.items():
        if old in item and new not in item:
            out[new] = item[old]
    note = item.get("note")
    if isinstance(note, str) and ":" in note:
        for m in _NOTE_FIELD.finditer(note):
            name, value = m.group(1), m.group(2).strip()
            if name in out or not value:
                continue
            if name in DATE_VARIABLES:
                out[name] = {"raw": value}
            elif name in NAME_VARIABLES:
                family, _, given = value.partition("||")
                out.setdefault(name, []).append({"family": family.strip(), "given": given.strip()})
            elif name in _KNOWN_TEXT:
                out[name] = value
    return out


class ItemState:
    """Per-item disambiguation results shared by every cite of the item."""

    __slots__ = ("add_names", "given_level", "given_default", "year_suffix", "disambiguate")

    def __init__(self) -> None:
        self.add_names = 0
        self.given_level: dict = {}
        self.given_default = 0
        self.year_suffix = ""
        self.disambiguate = False


class Processor:
    """Renders citations and a bibliography for one style over one set of items."""

    def __init__(self, style, items: list[dict]) -> None:
        items = [i if "id" in i else dict(i, id=f"item-{n + 1}") for n, i in enumerate(items)]
        self.style = style
        self.items = {str(i["id"]): normalize_item(i) for i in items}
        self.order = [str(i["id"]) for i in items]
        self.state = {k: ItemState() for k in self.items}
        self.numbers: dict = {}
        self.cited: list[str] = []

    # -- one cite ---------------------------------------------------------------------------
    def context(self, item_id: str, mode: str, cite: dict | None = None) -> Ctx:
        """A rendering context for the item with its disambiguation state applied."""
        if cite and cite.get("locator") and not cite.get("label"):
            # A locator written with its label ("vol. 1"): the label is read from it, as citeproc-js does.
            found = self.style.locale.locator_label(str(cite["locator"]))
            if found:
                # The label keeps the number the text gave it ("vol. 1, fol. 186" stays singular).
                cite = dict(cite, label=found[0], locator=found[2], **{"label-plural": found[1]})
        ctx = Ctx(self.style, self.items[item_id], mode, cite)
        st = self.state[item_id]
        ctx.citation_number = self.numbers.get(item_id)
        ctx.add_names = st.add_names
        ctx.given_level = st.given_level
        ctx.given_default = st.given_default
        ctx.year_suffix = st.year_suffix
        ctx.disambiguate = st.disambiguate
        if cite:
            ctx.suppress_author = bool(cite.get("suppress-author"))
            ctx.author_only = bool(cite.get("author-only"))
        return ctx

    def render_cite(self, item_id: str, cite: dict | None = None, mode: str = "citation"):
        """One cite through the citation layout (or one entry through the bibliography layout)."""
        layout = self.style.citation if mode == "citation" else self.style.bibliography
        ctx = self.context(item_id, mode, cite)
        if mode == "bibliography" and layout.options.get("second-field-align") in ("flush", "margin"):
            return self._aligned(layout, ctx), ctx
        return layout.render(ctx), ctx

    def _aligned(self, layout, ctx):
        """The first field in the left margin, the rest beside it (``second-field-align``)."""
        parts = [p for p in (fn(ctx) for fn in layout.parts) if p not in ("", [], None)]
        parts = [p for p in parts if plain(p)]
        if not parts:
            return ""
        first = self.style.joiner.affix(layout.prefix, parts[0], "")
        rest = self.style.joiner.join(parts[1:])
        rest = self.style.joiner.affix("", rest, layout.suffix)
        while last_char(rest) == " ":
            rest = drop_last(rest)  # the right-hand column ends with its text (citeproc-js trims it)
        return [Display("left-margin", first), Display("right-inline", *(rest if isinstance(rest, list) else [rest]))]

    # -- registration -----------------------------------------------------------------------
    def register(self, clusters: list[list[dict]]) -> None:
        """Note the cites in order: citation numbers, then disambiguation over every item."""
        seen = set(self.cited)
        for cluster in clusters:
            for cite in cluster:
                cid = str(cite["id"])
                if cid in self.items and cid not in seen:
                    seen.add(cid)
                    self.cited.append(cid)
        self._number()
        disambiguate(self)

    def bib_order(self) -> list[str]:
        """Item ids in bibliography order (cited order, then the rest; sorted if the style sorts)."""
        cited = set(self.cited)
        ids = self.cited + [i for i in self.order if i not in cited]
        bib = self.style.bibliography
        if bib is None or not bib.sort_keys:
            return ids
        first_pass = {i: n + 1 for n, i in enumerate(ids)}
        return sort_entries(ids, lambda i: self._keys(bib, "bibliography", i, first_pass.get(i)),
                            [d for _, _, d, _ in bib.sort_keys])

    def _keys(self, layout, mode, item_id, number) -> LazyKeys:
        """The item's sort keys, each computed when a comparison first needs it (cached)."""
        cache = self.__dict__.setdefault("_key_cache", {})
        key = (mode, item_id, number, self.state[item_id].year_suffix)
        keys = cache.get(key)
        if keys is None:
            keys = cache[key] = LazyKeys(self.style, layout, mode, self.items[item_id],
                                         {"citation-number": number})
        return keys

    def _number(self) -> None:
        ids = self.bib_order()
        self.numbers = {i: n + 1 for n, i in enumerate(ids)}

    # -- output -----------------------------------------------------------------------------
    def bibliography(self) -> list:
        """The bibliography entries as rich-text trees, in order."""
        return [part for _key, part in self.bibliography_with_keys()]

    def bibliography_with_keys(self) -> list:
        """(item id, rich-text entry) pairs in bibliography order; items printing nothing are left out."""
        bib = self.style.bibliography
        if bib is None:
            return []
        fmt = formatter(bib.layout_attrs)
        out = []
        prev_names = None
        sas = bib.options.get("subsequent-author-substitute")
        for item_id in self.bib_order():
            part, ctx = self.render_cite(item_id, None, "bibliography")
            if not plain(part).strip():
                continue
            if sas is not None:
                names = ctx.first_names_key
                if names is not None and names == prev_names:
                    # Rendered again with the substitute in place, so punctuation meets it, not the names.
                    part, _ctx = self.render_cite(item_id, {"substitute": sas}, "bibliography")
                prev_names = names
            if fmt:
                part = fmt(part)
            if bib.options.get("second-field-align") in ("flush", "margin"):
                out.append((item_id, part))
                continue
            out.append((item_id, self.style.joiner.affix(bib.prefix, part, bib.suffix)))
        return out

    def citation(self, cluster: list[dict]):
        """One citation cluster as a rich-text tree."""
        return render_cluster(self, cluster)


__all__ = ["Processor", "Display"]
