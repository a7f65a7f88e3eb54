"""Building output for the CSL engine: joining with CSL's punctuation rules, formatting, display.

Everything produced is a rich-text tree (solicite.richtext), so the project's renderers print it.
"""

from __future__ import annotations

from collections.abc import Callable

from solicite.richtext import (Bold, Italic, Link, NoCase, Node, Part, Quoted, SmallCaps, Subscript,
                               Superscript, Underline, first_char, last_char)


class Display(Node):
    """A CSL ``display`` block: "block", "left-margin", "right-inline" or "indent"."""

    __slots__ = ("kind",)

    def __init__(self, kind: str, *children: Part) -> None:
        super().__init__(*children)
        self.kind = kind

    def _fields(self) -> tuple[str, ...]:
        return ("children", "kind")


class NamesMark(Node):
    """The output of the first ``<names>`` of a cite: what author substitution and collapsing replace."""

    __slots__ = ()


class Baseline(Node):
    """Text set back on the baseline (``vertical-align="baseline"``) inside a superscript."""

    __slots__ = ()


class Normal(Node):
    """A run where the style turns a font feature off ("font-style: normal" inside italics)."""

    __slots__ = ("feature",)

    def __init__(self, feature: str, *children: Part) -> None:
        super().__init__(*children)
        self.feature = feature

    def _fields(self) -> tuple[str, ...]:
        return ("children", "feature")


_WRAP = {("font-style", "italic"): Italic, ("font-style", "oblique"): Italic,
         ("font-weight", "bold"): Bold, ("font-variant", "small-caps"): SmallCaps,
         ("text-decoration", "underline"): Underline, ("vertical-align", "sup"): Superscript,
         ("vertical-align", "sub"): Subscript, ("vertical-align", "baseline"): Baseline}
_NORMAL = {("font-style", "normal"), ("font-weight", "normal"), ("font-variant", "normal")}
FORMAT_ATTRS = ("font-style", "font-weight", "font-variant", "text-decoration", "vertical-align")

# Punctuation meeting punctuation, as citeproc-js resolves it (the suite's punctuation_FullMonty
# fixtures): the next mark is dropped after these, or replaces the mark before it.
_SWALLOWS = {".": ".:;!?\u2026", ",": ",", ";": ";", ":": ":;!?", "!": "!", "?": "?"}
_REPLACES = {"!": ":;", "?": ":;"}
_SEAM = frozenset(_SWALLOWS) | frozenset(_REPLACES) | {" "}  # first characters that meet the text before


def flatten_display(part: Part) -> Part:
    """The tree with display blocks made inline: a left-margin label is followed by a space.

    Text, Markdown, HTML and LaTeX output have no margin column, so "[1]" and the entry
    beside it become "[1] entry" (what citeproc-js prints as plain text).
    """
    if isinstance(part, Display):
        kids = [flatten_display(c) for c in part.children]
        return kids + [" "] if part.kind == "left-margin" else kids
    if isinstance(part, list):
        return [flatten_display(c) for c in part]
    if isinstance(part, Node) and not isinstance(part, str):
        return _rebuild(part, [flatten_display(c) for c in part.children])
    return part


def formatter(attrs: dict):
    """A function wrapping a part in the nodes the element's formatting attributes ask for."""
    wraps: list[Callable[..., Node]] = []
    for name in FORMAT_ATTRS:
        value = attrs.get(name, "")
        if (name, value) in _WRAP:
            wraps.append(_WRAP[(name, value)])
        elif (name, value) in _NORMAL:
            wraps.append(lambda *c, _n=name: Normal(_n, *c))
    if not wraps:
        return None

    def wrap(part: Part) -> Part:
        for w in wraps:
            part = w(part)
        return part

    return wrap


def is_empty(part) -> bool:
    """True when the part prints nothing."""
    if type(part) is str:
        return not part
    if part is None:
        return True
    return not first_char(part)


def drop_first(part: Part) -> Part:
    """The tree without its first printed character."""
    if type(part) is str or isinstance(part, str):
        return part[1:]
    children = part.children if isinstance(part, Node) else part
    out = list(children)
    for i, child in enumerate(out):
        if first_char(child):
            out[i] = drop_first(child)
            break
    return _rebuild(part, out)


def drop_last(part: Part) -> Part:
    """The tree without its last printed character."""
    if isinstance(part, str):
        return part[:-1]
    children = part.children if isinstance(part, Node) else part
    out = list(children)
    for i in range(len(out) - 1, -1, -1):
        if last_char(out[i]):
            out[i] = drop_last(out[i])
            break
    return _rebuild(part, out)


def _rebuild(part, children):
    if not isinstance(part, Node):
        return children
    new = object.__new__(type(part))
    for f in part._fields():
        setattr(new, f, getattr(part, f))
    new.children = children
    return new


def _last_node(part):
    """The innermost node or string that prints the tree's last character."""
    while True:
        if isinstance(part, str):
            return part
        children = part.children if isinstance(part, Node) else part
        if isinstance(part, Quoted) and not isinstance(_last_child(part), Quoted):
            return part
        nxt = None
        for child in reversed(children):
            if last_char(child):
                nxt = child
                break
        if nxt is None:
            return part
        part = nxt


def _last_child(node):
    for child in reversed(node.children):
        if last_char(child):
            return child
    return None


class Joiner:
    """Concatenates parts, applying CSL's punctuation rules at each seam."""

    def __init__(self, punct_in_quote: bool = False) -> None:
        self.piq = punct_in_quote

    def append(self, acc: list, part) -> None:
        """Add ``part`` to ``acc`` (a list being built)."""
        if type(part) is str:
            if part:
                self._add(acc, part, part[0])
        elif part is not None:
            first = first_char(part)
            if first:
                self._add(acc, part, first)

    def _add(self, acc: list, part, first: str) -> None:
        """Add a part that prints, whose first character is ``first``."""
        # Only a part opening with punctuation or a space meets the text before it.
        if acc and first in _SEAM:
            last = last_char(acc)
            if first in _SWALLOWS and last and last in _SWALLOWS[first]:
                part = drop_first(part)
                if is_empty(part):
                    return
                first = first_char(part)
            elif first in _REPLACES and last and last in _REPLACES[first] \
                    and not isinstance(_last_node(acc), Quoted):
                acc[:] = [drop_last(acc)]
            elif first == " " and last and last in " \u00a0":  # a space after a (no-break) space is dropped
                part = drop_first(part)
            if self.piq and first in ".," and isinstance(_last_node(acc), Quoted):
                quoted = _last_node(acc)
                inner = last_char(quoted.children)
                if not (inner and inner in _SWALLOWS.get(first, "")):
                    quoted.children.append(first)
                part = drop_first(part)
        if type(part) is list:
            acc.extend(part)  # kept flat: a shallow tree is quicker to search for its first and last character
        else:
            acc.append(part)

    def join(self, parts, delimiter: str = "") -> list:
        """The parts with the delimiter between the non-empty ones."""
        acc: list = []
        add = self._add
        dfirst = delimiter[:1]
        for p in parts:
            if type(p) is str:
                if not p:
                    continue
                first = p[0]
            elif p is None:
                continue
            else:
                first = first_char(p)
                if not first:
                    continue
            if acc and dfirst:
                add(acc, delimiter, dfirst)
            add(acc, p, first)
        return acc

    def affix(self, prefix: str, part, suffix: str) -> list:
        """The part between its prefix and suffix."""
        acc: list = []
        if prefix:
            acc.append(prefix)
        self.append(acc, part)
        if suffix:
            self.append(acc, suffix)
        return acc


def strip_periods(part: Part) -> Part:
    """The tree with every period removed (``strip-periods``)."""
    if isinstance(part, str):
        return part.replace(".", "")
    if isinstance(part, NoCase):
        return part
    if isinstance(part, Node):
        return _rebuild(part, [strip_periods(c) for c in part.children])
    return [strip_periods(c) for c in part]


__all__ = ["Display", "NamesMark", "Normal", "Joiner", "formatter", "is_empty", "strip_periods", "Link", "Quoted",
           "Italic", "NoCase"]
