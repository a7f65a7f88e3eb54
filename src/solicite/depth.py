"""Nesting that the input controls: measure brace depth, in one pass and without recursion.

Real titles and names nest a few levels; a value nested deeper than ``MAX_BRACE_DEPTH`` is
reported by ``model.reading_problems`` (the codec reads it iteratively either way).
"""

from __future__ import annotations

import re

MAX_BRACE_DEPTH = 64

_BRACE_RUN = re.compile(r"\{+|\}+")


def brace_depth(text: str) -> int:
    """The deepest nesting of braces in text (0 without braces); one pass over runs of braces."""
    if "{" not in text:
        return 0
    depth = deepest = 0
    for m in _BRACE_RUN.finditer(text):
        run = m.end() - m.start()
        if m.group()[0] == "{":
            depth += run
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - run)
    return deepest


def too_deep(text: str) -> bool:
    """True when text nests braces deeper than ``MAX_BRACE_DEPTH`` (cheap for short text)."""
    return text.count("{") > MAX_BRACE_DEPTH and brace_depth(text) > MAX_BRACE_DEPTH
