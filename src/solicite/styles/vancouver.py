"""Vancouver (NLM): numbered in citation order, "1. Author AB. Title. Journal. 2017;55(2):174–87."."""

from __future__ import annotations

from solicite.richtext import Link, Part
from solicite.styles.base import Options, Style
from solicite.styles.build import Out
from solicite.styles.common import edition, page_range, title
from solicite.styles.core import Item, type_name
from solicite.styles.names import Name, initials

SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def v_name(n: Name) -> str:
    if n.literal:
        return n.literal
    s = f"{n.family_full} {initials(n.given, sep='', end='', hyphen='')}".strip()
    return f"{s} {n.suffix.replace('.', '')}" if n.suffix else s


def v_names(people) -> str:
    names = [v_name(n) for n in people]
    if len(names) > 6:
        return ", ".join(names[:6]) + ", et al"
    return ", ".join(names)


def v_date(d) -> str:
    if d is None or not d.year:
        return ""
    s = d.year
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

    def entry(self, item: Item, opts: Options) -> list[Part]:
        out = Out()
        kind = item.kind
        d = item.date
        who = v_names(item.authors)
        if not who and item.editors and kind not in ("chapter", "paper"):
            who = v_names(item.editors) + (", editors" if len(item.editors) > 1 else ", editor")
        out.add(who)
        out.punct(". ")
        out.add(title(item, opts), " ")
        bracket = ""
        if kind == "thesis":
            bracket = "[Master\u2019s thesis]" if item.ref.type == "mastersthesis" else "[PhD thesis]"
        elif kind == "report" and item.text("type"):
            bracket = f"[{type_name(item.text('type'))}]"
        out.add(bracket, " ")
        online = bool(item.url) and not item.doi and kind not in ("article",)
        if online and kind in ("webpage", "misc", "report", "audio", "video", "software", "dataset"):
            out.add("[Internet]", " ")
        out.punct(". ")
        cont = item.container_raw
        pages = page_range(item.pages, "minimal")
        if kind in ("article", "magazine", "newspaper", "periodical"):
            out.add(title(item, opts, raw=cont, case="as-is"))
            if kind == "newspaper" and item.url:
                out.add("[Internet]", " ")
            out.punct(". ")
            vol, iss = item.text("volume"), item.text("number") or item.text("issue")
            s = v_date(d) if kind in ("magazine", "newspaper") else (d.year if d else "")
            loc = (vol or "") + (f"({iss})" if iss else "")
            if loc:
                s = f"{s};{loc}" if s else loc
            if pages:
                s += f":{pages}"
            out.add(s, " ")
            out.punct(".")
        elif kind in ("chapter", "paper"):
            o = Out()
            o.add("In: ")
            if item.editors:
                o.add(v_names(item.editors) + (", editors" if len(item.editors) > 1 else ", editor"))
                o.punct(". ")
            o.add(title(item, opts, raw=cont))
            out.add(o.result(), " ")
            out.punct(". ")
            ed = edition(item)
            out.add(ed, " ")
            out.punct(". ") if ed else None
            self._pub(item, out, d)
            if pages:
                out.add(f"p. {pages}", " ")
                out.punct(".")
        else:
            ed = edition(item)
            out.add(ed, " ")
            out.punct(". ") if ed else None
            self._pub(item, out, d if kind != "report" else d)
            if kind == "report" and item.text("number"):
                typ = type_name(item.text("type")) or "Report"
                out.add(f"{typ} no.: {item.text('number')}", " ")
                out.punct(".")
        acc = item.urldate
        if item.doi:
            out.add(f"doi:{item.doi}", " ")
        elif item.url:
            if acc and acc.year:
                out.add(f"[cited {v_date(acc)}].", " ")
            out.add(["Available from: ", Link(item.url)], " ")
        return out.result()

    def _pub(self, item: Item, out: Out, d) -> None:
        place, pub = item.text("location") or item.text("address"), item.publisher
        s = f"{place}: {pub}" if place and pub else pub or place
        date = v_date(d) if item.kind == "report" else (d.year if d and d.year else "")
        if s and date:
            s = f"{s}; {date}"
        else:
            s = s or date
        out.add(s, " ")
        out.punct(".") if s else None


STYLE = Vancouver()
