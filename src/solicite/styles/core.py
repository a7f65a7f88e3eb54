"""The styles' Item: the one typed item (solicite.item) and the layout kind a style groups its CSL type into.

Every style formats Items, never raw References: the item reads the fields once (through the
codec), and the few layout choices that differ by kind (which field gives the container, the
publisher, the series) are written here, once for all six styles, from the item's accessors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from solicite.item import TypedItem, item_parts
from solicite.model import Reference
from solicite.types import TYPE_TO_CSL


# CSL types (solicite.types.csl_type, the one classifier) -> the kinds the styles lay out. A type
# missing here (graphic, legislation, interview...) is laid out as "misc", a generic document.
KIND_OF = {
    "article-journal": "article", "article-magazine": "magazine", "article-newspaper": "newspaper",
    "book": "book", "pamphlet": "book", "periodical": "periodical",
    "chapter": "chapter", "entry-encyclopedia": "chapter", "paper-conference": "paper",
    "report": "report", "thesis": "thesis", "webpage": "webpage", "post-weblog": "webpage",
    "document": "misc", "manuscript": "manuscript", "patent": "patent",
    "song": "audio", "broadcast": "audio", "motion_picture": "video",
    "dataset": "dataset", "software": "software",
}


@dataclass(slots=True)
class Item(TypedItem):
    """The typed item of an entry, laid out as a ``kind`` (article, book, audio...) by every style."""

    kind: str = "misc"
    subtype: str = ""
    extra: dict = field(default_factory=dict)  # style-specific scratch (year suffix, number)
    is_podcast: bool = False  # an audio episode of a podcast (asked often, so worked out once)

    @property
    def title_raw(self) -> str:
        """Title with subtitle joined by ": " and, for a volume of a multi-volume book, the main title first."""
        t = self.markup("title")
        sub = self.markup("subtitle")
        if sub:
            t = f"{t}: {sub}" if t else sub
        main = self.markup("maintitle")
        if main and self.kind == "book" and t:
            main_sub = self.markup("mainsubtitle")
            if main_sub:
                main = f"{main}: {main_sub}"
            vol = self.markup("volume")
            t = f"{main}: {vol}. {t}" if vol else f"{main}. {t}"
        return t

    @property
    def volume_in_title(self) -> bool:
        """True when the volume was printed inside the title (a volume of a multi-volume book)."""
        return self.kind == "book" and self.has("maintitle") and self.has("volume") and self.has("title")

    @property
    def container_raw(self) -> str:
        """The container title: journal, book or proceedings, series of an episode (raw)."""
        if self.kind == "newspaper" and self.on_the_web:
            return self.markup("journaltitle", "journal", "organization")  # a news site's masthead
        if self.kind in ("article", "periodical", "magazine", "newspaper"):
            return self.markup("journaltitle", "journal")
        if self.kind in ("chapter", "paper"):
            t = self.markup("booktitle", "maintitle")
            if t and self.has("booksubtitle"):
                t = f"{t}: {self.markup('booksubtitle')}"
            if t and self.has("booktitleaddon"):
                t = f"{t}. {self.markup('booktitleaddon')}"
            return t
        if self.kind in ("audio", "video"):
            return self.markup("booktitle", "maintitle", "journaltitle", "series")
        return self.markup("journaltitle", "journal") if self.kind == "webpage" else ""

    @property
    def on_the_web(self) -> bool:
        """True for an entry typed as a web page (@online, @www): a news site's article names its site, no journal."""
        return TYPE_TO_CSL.get(self.bibtype) == "webpage"

    @property
    def journal_series(self) -> str:
        """An article's journal series: "3" -> "3rd Series", "newseries" -> "New Series"."""
        ser = self.text("series").strip() if self.kind in ("article", "magazine", "newspaper") else ""
        if not ser:
            return ""
        if ser.isdigit():
            n = int(ser)
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            return f"{n}{suffix} Series"
        return {"newseries": "New Series", "oldseries": "Old Series"}.get(ser.lower(), ser)

    @property
    def publisher(self) -> str:
        """Publisher, institution or school (Unicode)."""
        if self.kind == "newspaper" and self.on_the_web:
            return self.list_text("publisher")  # the organization is the masthead, printed as the container
        if self.kind == "report":
            return self.list_text("institution") or self.list_text("publisher")
        if self.kind == "thesis":
            return self.list_text("school") or self.list_text("institution") or self.list_text("publisher")
        if self.kind == "webpage":
            return self.list_text("organization") or self.list_text("publisher") or self.list_text("institution")
        if self.kind == "video" and self.bibtype in ("online", "misc") and self.has("howpublished"):
            how = self.text("howpublished")
            return "YouTube" if how.lower() == "youtube" else how
        return self.list_text("publisher") or self.list_text("organization") or self.list_text("institution") or \
            (self.text("howpublished") if self.kind in ("book", "misc") and not self.url_from_howpublished else "")

    @property
    def series(self) -> str:
        """The series (collection title) of a book, chapter or paper (raw)."""
        return self.markup("series") if self.kind not in ("article", "magazine", "newspaper") else ""


def make_item(ref: Reference) -> Item:
    """Prepare one Reference for formatting: the one typed item and its layout kind."""
    parts = item_parts(ref)
    ctype = parts["csl_type"]
    item = Item(**parts, kind=KIND_OF.get(ctype, "misc"), is_podcast=ctype == "broadcast")
    item.subtype = "podcast" if ctype == "broadcast" else item.markup("entrysubtype").lower()
    return item


# BibLaTeX's type keys as pandoc (the oracle's reader) words them; styles change the case.
TYPE_NAMES = {"techreport": "technical report", "resreport": "research report", "phdthesis": "PhD thesis",
              "mathesis": "Master\u2019s thesis", "candthesis": "Candidate thesis", "patent": "Patent",
              "patentus": "U.S. patent", "patenteu": "European patent", "patentfr": "French patent",
              "patentde": "German patent", "patentuk": "British patent", "patreq": "Patent request",
              "patreqfr": "French patent request", "patreqeu": "European patent request"}


def type_name(value: str) -> str:
    """BibLaTeX's localisation keys for ``type`` ("resreport") as words; other values as written."""
    return TYPE_NAMES.get(value.strip().lower(), value)
