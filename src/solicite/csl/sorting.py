"""CSL sorting: keys from variables or macros, ascending or descending, empty values last."""

from __future__ import annotations

import re
import unicodedata
from functools import cmp_to_key

from solicite.csl.context import DATE_VARIABLES, NAME_VARIABLES, NUMBER_VARIABLES, Ctx
from solicite.csl.dates import read_date
from solicite.csl.names import sort_name, split_particles
from solicite.richtext import plain

_IGNORED = re.compile(r"[\[\]\"'\u2018\u2019\u201c\u201d\u00ab\u00bb()]")


def text_key(text: str) -> str:
    """A string key that compares the way people expect: case, accents and quotes ignored."""
    text = unicodedata.normalize("NFKD", _IGNORED.sub("", text))
    return "".join(c for c in text if not unicodedata.combining(c)
                   and not unicodedata.category(c).startswith("P")).casefold().strip()


def _name_key(names: list, opts: dict, demote: str) -> str:
    use = names
    first = int(opts.get("names-use-first") or 0)
    if first and len(names) >= int(opts.get("names-min") or 0):
        use = names[:first] + (names[-1:] if opts.get("names-use-last") == "true" and first < len(names) else [])
    out = []
    for n in use:
        n = split_particles(n)
        out.append(n["literal"] if n.get("literal") else sort_name(n, demote))
    return "  ".join(out)


def item_key(style, layout, mode: str, item: dict, extra: dict, k: int):
    """The item's k-th sort key: a (kind, value) pair, None when empty."""
    var, macro, _desc, opts = layout.sort_keys[k]
    ctx = Ctx(style, item, mode, extra.get("cite"))
    ctx.citation_number = extra.get("citation-number")
    if macro is not None:
        ctx.sorting = True
        ctx.sort_names = opts or {"sort": True}
        text = plain(macro(ctx)).strip()
        return _typed(text) if text else None
    value = ctx.value(var)
    if value is None:
        return None
    if var in NAME_VARIABLES:
        return (1, text_key(_name_key(value, opts, style.demote_particle))) if isinstance(value, list) else None
    if var in DATE_VARIABLES:
        date = read_date(value)
        return (0, date.sort_key()) if date and date.start else None
    if var in NUMBER_VARIABLES or var == "citation-number":
        m = re.match(r"\s*(\d+)", str(value))
        return (0, f"{int(m.group(1)):012d}") if m else (1, text_key(str(value)))
    return (1, text_key(plain(_markup_free(str(value)))))


_UNSET = object()


class LazyKeys:
    """An item's sort keys, each computed the first time a comparison reaches it.

    Most items differ on their first key (the author), so later keys (a title macro) are
    rendered only for the items that tie.
    """

    __slots__ = ("args", "keys")

    def __init__(self, style, layout, mode: str, item: dict, extra: dict) -> None:
        self.args = (style, layout, mode, item, extra)
        self.keys = [_UNSET] * len(layout.sort_keys)

    def __getitem__(self, k: int):
        value = self.keys[k]
        if value is _UNSET:
            value = self.keys[k] = item_key(*self.args, k)
        return value


def _markup_free(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def _typed(text: str):
    if re.fullmatch(r"-?\d+", text):
        return (0, f"{int(text) + 10**11:012d}")
    return (1, text_key(text))


def sort_entries(entries: list, keys_of, descending: list[bool]) -> list:
    """Entries sorted by their keys (stable: ties keep their order); ``keys_of(e)[k]`` is e's k-th key."""
    keys = [keys_of(e) for e in entries]  # fetched once per entry, not per comparison
    order = list(range(len(entries)))
    flags = list(enumerate(descending))

    def cmp(a, b):
        ka, kb = keys[a], keys[b]
        for k, desc in flags:
            x, y = ka[k], kb[k]
            if x == y:
                continue
            if x is None:
                return 1
            if y is None:
                return -1
            r = -1 if x < y else 1
            return -r if desc else r
        return 0
    return [entries[i] for i in sorted(order, key=cmp_to_key(cmp))]
