"""Harvard, Cite Them Right: "Author, I. (Year) “Title,” Journal, 55(2), pp. 1–9. Available at: URL."."""

from __future__ import annotations

from solicite.richtext import Link, Part, Quoted
from solicite.styles.base import Options, Style
from solicite.styles.build import Out
from solicite.styles.common import date_dmy, doi_url, edition, full_date_mdy, title
from solicite.styles.core import Item, type_name
from solicite.styles.names import Name, initials

INSIDE = {"article", "magazine", "newspaper", "chapter", "paper"}


def ini(given: str) -> str:
    return initials(given, sep="", end=".")


def h_name(n: Name) -> str:
    if n.literal:
        return n.literal
    s = n.family_full
    i = ini(n.given)
    s = f"{s}, {i}" if i else s
    return f"{s}, {n.suffix}" if n.suffix else s


def h_names(people) -> str:
    if len(people) >= 4:
        return h_name(people[0]) + " et al."
    names = [h_name(n) for n in people]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def h_names_given_first(people) -> str:
    names = [f"{ini(n.given)} {n.family_full}".strip() if not n.literal else n.literal for n in people]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


class Harvard(Style):
    """Harvard (Cite Them Right)."""

    name = "harvard"
    title = "Harvard (Cite Them Right)"
    et_al_min = 4
    and_word = "and"

    def two_sep(self, and_):
        return " and "

    def last_sep(self, and_):
        return ", and "

    def entry(self, item: Item, opts: Options) -> list[Part]:
        out = Out()
        kind = item.kind
        d = item.date
        year = (d.year if d and d.year else "no date") + item.extra.get("suffix", "")
        ttl = title(item, opts)
        ttl = Quoted(*(ttl if isinstance(ttl, list) else [ttl])) if kind in INSIDE else title(item, opts, italic=True)
        who = h_names(item.authors)
        if not who and item.editors and kind not in ("chapter", "paper"):
            who = h_names(item.editors) + (" (eds.)" if len(item.editors) > 1 else " (ed.)")
        if who:
            out.add(f"{who} ({year})")
            out.add(ttl, " ")
        else:
            out.add(ttl)
            out.add(f"({year})", " ")
        cont = item.container_raw
        if kind in ("article", "magazine", "newspaper", "periodical"):
            out.punct(",")
            o = Out()
            o.add(title(item, opts, raw=cont, italic=True, case="as-is"))
            if kind in ("magazine", "newspaper") and d and d.month:
                o.add(f"{d.day} {d.month_name}" if d.day else d.month_name, ", ")
            else:
                vol, iss = item.text("volume"), item.text("number") or item.text("issue")
                o.add(vol + (f"({iss})" if iss else "") if vol else f"({iss})" if iss else "", ", ")
            if item.pages:
                o.add(("pp. " if "\u2013" in item.pages or "," in item.pages else "p. ") + item.pages, ", ")
            out.add(o.result(), " ")
            out.punct(".")
        elif kind in ("chapter", "paper"):
            out.punct(",")
            o = Out()
            if item.editors:
                o.add("in " + h_names_given_first(item.editors) + (" (eds.)" if len(item.editors) > 1 else " (ed.)"))
                o.add(title(item, opts, raw=cont, italic=True), " ")
            elif kind == "chapter":
                o.add("in ")
                o.add(title(item, opts, raw=cont, italic=True))
            else:
                o.add(title(item, opts, raw=cont, italic=True))
            out.add(o.result(), " ")
            out.punct(".")
            pub = self._pub(item)
            out.add(pub, " ")
            if item.pages:
                out.add(("pp. " if "\u2013" in item.pages or "," in item.pages else "p. ") + item.pages, ", " if pub else " ")
            out.punct(".")
        else:
            out.punct(".")
            ed = edition(item)
            out.add(ed, " ")
            out.punct(".") if ed else None
            if kind == "report":
                num, typ = item.text("number"), type_name(item.text("type"))
                out.add(f"{typ} {num}" if typ and num else num or typ, " ")
                out.punct(".")
            if kind == "thesis":
                out.add("Master\u2019s thesis" if item.ref.type == "mastersthesis" else "PhD thesis", " ")
                out.punct(".")
            pub = self._pub(item)
            out.add(pub, " ")
            out.punct(".") if pub else None
        link = Link(doi_url(item.doi)) if item.doi else Link(item.url) if item.url else None
        if link:
            out.add(["Available at: ", link], " ")
            acc = item.urldate
            if acc and acc.year:
                out.add(f"(Accessed: {full_date_mdy(acc)})", " ")
            out.punct(".")
        return out.result()

    def _pub(self, item: Item) -> str:
        place, pub = item.text("location") or item.text("address"), item.publisher
        return f"{place}: {pub}" if place and pub else pub or place

    def cite_year(self, item):
        return (item.year or "no date") + item.extra.get("suffix", "")


STYLE = Harvard()
