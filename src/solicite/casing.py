"""Sentence case the BibTeX way: braces protect, proper nouns stay as written, the rest is lowercased.

A title is first judged: one written in sentence case already ("Sanctuary cities in Toronto")
is kept as written, since its capitals are the author's proper nouns; one in title case has
each capitalised word lowercased unless it is case-protected (``{braces}``, read by the codec),
in capitals or mixed case (NASA, iPhone, McGill), or a proper noun the lexicon knows
(``solicite.lexicon``: word lists and the library itself). The first word, and the first after
a colon, question or exclamation mark, or a full stop that ends no abbreviation ("U.S."), start
with a capital. A word inside quotation marks is no sentence start. Case changes keep every
character's place, so the pieces (runs) a title came in keep their boundaries.

A title is read once (``read``): one scan for its words, whose kinds (a sign of sentence or
title case, a possible name) are worked out once per word and summed in one pass; the sentence
starts, protected words and lexicon are looked at only when the title needs them. Most titles
(already in sentence case, fully braced, nothing capitalised beyond the first word) change nothing
and cost a few microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from solicite.codec import MATH, NOCASE
from solicite.csl.textcase import STOP_WORDS
from solicite.lexicon import WORD, Lexicon, ambiguous_words, base, english_words, is_capitalised, shipped

# Words before a full stop that is no sentence end: abbreviations titles use.
_ABBREVIATIONS = frozenset("vs v al cf eg ie etc st dr mr mrs ms no nos vol vols ed eds jr sr prof fig ch pp "
                           "ca approx dept univ inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec".split())
# A direction or "New" before a name belongs to it ("South Sudan", "Northern Ontario").
_NAME_PREFIXES = frozenset("New North South East West Northern Southern Eastern Western Central Upper Lower Greater "
                           "Great Mount Lake Saint San Santa St".split())
_OPENING = " \t\"'\u201c\u2018(["
PROTECTED = NOCASE | MATH  # runs a case change never touches: {braces} and $math$

# The kind of a word, worked out once per word (a library's titles share their words) and summed
# over a title in one pass (sum of a map, no Python call per word): each count in its own bits.
LOW = 1  # lower case, three letters or more, no stop word: a sign of sentence case
CAP = 1 << 32  # capitalised ("Word", "Canada's"), two letters or more: a sign of title case
UNKNOWN = 1 << 64  # capitalised and no English word ("Bauder"): a possible name, see case_risks
_FIELD = (1 << 32) - 1
_KINDS_MAX = 200_000  # words remembered at most: the table starts again past it (hostile input)
_kinds: dict[str, int] = {}
_STOPS = re.compile(r"[:?!.]")  # no sentence but the first can start in a title without these
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")  # WORD on ASCII text, where it is three times as fast
# A stop, then spaces and opening quotes or brackets, then a word: where a sentence can start.
_STOP_THEN_WORD = re.compile("([:?!.])([" + re.escape(_OPENING) + "]*)(?=[^\\W\\d_])")


def sentence_starts(text: str, words: Sequence[str]) -> set[int]:
    """Indexes of the words (``words``: the words of ``text`` in order) that start a sentence and take a capital.

    The first word does unless a number comes before it ("5 ways to..."); another word does after
    ":", "?", "!" or a full stop that ends no abbreviation, then a space (opening quotes and
    brackets may come between): "U.S", "e-mail" and "(Re)thinking" start nothing.
    """
    starts: set[int] = set()
    if not words:
        return starts
    first = text.find(words[0])  # no letter comes before the first word
    if not first or not any(c.isalnum() for c in text[:first]):
        starts.add(0)
    if _STOPS.search(text) is None:
        return starts
    finder, index, counted = _finder(text), 0, 0
    for m in _STOP_THEN_WORD.finditer(text):
        if " " not in m.group(2) and "\t" not in m.group(2):
            continue
        index += len(finder.findall(text, counted, m.end()))  # words before this one, counted once
        counted = m.end()
        if m.group(1) != "." or index and not _abbreviation(text, m.start(), words[index - 1]):
            starts.add(index)
    return starts


def _abbreviation(text: str, stop: int, word: str) -> bool:
    # "U.S. immigration", "J. Smith", "vs. the state": the stop ends the word before, not a sentence.
    if not (len(word) == 1 or word.lower() in _ABBREVIATIONS):
        return False
    at = stop
    while at and text[at - 1].isspace():
        at -= 1
    return text[at - len(word):at] == word  # only spaces between the word and the stop


def _finder(text: str) -> re.Pattern:
    return _ASCII_WORD if text.isascii() else WORD


def _kind(word: str) -> int:
    """The kind of one word: LOW, CAP or nothing, plus UNKNOWN (see above)."""
    if word.islower():
        return LOW if len(word) >= 3 and word not in STOP_WORDS else 0
    kind = CAP if len(word) > 1 and is_capitalised(word) else 0
    if word[:1].isupper():
        b = base(word)
        if len(b) >= 2 and is_capitalised(b) and b.lower() not in english_words():
            kind |= UNKNOWN
    return kind


def _kinds_of(words: list[str]) -> list[int]:
    global _kinds
    table = _kinds
    try:
        return list(map(table.__getitem__, words))
    except KeyError:
        if len(table) > _KINDS_MAX:
            _kinds = table = {}
        for w in words:
            if w not in table:
                table[w] = _kind(w)
        return list(map(table.__getitem__, words))


class Title:
    """A title read once: its words and their kinds; its sentence starts, protected words and whether it
    is written in sentence case, each worked out when first asked.

    ``spans``: the (start, end) of the protected pieces of ``text``, in order; a word that touches
    one is protected whole ({Z}{\\"u}rich).
    """

    __slots__ = ("text", "words", "kinds", "total", "spans", "_matches", "_starts", "_guarded", "_sentence")

    def __init__(self, text: str, spans: tuple = ()) -> None:
        self.text = text
        self.words: list[str] = _finder(text).findall(text)
        self.kinds = _kinds_of(self.words)
        self.total: int = sum(self.kinds)
        self.spans = spans
        self._matches: list | None = None
        self._starts: set[int] | None = None
        self._guarded: set[int] | None = None
        self._sentence: bool | None = None

    @property
    def matches(self) -> list:
        """The words as regex matches (their places), scanned only when a place is needed."""
        if self._matches is None:
            self._matches = list(_finder(self.text).finditer(self.text))
        return self._matches

    @property
    def capitals(self) -> int:
        """How many capitalised words of two letters or more the title has, sentence starts included."""
        return self.total >> 32 & _FIELD

    def capitalised(self) -> list[str]:
        """The capitalised words of two letters or more that start no sentence."""
        words, starts = self.words, self.starts
        return [words[i] for i, k in enumerate(self.kinds) if k & CAP and i not in starts]

    @property
    def starts(self) -> set[int]:
        """Indexes of the words that start a sentence (``sentence_starts``)."""
        if self._starts is None:
            self._starts = sentence_starts(self.text, self.words)
        return self._starts

    @property
    def guarded(self) -> set[int]:
        """Indexes of the words with any protected character."""
        if self._guarded is None:
            self._guarded = _guarded(self.spans, self.matches) if self.spans else set()
        return self._guarded

    @property
    def sentence(self) -> bool:
        """True when the lower-case words show the title is written in sentence case (its capitals are names).

        Counted: the words that start no sentence and no compound's second part and are not
        protected; the lower-case ones of three letters or more that are no stop word against the
        capitalised ones.
        """
        if self._sentence is None:
            if not self.total & _FIELD:
                self._sentence = False  # not one lower-case word to count: the usual title case
                return False
            skipped = self.starts | self.guarded if self.spans else self.starts
            if "-" in self.text:
                text = self.text
                skipped = skipped | {i for i, m in enumerate(self.matches) if text[m.start() - 1:m.start()] == "-"}
            total = self.total - sum(map(self.kinds.__getitem__, skipped))
            lows, caps = total & _FIELD, total >> 32 & _FIELD
            self._sentence = lows > 0 and lows * 3 >= caps
        return self._sentence


_last: Title | None = None


def read(text: str, spans: tuple = ()) -> Title:
    """The title ``text`` read once (see ``Title``); the last one read is kept, so the lexicon builder and
    the risk check of one entry read its title once."""
    global _last
    last = _last
    if last is not None and last.spans == spans and last.text == text:
        return last
    _last = title = Title(text, spans)
    return title


def _spans(pieces: Sequence[tuple[str, bool]]) -> tuple:
    if len(pieces) == 1:
        return ((0, len(pieces[0][0])),) if pieces[0][1] and pieces[0][0] else ()
    spans, pos = [], 0
    for t, protected in pieces:
        if protected and t:
            spans.append((pos, pos + len(t)))
        pos += len(t)
    return tuple(spans)


def _guarded(spans: tuple, matches: list) -> set[int]:
    """Indexes of the words that touch a protected span: both are in order, so one walk over each."""
    guarded, j, n = set(), 0, len(spans)
    for i, m in enumerate(matches):
        start, end = m.span()
        while j < n and spans[j][1] <= start:
            j += 1
        if j == n:
            break
        if spans[j][0] < end:
            guarded.add(i)
    return guarded


def sentence_case(pieces: Sequence[tuple[str, bool]], lexicon: Lexicon | None = None) -> list[str]:
    """The texts of ``(text, protected)`` pieces in sentence case (see the module docstring)."""
    flat = "".join(t for t, _ in pieces)
    if _fixed(pieces, flat):
        return [t for t, _ in pieces]
    title = read(flat, _spans(pieces))
    words = title.words
    guarded = title.guarded
    changes = []
    for i in title.starts:
        w = words[i]
        if i not in guarded and w[0].islower() and len(w[0].upper()) == 1:
            changes.append((i, w[0].upper()))
    if (title.capitals or "A" in words) and not title.sentence:
        changes += _lowered(title, lexicon or shipped())
    if not changes:
        return [t for t, _ in pieces]
    if len(pieces) == 1:
        # One piece: the words changed and the text between them, joined (no places needed).
        texts = list(words)
        for i, c in changes:
            texts[i] = c + texts[i][1:]
        parts = _finder(flat).split(flat)  # the text between the words: one more than the words
        joined: list[str] = [""] * (len(parts) + len(texts))
        joined[::2], joined[1::2] = parts, texts
        return ["".join(joined)]
    chars = list(flat)
    matches = title.matches
    for i, c in changes:
        chars[matches[i].start()] = c
    out, pos = [], 0
    for t, _ in pieces:
        out.append("".join(chars[pos:pos + len(t)]))
        pos += len(t)
    return out


def _fixed(pieces: Sequence[tuple[str, bool]], flat: str) -> bool:
    """True when no letter is free to change case: every one is protected ("{{Host Software}}"), or none."""
    if len(pieces) == 1:
        return pieces[0][1] or WORD.search(flat) is None
    return WORD.search("".join(t for t, protected in pieces if not protected)) is None


def _lowered(title: Title, lexicon: Lexicon) -> list[tuple[int, str]]:
    """(index, first letter) of the capitalised words of a title-case title that sentence case lowers."""
    words, starts, guarded = title.words, title.starts, title.guarded
    lower = [i for i, k in enumerate(title.kinds) if (k & CAP or words[i] == "A") and i not in starts and i not in guarded]
    if not lower:
        return []
    keep = kept(title, lexicon)
    return [(i, words[i][0].lower()) for i in lower if i not in keep]


def kept(title: Title, lexicon: Lexicon) -> set[int]:
    """Indexes of the words the lexicon names: proper nouns, names of several words, and their prefixes."""
    words, text, proper, phrases = title.words, title.text, lexicon.words, lexicon.phrases
    if "'" in text or "\u2019" in text:
        keep = {i for i, w in enumerate(words) if lexicon.is_proper(w)}  # a possessive: "Canada's"
    elif any(map(proper.__contains__, words)):
        keep = {i for i, w in enumerate(words) if w in proper}
    else:
        keep = set()
    if any(map(phrases.__contains__, words)):
        matches = title.matches
        for i, w in enumerate(words):
            for phrase in phrases.get(w, ()):
                n = len(phrase)
                if tuple(words[i:i + n]) == phrase and all(
                        not text[matches[k].end():matches[k + 1].start()].strip(" -") for k in range(i, i + n - 1)):
                    keep.update(range(i, i + n))
    if keep:
        ambiguous, matches = ambiguous_words(), title.matches
        for i in range(max(keep) - 1, -1, -1):
            # "South Sudan", "Bill Clinton": a direction, or a word that is also a first name, before a name is part of it.
            if i + 1 in keep and (words[i] in _NAME_PREFIXES or words[i] in ambiguous) \
                    and text[matches[i].end():matches[i + 1].start()] == " ":
                keep.add(i)
    return keep


def sentence_case_runs(runs: Sequence[tuple[str, int]], lexicon: Lexicon | None = None) -> tuple:
    """Codec runs ``(text, flags)`` in sentence case; protected runs ({braces}, math) untouched."""
    texts = sentence_case([(t, bool(f & PROTECTED)) for t, f in runs], lexicon)
    return tuple((t, f) for t, (_, f) in zip(texts, runs))


def case_risks(pieces: Sequence[tuple[str, bool]], lexicon: Lexicon | None = None) -> list[str]:
    """Words of a title-case title that sentence case lowercases though they may be names.

    A risk is a capitalised word the lexicon does not name that is no English word ("Bauder",
    "Zuckerberg"). A title in sentence case has no risk.
    """
    title = read("".join(t for t, _ in pieces), _spans(pieces))
    if not title.total >> 64 or title.sentence:
        return []  # the common case (no word unknown to the English list) is decided without judging the title
    skip = title.starts | title.guarded | kept(title, lexicon or shipped())
    return [title.words[i] for i, k in enumerate(title.kinds) if k >> 64 and i not in skip]
