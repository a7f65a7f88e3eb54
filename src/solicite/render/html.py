"""HTML renderer: semantic and minimal, ``<i>`` for italics and ``<a href>`` for links."""

from html import escape

from solicite.render import Renderer


class HtmlRenderer(Renderer):
    """HTML fragments: text escaped, italics as <i>, links as <a href="...">."""

    name = "html"

    def text(self, s: str) -> str:
        return escape(s, quote=False)

    def italic(self, inner: str) -> str:
        return f"<i>{inner}</i>" if inner else ""

    def link(self, url: str, inner: str) -> str:
        return f'<a href="{escape(url, quote=True)}">{inner}</a>'


RENDERER = HtmlRenderer()
