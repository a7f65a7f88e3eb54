"""BibTeX field text to CSL rich text and back: LaTeX to Unicode, {Protected} words as nocase spans.

BibTeX marks words whose case must never change with a top-level brace group (``{DNA}``);
CSL-JSON marks them with ``<span class="nocase">``. A brace group that starts with a command
(``{\\'a}``) is a special character in BibTeX's rules, not a protection, and becomes plain text.
Formatting commands map to CSL's HTML-like tags: ``\\emph``/``\\textit`` to ``<i>``,
``\\textbf`` to ``<b>``, ``\\textsc`` to a small-caps span, ``\\textsuperscript``/``\\textsubscript``
to ``<sup>``/``<sub>``.
"""

from __future__ import annotations

import html
import re

from solicite.depth import flatten, too_deep

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
# Old-style font switches ({\em text}, {\bf text}) and the italic correction: dropped, the text kept.
_SWITCHES = re.compile(r"\\(?:em|it|bf|sl|sc|rm|tt|sf|normalfont|upshape|itshape|bfseries|scshape)\b\s*|\\/")
_LEFTOVER = re.compile(r"\\([A-Za-z]+)\s*")
_BOXES = frozenset("mbox hbox text textrm textnormal relax protect ensuremath".split())
_MATH = re.compile(r"\$([^$]*)\$")
_SINGLE_QUOTES = re.compile(r"`([^`']*)'")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s[^<>]*?)?)(/?)>")
_HTML_KINDS = {"i": "i", "em": "i", "jats:italic": "i", "b": "b", "strong": "b", "jats:bold": "b", "sup": "sup",
               "jats:sup": "sup", "sub": "sub", "jats:sub": "sub", "sc": "sc", "jats:sc": "sc"}
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
    if top and too_deep(s):  # guard (see solicite.depth): no reading nests as deep as the input asks
        s = flatten(s)
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
            if m is None:  # a lone backslash at the very end
                buf.append("\\")
                break
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
    core = _SWITCHES.sub("", raw.replace("\\$", "\x00"))
    # $math$: keep what it says, without the delimiters ("$k$-limiting" -> "k-limiting").
    core = _MATH.sub(lambda m: m.group(1), core)
    core = core.replace("---", "\u2014").replace("--", "\u2013")
    # TeX quotes: ``double'' and `single' (an apostrophe without an opening ` stays as written).
    core = core.replace("``", "\u201c").replace("''", "\u201d")
    core = _SINGLE_QUOTES.sub("\u2018\\1\u2019", core)
    text = latex_to_unicode(core).replace("\x00", "$").replace("\\{", "{").replace("\\}", "}")
    if "\\" in text:
        # Commands latexcodec does not know: boxes go, the others keep their name as text.
        text = _LEFTOVER.sub(lambda m: "" if m.group(1) in _BOXES else m.group(1), text)
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
    """CSL rich text back to a BibTeX value: nocase spans as {braces}, tags as LaTeX commands.

    HTML entities are decoded and unknown tags (JATS ``<jats:p>``, ``<scp>``...) dropped with their
    text kept, as web services (Crossref) send them.
    """
    if not text:
        return ""
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # (tag name, kind)
    pos = 0

    def plain(chunk: str) -> str:
        return escape_latex(html.unescape(chunk))

    for m in _TAG.finditer(text):
        out.append(plain(text[pos:m.start()]))
        pos = m.end()
        closing, tag, attrs, selfclosing = m.group(1), m.group(2).lower(), m.group(3) or "", m.group(4)
        if selfclosing:
            continue
        if closing:
            if any(name == tag for name, _ in stack):
                while stack:
                    name, kind = stack.pop()
                    out.append("}" if kind else "")
                    if name == tag:
                        break
            continue
        if tag == "span":
            kind = "nocase" if "nocase" in attrs else "sc" if "small-caps" in attrs else ""
        else:
            kind = _HTML_KINDS.get(tag, "")
        stack.append((tag, kind))
        out.append(_TO_LATEX[kind] if kind else "")
    out.append(plain(text[pos:]))
    out.extend("}" for _, kind in reversed(stack) if kind)
    return re.sub(r"[ \t]{2,}", " ", "".join(out))
