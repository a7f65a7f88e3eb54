"""Undo the spacing slips of text extracted from PDFs (and a few of typing) before a reference is tagged.

Reference lists copied out of PDFs carry the extractor's slips: a space before the full stop
instead of after it ("Phys .Rev .Lett .,vol .49"), words glued where a line or a font changed
("ofCharged", "Rev.D85", "( 2012)014035") and words hyphenated at a line end ("Com- mun.").
The tagger learned words as they are printed, so each slip hides a word it knows:
:func:`normalise` writes the line the way it was printed. Each repair needs a shape that
printed text does not have (a space before a full stop that a letter follows), so clean
lines pass through unchanged.
"""

from __future__ import annotations

import re

# "Phys .Rev .Lett .,vol .49 ,pp": the space before the punctuation instead of after it; "Phys . Rev",
# "Journal , 27 ,": a space on both sides. Not ";" and ":", which French typography spaces so.
_SPACE_BEFORE = re.compile(r"(?<=\w)\s+([.,]+)(?=[^\s.,”’\"')\]])")
_SPACE_BOTH = re.compile(r"(?<=\w)\s+([.,])(?=\s|$)")
# "Rev.D85", "Lett.B 716": an abbreviation glued to the section letter and volume after it.
_GLUED_SECTION = re.compile(r"(?=[A-Z]\s?\d{1,4}\b)(?<=[A-Za-z][a-z]{2}\.)")
# "( 2012)014035": a year's brackets with the spaces moved inside them (never inside a DOI: "(95)00037-J").
_OPEN_SPACE = re.compile(r"(?<!\S)\(\s+(?=\d)")
_CLOSE_GLUED = re.compile(r"(?<![\w/.)-])(\(\s*(?:1[5-9]|20)\d\d\s*\))(?=\d)")
# "Com- mun.", "sys- tems": a word broken at a line end, its two halves joined back; "self- assembled"
# keeps its hyphen. Not before "and", "or", "to" ("pre- and post-war") or a compound ("Nap- of-the-Earth").
_BROKEN = re.compile(r"(?<![\w./:-])(\w*[A-Za-z][a-z])- (?=[a-z]{2,})(?!(?:and|or|und|et|to|ou|bis|oder)\b)(?![\w’']+-)")
_PREFIXES = frozenset("""self non meta multi co cross well anti post pre semi sub inter intra over under high low
    time large small real long short ultra one two three first second half full open""".split())
# "(1994 a)": a year's letter set apart from it.
_YEAR_LETTER = re.compile(r"(\((?:1[5-9]|20)\d\d) (?=[a-h][),;:])")
# "ofCharged", "theQuantum": a short lower-case word glued to the capitalised word after it.
_GLUED_WORD = re.compile(r"(?=[A-Z][a-z]{3})(?:(?<=\bof)|(?<=\bin)|(?<=\bon)|(?<=\bby)|(?<=\bthe)|(?<=\band)|(?<=\bfrom)|"
                         r"(?<=\bwith))")


# Where a space is missing: "Rev.|D85", "of|Charged".
_GLUED = re.compile("|".join(f"(?:{p.pattern})" for p in (_GLUED_SECTION, _GLUED_WORD)))


def normalise(text: str) -> str:
    """The reference as printed: PDF extraction's spacing slips mended, anything else unchanged."""
    if " ." in text or " ," in text:
        if len(_SPACE_BEFORE.findall(text)) > 1:  # slips come in series; one alone may be ".NET"
            text = _SPACE_BEFORE.sub(r"\1 ", text)
        text = _SPACE_BOTH.sub(r"\1", text)
    if "- " in text:
        text = _BROKEN.sub(_join_broken, text)
    if "(" in text:
        text = _YEAR_LETTER.sub(r"\1", _CLOSE_GLUED.sub(r"\1 ", _OPEN_SPACE.sub("(", text)))
    return _GLUED.sub(" ", text)  # one pass for both glued shapes: most lines have none


def _join_broken(m: re.Match) -> str:
    head = m.group(1)
    return head + "-" if head.lower() in _PREFIXES else head


_NAME = re.compile(r"^(?:[A-ZÀ-Þ][\w'’-]+|(?:[A-ZÀ-Þ]\.-?)+),?$")
_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ]\.-?)+[.,]?$")


def tagging_words(words: list[str]) -> list[str]:
    """The words as the tagger should see them: French "et" between names as the "&" it learned.

    "Dupont J. et Martin P.", "Jean Dupont et Pierre Martin,": only an "et" among the names that
    open the reference, with a name after it ("Martin P.", "Pierre Martin,", "Martin, P."); the
    fields are still built from the words as written.
    """
    if "et" not in words[1:9]:
        return words
    i = words.index("et", 1)
    if i > 8 or len(words) < i + 3 or not all(_NAME.match(w) for w in words[:i]):
        return words
    one, two = words[i + 1], words[i + 2]
    after = (_NAME.match(one) and not one.endswith(",") and (_INITIALS.match(two) or two[:1].isupper() and two[-1:] in ",.")
             or one.endswith(",") and _NAME.match(one) and _INITIALS.match(two))
    return words[:i] + ["&"] + words[i + 1:] if after else words
