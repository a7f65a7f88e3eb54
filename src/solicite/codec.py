"""The one field-text codec: BibTeX field text to a small rich-text value and back, to Unicode and CSL markup.

A value is a tuple of runs ``(text, flags)``: Unicode text and a bit set of ``NOCASE`` (a
``{Protected}`` group), ``ITALIC``, ``BOLD``, ``SMALLCAPS``, ``SUP``, ``SUB`` and ``MATH``
(``$...$`` kept verbatim). Every stage reads field text through :func:`parse` and writes it
through :func:`to_bibtex` or :func:`escape`, so a title reads the same in ``list``, ``format``
and every export. The reader is one loop over the text with an explicit stack: no recursion
the input controls, and each character is looked at a bounded number of times.

LaTeX meanings are kept: ``--`` and ``---`` are dashes, ``\u0060\u0060x''`` is “x”, ``\u0060x'``
is ‘x’, ``~`` is a no-break space, and an accent command binds to its argument before quotes
are read (``gr{\\\u0060e}cque`` is grècque).
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable

from solicite.text import braces_balanced

NOCASE, ITALIC, BOLD, SMALLCAPS, SUP, SUB, MATH = 1, 2, 4, 8, 16, 32, 64
Runs = tuple  # tuple[tuple[str, int], ...]

# Accents: TeX's one-character and letter-named accent commands -> Unicode combining marks.
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
            "d": "\u0323", "b": "\u0331", "t": "\u0361", "r": "\u030a"}
_SYMBOLS_EXTRA = {"hyphen": "-", ",": "\u2006", "-": "\u00ad", "/": "", "@": "", " ": " ", "\\": " ",
                  "LaTeXe": "LaTeX2e", "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "dots": "\u2026",
                  "textquoteleft": "\u2018", "textquoteright": "\u2019", "textquotedblleft": "\u201c",
                  "textquotedblright": "\u201d", "textbraceleft": "{", "textbraceright": "}", "&": "&", "%": "%",
                  "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", "textunderscore": "_", "textasciicircum": "^",
                  "j": "\u0237", "relax": "", "protect": "", "noindent": "", "newblock": "", "ensuremath": "",
                  "nobreakspace": "\u00a0", "textellipsis": "\u2026", "textsection": "\u00a7", "euro": "\u20ac"}
_FORMATS = {"emph": ITALIC, "textit": ITALIC, "textsl": ITALIC, "mkbibemph": ITALIC, "mkbibitalic": ITALIC,
            "textbf": BOLD, "mkbibbold": BOLD, "textsc": SMALLCAPS, "textsuperscript": SUP, "mkbibsuperscript": SUP,
            "textsubscript": SUB, "mkbibsubscript": SUB}
_QUOTES = frozenset(("mkbibquote", "enquote", "textquote"))
_VERBATIM = frozenset(("url", "path", "nolinkurl"))
# Old-style font switches ({\em text}): they change the font, not the text, and are dropped.
_SWITCHES = frozenset("tt sc bf it em rm sf sl md up small footnotesize scriptsize tiny large Large LARGE huge "
                      "normalsize normalfont upshape itshape bfseries scshape slshape mdseries rmfamily sffamily "
                      "ttfamily".split())
_CMD = re.compile(r"\\([A-Za-z]+|.?)")
_TEXT = re.compile(r"[^\\{}$~`'\-]+")
_SPACE = re.compile(r"\s+")  # every space character, the no-break space of "~" too, prints as one space
# A brace group that opens with an accent or special character is a letter, not a case protection.
# So is an old-style font switch group ({\\em text}), as BibTeX reads it.
_SPECIAL_GROUP = re.compile(r"\{\\(?:['`^\"~=.]|[uvHckdbtr](?![a-zA-Z])|(?:ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j|em|it|sl|bf|sc|tt|rm|sf)"
                            r"(?![a-zA-Z]))")


@functools.lru_cache(maxsize=1)
def _symbols() -> dict:
    # Symbol commands (\ss, \o, \textendash, \S...) from latexcodec's table, which pybtex brings.
    from latexcodec.codec import _LATEX_UNICODE_TABLE

    table = {tokens[0].text[1:]: text for tokens, text in _LATEX_UNICODE_TABLE.unicode_map.items()
             if len(tokens) == 1 and tokens[0].name == "control_word"}
    table.update(_SYMBOLS_EXTRA)
    return table


def _plain(raw: str) -> str:
    # TeX's ligatures and ties in plain text: dashes, quotes, no-break space.
    if "-" in raw:
        raw = raw.replace("---", "\u2014").replace("--", "\u2013")
    if "`" in raw or "'" in raw:
        raw = raw.replace("``", "\u201c").replace("''", "\u201d").replace("`", "\u2018").replace("'", "\u2019")
    if "~" in raw:
        raw = raw.replace("~", "\u00a0")
    return raw


def _is_plain(value: str) -> bool:
    return _TEXT.fullmatch(value) is not None


@functools.lru_cache(maxsize=65536)
def parse(value: str) -> Runs:
    """The field text as runs ``(text, flags)``: LaTeX decoded, groups and commands as flags."""
    if not value:
        return ()
    if "\\" not in value and "{" not in value and "}" not in value and "$" not in value:
        text = _SPACE.sub(" ", _plain(value))
        return ((text, 0),) if text else ()
    return _Reader(value).read()


class _Reader:
    """One pass over a value with an explicit group stack (no recursion the input controls)."""

    __slots__ = ("s", "runs", "buf", "flags", "stack")

    def __init__(self, value: str) -> None:
        self.s = value
        self.runs: list = []
        self.buf: list = []
        self.flags = 0
        self.stack: list = []  # (flags to restore, text to print on close)

    def flush(self) -> None:
        if self.buf:
            text = _SPACE.sub(" ", "".join(self.buf))
            self.buf.clear()
            self.emit(text, self.flags)

    def emit(self, text: str, flags: int) -> None:
        if not text:
            return
        runs = self.runs
        if runs and runs[-1][1] == flags:
            last = runs[-1][0]
            if last[-1:] == " " and text[:1] == " ":
                text = text[1:]  # " {} ": the empty group splits no space
            runs[-1] = (last + text, flags)
        else:
            runs.append((text, flags))

    def open(self, flags: int, close: str = "") -> None:
        self.flush()
        self.stack.append((self.flags, close))
        self.flags = flags

    def read(self) -> Runs:
        s, n, i = self.s, len(self.s), 0
        while i < n:
            m = _TEXT.match(s, i)
            if m:
                self.buf.append(m.group())
                i = m.end()
                continue
            ch = s[i]
            if ch == "\\":
                i = self.command(i)
            elif ch == "{":
                special = _SPECIAL_GROUP.match(s, i) is not None
                self.open(self.flags if special else self.flags | NOCASE)
                i += 1
            elif ch == "}":
                if self.stack:
                    self.flush()
                    self.flags, close = self.stack.pop()
                    self.buf.append(close)
                i += 1
            elif ch == "$":
                end = s.find("$", i + 1)
                while end > 0 and s[end - 1] == "\\":
                    end = s.find("$", end + 1)
                if end < 0:
                    self.buf.append("$")
                    i += 1
                    continue
                self.flush()
                self.emit(s[i + 1:end], self.flags | MATH)
                i = end + 1
            else:
                j = i + 1
                while j < n and s[j] == ch:  # a ligature: "--", "---", "``", "''"
                    j += 1
                self.buf.append(_plain(s[i:j]))
                i = j
        while self.stack:  # unclosed groups: close them at the end, the text kept
            self.flush()
            self.flags, close = self.stack.pop()
            self.buf.append(close)
        self.flush()
        return tuple(self.runs)

    def command(self, i: int) -> int:
        s = self.s
        m = _CMD.match(s, i)
        assert m is not None  # called at a backslash, and what follows it is optional
        name = m.group(1)
        j = m.end()
        if not name:
            self.buf.append("\\")
            return j
        if name in _ACCENTS and (not name.isalpha() or len(name) == 1):
            return self.accent(name, j)
        letters = name.isalpha()
        k = j
        if letters:
            while k < len(s) and s[k] in " \t\r\n":
                k += 1
        has_arg = k < len(s) and s[k] == "{"
        if has_arg and name in _FORMATS:
            self.open(self.flags | _FORMATS[name])
            return k + 1
        if has_arg and name in _QUOTES:
            self.buf.append("\u201c")
            self.open(self.flags, "\u201d")
            return k + 1
        if has_arg and name in _VERBATIM:
            end = _closing(s, k)
            self.buf.append(re.sub(r"\\([_%#&~$])", r"\1", s[k + 1:end]))
            return end + 1
        if letters and name in _SWITCHES:
            return k
        symbol = _symbols().get(name)
        if symbol is not None:
            self.buf.append(symbol)
            if has_arg and s.startswith("{}", k):
                return k + 2  # "\LaTeX{}": the empty group only ends the command
            # TeX eats the space after a control word; keep it after a word-like symbol ("\LaTeX is").
            return k if len(symbol) == 1 and symbol.isalpha() else j
        if has_arg:
            self.open(self.flags)  # an unknown command with an argument: the argument is the text
            return k + 1
        self.buf.append(name if letters else name)  # unknown and bare: its name is all we can print
        return j

    def accent(self, name: str, j: int) -> int:
        s, n = self.s, len(self.s)
        while name.isalpha() and j < n and s[j] == " ":
            j += 1
        if j < n and s[j] == "{":
            end = _closing(s, j)
            base, j = s[j + 1:end], end + 1
        elif s.startswith(("\\i", "\\j"), j) and not s[j + 2:j + 3].isalpha():
            base, j = s[j:j + 2], j + 2
        else:
            base, j = s[j:j + 1], j + 1
        base = base.strip()
        if base in ("\\i", "\\j"):
            base = base[1]  # the dotless letter under an accent composes to the accented letter
        elif base.startswith("\\"):
            base = _symbols().get(base[1:], base[1:])
        self.buf.append(unicodedata.normalize("NFC", base[:1] + _ACCENTS[name] + base[1:]) if base else
                        _ACCENTS[name].strip())
        return j


def _closing(s: str, at: int) -> int:
    """Index of the brace closing the one at ``at`` (the end of the text when it never closes)."""
    depth = 0
    j, n = at, len(s)
    while j < n:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return n


# --- Unicode -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=65536)
def to_unicode(value: str) -> str:
    """The field text as plain Unicode: LaTeX decoded, markup and grouping dropped, spaces collapsed."""
    runs = parse(value)
    if len(runs) == 1:
        text = runs[0][0]
    else:
        text = "".join([r[0] for r in runs])
    return text.strip(" ") if "  " not in text else " ".join(text.split(" ")).strip(" ")


def runs_text(runs: Runs) -> str:
    """The plain text of runs, spaces collapsed and trimmed."""
    return _SPACE.sub(" ", "".join(r[0] for r in runs)).strip()


# --- CSL-JSON's HTML-like markup ----------------------------------------------------------

_ORDER = (NOCASE, ITALIC, BOLD, SMALLCAPS, SUP, SUB)
_OPEN = {NOCASE: '<span class="nocase">', ITALIC: "<i>", BOLD: "<b>",
         SMALLCAPS: '<span style="font-variant:small-caps;">', SUP: "<sup>", SUB: "<sub>"}
_CLOSE = {NOCASE: "</span>", ITALIC: "</i>", BOLD: "</b>", SMALLCAPS: "</span>", SUP: "</sup>", SUB: "</sub>"}


def to_csl_markup(value: str, recase: Callable[[Runs], Runs] | None = None) -> str:
    """The field text as CSL rich text: Unicode with nocase spans and <i>, <b>, <sup>, <sub> tags.

    ``recase`` changes the case of the runs first (sentence case, solicite.casing), protected runs kept.
    """
    return _markup(recase(parse(value))) if recase else _csl_markup(value)


@functools.lru_cache(maxsize=65536)  # container titles recur (a journal, the proceedings of every paper in it)
def _csl_markup(value: str) -> str:
    return _markup(parse(value))


def _markup(parsed: Runs) -> str:
    """Runs as CSL rich text (see :func:`to_csl_markup`)."""
    if len(parsed) == 1 and not parsed[0][1]:
        return parsed[0][0].strip().replace("  ", " ")  # the usual case: plain text, no markup to write
    out: list[str] = []
    open_: list[int] = []
    runs = list(parsed)
    if runs:
        runs[0] = (runs[0][0].lstrip(), runs[0][1])
        runs[-1] = (runs[-1][0].rstrip(), runs[-1][1])
    for text, flags in runs:
        if not text.strip(" "):
            flags = _keep_open(open_, flags)  # a space alone changes no markup
        want = [b for b in _ORDER if flags & b]
        k = 0
        while k < len(open_) and k < len(want) and open_[k] == want[k]:
            k += 1
        while len(open_) > k:
            out.append(_CLOSE[open_.pop()])
        for b in want[k:]:
            out.append(_OPEN[b])
            open_.append(b)
        out.append(text)
    out.extend(_CLOSE[b] for b in reversed(open_))
    return "".join(out).replace("  ", " ")


def _keep_open(open_: list, flags: int) -> int:
    f = 0
    for b in open_:
        f |= b
    return f | (flags & MATH)


_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s[^<>]*?)?)(/?)>")
_HTML_KINDS = {"i": ITALIC, "em": ITALIC, "jats:italic": ITALIC, "b": BOLD, "strong": BOLD, "jats:bold": BOLD,
               "sup": SUP, "jats:sup": SUP, "sub": SUB, "jats:sub": SUB, "sc": SMALLCAPS, "jats:sc": SMALLCAPS}


def from_csl_markup(text: str) -> str:
    """CSL rich text (or a web service's HTML-ish text) as a BibTeX value: tags to commands, nocase to braces.

    HTML entities are decoded and unknown tags (JATS ``<jats:p>``, ``<scp>``...) dropped with their
    text kept, as web services (Crossref) send them.
    """
    if not text:
        return ""
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # (tag name, flag or 0)
    pos = 0
    for m in _TAG.finditer(text):
        out.append(escape(html.unescape(text[pos:m.start()]), literal=True))
        pos = m.end()
        closing, tag, attrs, selfclosing = m.group(1), m.group(2).lower(), m.group(3) or "", m.group(4)
        if selfclosing:
            continue
        if closing:
            if any(name == tag for name, _ in stack):
                while stack:
                    name, flag = stack.pop()
                    out.append("}" if flag else "")
                    if name == tag:
                        break
            continue
        if tag == "span":
            flag = NOCASE if "nocase" in attrs else SMALLCAPS if "small-caps" in attrs else 0
        else:
            flag = _HTML_KINDS.get(tag, 0)
        stack.append((tag, flag))
        out.append(_TO_LATEX[flag] if flag else "")
    out.append(escape(html.unescape(text[pos:]), literal=True))
    out.extend("}" for _, flag in reversed(stack) if flag)
    return re.sub(r"[ \t]{2,}", " ", "".join(out))


# --- BibTeX ---------------------------------------------------------------------------------

_TO_LATEX = {NOCASE: "{", ITALIC: "\\textit{", BOLD: "\\textbf{", SMALLCAPS: "\\textsc{", SUP: "\\textsuperscript{",
             SUB: "\\textsubscript{"}
# Braces as commands: BibTeX counts "\\{" as a brace, so a lone one would unbalance the value.
_LITERAL = {"\\": "\\textbackslash{}", "{": "\\textbraceleft{}", "}": "\\textbraceright{}", "&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#",
            "_": "\\_"}
_LITERAL_RE = re.compile(r"[\\{}&%$#_]")
_BARE = re.compile(r"(?<!\\)([&%$#_])")
_BARE_URL = re.compile(r"(?<!\\)([%#])")


_URL_CMD = re.compile(r"\\url\{(.*)\}")
_URL_ESCAPES = re.compile(r"\\([_%&#~$])")


def url_text(value: str) -> str:
    """A ``url`` or ``doi`` field as the address it names: ``\\url{}`` unwrapped, LaTeX escapes undone."""
    value = value.strip()
    if "\\" not in value:
        return value  # the usual case
    m = _URL_CMD.fullmatch(value)
    return _URL_ESCAPES.sub(r"\1", m.group(1) if m else value)


def escape(text: str, *, url: bool = False, literal: bool = False) -> str:
    """Text made safe for a BibTeX field: the one escaper every writer uses.

    ``literal``: the text is plain Unicode and every special prints as itself (``{`` -> ``\\{``).
    Otherwise the text may hold TeX already: bare ``& % $ # _`` are escaped, escaped ones kept,
    and braces that do not balance dropped. ``url``: a URL or DOI, read verbatim by BibTeX's url
    package, where only ``%`` and ``#`` need escaping.
    """
    if not _LITERAL_RE.search(text):
        return text  # the usual case
    if literal:
        return _LITERAL_RE.sub(lambda m: _LITERAL[m.group()], text)
    if ("{" in text or "}" in text) and not braces_balanced(text):
        text = text.replace("{", "").replace("}", "")
    return (_BARE_URL if url else _BARE).sub(r"\\\1", text)


def to_bibtex(runs: Runs) -> str:
    """Runs written back as BibTeX field text: specials escaped once, flags as braces and commands."""
    out: list[str] = []
    for text, flags in runs:
        if flags & MATH:
            piece = "$" + text + "$"
        else:
            piece = escape(text, literal=True)
        for b in reversed(_ORDER):
            if flags & b:
                piece = _TO_LATEX[b] + piece + "}"
        out.append(piece)
    return "".join(out)


def protected_words(value: str) -> list[str]:
    """The texts of the value's {protected} groups, decoded ("The {DNA} of {NASA}" -> ["DNA", "NASA"])."""
    words, current = [], []
    for text, flags in parse(value) + (("", 0),):
        if flags & NOCASE:
            current.append(text)
        elif current:
            words.append("".join(current).strip())
            current = []
    return [w for w in words if w]
