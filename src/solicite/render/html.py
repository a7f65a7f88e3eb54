"""HTML renderer: semantic and minimal, ``<i>`` for italics and ``<a href>`` for links.

Safe to insert into a page as a fragment: every text is escaped, and only http, https and
DOI addresses become links (``solicite.render.linkable``); any other address is printed as text.
"""

from html import escape

from solicite.render import Renderer, linkable

_PLAIN_URL = frozenset('&<>"\'')  # none of these: the URL needs no escaping


class HtmlRenderer(Renderer):
    """HTML fragments: text escaped, italics as <i>, links as <a href="...">."""

    name = "html"

    def text(self, s: str) -> str:
        # Element content: "&", "<" and ">" are all that can start markup there.
        if "&" in s or "<" in s or ">" in s:
            return escape(s, quote=False)
        return s

    def document(self, entries: list[str]) -> str:
        """A plain list: numeric styles already carry their own labels ("[1] ")."""
        return "\n".join(['<ul class="references">'] + [f"  <li>{e}</li>" for e in entries] + ["</ul>"])

    def italic(self, inner: str) -> str:
        return f"<i>{inner}</i>" if inner else ""

    def link(self, url: str, inner: str) -> str:
        href = linkable(url)
        if href is None:
            return inner  # already escaped text: a javascript: or data: address is shown, never linked
        if not _PLAIN_URL.isdisjoint(href):
            href = escape(href, quote=True)
        return f'<a href="{href}">{inner}</a>'


RENDERER = HtmlRenderer()
