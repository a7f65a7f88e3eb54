"""Exports tuned for Zotero's importers (CSL-JSON by default, or BibTeX), and ``zotero_lint``.

What Zotero does on import, from its translators (zotero/translators ``BibTeX.js``, ``CSL JSON.js``)
and its schema (zotero/zotero-schema ``schema.json``, CSL type mappings):

* BibTeX (``BibTeX.js``): entries of a type outside ``bibtex2zoteroTypeMap`` (``@podcast``,
  ``@dataset``...) are discarded; ``@misc`` is a Document (zotero/translators pull request 2351,
  merged 2021-05-28; a Book before); the citation key is not stored; fields ``processField()``
  does not read are dropped; braces are removed, so ``{DNA}`` loses its case protection;
  ``note`` becomes a child note; ``eprint`` + ``eprinttype`` become an Extra line ("arXiv: ...");
  ``keywords`` become tags; a name list given as an ``@string`` macro is split word by word.
* CSL-JSON (``CSL JSON.js`` calls ``itemFromCSLJSON()`` of zotero/utilities ``utilities_item.js``):
  the CSL type picks the item type (``broadcast`` -> Podcast, ``webpage`` -> Web Page,
  ``article-newspaper`` -> Newspaper Article, ``report`` + ``genre`` -> Report with its type);
  a variable is stored only where the schema maps it to a field of that item type
  (zotero-schema ``schema.json``, ``csl.fields``: ``citation-key`` -> Citation Key, ``note`` -> Extra);
  ``keyword`` is read by nothing, so keywords never become tags; ``<span class="nocase">`` is
  kept. Zotero's citation engine reads "Label: value" lines of Extra back as CSL variables
  (``extraToCSL()``), which is where original dates and publishers, event dates and eprints go.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Iterator

from solicite.export import FunctionExporter, without_sets
from solicite.export.carry import EXTRA_FIELDS, ROLE_FIELDS, Tally
from solicite.export.csldates import csl_date_text
from solicite.doi import strip_doi
from solicite.export.csljson import to_csl
from solicite.export.csltables import THESIS_GENRES
from solicite.export.extended import EPRINT_LABELS, EXTRA_LABELS, eprint_line, eprint_type, extra_lines
from solicite.codec import escape, protected_words, to_unicode
from solicite.model import Diagnostic, Person, Reference, named
from solicite.types import csl_type
from solicite.stream import json_array, separated

# Entry types Zotero's BibTeX importer knows (bibtex2zoteroTypeMap) and the item type each becomes.
ZOTERO_BIBTEX_TYPES: dict[str, str] = {
    "book": "book", "inbook": "bookSection", "incollection": "bookSection", "article": "journalArticle",
    "patent": "patent", "phdthesis": "thesis", "unpublished": "manuscript", "inproceedings": "conferencePaper",
    "conference": "conferencePaper", "techreport": "report", "booklet": "book", "manual": "book",
    "mastersthesis": "thesis", "misc": "document", "proceedings": "book", "online": "webpage", "thesis": "thesis",
    "letter": "letter", "movie": "film", "artwork": "artwork", "report": "report", "legislation": "bill",
    "jurisdiction": "case", "audio": "audioRecording", "video": "videoRecording", "software": "computerProgram",
    "inreference": "encyclopediaArticle", "collection": "book", "mvbook": "book",
}
# Fields Zotero's BibTeX importer reads (processField); everything else is dropped.
ZOTERO_BIBTEX_FIELDS = frozenset(
    "address chapter edition type series title volume copyright isbn issn shorttitle url doi abstract "
    "nationality language assignee booktitle school publisher issue journaltitle shortjournal eventtitle "
    "pagetotal version subtitle journal fjournal author editor translator institution organization location "
    "number month year date pages note howpublished lastchecked urldate keywords keyword comment annote "
    "review notes pdf path sentelink file eprint eprinttype lccn mrnumber zmnumber pmid pmcid".split())

# CSL type -> BibTeX type that Zotero's BibTeX importer turns into the nearest item type.
CSL_TO_ZOTERO_BIBTEX = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "book": "book", "pamphlet": "booklet", "chapter": "incollection", "paper-conference": "inproceedings",
    "thesis": "thesis", "report": "techreport", "webpage": "online", "post-weblog": "online", "post": "online",
    "manuscript": "unpublished", "speech": "unpublished", "patent": "patent", "software": "software",
    "song": "audio", "motion_picture": "video", "graphic": "artwork",
    "personal_communication": "letter", "legislation": "legislation", "legal_case": "jurisdiction",
    "entry-encyclopedia": "inreference", "entry-dictionary": "inreference", "entry": "inreference",
}
# Zotero's own table (zotero/zotero-schema, schema.json "csl" -> "types"): each CSL type Zotero
# imports and the item types it maps to; itemFromCSLJSON() picks the first unless the item's
# variables point to another (a "broadcast" with a publisher becomes a TV Broadcast).
ZOTERO_CSL_ITEM_TYPES: dict[str, tuple[str, ...]] = {
    "article": ("preprint",), "article-journal": ("journalArticle",), "article-magazine": ("magazineArticle",),
    "article-newspaper": ("newspaperArticle",), "bill": ("bill",), "book": ("book",),
    "broadcast": ("podcast", "tvBroadcast", "radioBroadcast"), "chapter": ("bookSection",), "dataset": ("dataset",),
    "document": ("document", "attachment", "note"), "entry-dictionary": ("dictionaryEntry",),
    "entry-encyclopedia": ("encyclopediaArticle",), "graphic": ("artwork",), "hearing": ("hearing",),
    "interview": ("interview",), "legal_case": ("case",), "legislation": ("statute",), "manuscript": ("manuscript",),
    "map": ("map",), "motion_picture": ("film", "videoRecording"), "paper-conference": ("conferencePaper",),
    "patent": ("patent",), "personal_communication": ("letter", "email", "instantMessage"), "post": ("forumPost",),
    "post-weblog": ("blogPost",), "report": ("report",), "software": ("computerProgram",), "song": ("audioRecording",),
    "speech": ("presentation",), "standard": ("standard",), "thesis": ("thesis",), "webpage": ("webpage",),
}
ZOTERO_CSL_TYPES = frozenset(ZOTERO_CSL_ITEM_TYPES)
# CSL types Zotero does not import, written as the nearest type it does.
_CSL_FALLBACK = {"pamphlet": "book", "periodical": "book", "entry": "entry-encyclopedia", "review": "article-journal",
                 "review-book": "article-journal", "performance": "speech", "event": "speech"}
# Item types the BibTeX importer may choose that are close enough not to count as mangling.
_ALSO_FINE = {"document": {"webpage"}, "post-weblog": {"webpage"}, "legislation": {"bill"}}
# The Zotero item types an entry is meant to become, by its CSL type.
_MEANT: dict[str, set[str]] = {ctype: set(types) | _ALSO_FINE.get(ctype, set())
                               for ctype, types in ZOTERO_CSL_ITEM_TYPES.items()}
_MEANT.update({ctype: _MEANT[target] for ctype, target in _CSL_FALLBACK.items()})
_STRING_NAMES = re.compile(r"(?im)^\s*(author|editor|translator)\s*=\s*[A-Za-z][\w:.-]*\s*[,}#]")
_TAGS = re.compile(r"</?[a-z]+[^<>]*>")  # the markup of CSL rich text, which BibTeX.js would print
_CONCAT = re.compile(r"(?m)=\s*(?:[A-Za-z][\w:.-]*|\{[^{}]*\}|\"[^\"]*\")\s*#")


# Variables that make Zotero's itemFromCSLJSON() turn a "broadcast" into a TV Broadcast, not a Podcast.
_NOT_PODCAST = {"publisher": "Publisher", "publisher-place": "Place", "event-place": "Event Place",
                "archive": "Archive", "archive_location": "Loc. in Archive", "source": "Source"}


def _zotero_name(name: dict) -> dict:
    # itemFromCSLJSON() reads only family/given/literal: particles belong in the last name
    # ("van der Walt") and a suffix after the first name ("Juliet P., Jr."), as Zotero stores them.
    if "literal" in name:
        return name
    family = " ".join(x for x in (name.get("dropping-particle"), name.get("non-dropping-particle"), name.get("family"))
                      if x)
    given = ", ".join(x for x in (name.get("given"), name.get("suffix")) if x)
    return {k: v for k, v in (("family", family), ("given", given)) if v}


# Item types whose schema has a Number of Volumes field (zotero-schema schema.json, itemTypes); the
# others get the value as an Extra line.
_HAS_VOLUMES = frozenset({"audioRecording", "book", "bookSection", "dictionaryEntry", "encyclopediaArticle",
                          "hearing"})


def zotero_csl(ref: Reference) -> dict:
    """The CSL item for Zotero: its citation key twice (the field and an Extra line), types, names and Extra lines."""
    item = to_csl(ref)
    ctype = item["type"]
    if ctype not in ZOTERO_CSL_TYPES:
        item["type"] = _CSL_FALLBACK.get(ctype, "document")
    # Zotero 7 stores citation-key in its Citation Key field; older versions keep the Extra line,
    # which Zotero 7 also reads.
    extra = [f"Citation Key: {ref.key}"] if ref.key else []
    if item["type"] == "broadcast":
        if "container-title" in item and "collection-title" not in item:
            # Zotero's Podcast item has no publication title: the show is its Series Title.
            item["collection-title"] = item.pop("container-title")
        for var, label in _NOT_PODCAST.items():
            if var in item:
                extra.append(f"{label}: {item.pop(var)}")
        if "container-title" in item:
            extra.append(f"Container Title: {item.pop('container-title')}")
    _volume_as_book(item)  # Zotero has no volume title
    for var in ("author", "editor", "translator", "container-author"):
        if var in item:
            item[var] = [_zotero_name(n) for n in item[var]]
    kept = {"number-of-volumes"} if ZOTERO_CSL_ITEM_TYPES[item["type"]][0] in _HAS_VOLUMES else set()
    extra += extra_lines(item, frozenset(kept))
    for var in EXTRA_LABELS:
        if var not in kept:
            item.pop(var, None)
    if eprint_line(ref):
        extra.append(eprint_line(ref))
    if item.get("keyword"):
        # Zotero's CSL import has no field for keywords (its tags): keep them readable in Extra.
        extra.append(f"Keywords: {item['keyword']}")
    if item.get("note"):
        extra.append(item["note"])
    if extra:
        item["note"] = "\n".join(extra)
    return item


def iter_zotero_csl(refs: Iterable[Reference]) -> Iterator[str]:
    """CSL-JSON tuned for Zotero's import (File > Import, or paste from clipboard)."""
    return separated(json_array(zotero_csl(r) for r in without_sets(refs)), "", "\n")


def export_zotero_csl(refs: Iterable[Reference]) -> str:
    """CSL-JSON tuned for Zotero's import (File > Import, or paste from clipboard), as one text."""
    return "".join(iter_zotero_csl(refs))


@functools.lru_cache(maxsize=16384)  # the same author recurs, and a Person is immutable
def _plain_name(p: Person) -> Person:
    if p.literal:
        return Person(literal=escape(to_unicode(p.literal), literal=True))
    return Person.of(escape(to_unicode(p.family), literal=True), escape(to_unicode(p.given), literal=True),
                     escape(to_unicode(p.particle), literal=True), escape(to_unicode(p.suffix), literal=True))


def _bibtex_type(ref: Reference, ctype: str) -> str:
    if ctype == "broadcast":
        # BibTeX.js has no podcast type and its Audio Recording has no field for the show (a "series"
        # is not one of its fields): a Web Page keeps the show (Website Title) and "Podcast" (Website Type).
        return "online"
    if ctype == "thesis" and ref.type.lower() in ("phdthesis", "mastersthesis") and not ref.get("type"):
        return ref.type.lower()  # Zotero sets the thesis type from these two
    return CSL_TO_ZOTERO_BIBTEX.get(ctype, "misc")  # @misc: a Document, which keeps a DOI in Extra


def zotero_bibtex_entry(ref: Reference) -> Reference:
    """A Reference rewritten to survive Zotero's BibTeX translator: known type, read fields, Unicode, ISO dates."""
    item = to_csl(ref)
    _volume_as_book(item)
    btype = _bibtex_type(ref, item["type"])
    fields: dict[str, str] = {}
    container = {"incollection": "booktitle", "inproceedings": "booktitle", "inreference": "booktitle",
                 "audio": "series", "video": "series"}.get(btype, "journal")
    _put(fields, item, (("title", "title"), ("shorttitle", "title-short"), (container, "container-title")))
    if "series" not in fields:
        _put(fields, item, (("series", "collection-title"),))
    publisher = {"techreport": "institution", "thesis": "school", "phdthesis": "school",
                 "mastersthesis": "school"}.get(btype, "publisher")
    _put(fields, item, (("eventtitle", "event-title"), (publisher, "publisher"), ("address", "publisher-place"),
                        ("edition", "edition"), ("version", "version"), ("volume", "volume"),
                        ("number" if btype == "article" else "issue", "issue")))
    if "number" not in fields:
        _put(fields, item, (("number", "number"),))
    if "number" not in fields:
        _put(fields, item, (("number", "collection-number"),))
    _put(fields, item, (("pages", "page"), ("pagetotal", "number-of-pages"), ("chapter", "chapter-number")))
    genre = item.get("genre", "")
    if genre and not (btype in ("phdthesis", "mastersthesis") and genre in THESIS_GENRES.values()):
        fields["type"] = escape(genre, literal=True)
    if item["type"] == "broadcast" and "type" not in fields:
        fields["type"] = "Podcast"
    _put(fields, item, (("isbn", "ISBN"), ("issn", "ISSN"), ("abstract", "abstract"), ("language", "language")))
    if item.get("DOI"):
        fields["doi"] = strip_doi(item["DOI"])
    url = item.get("URL")
    if url:
        url = _TAGS.sub("", str(url)) if "<" in str(url) else str(url)
        fields["url"] = url.replace("{", "%7B").replace("}", "%7D")  # braces are not allowed bare
    _put(fields, item, (("keywords", "keyword"),))
    if item.get("medium", "").lower() != fields.get("type", "").lower():
        _put(fields, item, (("howpublished", "medium"),))  # Zotero keeps it in Extra as "Published: ..."
    _bibtex_extras(ref, item, fields)
    for var, name in (("issued", "date"), ("accessed", "urldate")):
        text = csl_date_text(item.get(var))
        if text:
            fields[name] = escape(text, literal=True)
    # "and others" would become a creator named "others" in Zotero, which has no et-al. marker: left out.
    persons = {f: [_plain_name(p) for p in named(ref.persons[f])[0]] for f in ("author", "editor", "translator")
               if ref.persons.get(f)}
    return Reference(btype, ref.key, fields, persons)


def _put(fields: dict[str, str], item: dict, pairs: tuple[tuple[str, str], ...]) -> None:
    """Set each (field, variable) pair's field from the item's variable, when it has one: plain text, escaped."""
    get = item.get
    for name, var in pairs:
        value = get(var)
        if value:
            text = str(value)
            if "<" in text:
                text = _TAGS.sub("", text)
            fields[name] = escape(text, literal=True)


def _bibtex_extras(ref: Reference, item: dict, fields: dict[str, str]) -> None:
    """The note, eprint and the BibLaTeX values BibTeX.js has no field for (a line each in the child note)."""
    if eprint_line(ref):
        # processField() turns eprint + eprinttype into an Extra line ("arXiv: 2101.00001").
        fields["eprint"] = escape(to_unicode(ref.get("eprint")).strip(), literal=True)
        fields["eprinttype"] = EPRINT_LABELS[eprint_type(ref)]
    lines = [item["note"]] if item.get("note") else []
    # A note becomes a child note (processField(), field == "note"): nowhere else keeps these values.
    lines += extra_lines(item)
    if lines:
        fields["note"] = escape("\n".join(lines), literal=True)


def _volume_as_book(item: dict) -> None:
    """A volume of a multi-volume work as Zotero holds it: the volume is the book, the work its series."""
    if "volume-title" in item:
        work = item.pop("container-title", "")
        item["container-title"] = item.pop("volume-title")
        if work and "collection-title" not in item:
            item["collection-title"] = work


def iter_zotero_bibtex(refs: Iterable[Reference]) -> Iterator[str]:
    """BibTeX that Zotero's BibTeX translator imports without dropping entries or splitting names."""
    from solicite.bibfile import format_entry

    return separated((format_entry(zotero_bibtex_entry(r)) for r in without_sets(refs)), "\n\n", "\n")


def export_zotero_bibtex(refs: Iterable[Reference]) -> str:
    """BibTeX that Zotero's BibTeX translator imports without dropping entries or splitting names, as one text."""
    return "".join(iter_zotero_bibtex(refs))


def zotero_lint(refs: list[Reference]) -> list[Diagnostic]:
    """What Zotero's BibTeX importer would drop or mangle in these entries, one Diagnostic per finding."""
    out: list[Diagnostic] = []

    def report(ref: Reference, severity: str, code: str, message: str) -> None:
        out.append(Diagnostic(severity, code, message, key=ref.key, source=ref.source, line=ref.line))

    for ref in refs:
        btype = ref.type.lower()
        target = ZOTERO_BIBTEX_TYPES.get(btype)
        ctype = csl_type(ref)
        if target is None:
            report(ref, "error", "zotero-type-dropped",
                   f"Zotero's BibTeX importer discards @{btype} entries; export with `--to zotero` (CSL-JSON), "
                   f"where it becomes a {ctype} item")
        elif target not in _MEANT.get(ctype, {target}):
            meant = " or ".join(sorted(_MEANT[ctype]))
            report(ref, "warning", "zotero-type-mangled",
                   f"Zotero's BibTeX importer makes this @{btype} a {target}, not a {meant}; "
                   f"`--to zotero` (CSL-JSON) keeps it")
        dropped = sorted(f for f in list(ref.fields) + [p for p in ref.persons if ref.persons[p]]
                         if f not in ZOTERO_BIBTEX_FIELDS)
        if dropped:
            report(ref, "warning", "zotero-field-dropped",
                   "Zotero's BibTeX importer drops " + ", ".join(dropped))
        for name in ("title", "booktitle", "journal", "series", "shorttitle", "eventtitle"):
            words = protected_words(ref.get(name))
            if words:
                report(ref, "warning", "zotero-case-lost",
                       f"Zotero strips braces, so {name} loses the case protection of " + ", ".join(f"{{{w}}}" for w in words))
        if ref.get("note"):
            report(ref, "info", "zotero-note", "Zotero's BibTeX importer turns note into a child note")
        if ref.raw and _STRING_NAMES.search(ref.raw):
            report(ref, "error", "zotero-string-names",
                   "a name list given as an @string macro is split word by word by Zotero; write the name "
                   "double-braced in the entry (author = {{UNHCR}})")
        elif ref.raw and _CONCAT.search(ref.raw):
            report(ref, "warning", "zotero-concatenation", "Zotero's BibTeX importer does not expand # concatenation")
    if refs:
        out.append(Diagnostic("info", "zotero-key-dropped",
                              "Zotero's BibTeX importer does not keep citation keys; `solicite export --to zotero` "
                              "(CSL-JSON: the Citation Key field and an Extra line) or `--to ris` (an M2 line, "
                              "which lands in Extra) keeps them", source=refs[0].source))
    return out


class _CslTally(Tally):
    """Zotero's CSL-JSON import: also the keywords, which it cannot make tags of."""

    def __init__(self) -> None:
        super().__init__("Zotero's CSL-JSON import", extra=EXTRA_FIELDS, lost=ROLE_FIELDS)
        self.tagged: list[str] = []
        self.tagged_count = 0

    def noted(self, ref: Reference) -> None:
        if ref.get("keywords").strip():
            self.tagged_count += 1
            if len(self.tagged) < 5:
                self.tagged.append(ref.key)

    def more(self) -> list[Diagnostic]:
        n = self.tagged_count
        if not n:
            return []
        shown = ", ".join(self.tagged) + (f" and {n - 5} more" if n > 5 else "")
        return [Diagnostic(
            "warning", "cannot-carry",
            f"keywords of {n} {'entry' if n == 1 else 'entries'} ({shown}) cannot arrive as Zotero tags through CSL-JSON "
            "(Zotero's CSL JSON import reads no keywords; they are kept as a \"Keywords:\" line in Extra); "
            "for tags, export with --to ris or --to zotero-bibtex", source=self.source)]


EXPORTER = FunctionExporter("zotero", "json", iter_zotero_csl, "CSL-JSON tuned for Zotero's importer", _CslTally)
# Values of the CSL item zotero_bibtex_entry() has no BibTeX.js field for: the venue (event-place),
# a book's author (container-author) and the eprint class (processField() reads eprint and eprinttype only).
_BIBTEX_LOST = frozenset({"venue", "bookauthor"})


class _BibtexTally(Tally):
    """Zotero's BibTeX import: also the citation keys, which it never keeps."""

    def __init__(self) -> None:
        super().__init__("Zotero's BibTeX import", lost=_BIBTEX_LOST | ROLE_FIELDS)

    def more(self) -> list[Diagnostic]:
        if not self.exported:
            return []
        return [Diagnostic("warning", "cannot-carry",
                           f"{self.fmt} does not keep citation keys; --to zotero (CSL-JSON) or --to ris keeps them",
                           source=self.source)]


BIBTEX_EXPORTER = FunctionExporter("zotero-bibtex", "bib", iter_zotero_bibtex,
                                   "BibTeX tuned for Zotero's BibTeX translator", _BibtexTally)
