"""The Style base class: sorting, numbering, year suffixes, et-al rules and in-text citations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from solicite.richtext import Part
from solicite.styles.core import Item
from solicite.persons import Name, more
from solicite.codec import to_unicode


@dataclass(frozen=True)
class Options:
    """Formatting options every style accepts."""

    # Titles the BibTeX way (issue 13): sentence-case styles print English titles in sentence case,
    # keeping {Protected} words and proper nouns; False prints them as written ("--titles as-written").
    sentence_case: bool = True
    lexicon: Any = None  # the proper nouns to keep (solicite.lexicon.Lexicon); None: the library's, made once


@dataclass
class Cite:
    """One cited item in an in-text citation, with an optional locator ("12" -> "p. 12")."""

    item: Item
    locator: str = ""


class Style:
    """A citation style: subclasses write ``entry`` and set the class attributes."""

    name = "base"
    title = "Base"
    numeric = False  # numbered in citation order ([1] or 1.)
    year_suffix = True  # a/b suffixes for the same author-year
    et_al_min = 3  # in-text: this many names or more -> first + et al.
    et_al_use_first = 1
    and_word = "&"  # before the last name in parenthetical citations
    narrative_and = "and"

    # --- bibliography -------------------------------------------------------------------
    def entry(self, item: Item, opts: Options) -> list[Part]:
        """The reference-list entry for one item (without a numeric label)."""
        raise NotImplementedError

    def label(self, n: int) -> str:
        """The numeric label printed before entry n ("[1] ", "1. ")."""
        return ""

    def sort_key(self, item: Item) -> tuple:
        """Sort key for alphabetical styles: names (or title), year, title."""
        who = self.sort_names(item)
        return (who, item.year or "0000", to_unicode(item.title_raw).casefold())

    def sort_names(self, item: Item) -> str:
        people = item.authors or item.editors
        if people:
            return " ".join(n.sort_key() for n in people)
        return _strip_article(to_unicode(item.title_raw)).casefold()

    def arrange(self, items: list[Item]) -> list[Item]:
        """The items in reference-list order, with numbers and year suffixes assigned."""
        ordered = list(items) if self.numeric else sorted(items, key=self.sort_key)
        for n, item in enumerate(ordered, 1):
            item.extra["number"] = n
            item.extra["suffix"] = ""
        if self.year_suffix and not self.numeric:
            groups: dict[tuple, list[Item]] = {}
            for item in ordered:
                groups.setdefault(self.suffix_key(item), []).append(item)
            for same in groups.values():
                if len(same) > 1:
                    for i, item in enumerate(same):
                        item.extra["suffix"] = _letters(i)
        return ordered

    def suffix_key(self, item: Item) -> tuple:
        """Items that share this key get a/b suffixes: the same names and the same year."""
        people = item.authors or item.editors
        who = tuple([n.short_key() for n in people]) if people else to_unicode(item.title_raw)
        return (who, item.year)

    # --- citations ----------------------------------------------------------------------
    def cite_names(self, item: Item, narrative: bool, everyone: list[Item] | None = None) -> str:
        """Author names for an in-text citation, with et al. and added names to tell items apart."""
        people = item.authors or item.editors
        if not people:
            return self.cite_title(item)
        lasts = [n.last for n in people]
        goes_on = more(people)  # "and others": at least one name more than given, so always et al.
        shown = self.et_al_use_first if len(lasts) + goes_on >= self.et_al_min else len(lasts)
        if shown < len(lasts) and everyone:
            # Add names until no other item with a different author list prints the same short form.
            while shown < len(lasts) - 1 and any(
                    o is not item and [n.last for n in (o.authors or o.editors)][:shown] == lasts[:shown]
                    and [n.last for n in (o.authors or o.editors)] != lasts and o.year == item.year for o in everyone):
                shown += 1
        and_ = self.narrative_and if narrative else self.and_word
        if shown < len(lasts) or goes_on:
            return ", ".join(lasts[:shown]) + ("," if shown > 1 else "") + self.et_al()
        if len(lasts) == 1:
            return lasts[0]
        if len(lasts) == 2:
            return f"{lasts[0]}{self.two_sep(and_)}{lasts[1]}"
        return ", ".join(lasts[:-1]) + self.last_sep(and_) + lasts[-1]

    def two_sep(self, and_: str) -> str:
        return f" {and_} "

    def last_sep(self, and_: str) -> str:
        return f", {and_} "

    def et_al(self) -> str:
        return " et al."

    def cite_title(self, item: Item, narrative: bool = False):
        return to_unicode(item.title_raw)

    @staticmethod
    def short_title(item: Item, case: str, quoted: bool, full: bool = False):
        """The title before a colon (or ``shorttitle``), as rich text, quoted or italic."""
        from solicite.richtext import Italic, Quoted
        from solicite.styles.titles import title_rich

        raw = item.markup("shorttitle") if not full else None
        if not raw:
            raw = item.title_raw if full else item.markup("title")
            if not full and ":" in raw:
                raw = raw.split(":", 1)[0]
        parts = title_rich(raw, case if item.english else "as-is")
        return Quoted(*parts) if quoted else Italic(*parts)

    def cite_year(self, item: Item) -> str:
        return (item.year or "n.d.") + (("-" if not item.year else "") + item.extra.get("suffix", "") if item.extra.get("suffix") else "")

    def locator(self, loc: str) -> str:
        """"12" -> "p. 12", "12-14" -> "pp. 12–14"."""
        loc = loc.replace("--", "\u2013").replace("-", "\u2013")
        return ("pp. " if "\u2013" in loc or "," in loc else "p. ") + loc

    def citation(self, cites: list[Cite], narrative: bool = False, everyone: list[Item] | None = None) -> list[Part]:
        """An in-text citation: parenthetical "(A, 2017; B, 2020)" or narrative "A (2017)"."""
        if self.numeric:
            return [self.numeric_cluster(sorted(cites, key=lambda c: c.item.extra.get("number", 0)))]
        from solicite.styles.build import Out

        out = Out()
        for i, c in enumerate(cites):
            if i:
                out.punct("; ")
            loc = f", {self.locator(c.locator)}" if c.locator else ""
            who = self.cite_names(c.item, narrative, everyone)
            out.add(unquote(who) if narrative else who)
            if narrative:
                out.add(f"({self.cite_year(c.item)}{loc})", " ")
            else:
                # punct() moves the comma inside a quoted title: (“Cities as Sanctuaries,” 2020)
                out.punct(self.name_year_sep())
                out.add(f"{self.cite_year(c.item)}{loc}")
        parts = out.result()
        return parts if narrative else ["(", *parts, ")"]

    def name_year_sep(self) -> str:
        return ", "

    def numeric_cluster(self, cites: list[Cite]) -> str:
        """IEEE's form: "[1], [3, p. 12]"."""
        return ", ".join(f"[{self.numeric_cite(c)}]" for c in cites)

    def numeric_cite(self, c: Cite) -> str:
        n = str(c.item.extra.get("number", "?"))
        return f"{n}, {self.locator(c.locator)}" if c.locator else n


def unquote(part):
    """A title without its quotation marks (narrative citations name a work without them)."""
    from solicite.richtext import Quoted

    return list(part.children) if isinstance(part, Quoted) else part


def _letters(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(97 + r) + s
    return s


def _strip_article(title: str) -> str:
    for a in ("The ", "A ", "An "):
        if title.startswith(a):
            return title[len(a):]
    return title


def name_list(people: list[Name], fmt, sep: str = ", ", last: str = ", & ", two: str | None = None) -> str:
    """Format each name with ``fmt`` and join the list."""
    from solicite.persons import join

    return join([fmt(n) for n in people], sep, last, two)
