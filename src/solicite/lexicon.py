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
_NAMING_FIELDS = _PLACE_FIELDS + _BODY_FIELDS
_SEPARATORS = re.compile(r"[,;]")
_POSSESSIVES = ("'s", "\u2019s")


def base(word: str) -> str:
    """The word without a possessive ending ("Canada's" -> "Canada")."""
    return word[:-2] if word.endswith(_POSSESSIVES) else word


def is_capitalised(word: str) -> bool:
    """True for "Word": a capital, then only lower-case letters (not "NASA", "iPhone", "McGill")."""
    if not word[:1].isupper():
        return False
    if "'" not in word and "\u2019" not in word:
        return len(word) == 1 or word[1:].islower()  # the common case, without the possessive regex
    return len(word) == 1 or base(word)[1:].replace("'", "").replace("\u2019", "").islower()


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

    ``add`` only keeps the distinct titles, names, places and bodies (names recur: an author's
    papers, a publisher's books); each distinct one is read once, when the lexicon is asked for.
    """

    def __init__(self) -> None:
        self.capital: Counter = Counter()
        self.words: Counter = Counter()  # every word of the titles' unprotected text
        self.named: set[str] = set()
        self.lex = shipped().copy()
        self._parts: set[str] = set()  # family and given names, as written
        self._literals: set[str] = set()  # names kept whole ({UNHCR})
        self._places: set[str] = set()  # place and body fields
        self._titles: dict[str, int] = {}  # titles as written, and how many entries have each
        self._lower: Counter | None = None

    def add(self, ref) -> None:
        """Learn from one entry: its title, names, places and bodies."""
        value = ref.fields.get("title")
        if value:
            titles = self._titles
            titles[value] = titles.get(value, 0) + 1
        parts, literals, places = self._parts, self._literals, self._places
        for people in ref.persons.values():
            for p in people:
                if p.literal:
                    literals.add(p.literal)
                else:
                    parts.add(p.family)
                    parts.add(p.given)
        fields = ref.fields
        for name in _NAMING_FIELDS:
            value = fields.get(name)
            if value:
                places.add(value)

    @property
    def lower(self) -> Counter:
        """How often each word is written in lower case in the titles."""
        self._settle()
        if self._lower is None:
            self._lower = Counter({w: n for w, n in self.words.items() if w.islower()})
        return self._lower

    def lexicon(self) -> Lexicon:
        """The shipped lexicon plus what the entries added so far show."""
        self._settle()
        lex, lower = self.lex.copy(), self.lower
        ambiguous, common = ambiguous_words(), english_words()
        # A common word capitalised in a title is more often a term its author stressed than a name.
        lex.words.update(w for w, n in self.capital.items()
                         if n > lower[w.lower()] and (w.lower() not in common or w in ambiguous))
        # A word of a name that is also a common word ("School" of a misread "School of Computer
        # Science", "Young") says nothing: only words no dictionary has are names for sure.
        lex.words.update(w for w in self.named if w.lower() not in common and lower[w.lower()] == 0)
        return lex

    def _settle(self) -> None:
        """Read the titles, names, places and bodies kept since the last call, each distinct one once."""
        if self._titles:
            from solicite.casing import read  # (casing reads this module's words)

            for value, n in self._titles.items():
                _from_title(value, n, self.capital, self.words, read)
            self._titles, self._lower = {}, None
        named, lex = self.named, self.lex
        for part in self._parts:
            named.update(w for w in WORD.findall(to_unicode(part)) if len(w) > 1 and is_capitalised(w))
        for literal in self._literals:
            _phrase_or_word(to_unicode(literal), named, lex)
        for value in self._places:
            # Split at commas only: "Department of Electrical Engineering and Computer Science" is one name.
            for piece in _SEPARATORS.split(to_unicode(value)):
                _phrase_or_word(piece, named, lex)
        self._parts, self._literals, self._places = set(), set(), set()


def from_references(refs: Iterable) -> Lexicon:
    """The shipped lexicon plus the proper nouns a library shows (see ``LexiconBuilder``)."""
    builder = LexiconBuilder()
    for ref in refs:
        builder.add(ref)
    return builder.lexicon()


def _from_title(value: str, n: int, capital: Counter, words: Counter, read) -> None:
    """Count the words of a title that ``n`` entries have, and its capitals if it is in sentence case."""
    runs = parse(value)
    text = runs[0][0] if len(runs) == 1 and not runs[0][1] & NOCASE else "".join(t for t, f in runs if not f & NOCASE)
    if not text:
        return
    title = read(text)
    words.update(title.words if n == 1 else {w: k * n for w, k in Counter(title.words).items()})
    if not title.capitals or not title.sentence:
        return
    # Words only, each counted: a run of capitals in one title ("Garbage Collection") is often a
    # term its author capitalised, not a name (measured on the tuning set of bench/case_agreement.py).
    found = Counter(base(w) for w in title.capitalised())
    capital.update(found if n == 1 else {w: k * n for w, k in found.items()})


def _phrase_or_word(text: str, named: set[str], lex: Lexicon) -> None:
    # A body's name is kept whole ("World Health Organization"), never word by word: "Press"
    # and "University" are common words; a single-word name (Routledge, Toronto) is a name.
    words = tuple(WORD.findall(text))
    if len(words) == 1 and words[0][:1].isupper():
        named.add(words[0])
    elif len(words) > 1 and words[0][:1].isupper():
        lex.add_phrase(words)
