"""Titles: read a BibTeX value into rich text (italics, quotes, {Protected} words) and change its case.

Sentence case follows the reading pandoc gives BibTeX (the oracle's reader): every
capitalised word is lowered unless it is braced, all-capitals or mixed case; the first
word and the word after ". ", "? ", "! " or ": " start with a capital. Title case follows
CSL's rules: stop words stay lower except first, last and after a colon.
"""

from __future__ import annotations

import functools
import re

from solicite.richtext import Italic, NoCase, Part, Quoted
from solicite.text import latex_to_unicode

_COMMANDS = (("\\LaTeXe", "LaTeX2e"), ("\\LaTeX", "LaTeX"), ("\\TeX", "TeX"), ("\\BibTeX", "BibTeX"),
             ("\\ldots", "…"), ("\\dots", "…"), ("\\textendash", "–"), ("\\textemdash", "—"))
_ITALIC_CMDS = ("\\emph{", "\\textit{", "\\mkbibemph{", "\\textsl{", "\\mkbibitalic{")
_DROP_CMDS = ("\\textbf{", "\\textsc{", "\\textup{", "\\textnormal{", "\\mbox{", "\\textrm{", "\\url{", "\\mkbibquote{")
_ACCENT_GROUP = re.compile(r"^\\(?:['`^\"~=.uvHckdbtr]|[a-zA-Z]{1,2}\b|ss|ae|oe|aa|o|l|i|j)")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@functools.lru_cache(maxsize=65536)
def parse(value: str) -> tuple:
    """The value as a tuple of chunks ``(text, protected, italic)``; LaTeX decoded, quotes kept as text."""
    chunks: list[tuple[str, bool, bool]] = []
    if "\\" not in value:
        # Fast path (most titles): only braces to track, no commands to decode.
        depth = 0
        for m in _BRACE_TOKENS.finditer(value):
            tok = m.group()
            if tok == "{":
                depth += 1
            elif tok == "}":
                depth = max(depth - 1, 0)
            else:
                _add(chunks, _decode_plain(tok), depth > 0, False)
        return tuple(chunks)
    _parse_into(value, chunks, False, False)
    return tuple(chunks)


_BRACE_TOKENS = re.compile(r"[{}]|[^{}]+")
_SPACES = re.compile(r"\s+")


def _decode_plain(raw: str) -> str:
    # The fast path's decoder: dashes and ties only (no LaTeX commands in the value).
    if "--" in raw:
        raw = raw.replace("---", "\u2014").replace("--", "\u2013")
    if "~" in raw:
        raw = raw.replace("~", "\u00a0")
    return _SPACES.sub(" ", raw)


def _parse_into(value: str, chunks: list, protected: bool, italic: bool) -> None:
    raw: list[str] = []
    i, n = 0, len(value)

    def flush() -> None:
        if raw:
            _add(chunks, _decode("".join(raw)), protected, italic)
            raw.clear()

    while i < n:
        ch = value[i]
        if ch == "\\":
            cmd = next((c for c in _ITALIC_CMDS if value.startswith(c, i)), None)
            drop = None if cmd else next((c for c in _DROP_CMDS if value.startswith(c, i)), None)
            if cmd or drop:
                flush()
                start = i + len(cmd or drop)
                end = _match(value, start - 1)
                _parse_into(value[start:end], chunks, protected, italic or bool(cmd))
                i = end + 1
                continue
            raw.append(ch)
            if i + 1 < n:
                raw.append(value[i + 1])
            i += 2
            continue
        if ch == "{":
            end = _match(value, i)
            inner = value[i + 1:end]
            if _ACCENT_GROUP.match(inner) and not any(inner.startswith(c[:-1]) for c in _ITALIC_CMDS):
                raw.append(value[i:end + 1])
            else:
                flush()
                _parse_into(inner, chunks, True, italic)
            i = end + 1
            continue
        if ch == "}":
            i += 1
            continue
        raw.append(ch)
        i += 1
    flush()


def _match(value: str, open_at: int) -> int:
    depth = 0
    for j in range(open_at, len(value)):
        c = value[j]
        if c == "\\":
            continue
        if c == "{" and (j == 0 or value[j - 1] != "\\"):
            depth += 1
        elif c == "}" and (j == 0 or value[j - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return j
    return len(value)


def _decode(raw: str) -> str:
    lead = " " if raw[:1].isspace() else ""
    trail = " " if raw[-1:].isspace() else ""
    for cmd, rep in _COMMANDS:
        if cmd in raw:
            raw = raw.replace(cmd + "{}", rep).replace(cmd, rep)
    text = latex_to_unicode(raw.replace("---", "\u2014").replace("--", "\u2013"))
    return (lead + text + trail) if text else lead or trail


def _add(chunks: list, text: str, protected: bool, italic: bool) -> None:
    if not text:
        return
    if chunks and chunks[-1][1] == protected and chunks[-1][2] == italic:
        chunks[-1] = (chunks[-1][0] + text, protected, italic)
    else:
        chunks.append((text, protected, italic))


def plain_text(value: str) -> str:
    """The title as plain Unicode (no case change)."""
    return " ".join("".join(c[0] for c in parse(value)).split())


# --- case changes -------------------------------------------------------------------------

def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def sentence_case_chunks(chunks: tuple) -> list:
    """Sentence case, keeping protected chunks, all-capitals and mixed-case words."""
    out = []
    start = True  # at the start of a sentence: next word is capitalised
    prev_tail = ""
    for text, protected, italic in chunks:
        if protected:
            out.append((text, protected, italic))
            if _WORD.search(text):
                start = False
            prev_tail = text[-2:]
            continue
        pieces = []
        pos = 0
        for m in _WORD.finditer(text):
            before = text[pos:m.start()]
            pieces.append(before)
            ctx = (prev_tail + before)
            if pos or before:
                stripped = ctx.rstrip()
                if stripped[-1:] in (".", "?", "!", ":") and ctx[-1:].isspace():
                    start = True
            word = m.group()
            if not before and pos == 0 and prev_tail[-1:].isalpha():
                pass  # a word continued after a brace: {Z}{\"u}rich
            elif start:
                word = word[0].upper() + word[1:]
                start = False
            elif _is_capitalised(word):
                word = word.lower()
            pieces.append(word)
            pos = m.end()
            prev_tail = ""
        pieces.append(text[pos:])
        prev_tail = (prev_tail + text[pos:])[-2:] if pos == 0 else text[pos:][-2:] or text[-2:]
        out.append(("".join(pieces), protected, italic))
    return out


STOP_WORDS = frozenset(
    "a according across afore after against ahead along alongside amid amidst among amongst an and anenst apropos "
    "apud around as aside astride at athwart atop barring before behind below beneath beside besides between beyond "
    "but by circa despite down during except for forenenst from given in inside into lest like modulo near next nor "
    "notwithstanding of off on onto or out over per plus pro qua sans since so than that the through thru throughout "
    "thruout till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with within "
    "without worth yet de d’ von van der la le du des".split()
)


def title_case_chunks(chunks: tuple) -> list:
    """CSL title case: capitalise each word's first letter except stop words in the middle."""
    # Words of the whole title, to know which is first and last.
    out = []
    flat = "".join(c[0] for c in chunks)
    words = list(_WORD.finditer(flat))
    if not words:
        return list(chunks)
    first_start, last_start = words[0].start(), words[-1].start()
    offset = 0
    for text, protected, italic in chunks:
        if protected:
            out.append((text, protected, italic))
            offset += len(text)
            continue
        pieces = []
        pos = 0
        for m in _WORD.finditer(text):
            gstart = offset + m.start()
            word = m.group()
            pieces.append(text[pos:m.start()])
            before = flat[:gstart].rstrip()
            after_colon = before[-1:] in (":", "?", "!", ".") or before.endswith("\u2014")
            prev_char = flat[gstart - 1] if gstart else " "
            lower = word.lower()
            next_char = flat[gstart + len(word)] if gstart + len(word) < len(flat) else " "
            if prev_char.isalnum() or (prev_char in "'\u2019" and gstart >= 2 and flat[gstart - 2].isalpha()):
                pass  # the rest of a word split by a brace, or the s of a possessive
            elif word.islower() or _is_capitalised(word):
                if (lower in STOP_WORDS and gstart not in (first_start, last_start) and not after_colon
                        and prev_char != "-" and next_char != "-"):
                    word = lower
                else:
                    word = word[0].upper() + word[1:]
            pieces.append(word)
            pos = m.end()
        pieces.append(text[pos:])
        out.append(("".join(pieces), protected, italic))
        offset += len(text)
    return out


# --- quotes and apostrophes -----------------------------------------------------------------

_QUOTES = re.compile(r"``(.+?)''|\u201c(.+?)\u201d|(?<![\w])\"(.+?)\"(?![\w])|(?<![\w])`(.+?)'(?![\w])|(?<![\w])\u2018(.+?)\u2019(?![\w])")


def to_rich(chunks, *, nocase: bool = False) -> list:
    """Rich-text parts for chunks: italics as Italic, quote pairs as Quoted, ' as ’."""
    parts: list[Part] = []
    for text, protected, italic in chunks:
        sub = _quoted(text)
        if protected and nocase:
            sub = [NoCase(*sub)]
        if italic and parts and isinstance(parts[-1], Italic):
            parts[-1].children.extend(sub)
        elif italic:
            parts.append(Italic(*sub))
        else:
            parts.extend(sub)
    return parts


def _quoted(text: str) -> list:
    if not any(q in text for q in "`'\"\u201c\u2018"):
        return [text]
    out: list[Part] = []
    pos = 0
    for m in _QUOTES.finditer(text):
        out.append(_apos(text[pos:m.start()]))
        inner = next(g for g in m.groups() if g is not None)
        out.append(Quoted(*_quoted(inner)))
        pos = m.end()
    out.append(_apos(text[pos:]))
    return [p for p in out if p != ""]


def _apos(text: str) -> str:
    return text.replace("'", "\u2019").replace("`", "\u2018")


def title_rich(value: str, case: str = "as-is") -> list:
    """Rich text for a title value: ``case`` is "as-is", "sentence" or "title"."""
    chunks = parse(value)
    if case == "sentence":
        chunks = sentence_case_chunks(chunks)
    elif case == "title":
        chunks = title_case_chunks(chunks)
    return to_rich(_strip_chunks(chunks))


def _strip_chunks(chunks) -> list:
    chunks = list(chunks)
    if chunks:
        t, p, i = chunks[0]
        chunks[0] = (t.lstrip(), p, i)
        t, p, i = chunks[-1]
        chunks[-1] = (t.rstrip(), p, i)
    # collapse runs of whitespace inside chunks
    return [(" ".join(t.split()) if t.strip() else " ") if False else (re.sub(r"\s+", " ", t), p, i)
            for t, p, i in chunks if t]
