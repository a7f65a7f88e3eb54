"""Pieces several styles share: editions, ordinals, numbers, DOIs and links, date forms."""

from __future__ import annotations

import functools
import re

from solicite.richtext import Italic, Link, Part
from solicite.dates import Date
from solicite.styles.core import Item
from solicite.styles.titles import title_rich

_WORD_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_NUM = re.compile(r"^\s*(\d+)(?:st|nd|rd|th)?\.?\s*$", re.IGNORECASE)
ABBR_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.")


def ordinal(n: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def edition_number(item: Item) -> int | None:
    """The edition as a number ("2", "2nd", "Second" -> 2), or None."""
    ed = item.text("edition")
    if not ed:
        return None
    m = _NUM.match(ed)
    if m:
        return int(m.group(1))
    return _WORD_ORDINALS.get(ed.strip().rstrip(".").lower().replace(" edition", "").replace(" ed", ""))


def edition(item: Item, suffix: str = " ed.") -> str:
    """"2nd ed." (the manual's form, also for a written-out "Second"); other text as written."""
    n = edition_number(item)
    if n is not None:
        return f"{ordinal(n)}{suffix}" if n != 1 or True else ""
    return item.text("edition")


@functools.lru_cache(maxsize=4096)
def is_numeric(value: str) -> bool:
    """True for numbers like citeproc-js sees them ("12", "2023/03", "12-14")."""
    return bool(re.fullmatch(r"[\d\s/\-\u2013,&]+|\d+[a-zA-Z]?", value.strip())) and any(c.isdigit() for c in value)


_NUM_PART = re.compile(r"[a-zA-Z]*\d+[a-zA-Z]*|[ivxlcm]+")
_NUM_SEPARATORS = re.compile(r"\s*(?:-+|\u2013|,|&|\band\b|/)\s*")
_PLURAL_SEPARATORS = re.compile(r"-|\u2013|,|&|\band\b")


def csl_numeric(value: str) -> tuple[bool, bool]:
    """(numeric, plural) as citeproc-js reads a number variable for its label: numeric when the
    first part has a digit or is a lower-case roman numeral ("12a", "1-B", "iv", not "B-1",
    "IV" or "Suppl. 2"), plural when it names several ("60-61", "1, 2", "1 and 2"; not "1/2")."""
    v = value.strip()
    if not v or not _NUM_PART.fullmatch(_NUM_SEPARATORS.split(v, 1)[0]):
        return False, False
    return True, bool(_PLURAL_SEPARATORS.search(v))


@functools.lru_cache(maxsize=1024)
def genre_title(genre: str) -> str:
    """A genre in CSL title case, as styles print it before a number ("Working Paper No. 12")."""
    from solicite.styles.titles import title_case_chunks

    return "".join(c[0] for c in title_case_chunks(((genre, False, False),))) if genre else ""


def capitalize_first(text: str) -> str:
    """The text with its first letter capitalised ("research report" -> "Research report")."""
    return text[:1].upper() + text[1:]


def link(url: str) -> Link:
    """A link showing its own URL."""
    return Link(url)


def title(item: Item, opts, raw: str | None = None, italic: bool = False, case: str | None = None) -> Part:
    """The item's title (or ``raw``) as rich text, in sentence case unless ``case`` says otherwise or the
    options keep titles as written; italic when asked."""
    value = item.title_raw if raw is None else raw
    if not value:
        return ""
    if case == "title" and opts.sentence_case and item.english and value not in (
            item.markup("journaltitle"), item.markup("journal")):
        case = "sentence+title"
    parts = title_rich(value, case or ("sentence" if opts.sentence_case and item.english else "as-is"), opts.lexicon)
    return Italic(*parts) if italic else parts


def full_date_mdy(d: Date) -> str:
    """"October 4, 2018" (month and day when known)."""
    if d.month and d.day:
        return f"{d.month_name} {d.day}, {d.year}"
    if d.month:
        return f"{d.month_name} {d.year}"
    return d.year


def page_range(pages: str, fmt: str = "expanded") -> str:
    """Reformat "1703–1774" as "1703–74" (minimal-two), "1703–74"/"10–2" (minimal), or leave it."""
    if fmt == "expanded" or "\u2013" not in pages:
        return pages
    if fmt == "chicago":
        return ", ".join(_prefixed(p, _chicago_range) for p in pages.split(", "))
    return ", ".join(_prefixed(p, lambda x: _minimal(x, fmt)) for p in pages.split(", "))


_PREFIXED = re.compile(r"([A-Za-z]+)(\d+)\u2013\1(\d+)")


def _prefixed(piece: str, shorten) -> str:
    # "e12–e14": the same letters before both numbers print once, as citeproc-js does: "e12–14".
    m = _PREFIXED.fullmatch(piece)
    if m:
        return m.group(1) + shorten(f"{m.group(2)}\u2013{m.group(3)}")
    return shorten(piece)


def _minimal(piece: str, fmt: str) -> str:
    # "minimal": only the changed digits ("1703–74" -> "1703–4"); "minimal-two": at least two.
    a, _, b = piece.partition("\u2013")
    if not (a.isdigit() and b.isdigit() and len(a) == len(b)) or a == b:
        return piece  # not a plain range, or one page twice ("191–191"), which is not shortened
    i = 0
    while i < len(a) - 1 and a[i] == b[i]:
        i += 1
    keep = b[i:]
    if fmt == "minimal-two" and len(keep) < 2:
        keep = b[-2:]
    return f"{a}\u2013{keep}"


def _chicago_range(piece: str) -> str:
    # CMOS 9.61: all digits below 100 and from multiples of 100; only the changed digits
    # after 101-109; otherwise at least two digits ("321–28", "1496–1504").
    a, _, b = piece.partition("\u2013")
    if not (a.isdigit() and b.isdigit() and len(a) == len(b)) or a == b:
        return piece
    n = int(a)
    if n < 100 or n % 100 == 0:
        return piece
    i = 0
    while i < len(a) - 1 and a[i] == b[i]:
        i += 1
    keep = b[i:]
    if n % 100 >= 10 and len(keep) < 2:
        keep = b[-2:]
    return f"{a}\u2013{keep}"


def given_first(n, initials_fn=None) -> str:
    """"Given Family" (or initials first when ``initials_fn`` is given), suffix after."""
    if n.literal:
        return n.literal
    given = initials_fn(n.given) if initials_fn else n.given
    s = f"{given} {n.family_full}".strip()
    return f"{s} {n.suffix}" if n.suffix else s  # "Robert P. Bosch Jr.": no comma given first


def family_first(n, initials_fn=None, demote: bool = False) -> str:
    """"Family, Given" (particle demoted after the given name when ``demote``), suffix last."""
    if n.literal:
        return n.literal
    given = initials_fn(n.given) if initials_fn else n.given
    family = n.family if demote else n.family_full
    if demote and n.particle:
        given = f"{given} {n.particle}".strip()
    s = f"{family}, {given}" if given else family
    return f"{s}, {n.suffix}" if n.suffix else s


def date_dmy(d: Date, abbr: bool = True) -> str:
    """"4 Oct. 2018" (MLA) or "4 October 2018"."""
    if d is None or not d.year:
        return ""
    month = (ABBR_MONTHS[d.month - 1] if abbr else d.month_name) if d.month else ""
    return " ".join(x for x in (str(d.day) if d.day and d.month else "", month, d.year) if x)


def container(item: Item, opts, italic: bool = False) -> Part:
    """The container title: a booktitle follows --sentence-case like a title, a journal stays as written."""
    raw = item.container_raw
    if not raw or item.kind in ("audio", "video") and not item.is_podcast:
        return ""  # pandoc (the oracle's reader) drops the booktitle of audio and video (a podcast's show stays)
    is_book = item.kind in ("chapter", "paper", "audio", "video") and not item.is_podcast  # a show's name as written
    return title(item, opts, raw=raw, italic=italic, case=None if is_book else "as-is")


def thesis_genre(item: Item) -> str:
    """"PhD thesis" or "Master’s thesis" (BibLaTeX's type keys read), or the type as written."""
    from solicite.styles.core import type_name

    t = item.text("type")
    if t and type_name(t) != t:
        return type_name(t)
    if t:
        return t
    return "Master\u2019s thesis" if item.bibtype == "mastersthesis" else "PhD thesis"


_NUMERIC = re.compile(r"^[A-Za-z]*\d+[A-Za-z]*(?:\s*(?:[-\u2013,&/]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*$")
_LAST_RANGE = re.compile(r"(?<![\w])(\d+)-(\d+)$|(?<=-)(\d+)-(\d+)$")


def number_label(value: str, singular: str, plural: str) -> str:
    """citeproc-js's label for a number: plural when it reads as several ("99-02", "TRCS98-31"),
    singular for one ("260"), nothing for text ("MIT-CSAIL-TR-2007-020")."""
    v = value.strip()
    if not _NUMERIC.match(v):
        return ""
    return plural if "-" in v or "\u2013" in v or "," in v or "&" in v or " and " in v else singular


_LAST_PAIR = re.compile(r"(^|-)(\d+)-(\d+)$")


def citeproc_range(value: str) -> str:
    """For a value read as numbers, the last hyphen between two plain numbers becomes an en dash
    ("91-08-04" -> "91-08–04"); text ("CMU-CS-90-177") is left alone."""
    if not _NUMERIC.match(value.strip()):
        return value
    m = _LAST_PAIR.search(value)
    if not m:
        return value
    return value[:m.start(2)] + m.group(2) + "\u2013" + m.group(3)


def labelled_number(value: str, singular: str, plural: str) -> tuple[str, str]:
    """(label, number as printed) for a report number, as citeproc-js labels it: ``singular``
    before a number, ``plural`` before several, and no label (the value as written) before text."""
    if value.isascii() and value.isdigit():
        return singular, value  # the common case, without the regular expressions
    label = number_label(value, singular, plural)
    return (label, citeproc_range(value)) if label else ("", value)


_PLURAL_PAGES = re.compile(r"[\u2013,&]|\d\s*-")


def pages_label(pages: str) -> str:
    """"pp. " for several pages ("174–187", "101-??"), "p. " for one ("252", "e453", "4:1-4:14")."""
    return "pp. " if _PLURAL_PAGES.search(pages) and ":" not in pages else "p. "


def leading_names(item: Item, names, editors: tuple[str, str], translators: tuple[str, str]) -> tuple[str, str]:
    """The names that lead an entry, and their role: the authors, else the editors (not of a part), else the translators.

    ``names`` formats a list of people; ``editors`` and ``translators`` are the (singular, plural)
    labels after them (", ed.", ", eds."). Returns ("", "author") when there is no one.
    """
    who = names(item.authors)
    if not who and item.editors and item.kind not in ("chapter", "paper"):
        return names(item.editors) + editors[len(item.editors) > 1], "editor"
    if not who and item.translators:
        return names(item.translators) + translators[len(item.translators) > 1], "translator"
    return who, "author"
