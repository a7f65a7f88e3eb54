"""Proper nouns a sentence-case conversion keeps: a shipped word list plus what a library itself says.

Three sources (issue 13): the word lists shipped in ``solicite/data`` (SCOWL's proper nouns:
countries, cities, languages, nationalities, months and days, people; solicite's own names of
several words, see ``data/WORDLISTS.md``); the library, where a word capitalised in the middle
of a title written in sentence case, a person's name, or a place, publisher or organisation
names a proper noun; and ``{braces}``, which the codec reads as case-protected runs.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources

from solicite.codec import NOCASE, parse, to_unicode

WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")  # letters, apostrophes inside (O'Brien, Canada's)
# Fields naming people, places and bodies: their words are names wherever a title repeats them.
_PLACE_FIELDS = ("location", "address")
_BODY_FIELDS = ("publisher", "organization", "institution", "school")
_POSSESSIVE = re.compile(r"['\u2019]s$")


def base(word: str) -> str:
    """The word without a possessive ending ("Canada's" -> "Canada")."""
    return _POSSESSIVE.sub("", word)


def is_capitalised(word: str) -> bool:
    """True for "Word": a capital, then only lower-case letters (not "NASA", "iPhone", "McGill")."""
    return word[:1].isupper() and (len(word) == 1 or base(word)[1:].replace("'", "").replace("\u2019", "").islower())


def _lines(name: str) -> list[str]:
    data = resources.files("solicite") / "data" / name
    if name.endswith(".gz"):
        text = gzip.decompress(data.read_bytes()).decode("utf-8")
    else:
        text = data.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words (SCOWL): a capitalised word outside it and the names is unknown."""
    return frozenset(_lines("english_words.txt.gz"))


@functools.lru_cache(maxsize=1)
def ambiguous_words() -> frozenset[str]:
    """Capitalised words that are also common words ("Bill", "May"): names only when the library says so."""
    return frozenset(_lines("ambiguous_words.txt"))


class Lexicon:
    """Proper nouns: single words as written, and names of several words (word tuples by first word).

    Compared by identity, so a lexicon can key a cache of converted titles.
    """

    __slots__ = ("words", "phrases")

    def __init__(self, words: Iterable[str] = (), phrases: Iterable[tuple[str, ...]] = ()) -> None:
        self.words: set[str] = set(words)
        self.phrases: dict[str, set[tuple[str, ...]]] = {}
        for p in phrases:
            self.add_phrase(p)

    def add_phrase(self, words: tuple[str, ...]) -> None:
        """Keep a name of several words ("New York") as written wherever a title has it whole."""
        if len(words) > 1:
            self.phrases.setdefault(words[0], set()).add(words)

    def is_proper(self, word: str) -> bool:
        """True when the word (or its possessive's base) is a known proper noun."""
        return word in self.words or base(word) in self.words

    def copy(self) -> "Lexicon":
        """An independent copy (the shipped lexicon stays as shipped)."""
        new = Lexicon(self.words)
        new.phrases = {k: set(v) for k, v in self.phrases.items()}
        return new


@functools.lru_cache(maxsize=1)
def shipped() -> Lexicon:
    """The lexicon of the shipped word lists alone."""
    lex = Lexicon(_lines("proper_nouns.txt"))
    for line in _lines("names_curated.txt"):
        words = tuple(WORD.findall(line))
        if len(words) == 1:
            lex.words.add(words[0])
        lex.add_phrase(words)
    return lex


class LexiconBuilder:
    """The proper nouns of a library, learnt one entry at a time (``add``), so no library is held whole.

    A word counts when the library capitalises it mid-sentence in sentence-case titles more
    often than it writes it in lower case, and it is no common English word (or one that is also
    a name: "Black", "Bill"); a word of a person's name or a place when it is no English word at all
    (not "Young", "Bill", "School"); the names of bodies and places as whole phrases.
    """

    def __init__(self) -> None:
        self.capital: Counter = Counter()
        self.lower: Counter = Counter()
        self.named: set[str] = set()
        self.lex = shipped().copy()

    def add(self, ref) -> None:
        """Learn from one entry: its title, names, places and bodies."""
        _from_title(ref.fields.get("title", ""), self.capital, self.lower)
        _from_names(ref, self.named, self.lex)

    def lexicon(self) -> Lexicon:
        """The shipped lexicon plus what the entries added so far show."""
        lex, lower = self.lex.copy(), self.lower
        ambiguous, common = ambiguous_words(), english_words()
        # A common word capitalised in a title is more often a term its author stressed than a name.
        lex.words.update(w for w, n in self.capital.items()
                         if n > lower[w.lower()] and (w.lower() not in common or w in ambiguous))
        # A word of a name that is also a common word ("School" of a misread "School of Computer
        # Science", "Young") says nothing: only words no dictionary has are names for sure.
        lex.words.update(w for w in self.named if w.lower() not in common and lower[w.lower()] == 0)
        return lex


def from_references(refs: Iterable) -> Lexicon:
    """The shipped lexicon plus the proper nouns a library shows (see ``LexiconBuilder``)."""
    builder = LexiconBuilder()
    for ref in refs:
        builder.add(ref)
    return builder.lexicon()


def _from_title(value: str, capital: Counter, lower: Counter) -> None:
    from solicite.casing import sentence_starts, written_in_sentence_case

    if not value:
        return
    runs = parse(value)
    text = "".join(t for t, f in runs if not f & NOCASE)
    words = list(WORD.finditer(text))
    for m in words:
        if m.group().islower():
            lower[m.group()] += 1
    starts = sentence_starts(text, words)
    if not written_in_sentence_case(text, words, starts=starts):
        return
    # Words only, each counted: a run of capitals in one title ("Garbage Collection") is often a
    # term its author capitalised, not a name (measured on the tuning set of bench/case_agreement.py).
    for i, m in enumerate(words):
        w = m.group()
        if i not in starts and is_capitalised(w) and len(w) > 1:
            capital[base(w)] += 1


def _from_names(ref, named: set[str], lex: Lexicon) -> None:
    for people in ref.persons.values():
        for p in people:
            if p.literal:
                _phrase_or_word(to_unicode(p.literal), named, lex)
                continue
            for part in (p.family, p.given):
                named.update(w for w in WORD.findall(to_unicode(part)) if len(w) > 1 and is_capitalised(w))
    for name in _PLACE_FIELDS + _BODY_FIELDS:
        value = ref.fields.get(name)
        if value:
            # Split at commas only: "Department of Electrical Engineering and Computer Science" is one name.
            for piece in re.split(r"[,;]", to_unicode(value)):
                _phrase_or_word(piece, named, lex)


def _phrase_or_word(text: str, named: set[str], lex: Lexicon) -> None:
    # A body's name is kept whole ("World Health Organization"), never word by word: "Press"
    # and "University" are common words; a single-word name (Routledge, Toronto) is a name.
    words = tuple(WORD.findall(text))
    if len(words) == 1 and words[0][:1].isupper():
        named.add(words[0])
    elif len(words) > 1 and words[0][:1].isupper():
        lex.add_phrase(words)
