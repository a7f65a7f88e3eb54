"""The state one rendering of one cite carries through the compiled style."""

from __future__ import annotations

from solicite.csl.markup import parse_markup
from solicite.csl.numbers import page_range

# Variables taken from the cite, not the item.
CITE_VARIABLES = frozenset({"locator", "label", "first-reference-note-number", "near-note"})
NAME_VARIABLES = frozenset({
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
    "curator", "director", "editor", "editorial-director", "editor-translator", "executive-producer",
    "guest", "host", "illustrator", "interviewer", "narrator", "organizer", "original-author",
    "performer", "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
    "translator"})
DATE_VARIABLES = frozenset({"accessed", "available-date", "event-date", "issued", "original-date",
                            "submitted"})
NUMBER_VARIABLES = frozenset({
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first",
    "part-number", "printing-number", "section", "supplement-number", "version", "volume"})
_NOT_ITEM = CITE_VARIABLES | {"citation-number", "year-suffix", "citation-label"}  # read elsewhere than the item
_SHORT = {"title": "title-short", "container-title": "container-title-short"}


class Ctx:
    """One cite being rendered: item, cite data, mode and disambiguation state."""

    def __init__(self, style, item: dict, mode: str, cite: dict | None = None) -> None:
        self.style = style
        self.locale = style.locale
        self.item = item
        self.mode = mode
        self.cite = cite or {}
        self.called = 0
        self.rendered = 0
        self.suppressed: set[str] = set()
        self.tracking: list[set] = []
        self.sorting = False
        self.sort_names: dict = {}
        self.citation_number = None
        self.year_suffix = ""
        self.suffix_done = False
        self.disambiguate = False
        self.add_names = 0
        self.given_level: dict = {}  # (variable, index) -> 0/1/2
        self.given_default = 0
        self.names_seen: list = []
        self.suppress_author = False
        self.names_done = False
        self.first_names = None
        self.first_names_key = None
        self.name_bodies: list | None = None
        self.shown_names: list = []
        self.first_term = None
        self.author_only = False

    @property
    def position(self) -> str:
        """The cite's position ("first", "subsequent", "ibid", "ibid-with-locator")."""
        return self.cite.get("position", "first")

    def value(self, name: str, substituted: bool = False):
        """A variable's raw value (None when absent, or suppressed by substitution unless ``substituted``)."""
        if name in self.suppressed and not substituted:
            return None
        if name in _NOT_ITEM:
            if name == "citation-number":
                return self.citation_number
            if name == "year-suffix":
                return self.year_suffix or None
            if name == "citation-label":
                return self.citation_label()
            return self.cite.get(name)
        value = self.item.get(name)
        if value is None:
            if name == "page-first" and self.item.get("page"):
                return str(self.item["page"]).split("-")[0].split("\u2013")[0].split(",")[0].strip() or None
            return None
        if value in ("", [], {}):
            return None
        return value

    def citation_label(self) -> str | None:
        """The item's label, or citeproc-js's trigraph ("Doe65", "RoNo78"), with its year suffix."""
        label = self.item.get("citation-label")
        if not label:
            names: list = next((self.item[v] for v in ("author", "editor", "translator") if self.item.get(v)), [])
            fams = [str(n.get("family") or n.get("literal") or "") for n in names if isinstance(n, dict)]
            width = {1: [4], 2: [2, 2], 3: [2, 1, 1]}.get(len(fams), [1, 1, 1, 1])
            label = "".join(f[:w] for f, w in zip(fams, width))
            issued = self.item.get("issued") or {}
            parts = issued.get("date-parts") if isinstance(issued, dict) else None
            if parts and parts[0]:
                label += f"{int(str(parts[0][0])) % 100:02d}"
            if not label:
                return None
        if self.year_suffix and not self.style.uses_year_suffix:
            self.suffix_done = True
            label += self.year_suffix
        return label

    def note(self, name: str) -> None:
        """Record that a variable was rendered (for substitution)."""
        for t in self.tracking:
            t.add(name)
        if self.tracking:
            # Inside <substitute> a variable is suppressed from its first use on (citeproc-js).
            self.suppressed.add(name)

    def text_value(self, name: str, form: str = "long"):
        """A text variable as a rich-text tree, or None."""
        value = None
        if form == "short" and name in _SHORT:
            value = self.value(_SHORT[name])
            if value is not None:
                self.note(_SHORT[name])
        if value is None:
            value = self.value(name)
        if value is None:
            return None
        self.note(name)
        if not isinstance(value, str):
            value = str(value)
        if name in ("page", "locator") and self.style.page_range_format is not None:
            if name == "page" or self.cite.get("label", "page") == "page":
                value = page_range(value, self.style.page_range_format, self.page_delimiter())
        elif name in ("page", "locator") and "\\-" not in value:
            value = page_range(value.strip(), "", self.page_delimiter())
        if name in ("page", "locator") and "&" in value:
            # "213 & 235": the locale's ampersand (citeproc-js localises it in page numbers).
            value = value.replace("&", self.locale.term("and", "symbol") or "&")
        if name in ("URL", "DOI", "PMID", "PMCID"):
            return value
        if "\\-" in value:
            value = value.replace("\\-", "-")  # an escaped hyphen: a hyphen, not a range
        return parse_markup(value)

    def page_delimiter(self) -> str:
        """The locale's page-range delimiter (an en dash unless the style says otherwise)."""
        term = self.locale.term("page-range-delimiter")
        return term if term is not None else "\u2013"
