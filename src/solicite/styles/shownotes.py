"""Show-notes pages: the library by section (``keywords``, first-seen order), each entry in a style.

Link-only entries (an organisation or project: a title and a URL, no author, date or
container) are printed as plain links, as show notes list them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from solicite.model import Reference
from solicite.richtext import Link
from solicite.styles import Options, bibliography, get_renderer
from solicite.styles.core import Item
from solicite.styles.titles import title_rich
from solicite.codec import to_unicode

OTHER = "Other references"


@dataclass
class Page:
    """A rendered show-notes page and its structure."""

    text: str
    sections: list[tuple[str, list[dict]]] = field(default_factory=list)

    def as_json(self) -> dict:
        """A JSON-ready dict: sections with their entries."""
        return {"sections": [{"heading": h, "entries": e} for h, e in self.sections]}


def is_link_only(item: Item) -> bool:
    """True for an organisation or project: a title and maybe a link, nothing else to cite."""
    if item.ref.type not in ("online", "misc", "electronic", "www"):
        return False
    if item.authors or item.editors or (item.date and item.date.year) or item.container_raw:
        return False
    return not any(item.f.get(f) for f in ("publisher", "organization", "institution", "doi", "journal", "journaltitle"))


def build_page(refs: list[Reference], style: str = "apa", to: str = "markdown", options: Options | None = None) -> Page:
    """The show-notes page for the references, in Markdown or HTML."""
    entries = bibliography(refs, style, options or Options(), context=refs)
    by_key = {e.key: e for e in entries}
    order: list[str] = []
    groups: dict[str, list[str]] = {}
    for r in refs:
        section = to_unicode(r.keywords[0]) if r.keywords else OTHER
        if section not in groups:
            order.append(section)
            groups[section] = []
        groups[section].append(r.key)
    if OTHER in order:
        order.remove(OTHER)
        order.append(OTHER)
    renderer = get_renderer(to)
    rank = {e.key: i for i, e in enumerate(entries)}
    lines: list[str] = []
    sections = []
    for section in order:
        keys = sorted(groups[section], key=lambda k: rank[k])
        # Link-only entries first, in library order, as the show notes list organisations.
        links = [k for k in groups[section] if is_link_only(by_key[k].item)]
        cited = [k for k in keys if k not in links]
        items = []
        rendered = []
        for k in links + cited:
            e = by_key[k]
            if k in links:
                parts = _link_parts(e.item)
                kind = "link"
            else:
                parts = e.parts
                kind = "reference"
            text = renderer.render(parts)
            rendered.append(text)
            items.append({"key": k, "kind": kind, "text": get_renderer("text").render(parts), to: text})
        sections.append((section, items))
        if to == "html":
            lines.append(f"<h2>{escape(section)}</h2>")
            lines.append("<ul>")
            lines.extend(f"  <li>{t}</li>" for t in rendered)
            lines.append("</ul>")
        else:
            lines.append(f"## {renderer.text(section)}")
            lines.append("")
            lines.extend(f"- {t}" for t in rendered)
            lines.append("")
    return Page(text="\n".join(lines).rstrip() + "\n", sections=sections)


def _link_parts(item: Item) -> list:
    ttl = title_rich(item.title_raw) if item.title_raw else [item.url or item.key]
    if item.url:
        return [Link(item.url, *ttl)]
    return ttl
