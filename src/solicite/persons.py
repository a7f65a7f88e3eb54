"""Names: Persons decoded to Unicode once, and the name forms styles need (initials, sort order, lists)."""

from __future__ import annotations

import functools
import re

from solicite.model import Person
from solicite.codec import to_unicode


class Name:
    """A person's name parts in Unicode; ``literal`` for organisations and single names kept whole.

    Immutable by convention, and compared by value. Names are made once per Person and
    cached, so the forms every entry asks for (the family name with its particle, the
    sort key, the short key that decides year suffixes) are worked out once, here.
    """

    __slots__ = ("family", "given", "particle", "suffix", "literal", "family_full", "last", "_parts",
                 "_hash", "_sort", "_short")

    def __init__(self, family: str = "", given: str = "", particle: str = "", suffix: str = "",
                 literal: str = "") -> None:
        self.family, self.given, self.particle, self.suffix, self.literal = family, given, particle, suffix, literal
        #: family name with its particle in front ("van der Walt")
        self.family_full = f"{particle} {family}" if particle else family
        #: what an in-text citation prints: family with particle, or the literal
        self.last = literal or self.family_full
        self._parts = (family, given, particle, suffix, literal)
        self._hash = hash(self._parts)
        self._sort: str | None = None
        self._short: tuple | None = None

    def __eq__(self, other: object) -> bool:
        return self is other or (type(other) is Name and self._parts == other._parts)

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in zip(("family", "given", "particle", "suffix", "literal"),
                                                         self._parts) if v)
        return f"Name({fields})"

    def sort_key(self) -> str:
        """Sort on family name with particle, then given name, ignoring case."""
        if self._sort is None:
            self._sort = (self.literal or f"{self.family_full} {self.given}").casefold()
        return self._sort

    def short_key(self) -> tuple:
        """The name as an author-date citation prints it: family and initials (decides a/b suffixes)."""
        if self._short is None:
            self._short = (self.literal, self.family_full, initials(self.given))
        return self._short


@functools.lru_cache(maxsize=65536)
def from_person(p: Person) -> Name:
    """The Unicode Name of a model Person (cached: the same author recurs); ' becomes ’."""
    return _from_person(p)


_SPACE_INITIALS = re.compile(r"\.(?=[^\W\d_])")


def _from_person(p: Person) -> Name:
    if p.literal:
        return Name(literal=to_unicode(p.literal))
    family = to_unicode(p.family)
    given = _SPACE_INITIALS.sub(". ", to_unicode(p.given))  # "D.R." -> "D. R."
    if not family and given:
        family, given = given, ""
    if family and not given and not p.particle and not p.suffix:
        # A single name (Homer, Aristotle) prints whole, like an organisation.
        return Name(literal=family)
    return Name(family=family, given=given, particle=to_unicode(p.particle), suffix=to_unicode(p.suffix))


class NameList(list):
    """An item's names, and ``more``: True when BibTeX's "and others" ended the list (et al.).

    "others" is never a Name: the list holds the names given, and every style prints its own
    et-al. term after them when ``more`` is set.
    """

    more = False  # set on the instance only when the list goes on (list's own constructor stays fast)


def names(persons) -> NameList:
    """Unicode Names for a list of Persons; BibTeX's "and others" becomes the list's ``more`` flag."""
    if not persons:
        return _NO_NAMES  # most entries have no editors or translators (never mutated: styles only read)
    if persons[-1].family == "others" and persons[-1].is_others:  # "and others" closes a BibTeX name list
        out = NameList([from_person(p) for p in persons if not p.is_others])
        out.more = True
        return out
    return NameList([from_person(p) for p in persons])


_NO_NAMES = NameList()


def more(people) -> bool:
    """True when a name list goes on beyond the names given ("and others")."""
    return getattr(people, "more", False)


_SPLIT_GIVEN = re.compile(r"[\s.]+")


@functools.lru_cache(maxsize=65536)
def initials(given: str, sep: str = ". ", end: str = ".", hyphen: str = "-") -> str:
    """Initials of a given name: "Chun-Jie" -> "C.-J.", "Mary Ann" -> "M. A." (with the default separators)."""
    out = []
    given = given.replace(".-", "-")  # "H.-C." is one hyphenated name
    for part in _SPLIT_GIVEN.split(given):
        if not part:
            continue
        if part[0] in "([":
            out.append(part.rstrip("." if part.endswith(")") else ""))  # a nickname stays whole: "J. (Yossi)"
            continue
        if "-" in part and hyphen is not None:
            subs = [s for s in part.split("-") if s]
            out.append((end + hyphen).join(_first(s) for s in subs) if subs else "")
        elif part[:1].islower() and len(part) > 1:
            continue  # a lowercase particle inside the given name ("de") is not an initial
        else:
            out.append(_first(part))
    if not out:
        return ""
    joiner = sep[len(end):] if end and sep.startswith(end) else sep
    return joiner.join(p if p[:1] in ("(", "[") else p + end for p in out)  # p may be "" (a name of punctuation)


def _first(word: str) -> str:
    # Keep digraphs an initial cannot split (Th, Ch) only when given as such: take the first letter.
    return word[:1].upper() if word[:1].isalpha() else word[:2]


def join(items: list[str], sep: str = ", ", last_sep: str = ", & ", two_sep: str | None = None) -> str:
    """Join names: "A, B, & C"; two names use ``two_sep`` (default: ``last_sep``)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return items[0] + (two_sep if two_sep is not None else last_sep) + items[1]
    return sep.join(items[:-1]) + last_sep + items[-1]
