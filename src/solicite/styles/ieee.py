"""IEEE: numbered in citation order, "[1] A. Author, “Title,” Journal, vol. 1, no. 2, pp. 3–4, 2020."

The layout follows the official ieee.csl type by type (journal, conference paper, chapter,
report, thesis, book-like, web page and the generic fallback).
"""

from __future__ import annotations

from solicite.richtext import Italic, Link, Part, Quoted
from solicite.styles.base import Options, Style
from solicite.styles.build import Out
from solicite.styles.common import pages_label, citeproc_range, ABBR_MONTHS, container, edition_number, ordinal, title, thesis_genre
from solicite.styles.core import Item, type_name
from solicite.persons import Name, initials, more

# A podcast episode (broadcast) is laid out as ieee.csl lays out a broadcast: "Title," *Show*, Publisher, date.
ITALIC_TITLE = {"book", "song", "motion_picture", "software"}
BOOKISH = {"book", "chapter", "paper-conference", "report", "song", "motion_picture"}


def i_name(n: Name) -> str:
    """"A. B. Family Jr."."""
    if n.literal:
        return n.literal
    s = f"{initials(n.given)} {n.family_full}".strip()
    return f"{s} {n.suffix}" if n.suffix else s


def i_names(people, et_al: bool = True):
    if et_al and len(people) >= 7:
        return [i_name(people[0]) + " ", Italic("et al.")]
    names = [i_name(n) for n in people]
    if more(people):  # BibTeX's "and others": the names given, then et al.
        return [", ".join(names) + (", " if len(names) > 1 else " "), Italic("et al.")]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def text_date(d, leading_zero: bool = True) -> str:
    """"Jan. 05, 2017" (IEEE's text date form)."""
    if d is None or not d.year:
        return ""
    parts = []
    if d.month:
        parts.append(ABBR_MONTHS[d.month - 1])
        if d.day:
            parts[-1] += f" {d.day:02d}," if leading_zero else f" {d.day},"
    parts.append(d.year)
    return " ".join(parts)


def _italic(cont: Part) -> Part:
    return Italic(*(cont if isinstance(cont, list) else [cont])) if cont else ""


class IEEE(Style):
    """IEEE reference style."""

    name = "ieee"
    title = "IEEE"
    numeric = True

    def label(self, n: int) -> str:
        return f"[{n}] "

    # --- macros -----------------------------------------------------------------------------
    def _author(self, item: Item):
        if item.authors:
            return i_names(item.authors)
        if item.editors:
            return [i_names(item.editors), ", Eds." if len(item.editors) > 1 else ", Ed."]
        if item.translators:
            return [i_names(item.translators), ", Trans."]
        return ""

    def _title(self, item: Item, opts: Options, t: str) -> Part:
        ttl = title(item, opts)
        if not ttl:
            return ""
        ttl = ttl if isinstance(ttl, list) else [ttl]
        return Italic(*ttl) if t in ITALIC_TITLE else Quoted(*ttl)

    def _edition(self, item: Item, t: str) -> str:
        if t not in BOOKISH:
            return ""
        n = edition_number(item)
        if n is not None and item.text("edition").strip().rstrip(".").isalnum() and any(c.isdigit() for c in item.text("edition")):
            return f"{ordinal(n)} ed."
        ed = item.text("edition")
        return (ed[:1].upper() + ed[1:] + ".") if ed else ""

    def _locators(self, item: Item, t: str) -> Out:
        o = Out()
        o.add(self._edition(item, t))
        vol = item.text("volume")
        if vol:
            o.add(f"vol. {vol}", ", ")
        if item.text("volumes"):
            o.add(f"{item.text('volumes')} vols.", ", ")
        iss = (item.text("number") or item.text("issue")) if t.startswith("article") else item.text("issue")
        if t in ("article-journal", "article-magazine", "article-newspaper") and iss:
            o.add(f"no. {iss}", ", ")
        return o

    def _page(self, item: Item) -> str:
        p = item.pages
        if not p:
            return ""
        return pages_label(p) + p

    def _publisher(self, item: Item, t: str) -> str:
        pub, place = item.publisher, item.place
        if t in ("book", "chapter", "paper-conference", "song", "motion_picture"):
            return f"{place}: {pub}" if place and pub else pub or place
        return ", ".join(x for x in (pub, place) if x)

    def _issued(self, item: Item, t: str) -> str:
        d = item.date
        if d is None or not d.year:
            return ""
        if d.end_year:
            return f"{d.year}\u2013{d.end_year}"
        if t in ("article-journal", "report"):
            return (ABBR_MONTHS[d.month - 1] + " " if d.month else "") + d.year
        if t in ("book", "chapter", "song", "thesis"):
            return d.year
        if t == "paper-conference":
            return (ABBR_MONTHS[d.month - 1] + " " if d.month else "") + d.year
        return text_date(d)

    def _collection(self, item: Item, opts: Options) -> list:
        ser = item.series
        if not ser:
            return []
        o = Out()
        o.add(title(item, opts, raw=ser))
        num = item.text("number") if item.kind in ("book", "chapter", "paper") else ""
        if num:
            o.add(f"no. {num}", ", ")
        if item.text("volume"):
            o.add(f"vol. {item.text('volume')}", ", ")
        return ["in ", o.result()]

    def _access(self, item: Item, out: Out, t: str) -> None:
        url, acc = item.url, item.urldate
        if t == "webpage":
            if url:
                o = Out()
                if acc and acc.year:
                    o.add(f"Accessed: {text_date(acc)}")
                o.add("[Online]", ". ")
                o.add(["Available: ", Link(url)], ". ")
                out.add(o.result(), " ")
            return
        if item.doi:
            out.add(f"doi: {item.doi}.", " ")
            return
        if url:
            o = Out()
            if acc and acc.year:
                o.add(f"Accessed: {text_date(acc)}")
            o.add("[Online Video]" if t == "motion_picture" else "[Online]", ". ")
            out.add(o.result(), " ")
            out.punct(".")
            out.add(["Available: ", Link(url)], " ")

    def _imprint(self, item: Item, out: Out, opts: Options, t: str, before: str = " ",
                 page_first: bool = False) -> None:
        """The collection, then "Publisher, date, pages" (pages before the date when asked), then the link."""
        coll = self._collection(item, opts)
        if coll:
            out.add(coll)
            out.punct(". ")
        h = Out()
        h.add(self._publisher(item, t))
        issued, page = self._issued(item, t), self._page(item)
        for part in ((page, issued) if page_first else (issued, page)):
            h.add(part, ", ")
        out.add(h.result(), before)
        out.punct(".")
        self._access(item, out, t)

    # --- layout ------------------------------------------------------------------------------
    def entry(self, item: Item, opts: Options) -> list[Part]:
        t = item.csl_type
        out = Out()
        author = self._author(item)
        out.add(author)
        if author:
            out.punct(", ")
        g = Out()  # the group after the author: title, container and their details
        g.add(self._title(item, opts, t))
        layout = getattr(self, _LAYOUTS.get(t, "_generic_layout"))
        layout(item, opts, t, out, g)
        return out.result()

    def _editors(self, item: Item) -> Part:
        if not (item.editors and item.authors):
            return ""
        return i_names(item.editors, False) + (", Eds." if len(item.editors) > 1 else ", Ed.")

    def _journal_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        g.add(_italic(container(item, opts)), ", ")
        g.add(self._locators(item, t).result(), ", ")
        g.add(self._page(item), ", ")
        g.add(self._issued(item, t), ", ")
        out.add(g.result())
        out.punct("," if (item.url or item.doi) else ".")
        self._access(item, out, t)

    def _conference_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        cont = container(item, opts)
        g.add(["in ", _italic(cont)] if cont else "", ", ")
        g.add(self._editors(item), ", ")
        out.add(g.result())
        out.punct(", ")
        self._imprint(item, out, opts, t, before="")

    def _chapter_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        cont = container(item, opts)
        g.add(["in ", _italic(cont)] if cont else "", ", ")
        g.add(self._locators(item, t).result(), ", ")
        g.add(self._editors(item), ", ")
        g.add(self._collection(item, opts), ", ")
        g.add(self._publisher(item, t), ", ")
        g.add(self._issued(item, t), ", ")
        g.add(self._page(item), ", ")
        self._close(item, t, out, g)

    def _report_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        g.add(self._publisher(item, t), ", ")
        raw_type = item.text("type")
        typ = (type_name(raw_type).lower() if type_name(raw_type) != raw_type else raw_type) if raw_type else ""
        g.add(" ".join(x for x in (typ, citeproc_range(item.text("number"))) if x), ", ")
        g.add(self._issued(item, t), ", ")
        self._close(item, t, out, g)

    def _thesis_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        g.add(thesis_genre(item), ", ")
        g.add(self._publisher(item, t), ", ")
        g.add(self._issued(item, t), ", ")
        self._close(item, t, out, g)

    def _software_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        g.add(f"({self._issued(item, t)})" if self._issued(item, t) else "", ". ")
        g.add(self._publisher(item, t), ". ")
        self._close(item, t, out, g)

    def _webpage_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        g.add(container(item, opts), ", ")
        self._close(item, t, out, g)

    def _patent_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        g.add(item.text("number"), ", ")
        g.add(self._issued(item, t), ", ")
        out.add(g.result())
        self._access(item, out, t)

    def _film_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        place = item.place
        if place:
            out.add(place + ".", "")
        g.add(f"({self._issued(item, t)})" if self._issued(item, t) else "", ", ")
        out.add(g.result(), " ")
        out.punct(".")
        self._access(item, out, t)

    def _book_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        g.add(self._locators(item, t).result(), ", ")
        out.add(g.result())
        out.punct(". ")
        self._imprint(item, out, opts, t)

    def _press_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        g.add(_italic(container(item, opts)), ", ")
        g.add(self._locators(item, t).result(), ", ")
        g.add(self._publisher(item, t), ", ")
        g.add(self._page(item), ", ")
        g.add(self._issued(item, t), ", ")
        self._close(item, t, out, g)

    def _generic_layout(self, item: Item, opts: Options, t: str, out: Out, g: Out) -> None:
        g.add(_italic(container(item, opts)), ", ")
        g.add(self._locators(item, t).result(), ", ")
        out.add(g.result())
        out.punct(". ")
        self._imprint(item, out, opts, t, page_first=True)

    def _close(self, item: Item, t: str, out: Out, g: Out) -> None:
        """The group, a period, then the DOI or URL."""
        out.add(g.result())
        out.punct(".")
        self._access(item, out, t)


# The layout method of each CSL type, as in ieee.csl; any other type takes the generic one.
_LAYOUTS = {
    "article-journal": "_journal_layout", "paper-conference": "_conference_layout", "chapter": "_chapter_layout",
    "report": "_report_layout", "thesis": "_thesis_layout", "software": "_software_layout",
    "webpage": "_webpage_layout", "patent": "_patent_layout", "motion_picture": "_film_layout",
    "book": "_book_layout", "song": "_book_layout", "broadcast": "_press_layout", "article-magazine": "_press_layout",
    "article-newspaper": "_press_layout", "manuscript": "_press_layout",
}

STYLE = IEEE()
