"""Lint a library: missing required fields, bad years and identifiers, duplicates, malformed entries.

Findings are ``Diagnostic`` values; the CLI decides the exit status (1 when any is an error).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from solicite.casing import PROTECTED, case_risks
from solicite.codec import parse
from solicite.doi import DOI, has_prefix, strip_doi
from solicite.language import entry_language, is_english
from solicite.model import LOST_LINK_FIELD, Diagnostic, Reference, reading_problems
from solicite.codec import to_unicode
from solicite.text import braces_balanced, fold

# Required fields per type; each requirement is a tuple of alternatives (BibTeX and BibLaTeX names).
_AUTHOR = ("author",)
_TITLE = ("title",)
_YEAR = ("year", "date")
_JOURNAL = ("journal", "journaltitle")
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (_AUTHOR, _TITLE, _JOURNAL, _YEAR),
    "book": (("author", "editor"), _TITLE, _YEAR),
    "mvbook": (("author", "editor"), _TITLE, _YEAR),
    "booklet": (_TITLE,),
    "inbook": (("author", "editor"), _TITLE, ("chapter", "pages", "booktitle"), _YEAR),
    "incollection": (_AUTHOR, _TITLE, ("booktitle", "crossref"), _YEAR),
    "inproceedings": (_AUTHOR, _TITLE, ("booktitle", "crossref"), _YEAR),
    "conference": (_AUTHOR, _TITLE, ("booktitle", "crossref"), _YEAR),
    "manual": (_TITLE,),
    "mastersthesis": (_AUTHOR, _TITLE, ("school", "institution"), _YEAR),
    "phdthesis": (_AUTHOR, _TITLE, ("school", "institution"), _YEAR),
    "thesis": (_AUTHOR, _TITLE, ("school", "institution"), _YEAR),
    "proceedings": (_TITLE, _YEAR),
    "techreport": (_AUTHOR, _TITLE, ("institution",), _YEAR),
    "report": (_AUTHOR, _TITLE, ("institution",), _YEAR),
    "unpublished": (_AUTHOR, _TITLE, ("note",)),
    "online": (_TITLE, ("url", "doi", "eprint", LOST_LINK_FIELD)),
    "patent": (_AUTHOR, _TITLE, ("number",), _YEAR),
    "periodical": (_TITLE, _YEAR),
    "dataset": (_TITLE,),
    "software": (_TITLE,),
}
KNOWN_TYPES = frozenset(REQUIRED) | frozenset(
    "misc collection mvcollection mvproceedings mvreference reference inreference suppbook suppcollection "
    "suppperiodical bookinbook set xdata artwork audio bibnote commentary image jurisdiction legislation legal "
    "letter movie music performance review standard video electronic www webpage custom".split()
)
_YEAR_OK = re.compile(r"^\d{4}$")
_YEAR_SOFT = re.compile(r"^(?:\d{4}\s*[-/–]\s*\d{2,4}|forthcoming|in press|n\.\s*d\.|nd)$", re.IGNORECASE)
_NORM = re.compile(r"[^a-z0-9]+")


def isbn_valid(value: str) -> bool:
    """True when value is an ISBN-10 or ISBN-13 with a correct check digit (hyphens and spaces allowed)."""
    digits = re.sub(r"[\s-]", "", value).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def url_valid(value: str) -> bool:
    """True for an absolute http(s) or ftp URL with a host and no spaces."""
    value = value.strip()
    if not value or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https", "ftp") and bool(parts.netloc)


def _finding(ref: Reference, severity: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(severity, code, message, key=ref.key, source=ref.source, line=ref.line)


def lint_reference(ref: Reference) -> list[Diagnostic]:
    """Findings for one entry on its own (fields, identifiers, braces, type)."""
    out: list[Diagnostic] = []
    present = {name for name, value in ref.fields.items() if value.strip()} | {k for k, v in ref.persons.items() if v}
    if ref.type not in KNOWN_TYPES:
        out.append(_finding(ref, "warning", "unknown-type", f"unknown entry type @{ref.type}"))
    for alternatives in REQUIRED.get(ref.type, ()):
        if not present.intersection(alternatives):
            if alternatives[-1] == LOST_LINK_FIELD:
                continue
            out.append(_finding(ref, "error", "missing-field", f"@{ref.type} needs {' or '.join(alternatives)}"))
    if ref.type == "online" and LOST_LINK_FIELD in present and not present & {"url", "doi", "eprint"}:
        out.append(_finding(ref, "warning", "missing-link", f"its link was lost ({ref.fields[LOST_LINK_FIELD]}); `solicite resolve` can find it"))
    year = ref.fields.get("year", "").strip()
    if year and not _YEAR_OK.match(year):
        severity = "warning" if _YEAR_SOFT.match(year) else "error"
        out.append(_finding(ref, severity, "bad-year", f"year {year!r} is not a four-digit year"))
    doi = ref.fields.get("doi", "").strip()
    if doi:
        if has_prefix(doi):
            out.append(_finding(ref, "warning", "doi-prefix", f"doi {doi!r} should be the bare DOI (10.xxxx/...)"))
        if not DOI.match(strip_doi(doi)):
            out.append(_finding(ref, "error", "bad-doi", f"doi {doi!r} is not a DOI (10.NNNN/suffix)"))
    for isbn in re.split(r"[,;]\s*|\s{2,}", ref.fields.get("isbn", "").strip()):
        if isbn and not isbn_valid(isbn):
            out.append(_finding(ref, "error", "bad-isbn", f"isbn {isbn!r} has a wrong length or check digit"))
    url = ref.fields.get("url", "").strip()
    if url and not url_valid(url.replace("\\_", "_").replace("\\%", "%")):
        out.append(_finding(ref, "error", "bad-url", f"url {url!r} is not an absolute http(s) URL"))
    for name, value in ref.fields.items():
        if not braces_balanced(value):
            out.append(_finding(ref, "error", "unbalanced-braces", f"unbalanced braces in {name}"))
    return out + reading_problems(ref)


def duplicate_findings(refs: Iterable[Reference]) -> list[Diagnostic]:
    """Entries that are the same work: same DOI, or same normalised title, year and first author."""
    out: list[Diagnostic] = []
    # Only the first entry's key and place are kept, not the entry: refs may be read one at a time.
    seen_doi: dict[str, str] = {}
    seen_work: dict[tuple[str, str, str], str] = {}
    for ref in refs:
        mine = f"{ref.key} ({ref.location()})"
        doi = ref.fields.get("doi", "").strip().lower()
        if doi:
            first = seen_doi.setdefault(doi, mine)
            if first is not mine:
                out.append(_finding(ref, "error", "duplicate-doi", f"same DOI as {first}"))
                continue
        title = _NORM.sub(" ", fold(to_unicode(ref.fields.get("title", "")))).strip()
        people = ref.authors or ref.editors
        author = fold(people[0].literal or people[0].family) if people else ""
        if title:
            first = seen_work.setdefault((title, ref.year, author), mine)
            if first is not mine:
                out.append(_finding(ref, "error", "duplicate-entry", f"same title, year and first author as {first}"))
    return out


def duplicate_keys(library) -> list[Diagnostic]:
    """One finding per repeated key, naming every location."""
    return [Diagnostic("error", "duplicate-key", f"key {key!r} appears at lines {', '.join(map(str, lines))}",
                       key=key, source=library.source, line=lines[1])
            for key, lines in library.duplicates]


def encoding_findings(library) -> list[Diagnostic]:
    """A warning for a library that is not UTF-8: how solicite read it and how it saves it."""
    from solicite.bibfile.encoding import UTF8, describe

    encoding = getattr(library, "encoding", UTF8)
    if encoding == UTF8:
        return []
    return [Diagnostic("warning", "encoding", f"the file is {describe(encoding)}, not UTF-8: solicite shows and exports "
                       "it as Unicode and saves it in its own encoding (iconv converts it)", source=library.source, line=1)]


def lint_library(library) -> list[Diagnostic]:
    """Every finding for a loaded Library: read warnings, duplicate keys, per-entry checks, duplicate works."""
    findings = [d if d.code != "syntax" else Diagnostic("error", d.code, d.message, d.key, d.source, d.line, d.column)
                for d in library.diagnostics]
    findings += duplicate_keys(library)
    findings += encoding_findings(library)

    case = CaseCheck()

    def checked() -> Iterator[Reference]:
        # One pass over the entries, each read once and let go: a large library is never held whole.
        for ref in library.iter_references():
            findings.extend(lint_reference(library.with_crossref(ref) if "crossref" in ref.fields else ref))
            case.add(ref)
            yield ref

    duplicates = duplicate_findings(checked())  # also fills findings, entry by entry
    return findings + duplicates + case.findings()


class CaseCheck:
    """Titles in title case whose sentence case (APA, Harvard, IEEE, Vancouver) would lowercase a likely name.

    The library's own names are learnt on the same pass (``solicite.lexicon.LexiconBuilder``); a
    title is kept only while it has a risk by the shipped word lists, and checked again at the end
    against everything the library showed.
    """

    def __init__(self) -> None:
        from solicite.lexicon import LexiconBuilder

        self.builder = LexiconBuilder()
        self.suspects: list[tuple[Reference, tuple]] = []

    def add(self, ref: Reference) -> None:
        """Learn the entry's names, and keep its title when it may lose a name's capital."""
        self.builder.add(ref)
        value = ref.fields.get("title", "")
        if not value or not is_english(entry_language(ref.fields)):
            return
        pieces = tuple((t, bool(f & PROTECTED)) for t, f in parse(value))
        if case_risks(pieces):
            # Only what the diagnostic needs: the fields are let go with the entry.
            self.suspects.append((Reference(ref.type, ref.key, source=ref.source, line=ref.line), pieces))

    def findings(self) -> list[Diagnostic]:
        """One warning per title still at risk once the whole library's names are known."""
        if not self.suspects:
            return []
        lexicon = self.builder.lexicon()
        out = []
        for ref, pieces in self.suspects:
            # A word the library also writes in lower case ("interprocedural") is no name.
            words = [w for w in case_risks(pieces, lexicon) if not self.builder.lower[w.lower()]]
            if words:
                shown = ", ".join(dict.fromkeys(words))
                out.append(_finding(ref, "warning", "title-case-names",
                                    f"title in title case: sentence-case styles (APA, Harvard, IEEE, Vancouver) print "
                                    f"{shown} in lower case; brace the names to keep them ({{{words[0]}}}) or use "
                                    "--titles as-written"))
        return out
