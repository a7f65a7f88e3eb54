"""Harvard, Cite Them Right: "Author, I. (Year) “Title,” Journal, 55(2), pp. 1–9. Available at: URL."

The layout follows the official harvard-cite-them-right.csl (author, year, title or
container, secondary contributors, publisher; then locators and access).
"""

from __future__ import annotations

from solicite.richtext import Italic, Link, Part, Quoted
from solicite.styles.base import Options, Style
from solicite.styles.build import Out
from solicite.doi import doi_url
from solicite.styles.common import pages_label, citeproc_range, container, edition_number, full_date_mdy, ordinal, title, thesis_genre
from solicite.styles.core import Item, type_name
from solicite.persons import Name, initials, more
from solicite.styles.titles import title_rich

# A podcast episode (broadcast) is a part, as harvard-cite-them-right.csl lays it out: "Title," *Show*.
BOOKISH = {"bill", "book", "legal_case", "legislation", "motion_picture", "report", "song", "thesis",
           "webpage", "graphic"}
PAGED = {"chapter", "paper-conference", "article-journal", "article", "article-magazine", "article-newspaper", "book",
         "report"}


def ini(given: str) -> str:
    """"J.J." (initials without spaces)."""
    return initials(given, sep=".", end=".")


def h_name(n: Name) -> str:
    if n.literal:
        return n.literal
    s = n.family_full
    i = ini(n.given)
    s = f"{s}, {i}" if i else s
    return f"{s}, {n.suffix}" if n.suffix else s


def _join(names: list[str], oxford: bool) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + (", and " if oxford else " and ") + names[-1]


def h_names(people) -> list:
    """Authors in sort order, "A, B and C"; four or more: first + italic et al."""
    if len(people) >= 4:
        return [h_name(people[0]) + " ", Italic("et al.")]
    if more(people):  # BibTeX's "and others": the names given, then et al.
        return [", ".join(h_name(n) for n in people) + " ", Italic("et al.")]
    return [_join([h_name(n) for n in people], False)]


def given_first(people, oxford: bool = True) -> str:
    names = [n.literal or (f"{ini(n.given)} {n.family_full}".strip() + (f" {n.suffix}" if n.suffix else "")) for n in people]
    return ", ".join(names) + " et al." if more(people) else _join(names, oxford)


class Harvard(Style):
    """Harvard (Cite Them Right)."""

    name = "harvard"
    title = "Harvard (Cite Them Right)"
    et_al_min = 4
    and_word = "and"

    def two_sep(self, and_):
        return " and "

    def last_sep(self, and_):
        return " and "

    def _edition(self, item: Item) -> str:
        n = edition_number(item)
        ed = item.text("edition")
        if n is not None and any(c.isdigit() for c in ed):
            return f"{ordinal(n)} ed"
        return ed

    def entry(self, item: Item, opts: Options) -> list[Part]:
        t = item.csl_type
        title_part = self._title_part(item, opts)
        author, substituted = self._author_or_substitute(item, opts, title_part)
        head = Out()
        head.add(author)
        head.add(f"({_year(item)})", " ")
        tg = Out()
        if substituted != "title":
            tg.add(title_part)
        tg.add(self._in_container(item, opts, substituted), ", ")
        head.add(tg.result(), " ")
        body = Out()
        body.add(head.result())
        if t not in ("chapter", "paper-conference"):
            _contributors(item, body, substituted)
        body.add(self._publisher(item, t, opts), ". ")
        out = Out()
        out.add(body.result())
        out.add(_locators(item), ", ")
        _link(item, out)
        out.punct(".")
        return out.result()

    def _title_part(self, item: Item, opts: Options) -> Part:
        """The title macro: a book's title in italics with its volumes and edition, anything else quoted."""
        ttl = title(item, opts)
        ttl = ttl if isinstance(ttl, list) else [ttl]
        if item.csl_type not in BOOKISH:
            return Quoted(*ttl) if ttl and ttl != [""] else ""
        tm = Out()
        tg = Out()
        tg.add(Italic(*ttl) if ttl and ttl != [""] else "")
        if item.text("volumes") and not item.text("volume"):
            tg.add(f"({item.text('volumes')} vol)", " ")
        tm.add(tg.result())
        tm.add(self._edition(item), ". ")
        return tm.result()

    def _author_or_substitute(self, item: Item, opts: Options, title_part: Part) -> tuple[list, str]:
        """The author macro: (the names, or what stands in for them; which variable stood in, or "")."""
        if item.authors:
            return h_names(item.authors), ""
        if item.editors:
            return h_names(item.editors) + [" (eds.)" if len(item.editors) > 1 else " (ed.)"], "editor"
        if item.translators:
            return h_names(item.translators) + [" (trans.)"], "translator"
        if item.csl_type.startswith("article") and item.container_raw:
            return [Italic(*title_rich(item.container_raw, "title" if item.english else "as-is"))], "container"
        return [title_part], "title"

    def _in_container(self, item: Item, opts: Options, substituted: str) -> list[Part]:
        """The editors of a chapter, then the container title with its edition."""
        t = item.csl_type
        eg = Out()
        if t in ("chapter", "paper-conference") and item.editors and substituted != "editor":
            eg.add("in " + given_first(item.editors) + (" (eds.)" if len(item.editors) > 1 else " (ed.)"))
        if substituted != "container":
            cg = Out()
            cg2 = Out()
            cg2.add(container(item, opts, italic=True))
            if t in ("article-journal",) and item.container_raw and not item.pages and not item.text("volume"):
                cg2.add("[Preprint]", " ")
            cg.add(cg2.result())
            if item.container_raw:
                cg.add(self._edition(item) if t not in BOOKISH else "", ". ")
            eg.add(cg.result(), " ")
        return eg.result()

    def _publisher(self, item: Item, t: str, opts: Options) -> list:
        pub, place = item.publisher, item.place
        if t == "document" and not pub and item.url_from_howpublished and not item.has("url"):
            pub = item.url_from_howpublished  # the oracle reads \url in howpublished as publisher text
        o = Out()
        if t == "thesis":
            o.add(thesis_genre(item))
            o.add(pub, ". ")
        elif t == "report":
            raw_type = item.text("type")
            typ = (type_name(raw_type).lower() if type_name(raw_type) != raw_type else raw_type) if raw_type else ""
            num = citeproc_range(item.text("number"))
            o.add(" ".join(x for x in (typ, num) if x))
            o.add(f"{place}: {pub}" if place and pub else pub or place, ". ")
        elif not t.startswith("article"):
            if t == "patent":
                place = ""  # a patent's location lists countries, not a place of publication
            o.add(f"{place}: {pub}" if place and pub else pub or place)
            ser = item.series
            if ser:
                s = Out()
                s.add(title(item, opts, raw=ser))
                s.add(item.text("number") if item.kind in ("book", "chapter", "paper") else "", ", ")
                o.add(["(", s.result(), ")"], " ")
        return o.result()

    def cite_year(self, item):
        return (item.year or "no date") + item.extra.get("suffix", "")

    def cite_names(self, item: Item, narrative: bool, everyone=None):
        if item.authors or item.editors or item.translators:
            return super().cite_names(item, narrative, everyone)
        if item.csl_type.startswith("article") and item.container_raw:
            return Italic(*title_rich(item.container_raw, "title" if item.english else "as-is"))
        return self.short_title(item, "as-is", item.csl_type not in BOOKISH, full=True)


def _year(item: Item) -> str:
    """"2019", "2019–2020" or "no date", with the year suffix ("2019a", "no date a")."""
    d = item.date
    return (d.year + (f"\u2013{d.end_year}" if d.end_year else "") if d and d.year else "no date") + (
        ("" if d and d.year else " ") + item.extra["suffix"] if item.extra.get("suffix") else "")


def _contributors(item: Item, body: Out, substituted: str) -> None:
    if item.editors and substituted != "editor" and item.editors == item.translators:
        body.add("Edited & translated by " + given_first(item.editors, False), ". ")
    else:
        if item.editors and substituted != "editor":
            body.add("Edited by " + given_first(item.editors, False), ". ")
        if item.translators and substituted != "translator":
            body.add("Translated by " + given_first(item.translators, False), ". ")


def _locators(item: Item) -> list[Part]:
    """Volume and issue, a news item's day and month, pages."""
    t, d = item.csl_type, item.date
    tail = Out()
    if t == "article-journal":
        vol, iss = item.text("volume"), item.text("number") or item.text("issue")
        tail.add((vol or "") + (f"({iss})" if iss else ""))
    if t in ("article-newspaper", "article-magazine") and d and d.month:
        tail.add(f"{d.day} {d.month_name}" if d.day else d.month_name, ", ")
    if t in PAGED and item.pages:
        tail.add(pages_label(item.pages) + item.pages, ", ")
    return tail.result()


def _link(item: Item, out: Out) -> None:
    """"Available at:" the DOI, or the URL with its access date."""
    if item.doi:
        out.add(["Available at: ", Link(doi_url(item.doi))], ". ")
    elif item.url and not (item.csl_type == "document" and item.url_from_howpublished and not item.has("url")):
        acc = item.urldate
        a = ["Available at: ", Link(item.url)]
        if acc and acc.year:
            a.append(f" (Accessed: {full_date_mdy(acc)})")
        out.add(a, ". ")


STYLE = Harvard()
