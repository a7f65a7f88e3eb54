"""Crossref inheritance, written once: a child entry takes what it lacks from its parent.

BibLaTeX's default inheritance rules, as far as styles and exports need them: an ``in*`` child
(inproceedings, incollection, inbook...) reads the parent's ``title`` and ``subtitle`` as its
``booktitle`` and ``booksubtitle`` (so the child's own title never gets the parent's subtitle
glued to it) and does not take the parent's authors; ``crossref``, ``ids`` and ``keywords`` are
never inherited. Keys match case-insensitively, as BibTeX matches them.
"""

from __future__ import annotations

from typing import Callable, Iterable

from solicite.model import Reference

_INHERIT_AS = {"title": "booktitle", "subtitle": "booksubtitle"}
_NEVER = frozenset(("crossref", "ids", "keywords"))


def parent_key(ref: Reference) -> str:
    """The key named by the entry's ``crossref`` field, stripped ("" when there is none)."""
    return ref.fields.get("crossref", "").strip()


def inherit(child: Reference, parent: Reference) -> Reference:
    """A copy of ``child`` with the fields and names it lacks filled from ``parent``."""
    merged = child.copy()
    contained = child.type.startswith("in")
    for name, value in parent.fields.items():
        target = _INHERIT_AS.get(name, name) if contained else name
        if target not in merged.fields and name not in _NEVER:
            merged.fields[target] = value
    for role, people in parent.persons.items():
        if role not in merged.persons and not (role == "author" and contained):
            merged.persons[role] = people
    return merged


def resolve(ref: Reference, lookup: Callable[[str], Reference | None]) -> Reference:
    """The entry with its crossref parent merged in, when ``lookup`` finds the parent (else unchanged)."""
    key = parent_key(ref)
    parent = lookup(key) if key else None
    return inherit(ref, parent) if parent is not None else ref


def resolve_all(refs: Iterable[Reference]) -> list[Reference]:
    """Every entry with its parent (found among ``refs``, case-insensitively) merged in."""
    refs = list(refs)
    by_key = {r.key.lower(): r for r in refs}
    return [resolve(r, lambda k: by_key.get(k.lower())) for r in refs]
