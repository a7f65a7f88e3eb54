"""Rich text inside CSL-JSON values: the HTML-like tags and straight quotes CSL processors read."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

from solicite.richtext import Bold, Italic, NoCase, Node, Quoted, SmallCaps, Subscript, Superscript

_TAGS = {"i": Italic, "em": Italic, "b": Bold, "strong": Bold, "sup": Superscript, "sub": Subscript,
         "sc": SmallCaps}
_HAS_MARKUP = re.compile("[<\"'&\u00aa\u00b2\u00b3\u00b9\u00ba\u02b0-\u02ff\u1d2c-\u1dbf\u2070-\u209f\u2120\u2122\u3192-\u319f\u06e5\u06e6\u201c]")
_CURLY = re.compile("\u201c([^\u201c\u201d]*)\u201d")
_QUOTE = re.compile(r'"')


class _Reader(HTMLParser):
    """Builds a tree from tags; unknown tags are kept as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list]] = [("", [])]

    def handle_starttag(self, name, attrs):
        attrs = dict(attrs)
        style = (attrs.get("style") or "").replace(" ", "")
        cls = attrs.get("class")
        if name in _TAGS or (name == "span" and (cls in ("nocase", "nodecor") or "small-caps" in style)):
            self.stack.append((name if name != "span" else (cls if cls in ("nocase", "nodecor") else "sc"), []))
        else:
            self.stack[-1][1].append(self.get_starttag_text())

    def handle_endtag(self, name):
        if len(self.stack) > 1 and (self.stack[-1][0] == name or (name == "span" and self.stack[-1][0] in ("nocase", "nodecor", "sc"))):
            kind, children = self.stack.pop()
            node = _node(kind, children)
            self.stack[-1][1].append(node)
        else:
            self.stack[-1][1].append(f"</{name}>")

    def handle_data(self, data):
        self.stack[-1][1].append(data)

    def close_all(self) -> list:
        self.close()
        while len(self.stack) > 1:
            kind, children = self.stack.pop()
            self.stack[-1][1].append(_node(kind, children))
        return self.stack[0][1]


def _node(kind: str, children: list):
    if kind == "nocase":
        return NoCase(*children)
    if kind == "nodecor":
        return NoDecor(*children)
    return _TAGS[kind](*children)


class NoDecor(NoCase):
    """``<span class="nodecor">``: text printed upright, roman and unchanged inside any formatting."""

    __slots__ = ()


def _superscripts() -> dict:
    """Unicode superscript letters and digits ("ª", "²", "ᵉ") mapped to the character they raise."""
    out = {}
    for lo, hi in ((0x00A0, 0x00FF), (0x02B0, 0x02FF), (0x1D2C, 0x1DBF), (0x2070, 0x209F), (0x2100, 0x214F),
                   (0x3190, 0x319F)):
        for cp in range(lo, hi + 1):
            decomposition = unicodedata.decomposition(chr(cp))
            if decomposition.startswith("<super>"):
                out[chr(cp)] = "".join(chr(int(h, 16)) for h in decomposition.split()[1:])
    # Modifier letters Unicode does not decompose, which citeproc-js raises all the same.
    out.update({"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"})
    return out


_SUPERSCRIPTS = _superscripts()
_SUPER_RE = re.compile("[" + "".join(_SUPERSCRIPTS) + "]+")
_SINGLE = re.compile(r"(?<![\w\u2019])'(?=\S)((?:[^']|'(?=\w))*?\S)'(?![\w])")


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
    """Plain text as parts: superscript characters, curly and single-quoted runs made nodes."""
    rules = ((_SUPER_RE, lambda m: Superscript("".join(_SUPERSCRIPTS[c] for c in m.group()))),
             (_CURLY, lambda m: Quoted(*_quote_text(m.group(1)))),
             (_SINGLE, lambda m: Quoted(*_quote_text(m.group(1)))))
    for regex, make in rules:
        if regex.search(text):
            out: list = []
            last = 0
            for m in regex.finditer(text):
                out += _quote_text(text[last:m.start()]) if m.start() > last else []
                out.append(make(m))
                last = m.end()
            return out + (_quote_text(text[last:]) if last < len(text) else [])
    text = text.replace("'", "\u2019")
    pieces = _QUOTE.split(text)
    if len(pieces) < 3:
        return [text]
    out = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            if piece:
                out.append(piece)
        elif i + 1 < len(pieces):
            out.append(Quoted(*_quote_text(piece)))
        else:
            out.append('"' + piece)
    return out
