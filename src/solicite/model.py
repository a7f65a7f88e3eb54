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

import functools
import re
from dataclasses import dataclass, field, replace

from solicite.depth import MAX_BRACE_DEPTH, brace_depth, too_deep
from solicite.names import is_fully_braced, parse_name, split_names  # noqa: F401  (split_names re-exported)

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


@dataclass(frozen=True)
class Person:
    """A person or organisation as BibTeX names them: family, given, particle, suffix, or a literal."""

    family: str = ""
    given: str = ""
    particle: str = ""  # the "von" part: van, de la, von
    suffix: str = ""  # the "Jr" part: Jr., III
    literal: str = ""  # a corporate or single name kept whole, written {UNHCR} in BibTeX

    @classmethod
    def from_bibtex(cls, name: str, problems: list[str] | None = None) -> "Person":
        """Parse one BibTeX name ("van der Walt, Stéfan", "{UNHCR}", "H. Bauder") into a Person.

        Never raises: a malformed name is read as well as BibTeX would, and the reason is
        appended to ``problems`` when given.
        """
        name = name.strip()
        person, problem = _read_person(name) if len(name) > _CACHED_NAME else _cached_person(name)
        if problem and problems is not None:
            problems.append(problem)
        return person

    @classmethod
    def of(cls, family: str, given: str = "", particle: str = "", suffix: str = "") -> "Person":
        """``Person(family, given, particle, suffix)``, made several times faster (for names read in bulk)."""
        # A frozen dataclass's __init__ sets each attribute through object.__setattr__; filling
        # __dict__ directly gives an identical, equal object.
        p = object.__new__(cls)
        p.__dict__.update(family=family, given=given, particle=particle, suffix=suffix, literal="")
        return p

    def to_bibtex(self) -> str:
        """Write the name in BibTeX's unambiguous "von Last, Jr, First" form."""
        if self.literal:
            return "{" + self.literal + "}"
        last = f"{self.particle} {self.family}".strip()
        if self.suffix:
            return f"{last}, {self.suffix}, {self.given}".rstrip(", ")
        return f"{last}, {self.given}" if self.given else last

    @property
    def is_others(self) -> bool:
        """True for BibTeX's "and others" (et al.): a marker that the list goes on, not a person."""
        return self.family == "others" and not (self.given or self.particle or self.suffix or self.literal)

    @property
    def is_literal(self) -> bool:
        """True for corporate and single names that must never be split or abbreviated."""
        return bool(self.literal)

    @property
    def sort_name(self) -> str:
        """The name as it sorts: family (or literal), then given."""
        return (self.literal or f"{self.family} {self.given}").strip()


def _read_person(name: str) -> tuple[Person, str]:
    """One stripped BibTeX name as a Person, and what was wrong with it ("" when nothing)."""
    if is_fully_braced(name):
        return Person(literal=name[1:-1]), ""
    parts = parse_name(name)
    return Person.of(parts.family, parts.given, parts.particle, parts.suffix), parts.problem


# The same author appears in many entries of a library (6,723 names for 10,758 mentions in
# ../shared/bib/plume-all.bib): a Person is immutable, so one read serves every mention.
_cached_person = functools.lru_cache(maxsize=16384)(_read_person)
_CACHED_NAME = 200  # characters; a longer "name" is read each time rather than kept


def parse_names(value: str, problems: list[str] | None = None) -> list[Person]:
    """Split an "and"-separated BibTeX name list, respecting braces, into Persons.

    What was wrong with a name (too many commas...) is appended to ``problems``; the name
    is still read as well as it can be, never raised.
    """
    if problems is not None and too_deep(value):
        problems.append(f"braces nested {brace_depth(value)} deep in a name list (more than {MAX_BRACE_DEPTH})")
    return [Person.from_bibtex(part, problems) for part in split_names(value)]


def named(persons: list[Person]) -> tuple[list[Person], bool]:
    """The persons without BibTeX's "and others" marker, and whether the list had one (et al.)."""
    kept = [p for p in persons if not p.is_others]
    return kept, len(kept) != len(persons)


def join_names(persons: list[Person]) -> str:
    """Write Persons back as a BibTeX " and "-separated list."""
    return " and ".join(p.to_bibtex() for p in persons)


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

    def as_dict(self, *, with_raw: bool = False) -> dict:
        """The one JSON shape of a Reference: key, type, fields, persons (non-empty parts), source, line.

        ``with_raw`` adds the text it was read from (``parse`` shows the reference it read).
        """
        out = {
            "key": self.key,
            "type": self.type,
            "fields": dict(self.fields),
            "persons": {role: [{k: v for k, v in vars(p).items() if v} for p in people]
                        for role, people in self.persons.items() if people},
            "source": self.source,
            "line": self.line,
        }
        if with_raw:
            out["raw"] = self.raw
        return out

    def copy(self, **changes) -> "Reference":
        """A copy with deep-copied fields and persons, and any attribute changed."""
        # What dataclasses.replace would build, at a fifth of its cost (every crossref child of every
        # export is copied). Private attributes (a loaded entry's unparsed names) are not carried over.
        new = object.__new__(type(self))
        new.__dict__.update({k: v for k, v in self.__dict__.items() if k[0] != "_"})
        new.__dict__.update(fields=dict(self.fields), persons={k: list(v) for k, v in self.persons.items()})
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


def reading_problems(ref: Reference) -> list[Diagnostic]:
    """What in ``ref`` could only be read approximately (a malformed name...), as warnings with file and line."""
    ref.persons  # name lists of a loaded entry are parsed on first use, which records their problems
    messages = list(ref.__dict__.get("_problems", ()))
    for name, value in ref.fields.items():
        if too_deep(value):
            messages.append(f"{name}: braces nested {brace_depth(value)} deep (more than {MAX_BRACE_DEPTH})")
    return [Diagnostic("warning", "unreadable-field", m, key=ref.key, source=ref.source, line=ref.line)
            for m in messages]

