"""Sentence case the BibTeX way: braces protect, proper nouns stay as written, the rest is lowercased.

A title is first judged: one written in sentence case already ("Sanctuary cities in Toronto")
is kept as written, since its capitals are the author's proper nouns; one in title case has
each capitalised word lowercased unless it is case-protected (``{braces}``, read by the codec),
in capitals or mixed case (NASA, iPhone, McGill), or a proper noun the lexicon knows
(``solicite.lexicon``: word lists and the library itself). The first word, and the first after
a colon, question or exclamation mark, or a full stop that ends no abbreviation ("U.S."), start
with a capital. A word inside quotation marks is no sentence start. Case changes keep every
character's place, so the pieces (runs) a title came in keep their boundaries.
"""

from __future__ import annotations

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


def sentence_starts(text: str, words: Sequence) -> set[int]:
    """Indexes of the words (regex matches over ``text``) that start a sentence and take a capital."""
    starts: set[int] = set()
    prev = 0
    for i, m in enumerate(words):
        gap = text[prev:m.start()]
        prev = m.end()
        if gap == " " and i:
            continue  # the usual case: one space between two words
        if i == 0 and not any(c.isalnum() for c in gap):
            starts.add(0)  # "5 ways to...": a number is the first word
            continue
        end = gap.rstrip(_OPENING)
        if len(end) == len(gap) or not any(c.isspace() for c in gap[len(end):]):
            continue  # no space before the word: "U.S", "e-mail", "(Re)thinking"
        if end[-1:] in (":", "?", "!") or end[-1:] == "." and i and not _abbreviation(words[i - 1].group(), end):
            starts.add(i)
    return starts


def _abbreviation(word: str, gap: str) -> bool:
    # "U.S. immigration", "J. Smith", "vs. the state": the stop ends the word before, not a sentence.
    return gap.strip() == "." and (len(word) == 1 or word.lower() in _ABBREVIATIONS)


def written_in_sentence_case(text: str, words: Sequence, skip: frozenset | set = frozenset(),
                             starts: set[int] | None = None) -> bool:
    """True when a title's lower-case words show it is written in sentence case (its capitals are names).

    Counted: words that start no sentence and no compound's second part, outside ``skip``; the
    lower-case ones of three letters or more that are no stop word against the capitalised ones.
    """
    if starts is None:
        starts = sentence_starts(text, words)
    caps = lows = 0
    for i, m in enumerate(words):
        w = m.group()
        if i in starts or i in skip or text[m.start() - 1:m.start()] == "-":
            continue
        if w.islower():
            lows += len(w) >= 3 and w not in STOP_WORDS
        elif len(w) > 1 and is_capitalised(w):
            caps += 1
    return lows > 0 and lows * 3 >= caps


def sentence_case(pieces: Sequence[tuple[str, bool]], lexicon: Lexicon | None = None) -> list[str]:
    """The texts of ``(text, protected)`` pieces in sentence case (see the module docstring)."""
    flat = "".join(t for t, _ in pieces)
    words = list(WORD.finditer(flat))
    if not words:
        return [t for t, _ in pieces]
    guarded = _guarded(pieces, words)
    starts = sentence_starts(flat, words)
    chars = list(flat)
    as_written = written_in_sentence_case(flat, words, guarded, starts)
    keep = set() if as_written else kept(flat, words, lexicon or shipped())
    for i, m in enumerate(words):
        if i in guarded:
            continue
        w, at = m.group(), m.start()
        if i in starts:
            if w[0].islower() and len(w[0].upper()) == 1:
                chars[at] = w[0].upper()
        elif not as_written and i not in keep and is_capitalised(w) and (len(w) > 1 or w == "A"):
            chars[at] = w[0].lower()
    out, pos = [], 0
    for t, _ in pieces:
        out.append("".join(chars[pos:pos + len(t)]))
        pos += len(t)
    return out


def _guarded(pieces: Sequence[tuple[str, bool]], words: Sequence) -> set[int]:
    """Indexes of the words with any protected character ({Z}{\\"u}rich: the whole word)."""
    spans, pos = [], 0
    for t, protected in pieces:
        if protected and t:
            spans.append((pos, pos + len(t)))
        pos += len(t)
    if not spans:
        return set()
    return {i for i, m in enumerate(words) if any(s < m.end() and m.start() < e for s, e in spans)}


def kept(text: str, words: Sequence, lexicon: Lexicon) -> set[int]:
    """Indexes of the words the lexicon names: proper nouns, names of several words, and their prefixes."""
    texts = [m.group() for m in words]
    keep = {i for i, w in enumerate(texts) if lexicon.is_proper(w)}
    for i, w in enumerate(texts):
        for phrase in lexicon.phrases.get(w, ()):
            n = len(phrase)
            if tuple(texts[i:i + n]) == phrase and all(
                    not text[words[k].end():words[k + 1].start()].strip(" -") for k in range(i, i + n - 1)):
                keep.update(range(i, i + n))
    ambiguous = ambiguous_words()
    for i in range(len(texts) - 2, -1, -1):
        # "South Sudan", "Bill Clinton": a direction, or a word that is also a first name, before a name is part of it.
        if (texts[i] in _NAME_PREFIXES or texts[i] in ambiguous) and i + 1 in keep \
                and text[words[i].end():words[i + 1].start()] == " ":
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
    flat = "".join(t for t, _ in pieces)
    words = list(WORD.finditer(flat))
    guarded = _guarded(pieces, words)
    starts = sentence_starts(flat, words)
    if not words or written_in_sentence_case(flat, words, guarded, starts):
        return []
    keep = kept(flat, words, lexicon or shipped())
    known = english_words()
    risky = []
    for i, m in enumerate(words):
        w = base(m.group())
        if i in guarded or i in starts or i in keep or len(w) < 2 or not is_capitalised(w):
            continue
        if w.lower() not in known:
            risky.append(m.group())
    return risky
