"""Turn tokens into CRF features: casing, punctuation, digits, keywords and dictionaries.

Speed matters (thousands of references per second), so each distinct word's features are
computed once and cached; a sequence only adds positional and bracket/quote state features
and the neighbours' cached features.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import lru_cache
from importlib import resources

# Dictionary bits: which of AnyStyle's word lists a word appears in.
FIRST, SURNAME, JOURNAL, PUBLISHER, PLACE = 1, 2, 4, 8, 16
DICT_NAMES = {FIRST: "first", SURNAME: "sur", JOURNAL: "jour", PUBLISHER: "pub", PLACE: "place"}
DICT_FILE = "dictionary.txt.gz"

MONTHS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre", "januar", "februar",
    "märz", "juni", "juli", "oktober", "dezember", "spring", "summer", "autumn", "fall", "winter",
}

# Words whose identity says much about the field they sit in.
KEYWORDS = {
    "pp": "pages", "p": "pages", "pages": "pages", "pgs": "pages", "s": "pages", "vol": "vol",
    "vols": "vol", "volume": "vol", "v": "vol", "bd": "vol", "no": "no", "nr": "no", "n": "no",
    "issue": "no", "num": "no", "number": "no", "ed": "ed", "eds": "ed", "edn": "ed",
    "edited": "ed", "editor": "ed", "editors": "ed", "hrsg": "ed", "hg": "ed", "dir": "ed",
    "in": "in", "edition": "edition", "press": "press", "university": "univ",
    "universität": "univ", "université": "univ", "universidad": "univ", "journal": "journal",
    "proceedings": "proc", "proc": "proc", "conference": "proc", "symposium": "proc",
    "workshop": "proc", "congress": "proc", "meeting": "proc", "retrieved": "retr",
    "available": "retr", "accessed": "retr", "from": "from", "doi": "doi", "isbn": "isbn",
    "thesis": "thesis", "dissertation": "thesis", "phd": "thesis", "report": "report",
    "working": "report", "paper": "report", "papers": "report", "technical": "report",
    "trans": "trans", "translated": "trans", "and": "and", "et": "and", "al": "al",
    "publishing": "press", "publishers": "press", "verlag": "press", "books": "press",
    "inc": "press", "ltd": "press", "co": "press", "new": "new", "york": "place",
    "london": "place", "paris": "place", "berlin": "place", "cambridge": "place",
    "oxford": "place", "online": "web", "podcast": "web", "youtube": "web", "video": "web",
    "blog": "web", "news": "web", "web": "web", "website": "web", "review": "journal",
    "studies": "journal", "quarterly": "journal", "bulletin": "journal", "annals": "journal",
    "transactions": "journal", "letters": "journal", "magazine": "journal", "times": "journal",
}

_STRIP = re.compile(r"^[^\w]+|[^\w]+$")
_YEAR = re.compile(r"^\(?\[?(1[5-9]\d\d|20\d\d)[a-z]?[\])]?[.,;:]*$")
_RANGE = re.compile(r"\d+\s*[-–—]+\s*\d+")
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.IGNORECASE)
_INITIAL = re.compile(r"^(?:[A-Z][a-z]?\.-?)+,?$|^[A-Z],?$")
_DIGIT = re.compile(r"\d")
_REPEATS = re.compile(r"(.)\1+")


class _ShapeTable(dict):
    """str.translate table mapping every character to its class, filled on first sight."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        self[code] = value
        return value


_SHAPES = _ShapeTable()


def shape(word: str) -> str:
    """Compress a word into its character classes: "Bauder," -> "Xx,"."""
    return _REPEATS.sub(r"\1", word.translate(_SHAPES))[:8]


@lru_cache(maxsize=1)
def dictionary() -> dict[str, int]:
    """Load the shipped word -> dictionary-bits table (built by bench/train_parser.py)."""
    table: dict[str, int] = {}
    ref = resources.files("solicite.parse") / "model" / DICT_FILE
    try:
        data = gzip.decompress(ref.read_bytes()).decode("utf-8")
    except FileNotFoundError:  # model not built yet: features still work without it
        return table
    for line in data.splitlines():
        word, _, bits = line.partition("\t")
        table[word] = int(bits)
    return table


def normalise(word: str) -> str:
    """Lower-case a word and strip accents and surrounding punctuation for look-ups."""
    core = _STRIP.sub("", word).lower()
    if not core.isascii():
        core = "".join(c for c in unicodedata.normalize("NFKD", core) if not unicodedata.combining(c))
    return core


def word_features(word: str, table: dict[str, int]) -> list[str]:
    """Features of one word that do not depend on its neighbours."""
    core = _STRIP.sub("", word)
    low = core.lower()
    feats = ["b", "w=" + low[:20], "sh=" + shape(word), "last=" + word[-1:], "first=" + word[:1]]
    if len(low) > 3:
        feats.append("suf=" + low[-3:])
    digits = _DIGIT.search(word) is not None
    _add_case_features(feats, word, core, digits)
    _add_pattern_features(feats, word, low, digits)
    if word[:1] in "([\"“‘'«":
        feats.append("open=" + word[:1])
    if word[-1:] in ")]\"”’'»" or word[-2:-1] in ")]\"”’'»":
        feats.append("close")
    bits = table.get(normalise(word), 0)
    if bits:
        feats.extend("d=" + name for bit, name in DICT_NAMES.items() if bits & bit)
    return feats


def _add_case_features(feats: list[str], word: str, core: str, digits: bool) -> None:
    # Punctuation, number or digits inside; then capitals, initials or lower case.
    if not core:
        feats.append("punct")
    elif core.isdigit():
        feats.append("num" + str(min(len(core), 5)))
    elif digits:
        feats.append("hasdigit")
    head = core[:1]
    if head.isupper():
        feats.append("cap")
        if len(core) > 1 and core.isupper():
            feats.append("allcaps")
        if len(word) < 10 and _INITIAL.match(word):
            feats.append("initial")
    elif head.islower():
        feats.append("lower")


def _add_pattern_features(feats: list[str], word: str, low: str, digits: bool) -> None:
    # What the word looks like: a year, a page range, a DOI, a roman numeral, a URL, a month, a keyword.
    if digits:
        if _YEAR.match(word):
            feats.append("year")
        if _RANGE.search(word):
            feats.append("range")
        if "10." in word and "/" in word:
            feats.append("doi")
    elif len(low) < 6 and low and _ROMAN.match(low):
        feats.append("roman")
    if "http" in low or "www" in low:
        feats.append("url")
    if low in MONTHS:
        feats.append("month")
    kw = KEYWORDS.get(low)
    if kw:
        feats.append("kw=" + kw)


# Neighbour features: the most telling subset, prefixed with the offset (fewer further away:
# every feature string costs tagging time).
_NEAR_KEEP = ("w=", "sh=", "last=", "year", "initial", "kw=", "d=", "punct", "month")
_FAR_KEEP = ("w=", "last=")


# Bits of per-word state used by the sequence pass.
_OPEN_PAREN, _OPEN_QUOTE, _CLOSE_PAREN, _CLOSE_QUOTE, _IS_YEAR, _IS_STOP = 1, 2, 4, 8, 16, 32


class FeatureCache:
    """Caches each distinct word's own and neighbour features across sequences."""

    def __init__(self, table: dict[str, int] | None = None) -> None:
        self.table = dictionary() if table is None else table
        self._words: dict[str, tuple] = {}

    def _compute(self, word: str) -> tuple:
        own = word_features(word, self.table)
        near = [f for f in own if f.startswith(_NEAR_KEEP)]
        far = [f for f in own if f.startswith(_FAR_KEEP)]
        head, tail, tail2 = word[:1], word[-1:], word[-2:-1]
        state = 0
        if head in "([":
            state |= _OPEN_PAREN
        if head in "\"“‘«" or (head == "'" and len(word) > 1):
            state |= _OPEN_QUOTE
        if tail in ")]" or tail2 in ")]":
            state |= _CLOSE_PAREN
        if tail in "\"”’»" or tail2 in "\"”’»":
            state |= _CLOSE_QUOTE
        if "year" in own:
            state |= _IS_YEAR
        if tail in ".:" and "initial" not in own:
            state |= _IS_STOP
        entry = (own, ["-2:" + f for f in far], ["-1:" + f for f in near], ["+1:" + f for f in near],
                 ["+2:" + f for f in far], state, own[1][2:])
        if len(self._words) >= _CACHE_LIMIT:  # bound memory on endless input; hits come back quickly
            self._words.clear()
        self._words[word] = entry
        return entry

    def sequence(self, words: list[str]) -> list[list[str]]:
        """Features for every token of one reference."""
        cache = self._words
        got = [cache.get(w) or self._compute(w) for w in words]
        n = len(words)
        out: list[list[str]] = []
        depth = 0  # inside (...) or [...]
        quote = False  # inside "..." or “...”
        seen_year = False
        stops = 0  # tokens so far that ended a sentence-like segment
        prev_word = "BOS"
        for i in range(n):
            own, _m2, _m1, _p1, _p2, state, lw = got[i]
            if state & _OPEN_PAREN:
                depth += 1
            if state & _OPEN_QUOTE:
                quote = True
            feats = own + [_POS[10 * i // n], _STOPS[stops if stops < 4 else 4], "bi=" + prev_word + "|" + lw]
            if i == 0:
                feats.append("BOS")
            else:
                feats += got[i - 1][2]
                if i > 1:
                    feats += got[i - 2][1]
            if i == n - 1:
                feats.append("EOS")
            else:
                feats += got[i + 1][3]
                if i + 2 < n:
                    feats += got[i + 2][4]
            if depth:
                feats.append("inparen")
            if quote:
                feats.append("inquote")
            if seen_year:
                feats.append("afteryear")
            out.append(feats)
            if state & _CLOSE_PAREN and depth:
                depth -= 1
            if state & _CLOSE_QUOTE:
                quote = False
            if state & _IS_YEAR:
                seen_year = True
            if state & _IS_STOP:
                stops += 1
            prev_word = lw
        return out


_CACHE_LIMIT = 300_000
_POS = ["pos=%d" % i for i in range(10)]
_STOPS = ["stops=%d" % i for i in range(5)]
