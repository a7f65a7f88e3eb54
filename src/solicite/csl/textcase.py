"""CSL ``text-case``: lowercase, uppercase, capitalize-first/-all, sentence and title case.

Case changes walk the rich-text tree and never touch ``NoCase`` runs. Title case follows
the spec's English rules (stop words stay lowercase unless first or last).
"""

from __future__ import annotations

import re

from solicite.richtext import NoCase, Node, Part

STOP_WORDS = frozenset(
    "a an and as at but by down for from in into nor of on onto or over so the till to up via with yet "
    "about above across after against along amid among around before behind below beneath beside besides "
    "between beyond during except like near off out past per since than through throughout toward towards "
    "under underneath until upon versus vs. vs v. within without".split())

_WORD = re.compile(r"[^\s\-\u2013\u2014/]+|[\s\-\u2013\u2014/]+")


def _map_strings(part: Part, fn) -> Part:
    """Apply ``fn(text, protected)`` to every string, in order; NoCase strings are passed protected."""
    return _walk(part, fn, False)


def _walk(part, fn, protected):
    if isinstance(part, str):
        return fn(part, protected)
    if isinstance(part, Node):
        new = object.__new__(type(part))
        for f in part._fields():
            setattr(new, f, getattr(part, f))
        new.children = [_walk(c, fn, protected or isinstance(part, NoCase)) for c in part.children]
        return new
    return [_walk(c, fn, protected) for c in part]


def apply_case(part: Part, case: str, english: bool = True) -> Part:
    """The tree in the named text case."""
    if case == "lowercase":
        return _map_strings(part, lambda s, p: s if p else s.lower())
    if case == "uppercase":
        return _map_strings(part, lambda s, p: s if p else s.upper())
    if case == "capitalize-first":
        return _capitalize_first(part)
    if case == "capitalize-all":
        return _map_strings(part, lambda s, p: s if p else _each_word(s, _cap))
    if case == "sentence":
        return _sentence(part)
    if case == "title":
        return _title(part) if english else part
    return part


def _cap(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1:]
    return word


def _each_word(s: str, fn) -> str:
    return "".join(fn(w) if not w[0].isspace() else w for w in _WORD.findall(s))


def _capitalize_first(part: Part) -> Part:
    done = [False]

    def fn(s, protected):
        if done[0] or not any(c.isalpha() for c in s):
            return s
        done[0] = True
        return s if protected else _cap(s)

    return _map_strings(part, fn)


def _plain_strings(part) -> list[str]:
    out: list[str] = []
    _map_strings(part, lambda s, p: out.append(s) or s)
    return out


def _sentence(part: Part) -> Part:
    text = "".join(_plain_strings(part))
    upper = text.upper() == text and any(c.isalpha() for c in text)
    done = [False]

    def fn(s, protected):
        if protected:
            if any(c.isalpha() for c in s):
                done[0] = True
            return s
        if upper:
            s = s.lower()
        if not done[0] and any(c.isalpha() for c in s):
            done[0] = True
            return _cap(s)
        return s

    return _map_strings(part, fn)


def _title(part: Part) -> Part:
    text = "".join(_plain_strings(part))
    upper = text.upper() == text and any(c.isalpha() for c in text)
    words = [w for w in _WORD.findall(text) if not w[0].isspace() and w[0] not in "-\u2013\u2014/"]
    last_word = words[-1] if words else ""
    state = {"first": True, "after_colon": False, "seen": 0}

    def word_case(w: str) -> str:
        state["seen"] += 1
        core = w.strip("\"'\u201c\u201d\u2018\u2019([{")
        lower = core.lower()
        if upper:
            w = w.lower()
        is_first = state["first"] or state["after_colon"]
        is_last = state["seen"] == len(words) and w == last_word
        state["first"] = False
        state["after_colon"] = w.endswith(":") or w.endswith("?") or w.endswith("!")
        if lower in STOP_WORDS and not is_first and not is_last:
            return w if core != core.lower() and not upper else w.lower() if upper else w
        if w == w.lower() or upper:
            return _cap(w)
        return w

    def fn(s, protected):
        if protected:
            for w in _WORD.findall(s):
                if not w[0].isspace():
                    state["seen"] += 1
                    state["first"] = False
            return s
        return "".join(word_case(w) if not w[0].isspace() and w[0] not in "-\u2013\u2014/" else w
                       for w in _WORD.findall(s))

    return _map_strings(part, fn)
