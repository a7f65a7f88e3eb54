"""Renderers: turn a rich-text tree (solicite.richtext) into text, Markdown, HTML or LaTeX."""

from __future__ import annotations

from solicite.richtext import Italic, Link, NoCase, Node, Part, Quoted

OPEN = ("\u201c", "\u2018")
CLOSE = ("\u201d", "\u2019")


class Renderer:
    """Walk a tree and write each node; subclasses say how text, italics, quotes and links look."""

    name = "base"

    def render(self, part: Part) -> str:
        """The tree as one string in this renderer's format."""
        out: list[str] = []
        self._walk(part, out, 0)
        return "".join(out)

    def _walk(self, part: Part, out: list[str], depth: int) -> None:
        if isinstance(part, str):
            if depth % 2 and ("\u201c" in part or "\u201d" in part):
                # Quotation marks written in a quoted title turn single: “A ‘B’ C”.
                part = part.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
            out.append(self.text(part))
        elif isinstance(part, list):
            for child in part:
                self._walk(child, out, depth)
        elif isinstance(part, Quoted):
            out.append(self.text(OPEN[depth % 2]))
            for child in part.children:
                self._walk(child, out, depth + 1)
            out.append(self.text(CLOSE[depth % 2]))
        elif isinstance(part, Italic):
            inner: list[str] = []
            for child in part.children:
                self._walk(child, inner, depth)
            out.append(self.italic("".join(inner)))
        elif isinstance(part, Link):
            inner = []
            for child in part.children:
                self._walk(child, inner, depth)
            out.append(self.link(part.url, "".join(inner)))
        elif isinstance(part, (NoCase, Node)):
            for child in part.children:
                self._walk(child, out, depth)

    def text(self, s: str) -> str:
        return s

    def italic(self, inner: str) -> str:
        return inner

    def link(self, url: str, inner: str) -> str:
        return inner
