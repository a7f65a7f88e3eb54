"""Rich text inside CSL-JSON values: the HTML-like tags and straight quotes CSL processors read."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from solicite.richtext import Bold, Italic, NoCase, Node, Quoted, SmallCaps, Subscript, Superscript

_TAGS = {"i": Italic, "em": Italic, "b": Bold, "strong": Bold, "sup": Superscript, "sub": Subscript,
         "sc": SmallCaps}
_HAS_MARKUP = re.compile(r"[<\"'&]")
_QUOTE = re.compile(r'"')


class _Reader(HTMLParser):
    """Builds a tree from tags; unknown tags are kept as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list]] = [("", [])]

    def handle_starttag(self, name, attrs):
        attrs = dict(attrs)
        style = (attrs.get("style") or "").replace(" ", "")
        if name in _TAGS or (name == "span" and (attrs.get("class") == "nocase" or "small-caps" in style)):
            self.stack.append((name if name != "span" else ("nocase" if attrs.get("class") == "nocase" else "sc"), []))
        else:
            self.stack[-1][1].append(self.get_starttag_text())

    def handle_endtag(self, name):
        if len(self.stack) > 1 and (self.stack[-1][0] == name or (name == "span" and self.stack[-1][0] in ("nocase", "sc"))):
            kind, children = self.stack.pop()
            node = NoCase(*children) if kind == "nocase" else _TAGS[kind](*children)
            self.stack[-1][1].append(node)
        else:
            self.stack[-1][1].append(f"</{name}>")

    def handle_data(self, data):
        self.stack[-1][1].append(data)

    def close_all(self) -> list:
        self.close()
        while len(self.stack) > 1:
            kind, children = self.stack.pop()
            self.stack[-1][1].append(NoCase(*children) if kind == "nocase" else _TAGS[kind](*children))
        return self.stack[0][1]


def parse_markup(value: str):
    """The value as a rich-text tree: tags read, straight quotes paired, apostrophes curled."""
    if not _HAS_MARKUP.search(value):
        return value
    if "<" in value or "&" in value:
        reader = _Reader()
        reader.feed(value)
        parts = reader.close_all()
    else:
        parts = [value]
    return _quotes(parts)


def _quotes(parts: list) -> list:
    """Pair straight double quotes into Quoted nodes (within one run) and curl apostrophes."""
    out: list = []
    for p in parts:
        if isinstance(p, str):
            out.extend(_quote_text(p))
        elif isinstance(p, Node):
            p.children = _quotes(p.children)
            out.append(p)
        else:
            out.append(p)
    return out


def _quote_text(text: str) -> list:
    text = text.replace("'", "\u2019")
    pieces = _QUOTE.split(text)
    if len(pieces) < 3:
        return [text]
    out: list = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            if piece:
                out.append(piece)
        elif i + 1 < len(pieces):
            out.append(Quoted(*_quote_text(piece)))
        else:
            out.append('"' + piece)
    return out
