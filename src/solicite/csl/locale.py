"""CSL locales: terms, date formats and style options, with a style's own overrides first.

The locale files shipped in ``solicite/csl/locales`` come from the CSL project
(citationstyles.org, CC BY-SA 3.0; see the LICENSE file there).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

NS = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Form fallbacks from the spec: a missing "verb-short" falls back to "verb", then "long".
_FALLBACK = {"verb-short": ("verb-short", "verb", "long"), "symbol": ("symbol", "short", "long"),
             "verb": ("verb", "long"), "short": ("short", "long"), "long": ("long",)}


LOCATOR_TERMS = ("act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation",
                 "equation", "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph", "part",
                 "rule", "scene", "section", "sub-verbo", "supplement", "table", "timestamp", "title-locator",
                 "verse", "version", "volume")


@dataclass
class Term:
    """One term of a locale: its singular and plural text and its grammatical gender."""

    single: str
    multiple: str
    gender: str = ""
    gender_form: str = ""
    match: str = ""


@dataclass
class LocaleData:
    """What one ``<locale>`` element (a file or a style's override) defines."""

    lang: str = ""
    terms: dict = field(default_factory=dict)  # (name, form) -> list[Term]
    dates: dict = field(default_factory=dict)  # "text"/"numeric" -> Element
    options: dict = field(default_factory=dict)


def tag(el: ET.Element) -> str:
    """The element's name without the CSL namespace."""
    return el.tag[len(NS):] if el.tag.startswith(NS) else el.tag


def parse_locale(el: ET.Element) -> LocaleData:
    """Read a ``<locale>`` element."""
    data = LocaleData(lang=el.get(XML_LANG, ""))
    for child in el:
        name = tag(child)
        if name == "style-options":
            data.options.update(child.attrib)
        elif name == "date":
            data.dates[child.get("form", "text")] = child
        elif name == "terms":
            for t in child:
                if tag(t) != "term":
                    continue
                single = t.find(NS + "single")
                multiple = t.find(NS + "multiple")
                text = t.text or ""
                term = Term(single.text or "" if single is not None else text,
                            multiple.text or "" if multiple is not None else text,
                            t.get("gender", ""), t.get("gender-form", ""), t.get("match", ""))
                key = (t.get("name"), t.get("form", "long"))
                # A later definition of the same term and gender-form replaces the earlier one.
                entries = [e for e in data.terms.get(key, []) if e.gender_form != term.gender_form]
                data.terms[key] = entries + [term]
    return data


@lru_cache(maxsize=None)
def _primary_dialects() -> dict:
    text = resources.files("solicite.csl").joinpath("locales/locales.json").read_text(encoding="utf-8")
    return json.loads(text).get("primary-dialects", {})


@lru_cache(maxsize=None)
def load_locale_file(lang: str) -> LocaleData | None:
    """The shipped locale for ``lang`` ("de-DE", or "de" for its primary dialect), or None."""
    if "-" not in lang:
        lang = _primary_dialects().get(lang, lang)
    try:
        text = resources.files("solicite.csl").joinpath(f"locales/locales-{lang}.xml").read_bytes()
    except (FileNotFoundError, OSError):
        return None
    return parse_locale(ET.fromstring(text))


class Locale:
    """A chain of locale data searched in order: the style's overrides, then the locale files."""

    def __init__(self, chain: list[LocaleData]) -> None:
        self.chain = chain
        self.lang = next((d.lang for d in chain if d.lang), "en-US")
        self.options: dict = {}
        for d in reversed(chain):
            self.options.update(d.options)
        self._cache: dict = {}

    @property
    def punctuation_in_quote(self) -> bool:
        """Whether commas and periods move inside closing quotes (US English)."""
        return self.options.get("punctuation-in-quote") == "true"

    def date_format(self, form: str) -> ET.Element | None:
        """The localized ``<date>`` for "text" or "numeric"."""
        for d in self.chain:
            if form in d.dates:
                return d.dates[form]
        return None

    def term(self, name: str, form: str = "long", plural: bool = False, gender: str = "") -> str | None:
        """The term's text, None when no locale defines it (the empty string is a defined term)."""
        entry = self.find(name, form, gender)
        if entry is None:
            return None
        return entry.multiple if plural else entry.single

    def find(self, name: str, form: str = "long", gender: str = "") -> Term | None:
        """The term entry, following the spec's form fallbacks."""
        key = (name, form, gender)
        if key in self._cache:
            return self._cache[key]
        found = None
        for f in _FALLBACK.get(form, (form, "long")):
            for d in self.chain:
                entries = d.terms.get((name, f))
                if entries:
                    found = _pick_gender(entries, gender)
                    break
            if found is not None:
                break
        self._cache[key] = found
        return found

    def locator_label(self, locator: str) -> tuple[str, bool, str] | None:
        """(term, plural, rest) when a locator opens with a term's short form ("vol. 1": volume, False, "1")."""
        table = self.__dict__.get("_locator_labels")
        if table is None:
            table = {}
            for name in LOCATOR_TERMS:
                for plural in (False, True):
                    short = self.term(name, "short", plural)
                    if short and short.strip():
                        table.setdefault(short.strip(), (name, plural))
            self._locator_labels = table
        head, _, rest = locator.strip().partition(" ")
        if rest and head in table:
            return (*table[head], rest.lstrip())
        return None

    def has_own(self, name: str, form: str = "long") -> list[Term]:
        """Entries of the first locale in the chain that defines ``name`` (ordinals do not mix)."""
        for d in self.chain:
            entries = d.terms.get((name, form))
            if entries:
                return entries
        return []

    def gender_of(self, name: str) -> str:
        """The gender of a noun term ("volume" is masculine in French)."""
        entry = self.find(name)
        return entry.gender if entry else ""


def _pick_gender(entries: list[Term], gender: str) -> Term:
    for e in entries:
        if e.gender_form == gender:
            return e
    for e in entries:
        if not e.gender_form:
            return e
    return entries[0]


def build_locale(style_locales: list[LocaleData], default_lang: str, lang: str | None = None) -> Locale:
    """The locale chain for a style: its overrides for the language, then the files, then en-US."""
    lang = lang or default_lang or "en-US"
    base = lang.split("-")[0]
    chain: list[LocaleData] = []
    for want in (lang, base, ""):
        chain += [d for d in style_locales if d.lang == want and d not in chain]
    for name in (lang, base, "en-US"):
        data = load_locale_file(name)
        if data is not None and data not in chain:
            chain.append(data)
    return Locale(chain)
