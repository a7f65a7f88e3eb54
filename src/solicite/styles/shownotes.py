"""Show-notes pages: the library by section (``keywords``, first-seen order), each entry in a style.

Each section keeps the library's order unless sorting is asked for.

Link-only entries (an organisation or project: a title and a URL, no author, date or
container) are printed as plain links, as show notes list them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from solicite.model import Reference
from solicite.richtext import Link
from solicite.styles import Options, bibliography, get_renderer, prepare
from solicite.styles.core import Item
from solicite.styles.titles import title_rich
from solicite.codec import to_unicode

OTHER = "Other references"


@dataclass
class Page:
    """A rendered show-notes page and its structure."""

    text: str
    sections: list[tuple[str, list[dict]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        """A JSON-ready dict: sections with their entries."""
        return {"sections": [{"heading": h, "entries": e} for h, e in self.sections]}


def is_link_only(item: Item) -> bool:
    """True for an organisation or project: a title and maybe a link, nothing else to cite."""
    if item.bibtype not in ("online", "misc", "electronic", "www"):
        return False
    if item.authors or item.editors or (item.date and item.date.year) or item.container_raw:
        return False
    return not any(item.has(f) for f in ("publisher", "organization", "institution", "doi", "journal", "journaltitle"))


def build_page(refs: list[Reference], style: str = "apa", to: str = "markdown", options: Options | None = None,
               sort: bool = False) -> Page:
    """The show-notes page for the references, in Markdown or HTML.

    ``style`` is a built-in style or any CSL style (a name or a ``.csl`` file). Each section keeps
    the library's order unless ``sort`` (then the style's reference-list order). Year suffixes
    and numbers are computed over the entries the page prints as references, so "2021b" never
    appears without its "2021a".
    """
    items = {i.key: i for i in prepare(refs)}
    links = {k for k, i in items.items() if is_link_only(i)}
    printed = [r for r in refs if r.key not in links]
    parts, problems = _formatted(printed, refs, style, options)
    rank = {k: n for n, k in enumerate(parts)}
    renderer, plain_text = get_renderer(to), get_renderer("text")
    lines: list[str] = []
    sections = []
    for heading, keys in _sections(refs):
        cited = [k for k in keys if k in parts]
        if sort:
            cited.sort(key=rank.__getitem__)
        # Link-only entries first, in library order, as the show notes list organisations.
        shown = [(k, "link", _link_parts(items[k])) for k in keys if k in links]
        shown += [(k, "reference", parts[k]) for k in cited]
        rendered = [renderer.render(p) for _, _, p in shown]
        sections.append((heading, [{"key": k, "kind": kind, "text": plain_text.render(p), to: t}
                                   for (k, kind, p), t in zip(shown, rendered)]))
        lines.extend(_section_lines(heading, rendered, to, renderer))
    return Page(text="\n".join(lines).rstrip() + "\n", sections=sections, problems=problems)


def _sections(refs: list[Reference]) -> list[tuple[str, list[str]]]:
    """(heading, keys in library order) by first keyword, first-seen order, "Other" last."""
    groups: dict[str, list[str]] = {}
    for r in refs:
        groups.setdefault(to_unicode(r.keywords[0]) if r.keywords else OTHER, []).append(r.key)
    if OTHER in groups:
        groups[OTHER] = groups.pop(OTHER)
    return list(groups.items())


def _formatted(printed, everything, style: str, options) -> tuple[dict, list[str]]:
    """key -> rich-text entry in the style's reference-list order, and the problems met."""
    from solicite.registry import names

    if style in names("style"):
        entries = bibliography(printed, style, options or Options(), context=everything)
        return {e.key: e.parts for e in entries}, []
    from solicite.styles.csl import csl_bibliography

    pairs, problems = csl_bibliography(printed, style, (options or Options()).sentence_case, everything)
    return dict(pairs), problems


def _section_lines(heading: str, rendered: list[str], to: str, renderer) -> list[str]:
    if to == "html":
        return [f"<h2>{escape(heading)}</h2>", "<ul>", *(f"  <li>{t}</li>" for t in rendered), "</ul>"]
    return [f"## {renderer.text(heading)}", "", *(f"- {t}" for t in rendered), ""]


def _link_parts(item: Item) -> list:
    ttl = title_rich(item.title_raw) if item.title_raw else [item.url or item.key]
    if item.url:
        return [Link(item.url, *ttl)]
    return ttl
