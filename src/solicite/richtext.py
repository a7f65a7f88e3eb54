"""A small rich-text tree that styles build and renderers turn into text, Markdown, HTML or LaTeX.

A tree is a list of parts; a part is a ``str`` (plain text) or a node: ``Italic``, ``Quoted``
(text in typographic quotes), ``Link`` (a clickable URL) or ``NoCase`` (text a case change
must not touch). Lists nest freely. Keeping the tree this small keeps formatting fast.
"""

from __future__ import annotations

from typing import Any, Union


class Node:
    """A styled run of parts."""

    __slots__ = ("children",)

    def __init__(self, *children: "Part") -> None:
        self.children = list(children)

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(getattr(self, f) == getattr(other, f) for f in self._fields())

    __hash__ = None  # type: ignore[assignment]  # unhashable, as __eq__ compares contents; typeshed wants a method

    def _fields(self) -> tuple[str, ...]:
        return ("children",)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(repr(c) for c in self.children)})"


class Italic(Node):
    """Italic (emphasised) text: titles of books and journals."""

    __slots__ = ()


Emph = Italic


class Quoted(Node):
    """Text between typographic double quotes (single quotes when nested)."""

    __slots__ = ()


class NoCase(Node):
    """Text protected from case changes ({Protected} in BibTeX)."""

    __slots__ = ()


class Bold(Node):
    """Bold text."""

    __slots__ = ()


class SmallCaps(Node):
    """Text in small capitals."""

    __slots__ = ()


class Superscript(Node):
    """Superscript text."""

    __slots__ = ()


class Subscript(Node):
    """Subscript text."""

    __slots__ = ()


class Underline(Node):
    """Underlined text."""

    __slots__ = ()


class Link(Node):
    """A clickable link; its children are the visible text (the URL itself when empty)."""

    __slots__ = ("url",)

    def __init__(self, url: str, *children: "Part") -> None:
        super().__init__(*(children or (url,)))
        self.url = url

    def _fields(self) -> tuple[str, ...]:
        return ("children", "url")

    def __repr__(self) -> str:
        return f"Link({self.url!r})"


Part = Union[str, Node, list]


def plain(part: Part) -> str:
    """The plain text of a tree (quotes rendered as “ ”)."""
    node: Any = part  # narrowed by type() identity below, which mypy does not follow
    t = type(node)
    if t is str:
        return node
    if t is list:
        return "".join([c if type(c) is str else plain(c) for c in node])
    if t is Quoted:
        return "\u201c" + "".join([plain(c) for c in node.children]) + "\u201d"
    if isinstance(node, str):
        return node
    if isinstance(node, Node):
        return "".join([plain(c) for c in node.children])
    return "".join([plain(c) for c in node])


def last_char(part: Part) -> str:
    """The last character the tree prints ("" when it prints nothing)."""
    node: Any = part  # narrowed by type() identity below, which mypy does not follow
    t = type(node)
    if t is str:
        return node[-1:]
    if t is Quoted:
        return "\u201d" if node.children else ""
    if t is not list:
        if isinstance(node, str):
            return node[-1:]
        if isinstance(node, Node):
            node = node.children
    for child in reversed(node):
        c = child[-1:] if type(child) is str else last_char(child)
        if c:
            return c
    return ""


def first_char(part: Part) -> str:
    """The first character the tree prints."""
    node: Any = part  # narrowed by type() identity below, which mypy does not follow
    t = type(node)
    if t is str:
        return node[:1]
    if t is Quoted:
        return "\u201c" if node.children else ""
    if t is not list:
        # Type checks by identity first: this runs for every seam the CSL engine joins.
        if isinstance(node, str):
            return node[:1]
        if isinstance(node, Node):
            node = node.children
    for child in node:
        if type(child) is str:
            if child:
                return child[0]
            continue
        c = first_char(child)
        if c:
            return c
    return ""


def is_empty(part: Part) -> bool:
    """True when the tree prints nothing."""
    return not first_char(part)
