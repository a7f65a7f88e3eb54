"""MLA 9th edition: "Author. “Title.” Container, vol., no., date, pp., location." with title case.

The layout follows the official modern-language-association.csl: author, title, the first
container (title, contributors, version, number, publisher, date, location), then the
supplemental elements (access date, theses, series).
"""

from __future__ import annotations

from solicite.richtext import Italic, Link, Part, Quoted
from solicite.styles.base import Options, Style, unquote
from solicite.styles.build import Out
from solicite.doi import doi_url
from solicite.styles.common import labelled_number, capitalize_first, pages_label, csl_numeric, edition_number, family_first, given_first, ordinal, page_range, title, thesis_genre
from solicite.item import number_range
from solicite.styles.core import Item, type_name
from solicite.persons import more
from solicite.codec import to_unicode

SERIAL = {"article-journal", "article-magazine", "article-newspaper", "periodical"}
MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
QUOTED_TYPES = {"article", "dataset", "document", "interview", "manuscript", "paper-conference", "speech"}


def mla_date(d, parts: str = "full") -> str:
    """"4 Oct. 2018" (full), "Oct. 2018" (year-month) or "2018" (year)."""
    if d is None or not d.year:
        return ""
    if d.end_year:
        return f"{d.year}\u2013{d.end_year}"
    if parts == "year" or not d.month:
        return d.year
    m = MLA_MONTHS[d.month - 1]
    if parts == "year-month" or not d.day:
        return f"{m} {d.year}"
    return f"{d.day} {m} {d.year}"


def _expand_et_al(items) -> None:
    """Add names after the first until no two "First et al." lists print the same (citeproc-js's add-names)."""
    groups: dict[str, list] = {}
    for it in items:
        it.extra["names_shown"] = 1
        if len(it.authors) >= 3:
            groups.setdefault(it.authors[0].sort_key(), []).append(it)
    for group in groups.values():
        lists = [tuple(n.sort_key() for n in it.authors) for it in group]
        if len(set(lists)) < 2:
            continue
        for it, mine in zip(group, lists):
            k = 1
            while k < len(mine):
                form = (mine[:k], k < len(mine))
                if all(other == mine or (other[:k], k < len(other)) != form for other in lists):
                    break
                k += 1
            it.extra["names_shown"] = k


def _names(people, et_al: bool = True) -> str:
    if not people:
        return ""
    if (et_al and len(people) >= 3) or more(people):
        return f"{family_first(people[0])}, et al."
    if len(people) == 1:
        return family_first(people[0])
    return f"{family_first(people[0])}, and {given_first(people[1])}"


def _verb_names(people) -> str:
    """"Maria Gabrielsen Jumbert et al." / "A and B" (contributors after a container)."""
    names = [given_first(n) for n in people]
    if len(names) >= 3 or more(people):
        return names[0] + " et al."
    return " and ".join(names)


def _serial_like(item: Item) -> bool:
    """A serial's part, or a conference paper without editors (laid out like one)."""
    return item.csl_type in SERIAL or (item.csl_type == "paper-conference" and not item.editors)


class MLA(Style):
    """MLA 9."""

    name = "mla"
    title = "MLA 9th edition"
    year_suffix = False
    et_al_min = 3
    and_word = "and"

    def arrange(self, items):
        ordered = super().arrange(items)
        _expand_et_al(ordered)
        prev = None
        for item in ordered:
            who = self._author(item)[0]  # the names as printed: "———" replaces a repeat
            item.extra["same_author"] = bool(who) and who == prev
            prev = who
        return ordered

    def sort_key(self, item: Item) -> tuple:
        # MLA's CSL sorts on author, title, then the container it prints next.
        cont = to_unicode(item.container_raw) if item.container_raw else ""
        return (self.sort_names(item), to_unicode(item.title_raw).casefold(), cont.casefold(), item.year)

    # --- macros -----------------------------------------------------------------------------
    def _author(self, item: Item) -> tuple[str, str]:
        """(author text, which variable it came from)."""
        if item.authors:
            shown = item.extra.get("names_shown", 1)
            if shown > 1 and len(item.authors) >= 3 and not more(item.authors):
                people = item.authors
                if shown >= len(people):
                    names = [family_first(people[0])] + [given_first(n) for n in people[1:]]
                    return ", ".join(names[:-1]) + ", and " + names[-1], "author"
                return ", ".join([family_first(people[0])] + [given_first(n) for n in people[1:shown]]) + ", et al.", "author"
            return _names(item.authors), "author"
        if item.editors:
            return _names(item.editors) + (", editors" if len(item.editors) > 1 else ", editor"), "editor"
        if item.translators:
            return _names(item.translators) + (", translators" if len(item.translators) > 1 else ", translator"), "translator"
        return "", ""

    def _title(self, item: Item, opts: Options, t: str, has_container: bool) -> Part:
        case = "title" if item.english else "as-is"
        ttl = title(item, opts, case=case)
        if not ttl:
            return ""
        ttl = ttl if isinstance(ttl, list) else [ttl]
        if t in ("book", "periodical"):
            return Italic(*ttl)
        if has_container or t in QUOTED_TYPES:
            return Quoted(*ttl)
        return Italic(*ttl)

    def _edition(self, item: Item) -> str:
        n = edition_number(item)
        ed = item.text("edition")
        if n is not None and any(c.isdigit() for c in ed):
            return f"{ordinal(n)} ed."
        return (ed[:1].upper() + ed[1:]) if ed else ""

    def entry(self, item: Item, opts: Options) -> list[Part]:
        t = item.csl_type
        # A podcast episode (broadcast) is part of its show, as the official MLA style lays out a broadcast.
        cont_raw = item.container_raw if item.kind not in ("audio", "video") or item.is_podcast else ""
        out = Out()
        author, source = self._author(item)
        if author and item.extra.get("same_author"):
            author = "———" + author[author.index(", editor"):] if ", editor" in author else "———"
        out.add(author)
        out.add(self._title(item, opts, t, bool(cont_raw)), ". ")
        # supplemental element after the title: a genre without a number
        if t not in ("thesis",) and not item.text("number") and t == "report" and item.text("type"):
            out.add(capitalize_first(type_name(item.text("type"))), ". ")
        c = Out()
        self._container(item, opts, cont_raw, source, c)
        self._numbers(item, opts, bool(cont_raw), c)
        self._publication(item, c)
        out.add(c.result(), ". ")
        out.add(self._supplemental(item, opts), ". ")
        out.punct(".")
        return out.result()

    def _container(self, item: Item, opts: Options, cont_raw: str, source: str, c: Out) -> None:
        """The container's title, its contributors and its version."""
        case = "title" if item.english else "as-is"
        has_container = bool(cont_raw)
        editors_in_container = bool(item.editors) and source != "editor"
        if has_container:
            ct = title(item, opts, raw=cont_raw, italic=True, case=case)
            if _serial_like(item) and item.place:
                c.add([ct, f" [{item.place}]"])
            else:
                c.add(ct)
        # contributors
        both = editors_in_container and item.editors == item.translators
        verb = "edited and translated by " if both else "edited by "
        if editors_in_container:
            c.add((verb if has_container else verb.capitalize()) + _verb_names(item.editors), ", ")
        if item.translators and source != "translator" and not both:
            c.add(("translated by " if has_container else "Translated by ") + _verb_names(item.translators), ", ")
        # version
        ed = self._edition(item)
        c.add(ed, ", ")
        if item.text("version"):
            c.add(("version " if ed else "Version ") + item.text("version"), ", ")

    def _numbers(self, item: Item, opts: Options, has_container: bool, c: Out) -> None:
        """The container's numbers: series, volume, issue, report or patent number."""
        t = item.csl_type
        if _serial_like(item) and item.series and t == "paper-conference":
            c.add(title(item, opts, raw=item.series, case="as-is"), ", ")
        if t in SERIAL and item.journal_series:
            c.add(item.journal_series.replace(" Series", " series"), ", ")
        vol = item.text("volume")
        shows_volume = (t in SERIAL or t == "paper-conference" or bool(item.editors) or bool(item.translators)
                        or bool(item.text("edition")) or has_container)
        if vol and shows_volume:
            numeric, plural = csl_numeric(vol)
            c.add((("vols. " if plural else "vol. ") if numeric else "") + vol, ", ")
        iss = number_range(item.text("number") or item.text("issue")) if t.startswith("article") else item.text("issue")
        if iss:
            c.add(("nos. " if csl_numeric(iss) == (True, True) else "no. ") + iss, ", ")
        num = item.text("number") if not t.startswith("article") and item.kind not in ("book", "chapter", "paper") else ""
        if num:
            raw_type = item.text("type")
            genre = ""
            if t in ("report", "patent") and raw_type:
                genre = type_name(raw_type).lower() if type_name(raw_type) != raw_type else raw_type
            label, shown = labelled_number(num, *(("episode ", "episodes ") if item.is_podcast else ("no. ", "nos. ")))
            c.add(" ".join(x for x in (genre, label + shown) if x), ", ")

    def _publication(self, item: Item, c: Out) -> None:
        """The publisher, the date, then the location: pages, then DOI or URL."""
        t = item.csl_type
        if t not in ("thesis", "patent") and not _serial_like(item):
            c.add(item.publisher or item.place, ", ")
        d = item.date
        if t in ("book", "chapter", "motion_picture", "paper-conference", "thesis"):
            c.add(mla_date(d, "year"), ", ")
        elif t == "article-journal":
            c.add(mla_date(d, "year-month"), ", ")
        else:
            c.add(mla_date(d), ", ")
        if item.pages:
            c.add(pages_label(item.pages)
                  + page_range(item.pages, "minimal-two"), ", ")
        if item.doi:
            c.add(Link(doi_url(item.doi)), ", ")
        elif item.url:
            c.add(Link(item.url), ", ")

    def _supplemental(self, item: Item, opts: Options) -> list[Part]:
        """The supplemental elements at the end: access date, thesis school and genre, series, volumes."""
        t = item.csl_type
        e = Out()
        acc, d = item.urldate, item.date
        if acc and acc.year and not (d and d.year):
            e.add(f"Accessed {mla_date(acc)}")
        if t == "thesis":
            e.add(item.publisher, ", ")
            e.add(thesis_genre(item), ", ")
        elif not _serial_like(item):
            if item.series:
                s = Out()
                s.add(title(item, opts, raw=item.series, case="title" if item.english else "as-is"))
                if item.text("number") and item.kind in ("book", "chapter", "paper"):
                    s.add(item.text("number"), " ")
                e.add(s.result(), ", ")
            if item.text("volumes"):
                e.add(f"{item.text('volumes')} vols", ", ")
        return e.result()

    def citation(self, cites, narrative=False, everyone=None):
        parts = Out()
        for i, c in enumerate(cites):
            if i:
                parts.punct("; ")
            if narrative:
                who = self._cite_names(c.item)
                extra = self._cite_who(c.item, everyone or [])
                if not who:
                    parts.add(unquote(extra[0]))
                else:
                    parts.add(who)
                    if len(extra) > 1:
                        parts.add(["(", extra[-1], ")"], " ")
            else:
                parts.add(self._cite_who(c.item, everyone or []))
            if c.locator:
                parts.add(c.locator, " ")
        res = parts.result()
        return res if narrative else ["(", *res, ")"]

    def _quoted(self, item: Item) -> bool:
        t = item.csl_type
        return t not in ("book", "periodical") and (bool(item.container_raw) or t in QUOTED_TYPES)

    def _cite_names(self, item: Item) -> str:
        people = item.authors or item.editors or item.translators
        if not people:
            return ""
        lasts = [n.last for n in people]
        shown = item.extra.get("names_shown", 1) if item.authors else 1
        if more(people):
            return lasts[0] + " et al."
        if len(lasts) >= 3 and shown < len(lasts):
            return ", ".join(lasts[:shown]) + ("," if shown > 1 else "") + " et al."
        if len(lasts) >= 3:
            return ", ".join(lasts[:-1]) + ", and " + lasts[-1]
        return " and ".join(lasts)

    def _cite_who(self, item: Item, everyone) -> list:
        who = self._cite_names(item)
        if not who:
            return [self.short_title(item, "title", self._quoted(item))]
        # Another work printing the same names: add its short title, as citeproc-js does.
        if any(o is not item and self._cite_names(o) == who for o in everyone):
            o = Out()
            o.add(who)
            o.add(self.short_title(item, "title", self._quoted(item)), ", ")
            return o.result()
        return [who]

    def two_sep(self, and_):
        return " and "

    def last_sep(self, and_):
        return ", and "


STYLE = MLA()
