"""Property-based round trips over generated entries: BibTeX -> CSL-JSON -> BibTeX and BibTeX -> RIS -> BibTeX.

"Keeps every field the target format can carry" is checked on the CSL reading of the entry:
every CSL variable the original maps to comes back identical (rich text, names, dates, type)
after the trip through CSL-JSON; after the trip through RIS, the variables RIS carries for
that record type (listed below from the README's table, not from the code) come back as the
same plain text. A field-by-field check also makes sure nothing was dropped on the way out.
The last two tests take the whole way as files: BibTeX text read by the library reader, the
CSL-JSON or RIS text, the importer, and BibTeX text again.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solicite.export.csljson import from_csl, to_csl
from solicite.export.ris import CSL_TO_RIS, export_ris, read_ris
from solicite.model import Person, Reference

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéü"
word = st.text(alphabet=LETTERS, min_size=1, max_size=8)
capital = st.builds(lambda w: w[:1].upper() + w[1:], word)
LATEX_BITS = ["{\\'e}", "\\&", "{\\\"U}ber", "50\\%", "a--b"]


@st.composite
def text_value(draw, protect: bool = True) -> str:
    """A field value: words, with LaTeX accents and escapes and (for titles) {Protected} words."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            parts.append(draw(st.sampled_from(LATEX_BITS)))
        elif kind == 1 and protect:
            parts.append("{" + draw(capital) + "}")
        else:
            parts.append(draw(word))
    return " ".join(parts)


@st.composite
def person(draw) -> Person:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return Person(literal=" ".join(draw(st.lists(capital, min_size=1, max_size=3))))
    given = " ".join(draw(st.lists(capital, min_size=0 if kind == 1 else 1, max_size=2)))
    particle = draw(st.sampled_from(["", "", "van der", "de", "von"])) if kind >= 3 else ""
    suffix = draw(st.sampled_from(["", "Jr.", "III"])) if kind == 4 else ""
    # A family name alone (no given name) is one word: several words would read back as a corporate name.
    family = draw(capital) if not given else " ".join(draw(st.lists(capital, min_size=1, max_size=2)))
    return Person(family=family, given=given, particle=particle, suffix=suffix)


TYPES = ["article", "book", "incollection", "inproceedings", "phdthesis", "mastersthesis", "techreport", "online",
         "misc", "unpublished", "podcast", "dataset", "software", "audio", "video", "booklet"]
OPTIONAL = {
    "title": text_value(), "journal": text_value(), "booktitle": text_value(), "series": text_value(),
    "publisher": text_value(False), "institution": text_value(False), "address": text_value(False),
    "volume": st.integers(1, 300).map(str), "number": st.integers(1, 60).map(str),
    "pages": st.tuples(st.integers(1, 500), st.integers(0, 99)).map(lambda t: f"{t[0]}--{t[0] + t[1]}"),
    "doi": st.from_regex(r"10\.[0-9]{4,5}/[a-z0-9.]{1,12}", fullmatch=True),
    "url": st.from_regex(r"https://example\.org/[a-z0-9]{1,10}", fullmatch=True),
    "isbn": st.from_regex(r"978[0-9]{10}", fullmatch=True),
    "edition": st.integers(1, 9).map(str), "note": text_value(False), "abstract": text_value(False),
    "language": st.sampled_from(["english", "german"]), "shorttitle": text_value(),
    "keywords": st.lists(word, min_size=1, max_size=3).map(", ".join),
    "urldate": st.tuples(st.integers(2000, 2030), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    "eventtitle": text_value(), "venue": text_value(False), "version": st.integers(1, 9).map(lambda n: f"{n}.0"),
}


@st.composite
def reference(draw) -> Reference:
    btype = draw(st.sampled_from(TYPES))
    names = draw(st.lists(st.sampled_from(sorted(OPTIONAL)), unique=True, max_size=12))
    fields = {n: draw(OPTIONAL[n]) for n in names}
    fields.setdefault("title", draw(text_value()))
    if btype == "article" and draw(st.booleans()):
        fields["entrysubtype"] = draw(st.sampled_from(["newspaper", "magazine"]))
    year = draw(st.integers(1900, 2030))
    if draw(st.booleans()):
        fields["year"] = str(year)
        if draw(st.booleans()):
            fields["month"] = str(draw(st.integers(1, 12)))
    elif draw(st.booleans()):
        fields["date"] = f"{year}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    persons = {"author": draw(st.lists(person(), min_size=1, max_size=4))}
    if draw(st.booleans()):
        persons["editor"] = draw(st.lists(person(), min_size=1, max_size=2))
    key = draw(st.from_regex(r"[a-z]{2,8}[0-9]{4}[a-z]{0,6}", fullmatch=True))
    return Reference(btype, key, fields, persons)


# Each BibTeX field -> the CSL variables it may land in (any one non-empty suffices).
FIELD_TO_CSL = {
    "title": ["title"], "journal": ["container-title"], "booktitle": ["container-title"],
    "series": ["collection-title", "container-title"], "publisher": ["publisher"],
    "institution": ["publisher"], "address": ["publisher-place"], "volume": ["volume"],
    "number": ["issue", "number", "collection-number"], "pages": ["page"], "doi": ["DOI"], "url": ["URL"],
    "isbn": ["ISBN"], "edition": ["edition"], "note": ["note"], "abstract": ["abstract"], "language": ["language"],
    "shorttitle": ["title-short"], "keywords": ["keyword"], "urldate": ["accessed"], "eventtitle": ["event-title"],
    "venue": ["event-place"], "version": ["version"], "year": ["issued"], "date": ["issued"],
}
# Fields that share one CSL variable with another: only the first present one is carried.
SHARED = [("journal", "booktitle", "series"), ("publisher", "institution")]


def _dropped_on_the_way_out(ref: Reference, item: dict) -> list[str]:
    missing = []
    for name in ref.fields:
        targets = FIELD_TO_CSL.get(name)
        if targets and not any(item.get(t) for t in targets):
            if any(name in group and any(o != name and o in ref.fields for o in group) for group in SHARED):
                continue
            missing.append(name)
    for name in ref.persons:
        if name in ("author", "editor") and not item.get(name):
            missing.append(name)
    return missing


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reference())
def test_bibtex_csl_bibtex_keeps_everything_csl_carries(ref: Reference) -> None:
    item = to_csl(ref)
    assert _dropped_on_the_way_out(ref, item) == []
    back = from_csl(item)
    assert back.key == ref.key
    assert to_csl(back) == item


_HTML = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^<>]*)?>")
COMMON_RIS = ["title", "title-short", "author", "editor", "issued", "volume", "issue", "publisher",
              "publisher-place", "DOI", "URL", "keyword", "abstract", "language", "note", "accessed"]
# What RIS carries beyond the common tags, by RIS type (README: "What each format cannot carry").
RIS_BY_TYPE = {
    "CONF": ["event-title", "container-title", "collection-title", "event-place", "page", "edition", "number"],
    "SOUND": ["container-title", "page", "edition", "number"],
    "BOOK": ["collection-title", "container-title", "number-of-pages", "edition", "collection-number"],
    "THES": ["container-title", "collection-title", "number-of-pages", "edition", "number", "genre"],
    "RPRT": ["collection-title", "container-title", "page", "edition", "number", "genre"],
    "COMP": ["collection-title", "container-title", "page", "version", "number", "genre"],
    "DATA": ["container-title", "collection-title", "page", "version", "number", "genre"],
}
RIS_DEFAULT = ["container-title", "collection-title", "page", "edition", "number", "genre"]


def _ris_view(item: dict) -> dict:
    ty = CSL_TO_RIS.get(item["type"], "GEN")
    keep = COMMON_RIS + RIS_BY_TYPE.get(ty, RIS_DEFAULT)
    view = {"TY": ty, "podcast": item["type"] == "broadcast"}
    if ty not in ("RPRT", "PAT") and (item.get("ISBN") or item.get("ISSN")):
        view["SN"] = item.get("ISBN") or item.get("ISSN")  # one RIS tag holds either
    for var in keep:
        value = item.get(var)
        if isinstance(value, str):
            value = " ".join(_HTML.sub("", value).split())
        if value:
            view[var] = value
    return view


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reference())
def test_bibtex_ris_bibtex_keeps_everything_ris_carries(ref: Reference) -> None:
    item = to_csl(ref)
    records = read_ris(export_ris([ref]))
    assert len(records) == 1
    back = records[0]
    assert back.key == ref.key
    assert _ris_view(to_csl(back)) == _ris_view(item)


def _through_bibtex_text(ref: Reference) -> Reference:
    """The reference as a library file holds it: written as BibTeX text and read back."""
    from solicite import bibfile
    from solicite.export.bibtex import EXPORTER as BIBTEX

    [back] = bibfile.loads(BIBTEX.export([ref])).references
    return back


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reference())
def test_bibtex_file_to_csl_json_file_to_bibtex_file(ref: Reference) -> None:
    """The whole way as files: BibTeX text -> CSL-JSON text -> import -> BibTeX text."""
    from solicite.export.csljson import EXPORTER as CSL
    from solicite.export.importer import read_text

    original = _through_bibtex_text(ref)
    [imported] = read_text(CSL.export([original]), "csl-json").references
    back = _through_bibtex_text(imported)
    assert back.key == original.key
    assert to_csl(back) == to_csl(original)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reference())
def test_bibtex_file_to_ris_file_to_bibtex_file(ref: Reference) -> None:
    """The whole way as files: BibTeX text -> RIS text -> import -> BibTeX text."""
    from solicite.export.importer import read_text

    original = _through_bibtex_text(ref)
    [imported] = read_text(export_ris([original]), "ris").references
    back = _through_bibtex_text(imported)
    assert back.key == original.key
    assert _ris_view(to_csl(back)) == _ris_view(to_csl(original))
