"""Numbers in CSL: numeric tests, ordinals, roman numerals, page ranges and plural detection."""

from __future__ import annotations

import re

_NUMERIC = re.compile(r"^\s*[A-Za-z]*\d+[A-Za-z]*(\s*(?:[-\u2013,&]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*\s*$")
# "2023/03": numbers joined by slashes are one number (citeproc-js: numeric, singular).
_SLASHED = re.compile(r"^\s*\d+(?:/\d+)+\s*$")
_SPLIT = re.compile(r"(\s*[-\u2013,&]\s*|\s+and\s+)")
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def is_numeric(value) -> bool:
    """True for a value CSL calls numeric: "12", "2-4", "L2", "3, 5 & 7", "2023/03"."""
    if isinstance(value, int):
        return True
    return bool(value) and bool(_NUMERIC.match(str(value)) or _SLASHED.match(str(value)))


def is_plural(value) -> bool:
    """True when a number variable holds several numbers ("2-4", "3, 5")."""
    if isinstance(value, int):
        return False
    text = str(value).replace("\\-", "")
    if re.fullmatch(r"\s*[ivxlcdm]+\s*[-\u2013]\s*[ivxlcdm]+\s*", text, re.I):
        return True
    # Joined by a range, a list or a word for "and" in any language ("213 et 235").
    return len(re.findall(r"\d+", text)) > 1 and bool(re.search(r"[-\u2013,&]|\d\s+[^\W\d]{1,4}\s+\d", text))


def roman(n: int) -> str:
    """Lowercase roman numeral for 1..3999 (other numbers as digits)."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def ordinal_suffix(n: int, locale, gender: str = "") -> str:
    """The locale's ordinal suffix for n (CSL 1.0.1 rules: ordinal-00..99, then "ordinal")."""
    two, one = n % 100, n % 10
    term = locale.find(f"ordinal-{two:02d}", "long", gender) if two >= 10 else None
    if term is not None and ((term.match or "last-two-digits") == "last-two-digits" or n == two):
        return term.single
    term = locale.find(f"ordinal-{one:02d}", "long", gender)
    if term is not None:
        match = term.match or "last-digit"
        if match == "last-digit" or (match == "last-two-digits" and two == one) or n == one:
            return term.single
    term = locale.find("ordinal", "long", gender)
    return term.single if term is not None else ""


def long_ordinal(n: int, locale, gender: str = "") -> str:
    """"first".."tenth" from the locale, other numbers as ordinals."""
    if 1 <= n <= 10:
        term = locale.term(f"long-ordinal-{n:02d}", "long", gender=gender)
        if term is not None:
            return term
    return f"{n}{ordinal_suffix(n, locale, gender)}"


def format_number(value, form: str, locale, gender: str = "") -> str:
    """A numeric value in a CSL form: numeric, ordinal, long-ordinal or roman."""
    text = str(value)
    pieces = _SPLIT.split(text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            sep = piece.strip()
            out.append("\u2013" if sep in "-\u2013" else (sep + " " if sep == "," else f" {sep} "))
            continue
        m = re.fullmatch(r"([A-Za-z]*)(\d+)([A-Za-z]*)", piece.strip())
        if not m or m.group(1) or m.group(3):
            out.append(piece.strip())
            continue
        n = int(m.group(2))
        if form == "ordinal":
            out.append(f"{n}{ordinal_suffix(n, locale, gender)}")
        elif form == "long-ordinal":
            out.append(long_ordinal(n, locale, gender))
        elif form == "roman":
            out.append(roman(n))
        else:
            out.append(str(n))
    return "".join(out)


_RANGE = re.compile(r"(?<![\w:])(([A-Za-z]*)(\d+))\s*([-\u2013]+)\s*(([A-Za-z]*)(\d+))(?![\w:])")
_RANGE_AFTER_COLON = re.compile(r"(?<![\w])(([A-Za-z]*)(\d+))\s*([-\u2013]+)\s*(([A-Za-z]*)(\d+))(?![\w:])")


def page_range(value: str, fmt: str, delimiter: str = "\u2013") -> str:
    """Pages with ranges written the style's way (expanded, minimal, minimal-two, chicago)."""
    def one(m: re.Match) -> str:
        a, pa, na, b, pb, nb = m.group(1, 2, 3, 5, 6, 7)  # each side: its letters, then its digits
        if not fmt:
            return f"{a}{delimiter}{b}"
        if pa != pb:
            return f"{a}-{b}"  # "N110-5", "110-N6": not a range citeproc-js dares to rewrite
        if len(nb) < len(na):
            nb = na[: len(na) - len(nb)] + nb
        if int(nb) <= int(na):
            return f"{a}{delimiter}{b}"
        short = _shorten(na, nb, fmt)
        return f"{a}{delimiter}{pb if short == nb else ''}{short}"

    # "11:1-11:54" (article number and page) is never a range; "40:1-28" is one only when the
    # style has no page-range-format (citeproc-js then just sets the dash, else leaves it).
    value = (_RANGE if fmt else _RANGE_AFTER_COLON).sub(one, value)
    value = re.sub(r"(?<=\w)\s+-\s+(?=\w)", "-", value)
    return re.sub(r"\b([ivxlcdm]+|[IVXLCDM]+)-([ivxlcdm]+|[IVXLCDM]+)\b", rf"\1{delimiter}\2", value)


def _shorten(a: str, b: str, fmt: str) -> str:
    if fmt == "expanded" or len(a) != len(b):
        return b
    if fmt in ("minimal", "minimal-two"):
        i = 0
        while i < len(a) - 1 and a[i] == b[i]:
            i += 1
        short = b[i:]
        if fmt == "minimal-two" and len(short) < 2 and len(b) >= 2:
            short = b[-2:]
        return short
    if fmt.startswith("chicago"):
        n = int(a)
        if n < 100 or n % 100 == 0:
            return b
        if n % 100 < 10:
            return _shorten(a, b, "minimal")
        if fmt in ("chicago", "chicago-15") and len(a) == 4 and len(_shorten(a, b, "minimal")) > 2:
            return b
        return _shorten(a, b, "minimal-two")
    return b
