"""Canonical BibTeX for new and rewritten entries (the save itself is in ``safewrite``).

The canonical format (documented in the README)::

    @article{bauder2017sanctuary,
      author = {Bauder, Harald},
      title = {Sanctuary Cities: Policies and Practices in International Perspective},
      journal = {International Migration},
      year = {2017},
      month = mar,
    }

Lower-case type and field names, two-space indent, ``name = {value}``, a comma after
every field, the closing brace on its own line. Months that are English month names
are written as BibTeX's month macros. New entries put the common fields first
(``FIELD_ORDER``), then the rest in the order the Reference holds them; a rewritten
entry keeps its original field order and, for every field whose value did not change,
the exact text the user wrote (macros, quotes, ``#`` concatenation, line breaks).
"""

from __future__ import annotations

import re

from solicite.errors import UsageError
from solicite.dates import month_macro
from solicite.model import PERSON_FIELDS, Reference, join_names
from solicite.text import braces_balanced

FIELD_ORDER = (
    "author", "editor", "translator", "title", "subtitle", "booktitle", "journal", "journaltitle",
    "series", "edition", "volume", "number", "pages", "chapter", "publisher", "institution",
    "organization", "school", "address", "location", "type", "howpublished", "year", "month", "day",
    "date", "doi", "isbn", "issn", "url", "urldate", "keywords", "note",
)

_ORDERED = frozenset(FIELD_ORDER)
_PERSONS = frozenset(PERSON_FIELDS)
_BAD_KEY = re.compile(r"[ \t\r\n,{}]")


def format_value(name: str, value: str, *, key: str = "") -> str:
    """The BibTeX text of one field value: ``{value}``, or a month macro for English month names."""
    macro = month_macro(value) if name == "month" else None
    if macro:
        return macro
    if not braces_balanced(value):
        raise UsageError(f"the value of '{name}' in entry {key!r} has unbalanced braces and cannot be written",
                         hint="balance the { and } in that value")
    return "{" + value + "}"


def canonical_order(ref: Reference) -> list[str]:
    """Field names of a new entry in canonical order: common fields first, then the rest as held."""
    fields, persons = ref.fields, ref.persons
    present = fields.keys() | {k for k, v in persons.items() if v}
    first = [f for f in FIELD_ORDER if f in present]
    # A present field is in ``first`` exactly when FIELD_ORDER names it.
    rest = [f for f in (*persons, *fields) if f in present and f not in _ORDERED]
    return first + list(dict.fromkeys(rest))


def format_entry(ref: Reference, *, keep: dict[str, tuple[str, str]] | None = None,
                 order: list[str] | None = None, newline: str = "\n") -> str:
    """The canonical BibTeX text of one Reference.

    For an entry being rewritten, ``order`` is its original field order and ``keep`` maps the
    lower-case names of unchanged fields to (name as written, value as written): those keep
    the user's exact text.
    """
    if not ref.key or _BAD_KEY.search(ref.key):
        raise UsageError(f"cannot write an entry with the key {ref.key!r}",
                         hint="keys need at least one character and no spaces, commas or braces")
    lines = [f"@{ref.type.lower()}{{{ref.key},"]
    names = canonical_order(ref)
    if order:
        kept = [n for n in order if n in names]
        names = kept + [n for n in names if n not in kept]
    keep = keep or {}
    persons, fields = ref.persons, ref.fields
    for name in names:
        if name in keep:
            written_name, raw_value = keep[name]
            lines.append(f"  {written_name} = {raw_value},")
            continue
        if name in _PERSONS and name in persons:
            value = join_names(persons[name])
        else:
            value = fields.get(name, "")
        lines.append(f"  {name} = {format_value(name, value, key=ref.key)},")
    lines.append("}")
    return newline.join(lines)


def patch_entry(raw: str, fields: list, ref: Reference, original: Reference, *, key_end: int,
                newline: str = "\n") -> str:
    """Edit an entry's source text in place so that it says what ref says, changing as little as possible.

    ``fields`` are the entry's parsed fields (name, pieces, value as written, offset),
    ``original`` the Reference it was read as and ``key_end`` the offset just past its key.
    Unchanged fields keep every byte; a changed value is replaced where it stands; a dropped
    field loses its line; new fields go after the last kept field with the entry's own
    indentation (two spaces when it has none).
    """
    edits: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    anchor, anchor_comma = -1, True  # where new fields go: just past the last field that stays
    for name_w, _pieces, raw_value, offset in fields:
        name = name_w.lower()
        seen.add(name)
        vstart = raw.index(raw_value, offset + len(name_w))
        vend = vstart + len(raw_value)
        after = vend
        while after < len(raw) and raw[after] in " \t":
            after += 1
        has_comma = raw[after : after + 1] == ","
        seg_end = after + 1 if has_comma else vend
        is_person = name in PERSON_FIELDS
        new = ref.persons.get(name) if is_person else ref.fields.get(name)
        old = original.persons.get(name) if is_person else original.fields.get(name)
        if new is None or (is_person and not new):
            line_start = raw.rfind("\n", 0, offset) + 1
            line_end = raw.find("\n", seg_end)
            if raw[line_start:offset].strip() == "" and line_end >= 0 and raw[seg_end:line_end].strip() == "":
                edits.append((line_start, line_end + 1, ""))
            else:
                edits.append((offset, seg_end, ""))
            continue
        anchor, anchor_comma = seg_end, has_comma
        if new != old:
            text = new if isinstance(new, str) else join_names(new)
            edits.append((vstart, vend, format_value(name, text, key=ref.key)))
    added = [n for n in canonical_order(ref) if n not in seen]
    if added:
        items = []
        for name in added:
            value = join_names(ref.persons[name]) if name in PERSON_FIELDS and name in ref.persons else ref.fields[name]
            items.append(f"{name} = {format_value(name, value, key=ref.key)}")
        first = fields[0][3] if fields else -1
        line_start = raw.rfind("\n", 0, first) + 1 if first >= 0 else 0
        if first >= 0 and line_start and raw[line_start:first].strip() == "":
            sep = newline + raw[line_start:first]  # the entry's own indentation
        elif first >= 0 and anchor >= 0:
            sep = " "  # a one-line entry stays on one line
        else:
            sep = newline + "  "
        if anchor < 0:  # no field stays: new fields go right after the key
            anchor = key_end
            while anchor < len(raw) and raw[anchor] in " \t":
                anchor += 1
            anchor_comma = raw[anchor : anchor + 1] == ","
            anchor += anchor_comma
        text = ("" if anchor_comma else ",") + "".join(sep + item + "," for item in items)
        if sep.startswith(newline) and not raw[anchor:].lstrip(" \t").startswith(("\n", "\r")):
            text += newline  # keep the closing brace on its own line
        edits.append((anchor, anchor, text))
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        raw = raw[:start] + text + raw[end:]
    return raw
