"""CSL dates: reading CSL-JSON date values and rendering ``<date>`` with parts, ranges and seasons."""

from __future__ import annotations

import re

from solicite.csl.locale import NS, tag
from solicite.dates import month_number
from solicite.csl.output import drop_last, formatter, is_empty, strip_periods
from solicite.richtext import last_char
from solicite.csl.textcase import apply_case

_LEVELS = {"year-month-day": ("year", "month", "day"), "year-month": ("year", "month"), "year": ("year",)}


class DateValue:
    """A parsed date: start and optional end (year, month, day; 0 when absent), season, circa, literal."""

    __slots__ = ("start", "end", "season", "circa", "literal")

    def __init__(self, start, end=None, season=None, circa=False, literal="") -> None:
        self.start, self.end, self.season, self.circa, self.literal = start, end, season, circa, literal

    def sort_key(self, parts=("year", "month", "day")) -> str:
        """A string that sorts dates chronologically (BC years first), on the parts given."""
        if not self.start:
            return ""
        y, m, d = self.start
        m = m if m <= 12 and "month" in parts else 0
        d = d if "day" in parts else 0
        key = f"{y + 50000:06d}{m:02d}{d:02d}"
        if self.end:
            ey, em, ed = self.end
            key += f"{ey + 50000:06d}{em if em <= 12 else 0:02d}{ed:02d}"
        return key


def _int(v) -> int:
    try:
        return int(str(v).strip())
    except (TypeError, ValueError):
        return 0


def _triple(parts) -> tuple[int, int, int] | None:
    nums = [_int(p) for p in list(parts)[:3]]
    if not nums or nums[0] == 0 and len(nums) == 1 and not str(parts[0]).strip():
        return None
    while len(nums) < 3:
        nums.append(0)
    return nums[0], nums[1], nums[2]


def read_date(value) -> DateValue | None:
    """A DateValue from a CSL-JSON date (date-parts, raw or literal), None when empty."""
    if not value:
        return None
    if isinstance(value, str):
        value = {"raw": value}
    circa = bool(value.get("circa"))
    season = value.get("season")
    parts = value.get("date-parts")
    if parts and parts[0] and str(parts[0][0]).strip():
        start = _triple(parts[0])
        end = _triple(parts[1]) if len(parts) > 1 and parts[1] else None
        if end == start or (end is not None and end[0] == 0 and len(parts[1]) > 1):
            end = None
        return DateValue(start, end, season, circa)
    if value.get("literal"):
        return DateValue(None, literal=str(value["literal"]), circa=circa)
    raw = value.get("raw")
    if raw:
        pieces = str(raw).split("/")
        start = _parse_raw(pieces[0])
        if start is None:
            return DateValue(None, literal=str(raw), circa=circa)
        end = _parse_raw(pieces[1]) if len(pieces) > 1 else None
        return DateValue(start, end, season, circa)
    if season:
        return DateValue(None, literal="", season=season, circa=circa)
    return None


_WORDY = re.compile(r"\s*(?:(\d{1,2})\s+)?([A-Za-z]{3,}\.?)\s+(?:(\d{1,2}),?\s+)?(\d{4})\s*")


def _parse_raw(text: str):
    """(year, month, day) from "1992-06-01", "June 1992", "12 June 1992" or "June 12, 1992"; else None."""
    m = re.fullmatch(r"\s*(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*", text)
    if m:
        return (int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0))
    m = _WORDY.fullmatch(text)
    month = month_number(m.group(2)) if m else None
    if not m or not month or (m.group(1) and m.group(3)):
        return None  # a word that is not a month, or two days: left as written
    return (int(m.group(4)), month, int(m.group(1) or m.group(3) or 0))


def compile_date(compiler, el):
    """The callable for a ``<date>`` element."""
    var = el.get("variable")
    form = el.get("form")
    style = compiler.style
    own = {p.get("name"): p for p in el if tag(p) == "date-part"}
    if form:
        loc = style.locale.date_format(form)
        wanted = _LEVELS.get(el.get("date-parts", "year-month-day"), _LEVELS["year-month-day"])
        parts = []
        for p in (list(loc) if loc is not None else []):
            name = p.get("name")
            if tag(p) != "date-part" or name not in wanted:
                continue
            attrs = dict(p.attrib)
            if name in own:
                attrs.update({k: v for k, v in own[name].attrib.items() if k not in ("prefix", "suffix")})
            parts.append(attrs)
        delimiter = loc.get("delimiter", "") if loc is not None else ""
    else:
        parts = [dict(p.attrib) for p in el if tag(p) == "date-part"]
        delimiter = el.get("delimiter", "")
    joiner = compiler.joiner
    renderers = [(p["name"], _part_renderer(p, joiner), p) for p in parts]
    shown = frozenset(p["name"] for p in parts)

    def run(ctx):
        ctx.called += 1
        value = ctx.value(var)
        date = read_date(value) if value is not None else None
        if date is None:
            return ""
        ctx.note(var)
        if date.start is None:
            out = date.literal
        elif ctx.sorting:
            out = date.sort_key(shown)
        else:
            out = _render(ctx, date, renderers, delimiter, joiner, style)
        if not is_empty(out):
            ctx.rendered += 1
        return out

    outer = dict(el.attrib)
    if form:
        # The localized format's own affixes do not apply; the style's element does.
        pass
    return compiler.decorate(_Attrs(outer), run)


class _Attrs:
    """A stand-in for an element: ``decorate`` only reads attributes."""

    def __init__(self, attrib: dict) -> None:
        self.attrib = attrib

    def get(self, key, default=None):
        return self.attrib.get(key, default)


def _part_renderer(attrs: dict, joiner):
    name, form = attrs["name"], attrs.get("form")
    fmt = formatter(attrs)
    case = attrs.get("text-case")
    strip = attrs.get("strip-periods") == "true"
    prefix, suffix = attrs.get("prefix", ""), attrs.get("suffix", "")

    def run(ctx, triple, season, affixes=(True, True)):
        text = _part_text(ctx, name, form, triple, season)
        if not text:
            return ""
        part = text
        if case:
            part = apply_case(part, case)
        if strip:
            part = strip_periods(part)
        if fmt:
            part = fmt(part)
        return joiner.affix(prefix if affixes[0] else "", part, suffix if affixes[1] else "")
    return run


def _part_text(ctx, name, form, triple, season) -> str:
    y, m, d = triple
    loc = ctx.locale
    if name == "year":
        if not y:
            return ""
        if form == "short":
            return f"{abs(y) % 100:02d}"
        if y < 0 or y < 1000:
            return f"{abs(y)}{loc.term('bc' if y < 0 else 'ad') or ''}"
        return str(y)
    if name == "month":
        if 13 <= m <= 16 or 21 <= m <= 24 or (not m and season):
            n = (m - 12 if m <= 16 else m - 20) if m else _int(season)
            if not n:
                return str(season)
            return loc.term(f"season-{n:02d}") or ""
        if not m:
            return ""
        if form in ("numeric", "numeric-leading-zeros"):
            return f"{m:02d}" if form == "numeric-leading-zeros" else str(m)
        return loc.term(f"month-{m:02d}", "short" if form == "short" else "long") or ""
    if name == "day":
        if not d or not m or m > 12:
            return ""
        if form == "numeric-leading-zeros":
            return f"{d:02d}"
        if form == "ordinal":
            from solicite.csl.numbers import ordinal_suffix
            if d != 1 and loc.options.get("limit-day-ordinals-to-day-1") == "true":
                return str(d)
            return f"{d}{ordinal_suffix(d, loc, loc.gender_of(f'month-{m:02d}'))}"
        return str(d)
    return ""


def _render(ctx, date: DateValue, renderers, delimiter, joiner, style):
    start = date.start
    season = date.season
    if date.end and date.end[0] == 0:
        # An open range ("1987–"): the start and the range delimiter.
        return [_render(ctx, DateValue(start, None, season), renderers, delimiter, joiner, style), "\u2013"]
    if date.end:
        end = date.end
        differs = [n for n, i in (("year", 0), ("month", 1), ("day", 2)) if start[i] != end[i]]
        shown = [n for n, _, _ in renderers]
        largest = next((n for n in differs if n in shown), None)
        if largest is not None:
            return _render_range(ctx, date, renderers, delimiter, joiner, largest, style)
    pieces = []
    for name, fn, _attrs in renderers:
        piece = fn(ctx, start, season)
        if name == "year" and not is_empty(piece):
            piece = _with_suffix(ctx, piece, style)
        pieces.append(piece)
    return joiner.join(pieces, delimiter)


def _with_suffix(ctx, piece, style):
    if ctx.year_suffix and not ctx.suffix_done and not style.uses_year_suffix:
        ctx.suffix_done = True
        return [piece, ctx.year_suffix]
    return piece


def _render_range(ctx, date, renderers, delimiter, joiner, largest, style):
    level = {"year": 0, "month": 1, "day": 2}[largest]
    ranged = {n for n in ("year", "month", "day")[level:]}
    names = [n for n, _, _ in renderers]
    idx = [i for i, n in enumerate(names) if n in ranged]
    lo, hi = min(idx), max(idx)
    range_delim = next((a.get("range-delimiter") for n, _, a in renderers if n == largest), None) or "\u2013"
    out = []
    for i, (name, fn, _a) in enumerate(renderers):
        if i < lo or i > hi:
            piece = fn(ctx, date.start, date.season)
            if name == "year":
                piece = _with_suffix(ctx, piece, style)
            out.append(piece)
        elif i == lo:
            first = joiner.join([fn2(ctx, date.start, date.season, (True, j != hi))
                                 for j, (_, fn2, _) in enumerate(renderers) if lo <= j <= hi], delimiter)
            second = joiner.join([fn2(ctx, date.end, date.season, (j != lo, True))
                                  for j, (_, fn2, _) in enumerate(renderers) if lo <= j <= hi], delimiter)
            while last_char(first).isspace():
                first = drop_last(first)  # the run's last printed part may not be its last part
            if "year" in names[lo:hi + 1]:
                second = [second, ctx.year_suffix] if (ctx.year_suffix and not ctx.suffix_done
                                                      and not style.uses_year_suffix) else second
                if ctx.year_suffix and not style.uses_year_suffix:
                    ctx.suffix_done = True
            out.append([first, range_delim, second])
    return joiner.join(out, delimiter)


__all__ = ["DateValue", "read_date", "compile_date", "NS"]
