"""IEEE: numbered in citation order, "[1] A. Author, “Title,” Journal, vol. 1, no. 2, pp. 3–4, 2020."."""

from __future__ import annotations

from solicite.richtext import Italic, Link, Part, Quoted
from solicite.styles.base import Options, Style
from solicite.styles.build import Out
from solicite.styles.common import ABBR_MONTHS, edition, title
from solicite.styles.core import Item, type_name
from solicite.styles.names import Name, initials

INSIDE = {"article", "magazine", "newspaper", "chapter", "paper", "report", "thesis", "webpage", "misc"}


def i_name(n: Name) -> str:
    if n.literal:
        return n.literal
    s = f"{initials(n.given)} {n.family_full}".strip()
    return f"{s} {n.suffix}" if n.suffix else s


def i_names(people) -> str:
    if len(people) >= 7:
        return i_name(people[0]) + " et al."
    names = [i_name(n) for n in people]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def i_date(d) -> str:
    if d is None or not d.year:
        return ""
    if d.month and d.day:
        return f"{ABBR_MONTHS[d.month - 1]} {d.day}, {d.year}"
    if d.month:
        return f"{ABBR_MONTHS[d.month - 1]} {d.year}"
    return d.year


class IEEE(Style):
    """IEEE reference style."""

    name = "ieee"
    title = "IEEE"
    numeric = True

    def label(self, n: int) -> str:
        return f"[{n}] "

    def entry(self, item: Item, opts: Options) -> list[Part]:
        out = Out()
        kind = item.kind
        inside = kind in INSIDE and item.title_raw
        who = i_names(item.authors)
        if not who and item.editors and kind not in ("chapter", "paper"):
            who = i_names(item.editors) + (", Eds." if len(item.editors) > 1 else ", Ed.")
        ttl = title(item, opts)
        ttl_list = ttl if isinstance(ttl, list) else [ttl]
        d = item.date
        o = Out()
        o.add(who)
        if inside:
            o.add(Quoted(*ttl_list), ", ")
        else:
            o.add(Italic(*ttl_list), ", ")
        cont = item.container_raw
        rest = Out()
        if kind in ("article", "magazine", "newspaper", "periodical"):
            rest.add(title(item, opts, raw=cont, italic=True, case="as-is"))
            if item.text("volume"):
                rest.add(f"vol. {item.text('volume')}", ", ")
            iss = item.text("number") or item.text("issue")
            if iss:
                rest.add(f"no. {iss}", ", ")
            if item.pages:
                rest.add(("pp. " if "\u2013" in item.pages else "p. ") + item.pages, ", ")
            rest.add(i_date(d) if kind in ("magazine", "newspaper") else d.year if d else "", ", ")
            if item.doi:
                rest.add(f"doi: {item.doi}", ", ")
        elif kind in ("chapter", "paper"):
            rest.add(["in ", title(item, opts, raw=cont, italic=True)])
            if item.editors:
                rest.add(i_names(item.editors) + (", Eds." if len(item.editors) > 1 else ", Ed."), ", ")
            rest.add(item.publisher, ", ")
            rest.add(d.year if d else "", ", ")
            if item.pages:
                rest.add(("pp. " if "\u2013" in item.pages else "p. ") + item.pages, ", ")
        elif kind == "report":
            rest.add(item.publisher)
            num, typ = item.text("number"), type_name(item.text("type"))
            rest.add(f"{typ} {num}" if typ and num else num or typ, ", ")
            rest.add(i_date(d), ", ")
        elif kind == "thesis":
            rest.add("Master\u2019s thesis" if item.ref.type == "mastersthesis" else "PhD thesis")
            rest.add(item.publisher, ", ")
            rest.add(d.year if d else "", ", ")
        elif kind in ("webpage", "misc"):
            pass
        else:
            ed = edition(item)
            place, pub = item.text("location") or item.text("address"), item.publisher
            pubs = f"{place}: {pub}" if place and pub else pub or place
            first = Out()
            first.add(ed)
            rest_parts = Out()
            rest_parts.add(pubs)
            rest_parts.add(d.year if d else "", ", ")
            if ed:
                o.add(ed, ", ")
                o.punct(". ")
            else:
                o.punct(". ")
            rest.add(rest_parts.result())
            out.add(o.result())
            out.add(rest.result(), " ")
            out.punct(".")
            if item.doi:
                out.add(f"doi: {item.doi}.", " ")
            self._online(item, out)
            return out.result()
        if inside and kind in ("webpage", "misc"):
            # “Title.” with the period inside the quotes
            out.add(o.result())
            out.punct(".")
        else:
            o.punct(",")
            out.add(o.result())
            out.add(rest.result(), " ")
            out.punct(".")
        if kind in ("chapter", "paper") and item.doi:
            out.add(f"doi: {item.doi}.", " ")
        self._online(item, out)
        return out.result()

    def _online(self, item: Item, out: Out) -> None:
        if item.url and not item.doi:
            acc = item.urldate
            if acc and acc.year:
                out.add(f"Accessed: {ABBR_MONTHS[acc.month - 1] if acc.month else ''} {acc.day:02d}, {acc.year}.".replace("  ", " "), " ")
            out.add(["[Online]. Available: ", Link(item.url)], " ")


STYLE = IEEE()
