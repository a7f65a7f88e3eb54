"""Split author and editor lists written in any common style into Persons.

Handles APA ("Bauder, H., & Landau, L."), MLA/Chicago ("Bauder, Harald, and Loren Landau"),
IEEE ("H. Bauder and L. Landau"), Vancouver ("Bauder H, Landau L"), particles ("van der"),
suffixes ("Jr."), corporate authors ("UNHCR", kept whole) and common slips
("Bauder, H & Landau, L.", "Dreher, N. Lujan, O.", "Goldring, L..").
"""

from __future__ import annotations

import re

from solicite.model import Person

PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "des", "di", "da", "du", "dos", "das",
    "la", "le", "ten", "ter", "zu", "vom", "bin", "ibn", "al", "el", "y", "st.", "'t", "’t",
}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "2nd", "3rd", "jun.", "sen."}
# Words that mark a corporate author (kept whole as a literal name).
CORPORATE = re.compile(
    r"\b(?:universit\w*|institut\w*|organi[sz]ation|council|commission|association|agency|"
    r"department|ministry|bank|fund|forum|group|society|office|committee|cent(?:re|er)|"
    r"foundation|nations|government|board|service|services|program(?:me)?|project|network|"
    r"alliance|federation|union|league|coalition|corporation|company|inc|ltd|press|city|"
    r"news|times|economist|conversation|borders|world|international|national|european|"
    r"authority|court|parliament|congress|senate|bureau|administration|team|staff|"
    r"collective|consortium|working|initiative|partnership|museum|library|school|college|collaboration)\b",
    re.IGNORECASE,
)
# Names of collectives that are never a family name, even before a comma ("ATLAS Collaboration, G. Aad").
_COLLECTIVE = re.compile(r"\b(?:collaboration|consortium|study group|working group|investigators|organi[sz]ation|"
                         r"association|society|institute|university|committee|council)\b", re.IGNORECASE)
# An initial: "H", "H.", "R.H.", "Ch.", "J.-P.", or Vancouver's bare "JRK" (never "Ku": no dot).
_INITIAL_TOKEN = re.compile(r"^(?:[A-ZÀ-Þ]\.?-?|[A-ZÀ-Þ][a-z]\.-?){1,4}$")
_DOTTED = re.compile(r"^(?:[A-ZÀ-Þ][a-z]?\.-?)+$")
_SEP = re.compile(r"\s*(?:;|\s&\s|&|\s+(?i:and|und)\s+|\s+(?:et(?!\s*al)|e|y)\s+)\s*")
_ET_AL = re.compile(r",?\s*(?:et\.?\s*al\.?|and others|u\.\s*a\.|\.\.\.|…)\s*$", re.IGNORECASE)
_TRIM = " ,;:.\t"
_DOTS = re.compile(r"\.{2,}(?!\.)")
_DOUBLE_COMMA = re.compile(r",\s*,")
_DOT_LETTER = re.compile(r"\.(?=[A-ZÀ-Þ])")
_PAREN_DATE = re.compile(r"\s*[(\[]\s*\d[^)\]]*[)\]]")
_NUMBERING = re.compile(r"^\s*(?:[\[(]?\d{1,4}[\]).]|\d{1,4}\s)\s*")
_ROLE = re.compile(
    r"^\s*(?:in:?\s+|edited\s+by(?:\s+|$)|ed\.\s+by(?:\s+|$)|eds?\.\s+|\(?(?-i:eds?)\s+|hrsg\.\s+v\.\s+|by(?:\s+|$)|"
    r"trans(?:lated)?\.?\s+by(?:\s+|$)|translated\s+by(?:\s+|$)|trans\.\s+)|"
    r"[\s,]*[(\[]?\s*(?:eds?|editors?|hrsg|hg|dir|coord|comps?|trans|transl|tr)\.?\s*[)\]]?[\s.,:;]*$",
    re.IGNORECASE,
)


def parse_person_list(text: str) -> list[Person]:
    """Split a list of names in any common citation style into Persons (never raises)."""
    text = _clean(text)
    if not text:
        return []
    others = False
    m = _ET_AL.search(text)
    if m:
        others = True
        text = _strip_end(text[: m.start()])
    persons: list[Person] = []
    if "," not in text and ";" not in text and CORPORATE.search(text) and not _has_initials(text):
        return [Person(literal=_strip_end(text))]
    for chunk in _SEP.split(text):
        chunk = _strip_end(chunk)
        if not chunk:
            continue
        if _looks_corporate(chunk):
            persons.append(Person(literal=chunk))
        else:
            persons.extend(_parse_chunk(chunk))
    if others:
        persons.append(Person(family="others"))
    return persons


def strip_role(text: str) -> str:
    """Remove editor/translator role words: "In J. Smith (Eds.)," -> "J. Smith"."""
    prev = None
    while prev != text:
        prev = text
        text = _ROLE.sub("", text).strip(" ,;:()[]")
    return text


def _strip_end(text: str) -> str:
    """Strip list punctuation, keeping the full stop of a final initial ("Landau, L.")."""
    text = text.strip(" ,;:")
    words = text.split()
    if words and text.endswith(".") and not _DOTTED.match(words[-1]):
        text = text.rstrip(".").rstrip(" ,;:")
    return text


def _has_initials(text: str) -> bool:
    return any(_DOTTED.match(w) for w in text.split())


def _clean(text: str) -> str:
    text = _NUMBERING.sub("", text)  # "[9] Eric Brown": the list number is not part of the name
    text = _PAREN_DATE.sub("", text)  # "Briggs, Asa (1985/1983)": a date the tagger left in
    if ".." in text:
        text = _DOTS.sub(".", text)  # "Goldring, L.." -> "Goldring, L."
    text = " ".join(text.split())
    if ",," in text or ", ," in text:
        text = _DOUBLE_COMMA.sub(",", text)
    return text.strip(" ,;:")


def _looks_corporate(text: str) -> bool:
    if "," in text or ";" in text:
        return False
    words = text.split()
    if len(words) == 1:
        # A lone all-caps acronym (UNHCR, IOM) or a single word is an organisation or mononym.
        return True
    if CORPORATE.search(text) and not _INITIAL_TOKEN.match(words[0]):
        return True
    return len(words) > 4 and not any(_INITIAL_TOKEN.match(w) for w in words)


def _is_suffix(word: str) -> bool:
    """"Jr.", "Sr", "III"; not Vancouver initials written "JR"."""
    low = word.lower()
    if low not in SUFFIXES and low.rstrip(".") + "." not in SUFFIXES:
        return False
    return not (word.isupper() and low.rstrip(".") in ("jr", "sr"))


def _is_initials(part: str) -> bool:
    words = part.split()
    return bool(words) and all(_INITIAL_TOKEN.match(w) for w in words) and len(words) <= 4


def _is_family(part: str) -> bool:
    """One family name, possibly with particles or hyphens: "van der Walt", "El-Khatib"."""
    words = part.split()
    if not words or any(_DOTTED.match(w) for w in words):
        return False
    if len(words) == 1:
        return not _INITIAL_TOKEN.match(words[0]) or words[0].isupper() and len(words[0]) > 3
    return all(w.lower() in PARTICLES for w in words[:-1])


def _is_given(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)


def _parse_chunk(chunk: str) -> list[Person]:
    parts = [_strip_end(p) for p in chunk.split(",")]
    parts = [p for p in parts if p]
    persons: list[Person] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if _COLLECTIVE.search(part) and len(part.split()) > 1 and not _has_initials(part):
            persons.append(Person(literal=part))  # "ATLAS Collaboration, G. Aad": a collective before the names
            i += 1
            continue
        if _is_suffix(part):
            if persons:  # "King, Martin Luther, Jr." -> suffix of the previous person
                p = persons[-1]
                persons[-1] = Person(p.family, p.given, p.particle, part, p.literal)
            i += 1
            continue
        if nxt is not None and not _is_suffix(nxt) and (_is_family(part) or len(part.split()) <= 2 and not any(
                _DOTTED.match(w) for w in part.split())):
            after = parts[i + 2] if i + 2 < len(parts) else None
            words = nxt.split()
            trailing = _trailing_particle(words)
            if trailing:  # "Ahn, L. von": the particle written after the initials (BibTeX's "von Ahn, L.")
                persons.append(Person(family=part, given=_fix_initials(" ".join(words[:-trailing])),
                                      particle=" ".join(words[-trailing:])))
                i += 2
                continue
            # "Dreher, N. Lujan, O.": the initials belong to Dreher, Lujan pairs with "O.".
            if (len(words) >= 2 and _is_initials(" ".join(words[:-1])) and not _INITIAL_TOKEN.match(words[-1])
                    and after is not None and (_is_initials(after) or _initials_then_word(after))):
                persons.append(_inverted(part, " ".join(words[:-1])))
                parts[i + 1] = words[-1]
                i += 1
                continue
            if _is_initials(nxt) or (_is_family(part) and _is_given(nxt)) or (
                    len(parts) == 2 and len(words) == 1 and _is_given(nxt)):
                persons.append(_inverted(part, nxt))
                i += 2
                continue
        persons.append(_direct(part))
        i += 1
    return persons


def _trailing_particle(words: list[str]) -> int:
    """How many lower-case particles end "L. von", "J. van der" after initials (0 when not that shape)."""
    k = 0
    while k < len(words) - 1 and words[-1 - k] in PARTICLES:
        k += 1
    return k if k and (_is_initials(" ".join(words[:-k])) or _is_given(" ".join(words[:-k]))) else 0


def _initials_then_word(part: str) -> bool:
    """"K. Teraishi": the initials of one person glued to the next person's family name."""
    words = part.split()
    return (len(words) >= 2 and all(_INITIAL_TOKEN.match(w) and w.endswith(".") for w in words[:-1])
            and not _INITIAL_TOKEN.match(words[-1]))


def _inverted(family: str, given: str) -> Person:
    words = family.split()
    particle = []
    while len(words) > 1 and words[0].lower() in PARTICLES and _lower(words[0]):
        particle.append(words.pop(0))
    return Person(family=" ".join(words), given=_fix_initials(given), particle=" ".join(particle))


def _direct(part: str) -> Person:
    """Parse a name without a comma: "Harald Bauder", "H. Bauder", "Bauder H", "van Gogh"."""
    words = part.split()
    suffix = ""
    if len(words) > 1 and _is_suffix(words[-1]):
        suffix = words.pop()
    if len(words) == 1:
        return Person(family=words[0], suffix=suffix)
    # Vancouver: family first, then bare or dotted initials ("Bauder H", "Lawton D.C.").
    tail: list[str] = []
    while len(words) > 1 and _INITIAL_TOKEN.match(words[-1]) and (words[-1].isupper() or _DOTTED.match(words[-1])):
        tail.insert(0, words.pop())
    if tail and not _INITIAL_TOKEN.match(words[0]):
        return _inverted(" ".join(words), " ".join(tail)) if not suffix else Person(
            family=" ".join(words), given=_fix_initials(" ".join(tail)), suffix=suffix)
    words += tail
    # Given names, then particles (lower-case), then the family name.
    j = len(words) - 1
    # Particles before the family name: "Ludwig van Beethoven", also capitalised after
    # initials as IEEE lists write them ("M. De Cock", "G. L. Van der Heijde").
    while j > 1 and words[j - 1].lower() in PARTICLES and (
            _lower(words[j - 1]) or all(_INITIAL_TOKEN.match(w) for w in words[: j - 1])):
        j -= 1
    given, rest = words[:j], words[j:]
    particle = rest[:-1] if len(rest) > 1 else []
    return Person(family=rest[-1], given=" ".join(given), particle=" ".join(particle), suffix=suffix)


def _lower(word: str) -> bool:
    """A particle written in lower case: "van", "de", "'t" (its apostrophe aside)."""
    return word.lstrip("'’")[:1].islower()


def _fix_initials(given: str) -> str:
    """Tidy initials without changing their letters: "R.H." -> "R. H.", "H" stays "H"."""
    given = given.strip(" ,")
    if "." in given:
        given = _DOT_LETTER.sub(". ", given)
    return given
