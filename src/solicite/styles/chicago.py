"""Chicago Manual of Style, 17th edition, author-date: "Author. Year. “Title.” Journal Vol (Issue): pages."."""

from __future__ import annotations

from solicite.richtext import Italic, Link, Part, Quoted
from solicite.styles.base import Options, Style, unquote
from solicite.styles.build import Out
from solicite.doi import doi_url
from solicite.styles.common import leading_names, labelled_number, capitalize_first, genre_title, edition, thesis_genre, family_first, full_date_mdy, given_first, page_range, title
from solicite.item import number_range
from solicite.styles.core import Item, type_name
from solicite.persons import more
from solicite.styles.mla import MLA
from solicite.codec import to_unicode

INSIDE = {"article", "magazine", "newspaper", "chapter", "paper", "thesis", "webpage", "misc", "manuscript", "dataset"}


def chicago_names(people) -> str:
    if not people:
        return ""
    shown = people if len(people) <= 10 else people[:7]
    names = [family_first(shown[0], demote=True)] + [given_first(n) for n in shown[1:]]
    if len(people) > 10 or more(people):
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

    def arrange(self, items):
        ordered = Style.arrange(self, items)
        prev = None
        for item in ordered:
            who = chicago_names(item.authors) or chicago_names(item.editors)
            item.extra["same_author"] = bool(who) and who == prev
            prev = who
        return ordered

    def suffix_key(self, item: Item) -> tuple:
        # Chicago prints full given names: "Clarke, Dave" and "Clarke, David" are different authors.
        people = item.authors or item.editors
        who = tuple((n.literal, n.family_full, n.given) for n in people) if people else to_unicode(item.title_raw)
        return (who, item.year)

    def entry(self, item: Item, opts: Options) -> list[Part]:
        out = Out()
        kind = item.kind
        case = "title" if item.english else "as-is"
        role = _head(item, opts, out, case)
        if kind in ("article", "magazine", "newspaper", "periodical") or (kind == "paper" and not item.editors):
            out.add(_in_periodical(item, opts, case), " ")
            out.punct(". ")
        elif kind in ("chapter", "paper"):
            self._in_book_part(item, opts, out, case)
        elif kind == "thesis":
            typ = thesis_genre(item)
            out.add(f"{typ}, {item.publisher}" if item.publisher else typ, " ")
            out.punct(". ")
        elif kind == "webpage":
            out.add(_webpage_details(item, role), " ")
            out.punct(". ")
        else:
            self._standalone_part(item, opts, out, role, case)
        _access_and_link(item, out)
        return out.result()

    def _in_book_part(self, item: Item, opts: Options, out: Out, case: str) -> None:
        """"In Book, edited by ..., vol:pages.", then the series and the imprint."""
        o = Out()
        o.add("In ")
        o.add(title(item, opts, raw=_container(item), italic=True, case=case))
        o.add(edition(item), ", ")
        if item.editors:
            o.add("edited by " + _and(item.editors), ", ")
        vol = item.text("volume")
        if item.pages:
            o.add((f"{vol}:" if vol else "") + page_range(item.pages, "chicago"), ", ")
        elif vol:
            o.add(f"vol. {vol}", ", ")
        out.add(o.result(), " ")
        out.punct(". ")
        self._series(item, out, opts, case)
        self._pub(item, out)

    def _standalone_part(self, item: Item, opts: Options, out: Out, role: str, case: str) -> None:
        """A book, report or other standalone work: edition, contributors, numbers, series, imprint."""
        ed = edition(item)
        out.add(ed, " ")
        out.punct(". ") if ed else None
        _contributors(item, out, role)
        _numbers(item, out)
        self._series(item, out, opts, case)
        if item.kind in ("misc", "manuscript") or item.is_podcast:
            # A document's (or an episode's) month and day close the entry: "2006. Standard ECMA-367, June."
            d = item.date
            o = Out()
            place, pub = item.place, item.publisher
            o.add(f"{place}: {pub}" if place and pub else pub or place)
            o.add("" if item.is_podcast else item.text("number"), ", ")  # an episode's number is by its title
            if d and d.month:
                o.add(f"{d.month_name} {d.day}" if d.day else d.month_name, ", ")
            out.add(o.result(), " ")
            out.punct(". ")
        else:
            self._pub(item, out)

    def _series(self, item: Item, out: Out, opts: Options, case: str) -> None:
        if item.series and item.kind in ("book", "chapter", "paper", "report", "misc"):
            o = Out()
            o.add(title(item, opts, raw=item.series, case=case))
            if item.text("number") and item.kind in ("book", "chapter", "paper"):
                o.add(item.text("number"), " ")
            out.add(o.result(), " ")
            out.punct(". ")

    def _pub(self, item: Item, out: Out) -> None:
        place, pub = item.place, item.publisher
        s = f"{place}: {pub}" if place and pub else pub or place
        out.add(s, " ")
        out.punct(". ") if s else None

    def citation(self, cites, narrative=False, everyone=None):
        out = Out()
        for i, c in enumerate(cites):
            if i:
                out.punct("; ")
            yr = self.cite_year(c.item)
            loc = f", {c.locator}" if c.locator else ""
            who = self._cite_who(c.item, everyone)
            out.add(unquote(who) if narrative else who)
            if narrative:
                out.add(f"({yr}{loc})", " ")
            elif yr.startswith("n.d."):
                out.punct(", ")
                out.add(f"{yr}{loc}")
            else:
                out.add(f"{yr}{loc}", " ")
        res = out.result()
        return res if narrative else ["(", *res, ")"]

    def _cite_who(self, item: Item, everyone):
        if item.authors or item.editors:
            return self.cite_names(item, True, everyone)
        if item.kind == "webpage" and item.publisher:
            return item.publisher
        return self.short_title(item, "title", item.kind in INSIDE)

    def cite_year(self, item):
        return (item.year or "n.d.") + item.extra.get("suffix", "")


def _container(item: Item) -> str:
    return item.container_raw if item.kind not in ("audio", "video") else ""


def _head(item: Item, opts: Options, out: Out, case: str) -> str:
    """Names (or what stands in for them), year and title; return the role the names have."""
    kind = item.kind
    ttl = title(item, opts, case=case)
    if ttl and kind != "patent":  # a patent's title is roman, neither quoted nor italic
        inside = kind in INSIDE or item.is_podcast
        ttl = Quoted(*(ttl if isinstance(ttl, list) else [ttl])) if inside else Italic(*(ttl if isinstance(ttl, list) else [ttl]))
        if item.is_podcast:
            ttl = _episode(item, opts, ttl, case)
    who, role = leading_names(item, chicago_names, (", ed.", ", eds."), (", trans.", ", trans."))
    if not who and kind == "webpage" and item.publisher:
        who, role = item.publisher, "site"  # the site stands in for a missing author
    if who and item.extra.get("same_author"):
        who = "———" + ("" if item.authors else (", eds." if len(item.editors) > 1 else ", ed."))
    d = item.date
    suffix = item.extra.get("suffix", "")
    year = (d.year + (f"\u2013{d.end_year}" if d.end_year else "") + suffix) if d and d.year else \
        ("n.d." + (f"-{suffix}" if suffix else ""))
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
    return role


def _episode(item: Item, opts: Options, ttl: Part, case: str) -> list[Part]:
    """A podcast episode's title with its show, as the official Chicago style lays out a broadcast:
    "*Show*. Episode 2, “Title.”" when the episode has a number, else "“Title.” *Show*"."""
    show = item.container_raw
    o = Out()
    if show:
        ct = title(item, opts, raw=show, italic=True, case=case)
        number = item.text("number")
        if number:
            o.add(ct)
            o.punct(". ")
            o.add(f"Episode {number}")
            o.punct(", ")
            o.add(ttl)
            return o.result()
        o.add(ttl)
        o.punct(". ")
        o.add(ct)
        return o.result()
    return [ttl]


def _month_year(item: Item) -> str:
    d = item.date
    return f"{d.month_name} {d.year}" if d and d.month else d.year if d and d.year else ""


def _in_periodical(item: Item, opts: Options, case: str) -> list[Part]:
    """The journal, magazine or newspaper (or a paper's series) with its numbers, date and pages."""
    o = Out()
    cont = _container(item)
    ct = title(item, opts, raw=cont, italic=True, case=case) if cont else ""
    o.add([ct, f" ({item.place})"] if ct and item.place else ct)
    if item.kind in ("magazine", "newspaper"):
        d = item.date
        if d and d.month:
            o.add(full_date_mdy(d), ", ")
    elif item.kind == "paper":
        _paper_numbers(item, opts, case, o)
    else:
        _journal_numbers(item, o)
    return o.result()


def _paper_numbers(item: Item, opts: Options, case: str, o: Out) -> None:
    month_year = _month_year(item)
    if item.series:
        o.add(title(item, opts, raw=item.series, case=case), ", ")
    vol = item.text("volume")
    if vol:
        o.add(vol, " ")
        o.add(f"({month_year})" if month_year else "", " ")
    else:
        o.add(month_year, ", ")
    if item.pages:
        o.add(page_range(item.pages, "chicago"), ": " if vol else ", ")


def _journal_numbers(item: Item, o: Out) -> None:
    month_year = _month_year(item)
    if item.journal_series:
        o.add(item.journal_series.replace(" Series", " series"), ", ")
    vol = item.text("volume")
    iss = number_range(item.text("number") or item.text("issue"))
    if vol:
        o.add(f"vol. {vol}" if item.journal_series else vol, ", " if item.journal_series else " ")
        o.add(f"({iss})" if iss else f"({month_year})" if month_year else "", " ")
    elif iss:
        o.add(f"no. {iss}", ", ")
        o.add(f"({month_year})" if month_year else "", " ")
    else:
        if (item.kind == "article" and not item.pages and item.doi and item.year
                and not item.has("series") and not item.has("pubstate")):
            # The CSL style's test: an article with a DOI and a date, but no volume,
            # issue or pages yet, was published online ahead of print.
            o.add("ahead of print", ", ")
        o.add(month_year, ", ")
    if item.pages:
        o.add(page_range(item.pages, "chicago"), ": " if (vol or iss) else ", ")


def _webpage_details(item: Item, role: str) -> list[Part]:
    d = item.date
    o = Out()
    o.add(item.publisher if role != "site" else "")
    if item.text("version"):
        o.add(f"Version {item.text('version')}", ". ")
    if d and d.month:
        o.add(f"{d.month_name} {d.day}" if d.day else d.month_name, ", ")
    return o.result()


def _contributors(item: Item, out: Out, role: str) -> None:
    """"Edited by", "Translated by" (or both at once), unless they are the names at the head."""
    eds = item.editors if role != "editor" else []
    trs = item.translators if role != "translator" else []
    if eds and eds == trs:
        out.add("Edited and translated by " + _and(eds), " ")
        out.punct(". ")
    else:
        if eds:
            out.add("Edited by " + _and(eds), " ")
            out.punct(". ")
        if trs:
            out.add("Translated by " + _and(trs), " ")
            out.punct(". ")


def _numbers(item: Item, out: Out) -> None:
    """A book's volume or volumes, a patent's number, a version, a report's number, "Unpublished manuscript"."""
    kind, d = item.kind, item.date
    vol = item.text("volume")
    if vol and kind == "book" and not item.volume_in_title:
        out.add(f"Vol. {vol}", " ")
        out.punct(". ")
    elif item.text("volumes") and kind == "book":
        out.add(f"{item.text('volumes')} vols.", " ")
    if kind == "patent" and item.text("number"):
        typ = type_name(item.text("type")) if item.text("type") else "Patent"
        when = full_date_mdy(d) if d and d.year else ""
        out.add(f"{typ[:1].upper() + typ[1:]} {item.text('number')}" + (f", issued {when}" if when else ""), " ")
        out.punct(". ")
    if kind in ("dataset", "software") and item.text("version"):
        out.add(f"Version {item.text('version')}", " ")
        out.punct(". ")
    if kind == "report":
        num, typ = item.text("number"), type_name(item.text("type"))
        label, shown = labelled_number(num, "No.", "Nos.")
        shown = f"{label} {shown}".strip() if label else shown
        out.add(f"{genre_title(typ)} {shown}" if typ and num else shown or capitalize_first(typ), " ")
        out.punct(". ")
    if kind == "manuscript":
        out.add("Unpublished manuscript", " ")  # the note is free text the oracle ignores
        out.punct(". ")


def _access_and_link(item: Item, out: Out) -> None:
    """The access date of an undated work, then its DOI or URL."""
    d, acc = item.date, item.urldate
    if acc and acc.year and (not d or not d.year):
        out.add(f"Accessed {full_date_mdy(acc)}.", " ")
    if item.doi:
        out.add(Link(doi_url(item.doi)), " ")
        out.punct(".")
    elif item.url:
        out.add(Link(item.url), " ")
        out.punct(".")


def _and(people) -> str:
    names = [given_first(n) for n in people]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


STYLE = Chicago()
