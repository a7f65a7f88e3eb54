"""Chicago Manual of Style, 17th edition, author-date: "Author. Year. “Title.” Journal Vol (Issue): pages."."""

from __future__ import annotations

from solicite.richtext import Italic, Link, Part, Quoted
from solicite.styles.base import Options, Style
from solicite.styles.build import Out
from solicite.styles.common import date_dmy, doi_url, edition, family_first, full_date_mdy, given_first, page_range, title
from solicite.styles.core import Item, type_name
from solicite.styles.mla import MLA

INSIDE = {"article", "magazine", "newspaper", "chapter", "paper", "thesis", "webpage"}


def chicago_names(people) -> str:
    if not people:
        return ""
    shown = people if len(people) <= 10 else people[:7]
    names = [family_first(shown[0], demote=True)] + [given_first(n) for n in shown[1:]]
    if len(people) > 10:
        return ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


class Chicago(MLA):
    """Chicago 17th edition author-date."""

    name = "chicago"
    title = "Chicago Manual of Style 17th edition (author-date)"
    year_suffix = True
    et_al_min = 4

    def sort_key(self, item: Item) -> tuple:
        return Style.sort_key(self, item)

    def entry(self, item: Item, opts: Options) -> list[Part]:
        out = Out()
        kind = item.kind
        case = "title" if item.english else "as-is"
        ttl = title(item, opts, case=case)
        ttl = Quoted(*(ttl if isinstance(ttl, list) else [ttl])) if kind in INSIDE else Italic(*(ttl if isinstance(ttl, list) else [ttl]))
        who = chicago_names(item.authors)
        if not who and item.editors and kind not in ("chapter", "paper"):
            who = chicago_names(item.editors) + (", eds." if len(item.editors) > 1 else ", ed.")
        if who and item.extra.get("same_author"):
            who = "———" + ("" if item.authors else (", eds." if len(item.editors) > 1 else ", ed."))
        d = item.date
        year = (d.year + (f"\u2013{d.end_year}" if d.end_year else "") if d and d.year else "n.d.") + item.extra.get("suffix", "")
        if who:
            out.add(who)
            out.punct(". ")
            out.add(year, " ")
            out.punct(". ")
            out.add(ttl, " ")
        else:
            out.add(ttl)
            out.punct(". ")
            out.add(year, " ")
        out.punct(". ")
        cont = item.container_raw
        if kind in ("article", "magazine", "newspaper", "periodical"):
            o = Out()
            o.add(title(item, opts, raw=cont, italic=True, case=case))
            if kind in ("magazine", "newspaper"):
                if d and d.month:
                    o.add(full_date_mdy(d), ", ")
            else:
                vol = item.text("volume")
                iss = item.text("number") or item.text("issue")
                if vol:
                    o.add(vol, " ")
                    o.add(f"({iss})" if iss else f"({d.year})" if d and d.year else "", " ")
                elif iss:
                    o.add(f"no. {iss}", ", ")
                if item.pages:
                    o.add(page_range(item.pages, "minimal-two"), ": " if vol else ", ")
            out.add(o.result(), " ")
            out.punct(". ")
        elif kind in ("chapter", "paper"):
            o = Out()
            if kind == "chapter" or item.editors:
                o.add("In ")
            o.add(title(item, opts, raw=cont, italic=True, case=case))
            if item.editors:
                o.add("edited by " + _and(item.editors), ", ")
            if kind == "paper" and not item.editors and d and d.year:
                o.add(d.year, ", ")
            if item.pages:
                o.add(page_range(item.pages, "minimal-two"), ", ")
            out.add(o.result(), " ")
            out.punct(". ")
            if kind == "chapter" or item.editors:
                self._pub(item, out)
        elif kind == "thesis":
            typ = "Master\u2019s thesis" if item.ref.type == "mastersthesis" or "master" in item.text("type").lower() else "PhD thesis"
            out.add(f"{typ}, {item.publisher}" if item.publisher else typ, " ")
            out.punct(". ")
        elif kind == "webpage":
            o = Out()
            o.add(item.publisher)
            if d and d.month:
                o.add(f"{d.month_name} {d.day}" if d.day else d.month_name, ", ")
            out.add(o.result(), " ")
            out.punct(". ")
        else:
            if item.translators:
                out.add("Translated by " + _and(item.translators), " ")
                out.punct(". ")
            ed = edition(item)
            out.add(ed, " ")
            out.punct(". ") if ed else None
            if kind == "report":
                num, typ = item.text("number"), type_name(item.text("type"))
                out.add(f"{typ} No. {num}" if typ and num else num or typ, " ")
                out.punct(". ")
            self._pub(item, out)
        acc = item.urldate
        if acc and acc.year and (not d or not d.year):
            out.add(f"Accessed {full_date_mdy(acc)}.", " ")
        if item.doi:
            out.add(Link(doi_url(item.doi)), " ")
            out.punct(".")
        elif item.url:
            out.add(Link(item.url), " ")
            out.punct(".")
        return out.result()

    def _pub(self, item: Item, out: Out) -> None:
        place, pub = item.text("location") or item.text("address"), item.publisher
        s = f"{place}: {pub}" if place and pub else pub or place
        out.add(s, " ")
        out.punct(". ") if s else None

    def citation(self, cites, narrative=False, everyone=None):
        parts = []
        for c in cites:
            who = self.cite_names(c.item, True, everyone)
            yr = self.cite_year(c.item)
            loc = f", {c.locator}" if c.locator else ""
            parts.append(f"{who} ({yr}{loc})" if narrative else f"{who} {yr}{loc}")
        return ["; ".join(parts)] if narrative else ["(" + "; ".join(parts) + ")"]

    def cite_year(self, item):
        return (item.year or "n.d.") + item.extra.get("suffix", "")


def _and(people) -> str:
    names = [given_first(n) for n in people]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


STYLE = Chicago()
