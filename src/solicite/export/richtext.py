"""BibTeX field text to CSL rich text and back: LaTeX to Unicode, {Protected} words as nocase spans.

BibTeX marks words whose case must never change with a top-level brace group (``{DNA}``);
CSL-JSON marks them with ``<span class="nocase">``. A brace group that starts with a command
(``{\\'a}``) is a special character in BibTeX's rules, not a protection, and becomes plain text.
Formatting commands map to CSL's HTML-like tags: ``\\emph``/``\\textit`` to ``<i>``,
``\\textbf`` to ``<b>``, ``\\textsc`` to a small-caps span, ``\\textsuperscript``/``\\textsubscript``
to ``<sup>``/``<sub>``.
"""

from __future__ import annotations

import re

from solicite.text import latex_to_unicode

# command -> CSL tag name used in the node tree
_FORMAT_COMMANDS = {
    "emph": "i",
    "textit": "i",
    "textsl": "i",
    "textbf": "b",
    "textsc": "sc",
    "textsuperscript": "sup",
    "textsubscript": "sub",
}
_OPEN = {
    "i": "<i>",
    "b": "<b>",
    "sc": '<span style="font-variant:small-caps;">',
    "sup": "<sup>",
    "sub": "<sub>",
    "nocase": '<span class="nocase">',
}
_CLOSE = {"i": "</i>", "b": "</b>", "sc": "</span>", "sup": "</sup>", "sub": "</sub>", "nocase": "</span>"}
_TO_LATEX = {"i": "\\textit{", "b": "\\textbf{", "sc": "\\textsc{", "sup": "\\textsuperscript{", "sub": "\\textsubscript{",
             "nocase": "{"}

_ACCENTS = frozenset("cdbHkrtuv")  # letter-named accents that take an argument
_SINGLE_QUOTES = re.compile(r"`([^`']*)'")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_TAG = re.compile(r"<(/?)(i|b|sup|sub|span)((?:\s[^<>]*)?)>", re.IGNORECASE)
_LATEX_SPECIALS = {"\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#",
                   "_": "\\_"}
_SPECIAL_RE = re.compile(r"[\\{}&%$#_]")

Node = tuple  # ("text", str) | (tag, list[Node])


def _matching_brace(s: str, i: int) -> int:
    """Index of the "}" closing the "{" at ``i``, or -1 when unbalanced."""
    depth = 0
    j = i
    while j < len(s):
        ch = s[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _parse(s: str, top: bool) -> list[Node]:
    nodes: list[Node] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            nodes.append(("text", _decode("".join(buf))))
            buf.clear()

    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            m = _COMMAND.match(s, i)
            name = m.group(1)
            j = m.end()
            k = j
            while k < len(s) and s[k] == " ":
                k += 1
            if name in _FORMAT_COMMANDS and k < len(s) and s[k] == "{":
                close = _matching_brace(s, k)
                if close > 0:
                    flush()
                    nodes.append((_FORMAT_COMMANDS[name], _parse(s[k + 1:close], top)))
                    i = close + 1
                    continue
            if name.isalpha() and name not in _ACCENTS and k < len(s) and s[k] == "{":
                close = _matching_brace(s, k)
                if close > k + 1:
                    # \url{...}, \mbox{...}, \mkbibquote{...}: keep the argument's text, drop the command.
                    flush()
                    nodes.extend(_parse(s[k + 1:close], False))
                    i = close + 1
                    continue
            buf.append(m.group(0))
            i = j
            # An accent's argument ("\'{a}") belongs to the command, not to case protection.
            if not name.isalpha() or name in _ACCENTS:
                if i < len(s) and s[i] == "{":
                    close = _matching_brace(s, i)
                    if close > 0:
                        buf.append(s[i:close + 1])
                        i = close + 1
            continue
        if ch == "{":
            close = _matching_brace(s, i)
            if close < 0:
                buf.append(s[i:])
                break
            inner = s[i + 1:close]
            if top and not inner.startswith("\\"):
                flush()
                nodes.append(("nocase", _parse(inner, False)))
            else:
                buf.append(s[i:close + 1])
            i = close + 1
            continue
        if ch == "$":
            end = s.find("$", i + 1)
            end = len(s) - 1 if end < 0 else end
            buf.append(s[i:end + 1])
            i = end + 1
            continue
        buf.append(ch)
        i += 1
    flush()
    return nodes


def _decode(raw: str) -> str:
    """Unicode for a run of LaTeX, keeping one leading/trailing space where there was whitespace."""
    core = raw.replace("---", "\u2014").replace("--", "\u2013")
    # TeX quotes: ``double'' and `single' (an apostrophe without an opening ` stays as written).
    core = core.replace("``", "\u201c").replace("''", "\u201d")
    core = _SINGLE_QUOTES.sub("\u2018\\1\u2019", core)
    text = latex_to_unicode(core)
    if raw[:1].isspace() and text:
        text = " " + text
    if raw[-1:].isspace() and text:
        text = text + " "
    if not text and raw.strip() == "" and raw:
        text = " "
    return text


def _render(nodes: list[Node], html: bool) -> str:
    out: list[str] = []
    for node in nodes:
        if node[0] == "text":
            out.append(node[1])
        else:
            inner = _render(node[1], html)
            out.append(_OPEN[node[0]] + inner + _CLOSE[node[0]] if html and inner else inner)
    return "".join(out)


def to_csl_text(value: str) -> str:
    """A BibTeX field value as CSL rich text: Unicode, nocase spans, <i>/<b>/<sup>/<sub> tags."""
    if not value:
        return ""
    return " ".join(_render(_parse(value, True), html=True).split())


def to_plain(value: str) -> str:
    """A BibTeX field value as plain Unicode (formatting and case protection dropped)."""
    if not value:
        return ""
    return " ".join(_render(_parse(value, True), html=False).split())


def protected_words(value: str) -> list[str]:
    """The texts of the top-level {protected} groups of a BibTeX value, decoded."""
    words = (_render(n[1], False).strip() for n in _parse(value, True) if n[0] == "nocase")
    return [w for w in words if w]


def escape_latex(text: str) -> str:
    """Plain Unicode text made safe for a BibTeX field (``&`` -> ``\\&``, ``{`` -> ``\\{``...)."""
    return _SPECIAL_RE.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text)


def from_csl_text(text: str) -> str:
    """CSL rich text back to a BibTeX value: nocase spans as {braces}, tags as LaTeX commands."""
    if not text:
        return ""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for m in _TAG.finditer(text):
        out.append(escape_latex(text[pos:m.start()]))
        pos = m.end()
        closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3) or ""
        if closing:
            if stack:
                kind = stack.pop()
                out.append("}" if kind else "")
            continue
        if tag == "span":
            if "nocase" in attrs:
                kind = "nocase"
            elif "small-caps" in attrs:
                kind = "sc"
            else:
                kind = ""  # an unknown span: keep its text, drop the markup
        else:
            kind = tag
        stack.append(kind)
        out.append(_TO_LATEX[kind] if kind else "")
    out.append(escape_latex(text[pos:]))
    out.extend("}" for kind in reversed(stack) if kind)
    return "".join(out)
