"""The one data model: a bibliographic Reference and the Persons in it.

Every stage reads and writes ``Reference``: the parser makes them from free text, the
library file (``solicite.bibfile``) loads and saves them, resolvers fill them, the checker
reads their links, styles format them and exporters convert them.

Conventions, relied on by every stage:

* ``type`` is the lower-case BibTeX/BibLaTeX entry type (``article``, ``online``...).
* ``fields`` maps lower-case field names to values as written in BibTeX, with macros
  expanded and the outer delimiters removed; LaTeX and inner braces are kept
  (``{DNA} of Gonz{\\'a}lez``). Use :meth:`Reference.text` for a Unicode reading.
  Person fields (author, editor, ...) are *not* in ``fields``; they are in ``persons``.
* ``doi`` is bare (``10.1073/pnas.2014673117``), never a ``https://doi.org/`` URL.
* ``keywords`` is a comma-separated list; the parser stores the show-notes section there.
* ``lostlink`` records that a link stood in the source text but no URL survived; its value
  is the marker that was found (``external link``, ``PDF file``). ``check`` warns on it and
  ``resolve`` tries to fill it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

# BibTeX and BibLaTeX fields that hold "and"-separated name lists.
PERSON_FIELDS: tuple[str, ...] = (
    "author",
    "editor",
    "translator",
    "bookauthor",
    "editora",
    "editorb",
    "editorc",
    "annotator",
    "commentator",
    "introduction",
    "foreword",
    "afterword",
    "holder",
)

LOST_LINK_FIELD = "lostlink"

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Person:
    """A person or organisation as BibTeX names them: family, given, particle, suffix, or a literal."""

    family: str = ""
    given: str = ""
    particle: str = ""  # the "von" part: van, de la, von
    suffix: str = ""  # the "Jr" part: Jr., III
    literal: str = ""  # a corporate or single name kept whole, written {UNHCR} in BibTeX

    @classmethod
    def from_bibtex(cls, name: str) -> "Person":
        """Parse one BibTeX name ("van der Walt, Stéfan", "{UNHCR}", "H. Bauder") into a Person."""
        name = name.strip()
        if _is_fully_braced(name):
            return cls(literal=name[1:-1])
        if "{" not in name and "\\" not in name:
            # Plain names (the vast majority) take a port of pybtex's rules that is ~10x faster;
            # tests/test_names.py checks it agrees with pybtex on every name of the corpora.
            return _plain_person(cls, name)
        from pybtex.database import Person as PybtexPerson  # lazy: pybtex is slow to import

        p = PybtexPerson(name)
        return cls(
            family=" ".join(p.last_names),
            given=" ".join(p.first_names + p.middle_names),
            particle=" ".join(p.prelast_names),
            suffix=" ".join(p.lineage_names),
        )

    def to_bibtex(self) -> str:
        """Write the name in BibTeX's unambiguous "von Last, Jr, First" form."""
        if self.literal:
            return "{" + self.literal + "}"
        last = f"{self.particle} {self.family}".strip()
        if self.suffix:
            return f"{last}, {self.suffix}, {self.given}".rstrip(", ")
        return f"{last}, {self.given}" if self.given else last

    @property
    def is_literal(self) -> bool:
        """True for corporate and single names that must never be split or abbreviated."""
        return bool(self.literal)

    @property
    def sort_name(self) -> str:
        """The name as it sorts: family (or literal), then given."""
        return (self.literal or f"{self.family} {self.given}").strip()


_NAME_SEP = re.compile(r"[\s~]+")


def _is_von(word: str) -> bool:
    # pybtex.database.Person.is_von_name for a word without braces: the first letter decides.
    for ch in word:
        if ch.isalpha():
            return ch.islower()
    return False


_INITIAL = re.compile(r"(?:^|(?<=\s))\S")


def _capitalised(text: str) -> bool:
    # Every word starts with an upper-case letter: then no word is a "von" word. One C-level
    # findall instead of a Python loop over the words.
    first = "".join(_INITIAL.findall(text))
    return first.isalpha() and first.isupper()


def _make_person(cls, family: str, given: str, particle: str = "", suffix: str = "") -> "Person":
    # A frozen dataclass's __init__ sets each attribute through object.__setattr__; filling
    # __dict__ directly is several times faster and gives an identical, equal object.
    p = object.__new__(cls)
    p.__dict__.update(family=family, given=given, particle=particle, suffix=suffix, literal="")
    return p


def _plain_person(cls, name: str) -> "Person":
    """BibTeX's name rules for names without braces or TeX commands (First von Last / von Last, Jr, First)."""
    if "~" not in name:  # "~" also separates words in BibTeX: such names take the general path
        head, comma, tail = name.partition(",")
        if comma and "," not in tail:
            # The commonest shape, "Family, Given": a von part needs a family word that starts lower-case.
            if _capitalised(head):
                return _make_person(cls, " ".join(head.split()), " ".join(tail.split()))
        elif not comma and _capitalised(name):
            given, _, family = " ".join(name.split()).rpartition(" ")
            return _make_person(cls, family, given)
    parts = [p.strip() for p in name.split(",")]
    if len(parts) > 3:
        parts = parts[:2] + [" ".join(parts[2:])]
    words = [[w for w in _NAME_SEP.split(p) if w] for p in parts]
    first: list[str] = []
    lineage: list[str] = []
    if len(parts) == 1:
        ws = words[0]
        i = next((k for k, w in enumerate(ws) if _is_von(w)), len(ws))
        first, von_last = ws[:i], ws[i:]
        if not von_last and first:
            von_last = [first.pop()]
    else:
        von_last = words[0]
        first = words[-1]
        if len(parts) == 3:
            lineage = words[1]
    von: list[str] = []
    last = von_last[-1:]
    head = von_last[:-1]
    if head:
        # The von part runs up to the last von word among all but the last word.
        k = next((len(head) - j for j, w in enumerate(reversed(head)) if _is_von(w)), 0)
        von, last = head[:k], head[k:] + last
    return _make_person(cls, " ".join(last), " ".join(first), " ".join(von), " ".join(lineage))


def parse_names(value: str) -> list[Person]:
    """Split an "and"-separated BibTeX name list, respecting braces, into Persons."""
    return [Person.from_bibtex(part) for part in split_names(value)]


def split_names(value: str) -> list[str]:
    """Split a BibTeX name list on top-level " and " (never inside braces)."""
    if "{" not in value:
        return [p for p in (x.strip() for x in _AND.split(value)) if p]
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    lower = value.lower()
    while i < len(value):
        ch = value[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and lower.startswith("and", i) and i > 0 and value[i - 1].isspace():
            end = i + 3
            if end < len(value) and value[end].isspace():
                parts.append(value[start:i].strip())
                start = end
                i = end
                continue
        i += 1
    parts.append(value[start:].strip())
    return [p for p in parts if p]


def join_names(persons: list[Person]) -> str:
    """Write Persons back as a BibTeX " and "-separated list."""
    return " and ".join(p.to_bibtex() for p in persons)


def _is_fully_braced(text: str) -> bool:
    if len(text) < 2 or text[0] != "{" or text[-1] != "}":
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and i < len(text) - 1:
            return False
    return True


@dataclass
class Reference:
    """One bibliographic reference: type, key, fields, persons, and where it came from."""

    type: str
    key: str
    fields: dict[str, str] = field(default_factory=dict)
    persons: dict[str, list[Person]] = field(default_factory=dict)
    raw: str = ""  # the source text it was read from: a BibTeX block or a free-text reference
    source: str = ""  # file it was read from ("" when built in memory, "-" for stdin)
    line: int = 0  # 1-based line of ``raw`` in ``source`` (0 when unknown)

    def get(self, name: str, default: str = "") -> str:
        """The field's value as written (LaTeX kept), or ``default``."""
        return self.fields.get(name, default)

    def text(self, name: str) -> str:
        """The field's value as Unicode text: LaTeX decoded and grouping braces removed."""
        from solicite.codec import to_unicode

        if name in PERSON_FIELDS:
            people = self.persons.get(name, [])
            return to_unicode(" and ".join(p.literal or f"{p.given} {p.particle} {p.family} {p.suffix}" for p in people))
        return to_unicode(self.fields.get(name, ""))

    @property
    def authors(self) -> list[Person]:
        """The author list (may be empty)."""
        return self.persons.get("author", [])

    @property
    def editors(self) -> list[Person]:
        """The editor list (may be empty)."""
        return self.persons.get("editor", [])

    @property
    def year(self) -> str:
        """The year from ``year`` or the start of a BibLaTeX ``date``, or ""."""
        year = self.fields.get("year", "")
        if not year:
            m = re.match(r"\s*(\d{4})", self.fields.get("date", ""))
            year = m.group(1) if m else ""
        return year.strip()

    @property
    def keywords(self) -> list[str]:
        """The comma-separated ``keywords`` as a list, stripped."""
        return [k.strip() for k in self.fields.get("keywords", "").split(",") if k.strip()]

    def location(self) -> str:
        """``source:line`` for messages, or the key when it was built in memory."""
        if self.source and self.line:
            return f"{self.source}:{self.line}"
        return self.source or self.key

    def as_dict(self) -> dict:
        """A JSON-ready dict: key, type, fields, persons (each a dict of its non-empty parts), source, line."""
        return {
            "key": self.key,
            "type": self.type,
            "fields": dict(self.fields),
            "persons": {role: [{k: v for k, v in vars(p).items() if v} for p in people] for role, people in self.persons.items()},
            "source": self.source,
            "line": self.line,
        }

    def copy(self, **changes) -> "Reference":
        """A copy with deep-copied fields and persons, and any attribute changed."""
        new = replace(self, fields=dict(self.fields), persons={k: list(v) for k, v in self.persons.items()})
        return replace(new, **changes) if changes else new


@dataclass(frozen=True)
class Diagnostic:
    """A problem found during batch work (parse warning, lint finding), returned as a value."""

    severity: str  # "error", "warning" or "info"
    code: str  # short stable identifier, e.g. "missing-field", "bad-doi"
    message: str
    key: str = ""
    source: str = ""
    line: int = 0
    column: int = 0

    def location(self) -> str:
        """``source:line:column`` as far as known."""
        return ":".join(str(p) for p in (self.source, self.line or "", self.column or "") if p != "")

    def as_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "key": self.key,
            "source": self.source,
            "line": self.line,
            "column": self.column,
        }


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")


def month_number(value: str) -> int | None:
    """The month 1-12 from "3", "mar", "March" or "Mar.", or None."""
    v = value.strip().strip(".{}").lower()
    if v.isdigit():
        n = int(v)
        return n if 1 <= n <= 12 else None
    for i, name in enumerate(MONTHS, 1):
        if len(v) >= 3 and name.startswith(v):
            return i
    return None
