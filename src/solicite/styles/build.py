"""Assemble an entry from parts with the punctuation rules citeproc-js applies.

Two rules matter everywhere: a period after text that already ends in ".", "?" or "!"
is dropped ("Why no borders? Refuge"), and in American styles a period or comma after a
closing quote moves inside it ("“Understanding ‘sanctuary cities.’”").
"""

from __future__ import annotations

from solicite.richtext import Node, Part, Quoted, is_empty, last_char


class Out:
    """An entry under construction: parts and punctuation, joined without double periods."""

    __slots__ = ("parts", "quote_punct", "_last")

    def __init__(self, quote_punct: bool = True) -> None:
        self.parts: list[Part] = []
        self.quote_punct = quote_punct
        self._last = ""  # the last character printed so far (kept to avoid walking the tree)

    def add(self, part: Part, before: str = "") -> "Out":
        """Append ``before`` then ``part``; nothing at all when the part is empty."""
        if type(part) is str:
            if not part:
                return self
            last = part[-1]
        elif part is None:
            return self
        else:
            last = last_char(part)
            if not last:
                return self
        parts = self.parts
        if before and parts:
            if before[0].isspace() and self._last.isspace():
                before = before.lstrip()
            if before:
                self.punct(before)
        parts.append(part)
        self._last = last
        return self

    def punct(self, p: str) -> "Out":
        """Append punctuation (". ", ", ", ")") after what is there, merging it as citeproc-js does."""
        if not p or not self.parts:
            return self
        head = p[0]
        if head in ".,;:" and self._last.isspace() and isinstance(self.parts[-1], str):
            # Punctuation after a space: drop the space ("(n.d.) ." -> "(n.d.).").
            self.parts[-1] = self.parts[-1].rstrip()
            if not self.parts[-1]:
                self.parts.pop()
            self._last = last_char(self.parts)
        last = self._last
        if head == "." and last in ".?!":
            p = p[1:]
        elif head == "." and last in ",;:":
            # "Lea,. Personal": the earlier mark stands, the period goes (as citeproc-js joins them).
            p = p[1:]
        if p and p[0] in ".," and self.quote_punct and last in "\u201d\u2019":
            q = _trailing_quoted(self.parts)
            if q is not None:
                inner_last = last_char(q.children)
                if not (p[0] == "." and inner_last in ".?!"):
                    _append_inside(q, p[0])
                p = p[1:]
            elif last == "\u201d" and _insert_before_closing_quote(self.parts, p[0]):
                # A quotation written as text (``...'' split by braces): same American rule.
                p = p[1:]
        if p:
            self.parts.append(p)
            self._last = p[-1]
        elif self.parts:
            self._last = last_char(self.parts[-1])
        return self

    def result(self) -> list[Part]:
        """The parts built, without trailing spaces."""
        while self.parts and isinstance(self.parts[-1], str) and self.parts[-1][-1:].isspace():
            self.parts[-1] = self.parts[-1].rstrip()
            if not self.parts[-1]:
                self.parts.pop()
        self._last = last_char(self.parts) if self.parts else ""
        return self.parts


def _trailing_quoted(parts) -> Quoted | None:
    node = parts
    while True:
        children = node.children if isinstance(node, Node) else node
        if isinstance(node, Quoted):
            # The innermost quote closing at the same place gets the punctuation.
            inner = _trailing_quoted(node.children)
            return inner if inner is not None else node
        if not isinstance(children, list) or not children:
            return None
        tail = next((c for c in reversed(children) if not (isinstance(c, str) and not c)), None)
        if tail is None or isinstance(tail, str):
            return None
        node = tail


def _insert_before_closing_quote(parts: list, ch: str) -> bool:
    node = parts
    while True:
        children = node.children if isinstance(node, Node) else node
        if not children:
            return False
        i = len(children) - 1
        while i >= 0 and isinstance(children[i], str) and not children[i]:
            i -= 1
        if i < 0:
            return False
        tail = children[i]
        if isinstance(tail, str):
            if not tail.endswith("\u201d"):
                return False
            before = tail[-2:-1]
            if not (ch == "." and before in ".?!"):
                children[i] = tail[:-1] + ch + tail[-1]
            return True
        if isinstance(tail, Quoted):
            return False
        node = tail


def _append_inside(q: Quoted, ch: str) -> None:
    target = q
    while target.children and isinstance(target.children[-1], Quoted):
        target = target.children[-1]
    last = target.children[-1] if target.children else ""
    if isinstance(last, str) and last.endswith("\u201d"):
        # A quotation written as text closes inside this one: the mark goes inside both.
        target.children[-1] = last[:-1] + ch + last[-1]
        return
    target.children.append(ch)


def wrap(open_: str, part: Part, close: str) -> list[Part]:
    """``open_`` + part + ``close``, or nothing when the part is empty."""
    if part is None or part == "" or (not isinstance(part, str) and is_empty(part)):
        return []
    return [open_, part, close]


def group(parts: list, sep: str = ", ") -> list[Part]:
    """Non-empty parts joined with ``sep``."""
    out: list[Part] = []
    for p in parts:
        if p is None or p == "" or (not isinstance(p, str) and is_empty(p)):
            continue
        if out:
            out.append(sep)
        out.append(p)
    return out
