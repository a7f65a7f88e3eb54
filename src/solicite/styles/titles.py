"""Titles: read a BibTeX value into rich text (italics, quotes, {Protected} words) and change its case.

Sentence case is the BibTeX reading of solicite.casing: braces protect, proper nouns the
lexicon knows and words in capitals or mixed case are kept, a title written in sentence case
already stays as written; the first word and the first after ":", "?", "!" or a sentence's
full stop start with a capital. Title case follows
CSL's rules: stop words stay lower except first, last and after a colon.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from solicite import codec
from solicite.richtext import Italic, NoCase, Part, Quoted

_WORD = re.compile(r"[^\W\d_]+(?:\u00ad[^\W\d_]+)*", re.UNICODE)  # a soft hyphen does not split a word
_TOKEN = re.compile(r"[^\W_]+(?:\u00ad[^\W_]+)*", re.UNICODE)


@functools.lru_cache(maxsize=65536)
def parse(value: str) -> tuple:
    """The value as a tuple of chunks ``(text, protected, italic)``, read by the codec; quotes kept as text."""
    chunks: list[tuple[str, bool, bool]] = []
    for text, flags in codec.parse(value):
        _add(chunks, text, bool(flags & _PROTECTED), bool(flags & codec.ITALIC))
    return tuple(chunks)


_PROTECTED = codec.NOCASE | codec.MATH  # math is printed as written: no case change


def _add(chunks: list, text: str, protected: bool, italic: bool) -> None:
    if not text:
        return
    if chunks and chunks[-1][1] == protected and chunks[-1][2] == italic:
        chunks[-1] = (chunks[-1][0] + text, protected, italic)
    else:
        chunks.append((text, protected, italic))


# --- case changes -------------------------------------------------------------------------

def sentence_case_chunks(chunks: Sequence, lexicon=None) -> list:
    """Sentence case the BibTeX way (solicite.casing): protected chunks, names and acronyms kept."""
    from solicite.casing import sentence_case

    texts = sentence_case([(c[0], c[1]) for c in chunks], lexicon)
    return [(t, p, i) for t, (_, p, i) in zip(texts, chunks)]


STOP_WORDS = frozenset(
    "a about above across afore after against ahead along alongside amid amidst among amongst an and anenst apropos "
    "apud around as aside astride at athwart atop barring before behind below beneath beside besides between beyond "
    "but by circa despite down during except for forenenst from given in inside into lest like modulo near next nor "
    "notwithstanding of off on onto or out over per plus pro qua sans since so than the through thru throughout "
    "thruout till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with within "
    "without worth yet mid midst minus opposite outside pace past regarding round save times unlike "
    "de d l von van der la le du des".split()
)


def title_case_chunks(chunks: Sequence) -> list:
    """CSL title case: capitalise each word's first letter except stop words in the middle."""
    # Words of the whole title, to know which is first and last.
    out = []
    flat = "".join(c[0] for c in chunks)
    words = list(_TOKEN.finditer(flat))  # numbers count as words for first and last ("Speedup of 400")
    if not words:
        return list(chunks)
    first_start, last_start = words[0].start(), words[-1].start()
    offset = 0
    for text, protected, italic in chunks:
        # Braces do not protect from title case: pandoc's CSL-JSON drops them, and citeproc-js
        # capitalises "{van} Gogh" as "Van Gogh"; only words already capitalised are left alone.
        pieces = []
        pos = 0
        for m in _WORD.finditer(text):
            gstart = offset + m.start()
            word = m.group()
            pieces.append(text[pos:m.start()])
            before = flat[:gstart].rstrip()
            after_colon = before[-1:] in (":", "?", "!", ".")
            prev_char = flat[gstart - 1] if gstart else " "
            lower = word.lower()
            next_char = flat[gstart + len(word)] if gstart + len(word) < len(flat) else " "
            if prev_char.isalnum() or prev_char in "'\u2019":
                pass  # the rest of a word split by a brace, a possessive s, or 't
            elif word.islower():
                # citeproc-js only capitalises lower-case words; a capitalised stop word stays as written.
                if not (lower in STOP_WORDS and gstart not in (first_start, last_start) and not after_colon
                        and (next_char != "-" or prev_char == "-")):
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


_QUOTE_CHARS = re.compile("[`'\"\u201c\u2018]")


def _quoted(text: str) -> list:
    if not _QUOTE_CHARS.search(text):
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


def title_rich(value: str, case: str = "as-is", lexicon=None) -> list:
    """Rich text for a title value: ``case`` is "as-is", "sentence" or "title"; ``lexicon``: the names sentence case keeps."""
    return to_rich(_cased(value, case, lexicon))


@functools.lru_cache(maxsize=65536)
def _cased(value: str, case: str, lexicon=None) -> tuple:
    # The case change is the slow part and a title recurs (sorting, then the entry): cache it.
    # A lexicon is compared by identity, so each library's titles are cached apart.
    chunks: Sequence = parse(value)
    if case == "sentence":
        chunks = sentence_case_chunks(chunks, lexicon)
    elif case == "title":
        chunks = title_case_chunks(chunks)
    elif case == "sentence+title":
        # A title-case style reads BibTeX as pandoc does: sentence case first, then CSL's title
        # case, which leaves a lowered stop word low ("Life After Death" -> "Life after Death").
        chunks = title_case_chunks(tuple(sentence_case_chunks(chunks, lexicon)))
    return tuple(_strip_chunks(chunks))


def _strip_chunks(chunks) -> list:
    chunks = list(chunks)
    if chunks:
        t, p, i = chunks[0]
        chunks[0] = (t.lstrip(), p, i)
        t, p, i = chunks[-1]
        chunks[-1] = (t.rstrip(), p, i)
    # (whitespace inside chunks is already collapsed by the parser)
    return [c for c in chunks if c[0]]
