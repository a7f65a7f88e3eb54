"""Proposed changes to an entry, field by field, and the provenance field that records them.

``provenance`` (the field solicite writes) says where resolved values came from, one
clause per application, separated by "; ": ``FIELDS from SERVICE on DATE (score S)``, e.g.
``doi, url from crossref on 2026-11-22 (score 0.97)``. Values the user typed never carry a
clause, so ``provenance`` tells machine-filled values from hand-written ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from solicite.model import LOST_LINK_FIELD, Reference

PROVENANCE_FIELD = "provenance"


@dataclass(frozen=True)
class Change:
    """One field: ``add`` (was empty), ``replace`` (--overwrite), ``keep`` (user's value kept), ``remove``."""

    field: str
    old: str
    new: str
    action: str

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {"field": self.field, "old": self.old, "new": self.new, "action": self.action}

    def lines(self) -> list[str]:
        """The change as unified-diff-like lines ("- field = {old}", "+ field = {new}")."""
        if self.action == "add":
            return [f"+ {self.field} = {{{self.new}}}"]
        if self.action == "remove":
            return [f"- {self.field} = {{{self.old}}}"]
        if self.action == "replace":
            return [f"- {self.field} = {{{self.old}}}", f"+ {self.field} = {{{self.new}}}"]
        return [f"  {self.field} = {{{self.old}}}  (kept; found {{{self.new}}}, use --overwrite to replace)"]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).strip("{}").lower() == " ".join(b.split()).strip("{}").lower()


def propose(ref: Reference, record: Reference, names: tuple[str, ...], *, overwrite: bool = False) -> list[Change]:
    """Changes that bring ``names`` from ``record`` into ``ref``; user values kept unless ``overwrite``."""
    changes: list[Change] = []
    for name in names:
        new = record.get(name)
        if not new:
            continue
        old = ref.get(name)
        if not old:
            changes.append(Change(name, "", new, "add"))
        elif not _same(old, new):
            changes.append(Change(name, old, new, "replace" if overwrite else "keep"))
    if ref.get(LOST_LINK_FIELD) and any(c.field == "url" and c.action in ("add", "replace") for c in changes):
        # The lost link is found again: the marker would now be false.
        changes.append(Change(LOST_LINK_FIELD, ref.get(LOST_LINK_FIELD), "", "remove"))
    return changes


def effective(changes: list[Change]) -> list[Change]:
    """The changes that modify the entry (not the ``keep`` notes)."""
    return [c for c in changes if c.action != "keep"]


def apply(ref: Reference, changes: list[Change], service: str, score: float | None = None,
          today: date | None = None) -> Reference:
    """A copy of ``ref`` with the changes made and a provenance clause appended."""
    new = ref.copy()
    written = []
    for c in effective(changes):
        if c.action == "remove":
            new.fields.pop(c.field, None)
        else:
            new.fields[c.field] = c.new
            written.append(c.field)
    if written:
        clause = f"{', '.join(written)} from {service} on {(today or date.today()).isoformat()}"
        if score is not None:
            clause += f" (score {score:.2f})"
        old = new.fields.get(PROVENANCE_FIELD, "")
        new.fields[PROVENANCE_FIELD] = f"{old}; {clause}" if old else clause
    return new
