"""MLA 9th edition: "Author. “Title.” Container, vol., no., date, pp., location." with title case."""

from __future__ import annotations

from solicite.richtext import Italic, Link, Part, Quoted
from solicite.styles.base import Options, Style
from solicite.styles.build import Out
from solicite.styles.common import date_dmy, doi_url, edition, family_first, given_first, page_range, title
from solicite.styles.core import Item, type_name

INSIDE = {"article", "magazine", "newspaper", "chapter", "paper"}


class MLA(Style):
    """MLA 9."""

    name = "mla"
    title = "MLA 9th edition"
    year_suffix = False
    et_al_min = 3
    and_word = "and"

    def authors(self, people, role: str = "") -> str:
        if not people:
            return ""
        if len(people) == 1:
            s = family_first(people[0])
        elif len(people) == 2:
            s = f"{family_first(people[0])}, and {given_first(people[1])}"
        else:
            s = f"{family_first(people[0])}, et al."
        if role:
            s += f", {role}{'s' if len(people) > 1 else ''}"
        return s

    def arrange(self, items):
        ordered = super().arrange(items)
        prev = None
        for item in ordered:
            who = self._who(item)
            item.extra["same_author"] = bool(who) and who == prev
            prev = who
        return ordered

    def _who(self, item: Item) -> tuple:
        people = item.authors or item.editors
        return tuple((n.literal, n.family_full, n.given) for n in people)

    def sort_key(self, item: Item) -> tuple:
        from solicite.styles.titles import plain_text

        return (self.sort_names(item), plain_text(item.title_raw).casefold(), item.year)

    def entry(self, item: Item, opts: Options) -> list[Part]:
        out = Out()
        kind = item.kind
        who = self.authors(item.authors) or (self.authors(item.editors, "editor") if kind not in INSIDE else "")
        if who and item.extra.get("same_author"):
            who = "———" + (", editor" + ("s" if len(item.editors) > 1 else "") if not item.authors else "")
        out.add(who)
        out.punct(". ")
        case = "title" if item.english else "as-is"
        if kind in INSIDE:
            out.add(Quoted(*_list(title(item, opts, case=case))), " ")
        else:
            out.add(title(item, opts, italic=True, case=case), " ")
        out.punct(". ")
        cont = item.container_raw
        o = Out()
        if cont:
            o.add(title(item, opts, raw=cont, italic=True, case=case))
        if item.editors and kind in ("chapter", "paper"):
            eds = item.editors
            ed = given_first(eds[0]) + (" et al." if len(eds) > 2 else f" and {given_first(eds[1])}" if len(eds) == 2 else "")
            o.add(f"edited by {ed}", ", ")
        if item.translators:
            o.add(f"translated by {given_first(item.translators[0])}", ", ")
        ed = edition(item)
        if ed and kind not in ("article",):
            o.add(ed, ", ")
        vol = item.text("volume")
        if vol:
            o.add(f"vol. {vol}", ", ")
        num = item.text("number") or item.text("issue")
        if kind == "report" and num:
            typ = type_name(item.text("type"))
            o.add(f"{typ} no. {num}" if typ else num, ", ")
        elif num and kind in ("article", "magazine", "newspaper", "periodical"):
            o.add(f"no. {num}", ", ")
        elif num and kind == "audio":
            o.add(f"no. {num}", ", ")
        pub = item.publisher
        if pub and kind not in ("article", "magazine", "newspaper", "thesis") and not (kind == "paper" and not item.editors):
            o.add(pub, ", ")
        d = item.date
        if d and d.year and kind != "thesis":
            full = kind in ("magazine", "newspaper", "webpage", "misc", "audio", "video") and d.month
            o.add(date_dmy(d) if full else d.year + (f"\u2013{d.end_year}" if d.end_year else ""), ", ")
        if item.pages:
            o.add(("pp. " if "\u2013" in item.pages or "," in item.pages else "p. ") + page_range(item.pages, "minimal-two"), ", ")
        if kind == "thesis":
            if d and d.year:
                out.add(d.year, " ")
                out.punct(". ")
            o.add(item.publisher, "")
            o.add("Master\u2019s thesis" if item.ref.type == "mastersthesis" or "master" in item.text("type").lower()
                  else "PhD thesis", ", ")
        if item.doi:
            o.add(Link(doi_url(item.doi)), ", ")
        elif item.url:
            o.add(Link(item.url), ", ")
        out.add(o.result(), " ")
        out.punct(".")
        acc = item.urldate
        if acc and acc.year and (not d or not d.year):
            out.add(f"Accessed {date_dmy(acc)}.", " ")
        return out.result()

    def citation(self, cites, narrative=False, everyone=None):
        parts = []
        for c in cites:
            who = self.cite_names(c.item, narrative, everyone)
            parts.append(f"{who} {c.locator}".strip() if c.locator else who)
        if narrative:
            return ["; ".join(parts)]
        return ["(" + "; ".join(parts) + ")"]

    def two_sep(self, and_):
        return " and "

    def last_sep(self, and_):
        return ", and "


def _list(part):
    return part if isinstance(part, list) else [part]


STYLE = MLA()
