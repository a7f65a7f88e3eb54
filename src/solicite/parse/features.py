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
_SHAPE_TABLE: dict[int, str] = {}


def _shape_char(ch: str) -> str:
    if ch.isupper():
        return "X"
    if ch.islower():
        return "x"
    if ch.isdigit():
        return "d"
    return ch


def shape(word: str) -> str:
    """Compress a word into its character classes: "Bauder," -> "Xx,"."""
    out: list[str] = []
    for ch in word:
        c = _SHAPE_TABLE.get(ord(ch))
        if c is None:
            c = _SHAPE_TABLE[ord(ch)] = _shape_char(ch)
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


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
    norm = normalise(word)
    feats = ["b", "w=" + low[:20], "sh=" + shape(word), "last=" + word[-1:], "first=" + word[:1]]
    if len(low) > 3:
        feats.append("suf=" + low[-3:])
        feats.append("pre=" + low[:3])
    if not core:
        feats.append("punct")
    elif core.isdigit():
        feats.append("num" + str(min(len(core), 5)))
    elif any(c.isdigit() for c in core):
        feats.append("hasdigit")
    if core[:1].isupper():
        feats.append("cap")
        if core.isupper() and len(core) > 1:
            feats.append("allcaps")
    elif core[:1].islower():
        feats.append("lower")
    if _YEAR.match(word):
        feats.append("year")
    if _RANGE.search(word):
        feats.append("range")
    if _INITIAL.match(word):
        feats.append("initial")
    if low and _ROMAN.match(low) and len(low) < 6:
        feats.append("roman")
    if "http" in low or "www" in low:
        feats.append("url")
    if "10." in word and "/" in word:
        feats.append("doi")
    if low in MONTHS:
        feats.append("month")
    kw = KEYWORDS.get(low)
    if kw:
        feats.append("kw=" + kw)
    if word[:1] in "([\"“‘'«":
        feats.append("open=" + word[:1])
    if word[-1:] in ")]\"”’'»" or word[-2:-1] in ")]\"”’'»":
        feats.append("close")
    bits = table.get(norm, 0)
    if bits:
        for bit, name in DICT_NAMES.items():
            if bits & bit:
                feats.append("d=" + name)
    return feats


# Neighbour features: the most telling subset, prefixed with the offset.
_NEIGHBOUR_KEEP = ("w=", "sh=", "last=", "year", "initial", "kw=", "cap", "num", "d=", "punct", "month")


class FeatureCache:
    """Caches each distinct word's own and neighbour features across sequences."""

    def __init__(self, table: dict[str, int] | None = None) -> None:
        self.table = dictionary() if table is None else table
        self._own: dict[str, list[str]] = {}
        self._near: dict[str, tuple[list[str], ...]] = {}

    def _get(self, word: str) -> tuple[list[str], tuple[list[str], ...]]:
        own = self._own.get(word)
        if own is None:
            own = self._own[word] = word_features(word, self.table)
            keep = [f for f in own if f.startswith(_NEIGHBOUR_KEEP)]
            self._near[word] = tuple([p + f for f in keep] for p in ("-2:", "-1:", "+1:", "+2:"))
        return own, self._near[word]

    def sequence(self, words: list[str]) -> list[list[str]]:
        """Features for every token of one reference."""
        n = len(words)
        got = [self._get(w) for w in words]
        out: list[list[str]] = []
        depth = 0  # inside (...) or [...]
        quote = False  # inside "..." or “...”
        seen_year = False
        seen_stop = 0  # how many tokens so far ended a sentence-like segment
        for i, word in enumerate(words):
            own, _ = got[i]
            head = word[:1]
            if head in "([":
                depth += 1
            if head in "\"“‘«" or (head == "'" and len(word) > 1):
                quote = True
            feats = list(own)
            feats.append("pos=%d" % (10 * i // n))
            feats.append("stops=%d" % min(seen_stop, 4))
            if i == 0:
                feats.append("BOS")
            if i == n - 1:
                feats.append("EOS")
            if depth > 0:
                feats.append("inparen")
            if quote:
                feats.append("inquote")
            if seen_year:
                feats.append("afteryear")
            if i >= 2:
                feats.extend(got[i - 2][1][0])
            if i >= 1:
                feats.extend(got[i - 1][1][1])
                feats.append("bi=" + got[i - 1][0][1][2:] + "|" + own[1][2:])
            if i + 1 < n:
                feats.extend(got[i + 1][1][2])
            if i + 2 < n:
                feats.extend(got[i + 2][1][3])
            out.append(feats)
            tail = word[-1:]
            if tail in ")]" or word[-2:-1] in ")]":
                depth = max(0, depth - 1)
            if tail in "\"”’»" or word[-2:-1] in "\"”’»":
                quote = False
            if "year" in own:
                seen_year = True
            if tail in ".:" and "initial" not in own:
                seen_stop += 1
        return out
