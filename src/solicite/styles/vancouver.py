"""Vancouver (NLM): numbered in citation order, "1. Author AB. Title. Journal. 2017;55(2):174–87."."""

from __future__ import annotations

from solicite.richtext import Link, Part
from solicite.styles.base import Options, Style
from solicite.styles.build import Out
from solicite.styles.common import leading_names, labelled_number, edition, page_range, thesis_genre, title
from solicite.item import number_range
from solicite.styles.core import Item, type_name
from solicite.persons import Name, initials, more

SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def v_name(n: Name) -> str:
    if n.literal:
        return n.literal
    s = f"{n.family_full} {initials(n.given, sep='', end='', hyphen='')}".strip()
    return f"{s} {n.suffix.replace('.', '')}" if n.suffix else s


def v_names(people) -> str:
    names = [v_name(n) for n in people]
    if len(names) > 6 or more(people):
        return ", ".join(names[:6]) + ", et al"
    return ", ".join(names)


def v_date(d) -> str:
    if d is None or not d.year:
        return ""
    s = d.year + (f"\u2013{d.end_year}" if d.end_year else "")
    if d.month:
        s += f" {SHORT_MONTHS[d.month - 1]}"
        if d.day:
            s += f" {d.day}"
    return s


class Vancouver(Style):
    """Vancouver / NLM citation-sequence."""

    name = "vancouver"
    title = "Vancouver (NLM)"
    numeric = True

    def label(self, n: int) -> str:
        return f"{n}. "

    def numeric_cluster(self, cites) -> str:
        """Bracketed numbers, "[1,3]", runs collapsed "[1–3]", a locator after its number "[2 p. 12]".

        The NLM CSL style prints parentheses; Citing Medicine allows brackets or parentheses,
        and solicite's numeric styles all give "[1]" (issue 5), so brackets it is.
        """
        nums = [c.item.extra.get("number", 0) for c in cites]
        if any(c.locator for c in cites):
            return "[" + ",".join(f"{n} {self.locator(c.locator)}" if c.locator else str(n)
                                  for n, c in zip(nums, cites)) + "]"
        out, i = [], 0
        while i < len(nums):
            j = i
            while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
                j += 1
            out.append(f"{nums[i]}\u2013{nums[j]}" if j - i >= 2 else ",".join(str(n) for n in nums[i:j + 1]))
            i = j + 1
        return "[" + ",".join(out) + "]"

    def entry(self, item: Item, opts: Options) -> list[Part]:
        out = Out()
        kind = item.kind
        has_url = item.has("url") or bool(item.url and not item.doi)
        role = self._head(item, opts, out, has_url)
        if kind in ("article", "magazine", "newspaper", "periodical"):
            self._in_serial(item, opts, out, has_url)
        elif kind in ("chapter", "paper"):
            self._in_book(item, opts, out, has_url)
        elif kind == "patent":
            d = item.date
            out.add(", ".join(x for x in (item.text("number"), d.year if d and d.year else "") if x), " ")
            out.punct(".")
        else:
            self._standalone(item, opts, out, role)
        if item.url and (has_url or not item.doi):
            out.add(["Available from: ", Link(item.url)], " ")
        if item.doi:
            out.add(f"doi:{item.doi}", " ")
        return out.result()

    def _head(self, item: Item, opts: Options, out: Out, has_url: bool) -> str:
        """Names, title, a genre in brackets and "[Internet]"; return the role the names have."""
        kind = item.kind
        who, role = leading_names(item, v_names, (", editor", ", editors"), (", translator", ", translators"))
        out.add(who)
        out.punct(". ")
        out.add(title(item, opts), " ")
        if item.is_podcast and item.container_raw:
            # An episode's show follows its title, as the NLM style prints a broadcast's container.
            out.punct(". ")
            out.add(title(item, opts, raw=item.container_raw, case="as-is"))
        bracket = ""
        if kind == "thesis":
            bracket = f"[{thesis_genre(item)}]"
        elif kind in ("report", "patent") and item.text("type"):
            bracket = f"[{_genre(item.text('type'), lower=True)}]"
        out.add(bracket, " ")
        standalone = kind not in ("article", "magazine", "newspaper", "periodical", "chapter", "paper")
        if has_url and standalone:
            out.add("[Internet]", " ")
        out.punct(". ")
        return role

    def _in_serial(self, item: Item, opts: Options, out: Out, has_url: bool) -> None:
        """The journal, then "date;volume(issue):pages"."""
        out.add(_strip_periods(title(item, opts, raw=_container(item), case="as-is")))
        if has_url:
            out.add("[Internet]", " ")
        out.punct(". ")
        vol, iss = item.text("volume"), number_range(item.text("number") or item.text("issue"))
        s = v_date(item.date)
        loc = (item.journal_series.replace(" Series", " series") if vol and item.journal_series else "") + \
            (vol or "") + (f"({iss})" if iss else "")
        if loc:
            s = f"{s};{loc}" if s else loc
        pages = page_range(item.pages, "minimal")
        if pages:
            s += f":{pages}"
        out.add(s, " ")
        out.punct(".")

    def _in_book(self, item: Item, opts: Options, out: Out, has_url: bool) -> None:
        """"In: editors. Book title", its edition and imprint, the pages, then the series."""
        o = Out()
        o.add("In: ")
        if item.editors:
            o.add(v_names(item.editors) + (", editors" if len(item.editors) > 1 else ", editor"))
            o.punct(". ")
        o.add(title(item, opts, raw=_container(item)))
        if has_url:
            o.add("[Internet]", " ")
        out.add(o.result(), " ")
        out.punct(". ")
        ed = edition(item)
        out.add(ed, " ")
        out.punct(". ") if ed else None
        self._pub(item, out, item.date)
        pages = page_range(item.pages, "minimal")
        if pages:
            out.add(f"p. {pages}", " ")
            out.punct(".")
        self._series(item, out, opts)

    def _standalone(self, item: Item, opts: Options, out: Out, role: str) -> None:
        """Editors, volume, edition, imprint, page total or report number, then the series."""
        kind = item.kind
        if item.editors and role != "editor" and kind not in ("chapter", "paper"):
            out.add(v_names(item.editors) + (", editors" if len(item.editors) > 1 else ", editor"), " ")
            out.punct(". ")
        vol = item.text("volume")
        if vol and kind == "book" and not item.volume_in_title:
            out.add(f"Vol. {vol}", " ")
            out.punct(". ")
        ed = edition(item)
        out.add(ed, " ")
        out.punct(". ") if ed else None
        self._pub(item, out, item.date)
        if kind == "book" and item.text("pagetotal"):
            out.add(f"{item.text('pagetotal')} p.", " ")
        if kind == "report" and item.text("number"):
            typ = _genre(item.text("type")) or "Report"
            label, num = labelled_number(item.text("number"), " no.:", " nos.:")
            out.add(f"{typ}{label} {num}", " ")
            out.punct(".")
        self._series(item, out, opts)

    def _series(self, item: Item, out: Out, opts: Options) -> None:
        if item.series:
            num = item.text("number") if item.kind in ("book", "chapter", "paper") else ""
            out.add(["(", title(item, opts, raw=item.series), f"; no. {num}" if num else "", ")."], " ")

    def _pub(self, item: Item, out: Out, d) -> None:
        place, pub = item.place, item.publisher
        if place and item.kind == "thesis":
            place = f"[{place}]"
        s = f"{place}: {pub}" if place and pub else pub or place
        date = v_date(d) if item.kind in ("report", "magazine", "newspaper") else (
            d.year + (f"\u2013{d.end_year}" if d.end_year else "") if d and d.year else "")
        acc = item.urldate
        if acc and acc.year and item.url:
            date = f"{date} [cited {v_date(acc)}]".strip()
        if s and date:
            s = f"{s}; {date}"
        else:
            s = s or date
        out.add(s, " ")
        out.punct(".") if s else None


def _container(item: Item) -> str:
    return item.container_raw if item.kind not in ("audio", "video") else ""


def _genre(value: str, lower: bool = False) -> str:
    # BibLaTeX's type keys ("resreport") read as NLM prints them; a written type stays as written.
    name = type_name(value)
    if name == value:
        return value
    return name.lower() if lower else name[:1].upper() + name[1:].lower()


def _strip_periods(part):
    """NLM prints journal abbreviations without periods ("J Amer Math Soc")."""
    if isinstance(part, str):
        return part.replace(".", "")
    if isinstance(part, list):
        return [_strip_periods(p) for p in part]
    if hasattr(part, "children"):
        part.children = [_strip_periods(c) for c in part.children]
    return part


STYLE = Vancouver()
