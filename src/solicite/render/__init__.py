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
        out: list[str] = []
        self._walk(part if type(part) is list else [part], out, 0)
        return "".join(out)

    def _walk(self, parts: list, out: list[str], depth: int) -> None:
        # One call per list of siblings, not per part: plain strings, most of a tree, are
        # written in the loop (rendering is a fifth of the time a reference list takes).
        text = self.text
        for part in parts:
            if type(part) is str:
                if depth % 2 and ("\u201c" in part or "\u201d" in part):
                    # Quotation marks written in a quoted title turn single: “A ‘B’ C”.
                    part = part.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
                out.append(text(part))
            elif isinstance(part, list):
                self._walk(part, out, depth)
            elif isinstance(part, Quoted):
                out.append(text(OPEN[depth % 2]))
                self._walk(part.children, out, depth + 1)
                out.append(text(CLOSE[depth % 2]))
            elif isinstance(part, Italic):
                inner: list[str] = []
                self._walk(part.children, inner, depth)
                out.append(self.italic("".join(inner)))
            elif isinstance(part, Link):
                inner = []
                self._walk(part.children, inner, depth)
                out.append(self.link(part.url, "".join(inner)))
            elif isinstance(part, (NoCase, Node)):
                self._walk(part.children, out, depth)
            elif isinstance(part, str):
                self._walk([str(part)], out, depth)  # a str subclass: as its plain value

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
