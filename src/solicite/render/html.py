"""HTML renderer: semantic and minimal, ``<i>`` for italics and ``<a href>`` for links."""

from html import escape

from solicite.render import Renderer


class HtmlRenderer(Renderer):
    """HTML fragments: text escaped, italics as <i>, links as <a href="...">."""

    name = "html"

    def text(self, s: str) -> str:
        if "&" in s or "<" in s or ">" in s:
            return escape(s, quote=False)
        return s

    def italic(self, inner: str) -> str:
        return f"<i>{inner}</i>" if inner else ""

    def link(self, url: str, inner: str) -> str:
        href = escape(url, quote=True) if any(c in url for c in '&<>"\'') else url
        return f'<a href="{href}">{inner}</a>'


RENDERER = HtmlRenderer()
