"""One duplicate policy for every way entries enter a library (``add``, ``parse --add``, ``import``).

An incoming entry is already held when it has the same DOI, or the same normalised title, year
and first author's family name, or the same key for what is plainly the same work. Held entries
are skipped with a note unless duplicates are allowed; new ones are appended with a unique key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from solicite.doi import strip_doi
from solicite.codec import to_unicode
from solicite.model import Reference
from solicite.text import fold


class DuplicateBy(str, Enum):
    """What two entries share that makes them the same work."""

    KEY = "key"
    DOI = "doi"
    TITLE = "title"

    @property
    def reason(self) -> str:
        """The evidence in words, for notes to the user."""
        return {"key": "same key", "doi": "same DOI", "title": "same title, year and first author"}[self.value]


def signature(ref: Reference) -> tuple[str, str, str] | None:
    """Normalised (title, year, first author's family name), or None without a title."""
    title = re.sub(r"[^a-z0-9]+", "", fold(to_unicode(ref.get("title"))))
    if not title:
        return None
    people = ref.authors or ref.editors
    who = ""
    if people:
        p = people[0]
        who = re.sub(r"[^a-z0-9]+", "", fold(to_unicode(p.literal or p.family)))
    return title, ref.year, who


class DuplicateIndex:
    """Keys, DOIs and title signatures of a library, to tell whether a new entry is already in it."""

    def __init__(self, refs: Iterable[Reference] = ()) -> None:
        self.keys: dict[str, Reference] = {}
        self.dois: dict[str, str] = {}
        self.sigs: dict[tuple, str] = {}
        for ref in refs:
            self.add(ref)

    def add(self, ref: Reference) -> None:
        """Remember one entry."""
        self.keys.setdefault(ref.key, ref)
        doi = strip_doi(ref.get("doi")).lower()
        if doi:
            self.dois.setdefault(doi, ref.key)
        sig = signature(ref)
        if sig:
            self.sigs.setdefault(sig, ref.key)

    def match(self, ref: Reference) -> tuple[str, DuplicateBy] | None:
        """(existing key, what they share) when ref is already held, else None.

        The same key counts as a duplicate unless the two entries are plainly different works
        (different DOIs, or different titles): those are added under a suffixed key instead.
        """
        doi = strip_doi(ref.get("doi")).lower()
        sig = signature(ref)
        same = self.keys.get(ref.key) if ref.key else None
        if same is not None:
            other_doi = strip_doi(same.get("doi")).lower()
            other_sig = signature(same)
            # Titles differ unless one starts with the other (a subtitle left out is the same work).
            differs = (doi and other_doi and doi != other_doi) or (
                sig and other_sig and not (sig[0].startswith(other_sig[0]) or other_sig[0].startswith(sig[0])))
            if not differs:
                return ref.key, DuplicateBy.KEY
        if doi and doi in self.dois:
            return self.dois[doi], DuplicateBy.DOI
        if sig and sig in self.sigs:
            return self.sigs[sig], DuplicateBy.TITLE
        return None


@dataclass
class Skipped:
    """An incoming entry not added because the library already holds it."""

    ref: Reference
    duplicate_of: str
    by: DuplicateBy

    def note(self) -> str:
        """One line for the user: which entry, which held one, and why."""
        where = f"{self.ref.source}:{self.ref.line}: " if self.ref.source and self.ref.line else ""
        title = self.ref.text("title")
        name = self.ref.key or (repr(title if len(title) <= 50 else title[:49] + "\u2026") if title else "(no key)")
        return f"{where}{name} not added: the library has it as {self.duplicate_of} ({self.by.reason}); " \
               "--allow-duplicates adds it anyway"


@dataclass
class Merge:
    """What merging entries into a library did: (incoming entry, key given) added, and what was skipped."""

    added: list[tuple[Reference, str]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def merge_into(lib, refs: list[Reference], *, allow_duplicates: bool = False, progress=None) -> Merge:
    """Append refs to the Library ``lib`` under the duplicate policy; ``progress()`` is called per entry."""
    index = DuplicateIndex(lib.references)
    result = Merge()
    for ref in refs:
        hit = None if allow_duplicates else index.match(ref)
        if hit:
            result.skipped.append(Skipped(ref, *hit))
        else:
            key = lib.add(ref)
            index.add(ref.copy(key=key))
            result.added.append((ref, key))
        if progress is not None:
            progress()
    return result
