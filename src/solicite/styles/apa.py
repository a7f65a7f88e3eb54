"""APA 7th edition (reference list and author-date citations), checked against the manual.

Where citeproc-js and the APA manual disagree, this follows the manual (see tests/golden/README.md):
". . ." before the last of 21+ authors, "(2nd ed.)" for a written-out edition, podcast
hosts as "(Host)" with "[Audio podcast episode]. In Show", no "Retrieved" without an access
date, and no publisher repeated when it is the author.
"""

from __future__ import annotations


from solicite.richtext import Italic, Link, Part, Quoted
from solicite.styles.titles import title_rich
from solicite.styles.base import Options, Style
from solicite.styles.build import Out
from solicite.doi import doi_url
from solicite.styles.common import capitalize_first, genre_title, labelled_number, pages_label, edition, full_date_mdy, thesis_genre, title
from solicite.item import number_range
from solicite.styles.core import Item, type_name
from solicite.persons import Name, initials, join, more

STANDALONE = {"book", "report", "thesis", "webpage", "misc", "dataset", "software", "patent", "manuscript",
              "audio", "video", "periodical"}
FULL_DATE = {"magazine", "newspaper", "webpage", "misc", "audio", "video"}


def apa_name(n: Name) -> str:
    """"Family, I. I." with particle in front and suffix after: "van der Walt, S.", "King, M. L., Jr."."""
    if n.literal:
        return n.literal
    s = n.family_full
    ini = initials(n.given)
    if ini:
        s += ", " + ini
    if n.suffix:
        s += ", " + n.suffix
    return s


def apa_name_given_first(n: Name) -> str:
    """"I. I. Family" (editors of a book the entry is in)."""
    if n.literal:
        return n.literal
    ini = initials(n.given)
    s = f"{ini} {n.family_full}" if ini else n.family_full
    return f"{s} {n.suffix}" if n.suffix else s  # given first: "R. P. Bosch Jr." (no comma)


def apa_author_list(people: list[Name]) -> str:
    """Up to 20 names joined with ", &"; 21 or more: the first 19, ". . .", the last."""
    formatted = [apa_name(n) for n in people]
    if more(people):  # BibTeX's "and others": the names given, then et al. (never "& others")
        return ", ".join(formatted) + ", et al."
    if len(formatted) >= 21:
        return ", ".join(formatted[:19]) + ", . . . " + formatted[-1]
    return join(formatted, ", ", ", & ")


def editors_in(people: list[Name]) -> str:
    names = [apa_name_given_first(n) for n in people]
    return join(names, ", ", ", & ", " & ")


class APA(Style):
    """APA 7."""

    name = "apa"
    title = "APA 7th edition"
    et_al_min = 3

    def entry(self, item: Item, opts: Options) -> list[Part]:
        out = Out()
        kind = item.kind
        standalone = kind in STANDALONE or (kind == "book")
        author, author_is_site, title_first = self.author(item)
        # A podcast episode is part of its show: its title is roman, the show italic (APA 7 §10.13; apa.csl's broadcast).
        ttl = title(item, opts, italic=standalone and not item.is_podcast or kind == "podcast")
        if title_first:
            # The title moves to the author's place, with its descriptions: "Title (2nd ed.). (2003)."
            out.add(ttl)
            self.descriptions(item, out)
            out.punct(". ")
            out.add(self.date(item))
            out.punct(". ")
        else:
            out.add(author)
            out.punct(". ")
            out.add(self.date(item))
            out.punct(". ")
            out.add(ttl)
            self.descriptions(item, out)
        out.punct(". ")
        self.source(item, out, opts, author_is_site)
        self.link(item, out)
        return out.result()

    # --- parts ----------------------------------------------------------------------------
    def author(self, item: Item) -> tuple[str, bool, bool]:
        """(author text, the site/publisher moved to author position, title goes first)."""
        if item.authors:
            s = apa_author_list(item.authors)
            if item.text("nameaddon"):
                s += f" [{item.text('nameaddon')}]"  # a screen name, as APA 7 prints it: "Cutts, S. [@SarahCutts]"
            # APA names the role in audiovisual works: "(Director)", "(Host)"; biblatex keeps it in authortype.
            role = capitalize_first(item.text("authortype")) if item.kind in ("video", "audio") else ""
            if role or item.is_podcast:
                role = role or "Host"
                s += f" ({role}s)" if len(item.authors) > 1 and not role.endswith("s") else f" ({role})"
            return s, False, False
        if item.editors and item.kind not in ("chapter", "paper", "article", "magazine", "newspaper"):
            return apa_author_list(item.editors) + (" (Eds.)" if len(item.editors) > 1 else " (Ed.)"), False, False
        if item.kind == "webpage" and item.publisher:
            return item.publisher, True, False
        if item.kind in ("video", "audio") and item.bibtype in ("online", "misc") and item.text("organization"):
            # A channel or show named only as organization: it is the author (APA 7 §10.12).
            org = item.text("organization")
            return org, False, False
        return "", False, True

    def date(self, item: Item) -> str:
        d = item.date
        suffix = item.extra.get("suffix", "")
        if d is None or not d.year:
            return f"(n.d.{'-' + suffix if suffix else ''})"
        year = d.year + (f"\u2013{d.end_year}" if d.end_year else "") + suffix
        if item.kind in FULL_DATE or item.is_podcast or (item.kind == "paper" and not item.editors and
                                                         not item.has("pages") and not item.has("volume")):
            if d.month:
                year += f", {d.month_name}" + (f" {d.day}" if d.day else "")
        return f"({year})"

    def descriptions(self, item: Item, out: Out) -> None:
        """Parenthesised details after the title, then the bracketed description."""
        paren = _contributors(item)  # groups joined by "; "; inside the last group details joined by ", "
        details = _details(item)
        if details:
            paren.append(", ".join(details))
        if paren:
            out.add(f"({'; '.join(paren)})", " ")
        bracket = self.bracket(item)
        if bracket:
            out.add(f"[{bracket}]", " ")

    def bracket(self, item: Item) -> str:
        kind = item.kind
        if kind == "thesis":
            return thesis_genre(item).replace("'", "\u2019")
        if kind == "report" and not item.text("number"):
            typ = type_name(item.text("type"))
            return capitalize_first(typ) if typ.lower() not in ("techreport", "report", "") else ""
        if kind == "software":
            return "Computer software"
        if kind == "dataset":
            return "Dataset"
        # The list's own bracketed description ("[Film]", "[Tweet]", the parser keeps it in `type`) wins.
        described = capitalize_first(item.text("type")) if kind in ("audio", "video", "webpage", "misc") else ""
        if described:
            return described
        if item.is_podcast:
            return "Audio podcast episode"
        if kind == "audio":
            return "Audio recording"
        if kind == "video":
            return "Video"
        if kind == "manuscript":
            return "Unpublished manuscript"  # (the note is free text; citeproc-js ignores it too)
        return ""

    def source(self, item: Item, out: Out, opts: Options, author_is_site: bool) -> None:
        kind = item.kind
        cont = item.container_raw
        if kind in ("article", "magazine", "newspaper", "periodical") or (kind == "paper" and not item.editors):
            out.add(_periodical_source(item, opts), " ")
            out.punct(". ")
            return
        if kind in ("chapter", "paper"):
            out.add(_book_source(item, opts), " ")
            out.punct(". ")
            pub = item.publisher
            out.add(pub, " ")
            out.punct(". ") if pub else None
            return
        if item.is_podcast:
            if cont:
                out.add(["In ", title(item, opts, raw=cont, italic=True, case="as-is")], " ")
                out.punct(". ")
        pub = item.publisher
        if author_is_site:
            return
        if pub and not self._same_as_author(item, pub):
            out.add(pub, " ")
            out.punct(". ")

    def cite_names(self, item: Item, narrative: bool, everyone=None):
        if not (item.authors or item.editors):
            if item.kind == "webpage" and item.publisher:
                return item.publisher
            return self.cite_title(item, narrative)
        return super().cite_names(item, narrative, everyone)

    def cite_title(self, item: Item, narrative: bool = False):
        """The short title (before a colon) in title case: quoted for parts, italic for whole works."""
        raw = item.markup("shorttitle", "title")
        if not item.has("shorttitle") and ":" in raw:
            raw = raw.split(":", 1)[0]
        parts = title_rich(raw, "title" if item.english else "as-is")
        if item.kind in ("article", "magazine", "newspaper", "chapter", "paper"):
            return parts if narrative else Quoted(*parts)
        return Italic(*parts)

    @staticmethod
    def _same_as_author(item: Item, pub: str) -> bool:
        if not item.authors and item.kind in ("video", "audio") and item.text("organization").casefold() == pub.casefold():
            return True
        return any(n.literal and n.literal.casefold() == pub.casefold() for n in item.authors)

    def link(self, item: Item, out: Out) -> None:
        if item.doi:
            out.add(Link(doi_url(item.doi)), " ")
            return
        url = item.url
        if not url:
            return
        no_date = item.date is None or not item.date.year
        acc = item.urldate
        if no_date and acc and acc.year:
            out.add(["Retrieved ", full_date_mdy(acc), ", from ", Link(url)], " ")
        else:
            out.add(Link(url), " ")


def _numbered(num: str) -> tuple[str, str]:
    """(" No.", " Nos." or "", the number as printed) for a report number."""
    label, shown = labelled_number(num, "No.", "Nos.")
    return (f" {label}" if label else "", shown)


def _contributors(item: Item) -> list[str]:
    """Editors (of a whole work with authors) and translators: "J. Doe, Ed. & Trans."."""
    paren: list[str] = []
    if item.editors and item.authors and item.kind not in ("chapter", "paper", "article", "magazine", "newspaper"):
        eds = editors_in(item.editors)
        paren.append(f"{eds}, {'Eds.' if len(item.editors) > 1 else 'Ed.'}")
    if item.translators:
        trans = editors_in(item.translators)
        if paren and item.editors == item.translators:
            paren[-1] = paren[-1].replace(", Ed.", ", Ed. & Trans.").replace(", Eds.", ", Eds. & Trans.")
        else:
            paren.append(f"{trans}, Trans.")
    return paren


def _details(item: Item) -> list[str]:
    """Edition, volume, pages, report, patent, version or episode number."""
    kind = item.kind
    details: list[str] = []
    if kind not in ("chapter", "paper", "article", "magazine", "newspaper"):
        details += _book_details(item)
    if kind == "report":
        typ, num = type_name(item.text("type")), item.text("number")
        if num:
            label, number = _numbered(num)
            if typ:
                details.append(f"{genre_title(typ)}{label} {number}")
            else:
                details.append(f"{label.strip()} {number}" if label else num)
        # (a report's genre without a number is a description in brackets: see bracket())
    if kind == "patent" and item.text("number"):
        details.append(f"{type_name(item.text('type') or 'patent')} No. {item.text('number')}")
    if kind in ("software", "dataset") and item.text("version"):
        details.append(f"Version {item.text('version')}")
    if item.is_podcast and item.text("number"):
        details.append(f"No. {item.text('number')}")
    return details


def _book_details(item: Item) -> list[str]:
    kind = item.kind
    details: list[str] = []
    ed = edition(item)
    if ed:
        details.append(ed)
    vol = item.text("volume")
    if vol and kind in ("book",) and not item.volume_in_title:
        details.append(("Vols. " if "-" in vol or "\u2013" in vol else "Vol. ") + vol.replace("--", "\u2013").replace("-", "\u2013"))
    elif item.text("volumes") and kind == "book" and not vol:
        details.append(f"Vols. 1\u2013{item.text('volumes')}")
    if kind == "book" and item.pages:
        details.append(pages_label(item.pages) + item.pages)
    return details


def _periodical_source(item: Item, opts: Options) -> list[Part]:
    """"Journal, Series, Vol(Issue), pages" (or a paper's series in place of the volume)."""
    kind, cont = item.kind, item.container_raw
    ser = title(item, opts, raw=cont, italic=True, case="title" if item.english else "as-is") if cont else ""
    vol = number_range(item.text("volume"))
    issue = number_range(item.text("number") or item.text("issue"))
    o = Out()
    o.add(ser)
    o.add(item.journal_series, ", ")
    if kind == "paper" and item.series:
        o.add(title(item, opts, raw=item.series), ", ")
    if vol:
        o.add(Italic(vol), ", ")
        if issue:
            o.add(f"({issue})")
    elif issue and kind != "paper":
        o.add(f"({issue})", ", ")
    o.add(item.pages, ", ")
    return o.result()


def _book_source(item: Item, opts: Options) -> list[Part]:
    """"In Editors (Eds.), Book (edition, Vol. n, pp. x–y)"."""
    o = Out()
    o.add("In ")
    if item.editors:
        o.add(editors_in(item.editors) + (" (Eds.)" if len(item.editors) > 1 else " (Ed.)"))
        o.punct(", ")
    o.add(title(item, opts, raw=item.container_raw, italic=True))
    paren = []
    ed = edition(item)
    if ed:
        paren.append(ed)
    vol = item.text("volume")
    if vol:
        paren.append(f"Vol. {vol}")
    if item.pages:
        paren.append(pages_label(item.pages) + item.pages)
    if paren:
        o.add(f"({', '.join(paren)})", " ")
    return o.result()


STYLE = APA()
