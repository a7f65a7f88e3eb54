"""Guards against nesting that the input controls: measure brace depth, flatten what is too deep.

Readers of field text build trees as deep as the braces they read. Real titles and names
nest a few levels; a value nested deeper than ``MAX_BRACE_DEPTH`` is read as plain text
instead (and ``model.reading_problems`` reports it), so no reader recurses as deep as the
input asks and every reading stays linear in its length.
"""

from __future__ import annotations

import re

MAX_BRACE_DEPTH = 64

_BRACE_RUN = re.compile(r"\{+|\}+")
# A control word right before a group ("\textbf{"): a formatting command, dropped when flattening.
_COMMAND_BEFORE_GROUP = re.compile(r"\\[a-zA-Z]+\s*(?=\{)")


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


def flatten(text: str) -> str:
    """The best-effort plain reading of over-nested text: formatting commands and braces dropped, accents decoded."""
    from solicite.text import latex_to_unicode

    return latex_to_unicode(_COMMAND_BEFORE_GROUP.sub("", text))
