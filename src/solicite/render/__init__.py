"""Renderers: turn a rich-text tree (solicite.richtext) into text, Markdown, HTML or LaTeX."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from solicite.doi import doi_url, strip_doi
from solicite.richtext import Italic, Link, NoCase, Node, Part, Quoted

OPEN = ("\u201c", "\u2018")
CLOSE = ("\u201d", "\u2019")


# Characters that end a Markdown autolink or an HTML attribute, or that no URL holds as such:
# percent-encoded. "%" itself is kept, so an already encoded URL stays as it is.
_URL_SAFE = "/?#[]@!$&'()*+,;=:%-._~"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_DOI = re.compile(r"^(?:doi:\s*)(10\.\S+)$", re.IGNORECASE)


def linkable(url: str) -> str | None:
    """The URL made safe to link (http or https only; ``doi:`` becomes https://doi.org/), or None.

    Anything else (``javascript:``, ``vbscript:``, ``data:``, ``file:``, a relative path) must be
    printed as text: a reader clicking it would run or open what the library's author chose.
    """
    url = url.strip()
    if _DOI.match(url):
        url = doi_url(strip_doi(url))
    m = _SCHEME.match(url)
    if not m or m.group(1).lower() not in ("http", "https") or not url[m.end():].startswith("//"):
        return None
    return quote(url, safe=_URL_SAFE)


class Renderer:
    """Walk a tree and write each node; subclasses say how text, italics, quotes and links look."""

    name = "base"

    def render(self, part: Part) -> str:
        """The tree as one string in this renderer's format."""
        return "".join(self._walk(part if type(part) is list else [part]))

    def _walk(self, parts: list) -> list[str]:
        """The rendered pieces of a list of parts, in order.

        A loop with an explicit stack, not recursion: a tree's depth comes from the input
        (nested braces in a title), and 100,000 nested nodes must not reach Python's
        recursion limit. A frame is (its parts, quote depth, where its pieces go, how it
        closes): plain strings, most of a tree, are written in the inner loop.
        """
        text = self.text
        out: list[str] = []
        stack: list[tuple] = [(iter(parts), 0, out, None)]
        while stack:
            parts_left, depth, sink, close = stack[-1]
            for part in parts_left:
                if type(part) is str:
                    if depth % 2 and ("\u201c" in part or "\u201d" in part):
                        # Quotation marks written in a quoted title turn single: “A ‘B’ C”.
                        part = part.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
                    sink.append(text(part))
                    continue
                frame = self._frame(part, depth, sink)
                if frame is not None:
                    stack.append(frame)
                    break
            else:
                stack.pop()
                if close is not None:
                    close(sink)
        return out

    def _frame(self, part, depth: int, sink: list[str]) -> tuple | None:
        """The stack frame that renders one part's children, or None for a part that is nothing."""
        if isinstance(part, list):
            return iter(part), depth, sink, None
        if isinstance(part, Quoted):
            sink.append(self.text(OPEN[depth % 2]))
            return iter(part.children), depth + 1, sink, lambda _: sink.append(self.text(CLOSE[depth % 2]))
        if isinstance(part, Italic):
            inner: list[str] = []
            return iter(part.children), depth, inner, lambda done: sink.append(self.italic("".join(done)))
        if isinstance(part, Link):
            inner = []
            return iter(part.children), depth, inner, lambda done: sink.append(self.link(part.url, "".join(done)))
        if isinstance(part, (NoCase, Node)):
            return iter(part.children), depth, sink, None
        if isinstance(part, str):
            return iter([str(part)]), depth, sink, None  # a str subclass: as its plain value
        return None

    def document(self, entries: list[str]) -> str:
        """A whole reference list from rendered entries: the page layout of this format."""
        return "\n\n".join(entries)

    def document_chunks(self, entries: Iterable[str]) -> Iterator[str]:
        """:meth:`document` piece by piece, for a list too long to hold as one text (this default holds it)."""
        yield self.document(list(entries))

    def text(self, s: str) -> str:
        return s

    def italic(self, inner: str) -> str:
        return inner

    def link(self, url: str, inner: str) -> str:
        return inner
