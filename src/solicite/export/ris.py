"""RIS export and import, through the CSL item: tags and types follow Zotero's RIS translator (RIS.js).

RIS is plain text: case protection, formatting and LaTeX do not survive (values are written as
Unicode). Per-type tags follow Zotero's mapping (RIS.js ``fieldMap``) so that its importer puts
every value in the right field: for a conference paper ``T2`` is the conference and ``C3`` the
proceedings; for a report ``SN`` is the report number; a podcast episode is ``SOUND`` (Zotero: an
Audio Recording, the show its Series Title from ``T3``) with ``M3  - Podcast`` for other readers.

The citation key travels twice: in ``ID``, which other tools read and RIS.js ignores
(``degenerateImportFieldMap``: ``ID: "__ignore"``), and as ``M2  - Citation Key: KEY``: RIS.js
maps ``M2`` to Extra (``M2: "extra"``, one line per tag, ``applyValue()``), where Zotero 7 reads
``Citation Key:`` as the item's key. Values RIS has no tag for go the same way, one ``M2`` line
each that Zotero's citation engine reads back ("Original Date: 1856", "arXiv: 2101.00001").
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from solicite.export import FunctionExporter, without_sets
from solicite.export.carry import EXTRA_FIELDS, ROLE_FIELDS, Tally
from solicite.export.csljson import CITATION_KEY_LINE, from_csl, to_csl
from solicite.export.extended import eprint_line, extra_lines
from solicite.model import Reference
from solicite.stream import separated

CSL_TO_RIS = {
    "article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS", "article": "GEN",
    "document": "GEN", "book": "BOOK", "chapter": "CHAP", "paper-conference": "CONF", "thesis": "THES",
    "report": "RPRT", "webpage": "ELEC", "post-weblog": "BLOG", "post": "ICOMM", "manuscript": "MANSCPT",
    "patent": "PAT", "dataset": "DATA", "software": "COMP", "song": "SOUND", "broadcast": "SOUND",
    "motion_picture": "VIDEO", "graphic": "ART", "personal_communication": "PCOMM", "interview": "PCOMM",
    "legislation": "STAT", "bill": "BILL", "legal_case": "CASE", "entry-encyclopedia": "ENCYC",
    "entry-dictionary": "DICT", "entry": "ENCYC", "pamphlet": "PAMP", "map": "MAP", "speech": "SLIDE",
    "standard": "STAND", "periodical": "JFULL", "hearing": "HEAR",
}
# RIS type -> CSL type on import (the inverse of the above, plus the variants other tools write)
RIS_TO_CSL = {ris: csl for csl, ris in reversed(list(CSL_TO_RIS.items()))}
RIS_TO_CSL.update({"GEN": "document", "SOUND": "song", "PCOMM": "personal_communication", "ENCYC": "entry-encyclopedia",
                   "EJOUR": "article-journal", "ABST": "article-journal", "CPAPER": "paper-conference",
                   "EBOOK": "book", "EDBOOK": "book", "ECHAP": "chapter", "UNPB": "manuscript", "UNPD": "manuscript",
                   "INPR": "manuscript", "WEB": "webpage", "MPCT": "motion_picture", "MUSIC": "song",
                   "GOVDOC": "report", "DBASE": "dataset", "SER": "book", "CTLG": "article-magazine"})

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_HTML = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^<>]*)?>", re.IGNORECASE)
_KEYWORDS = re.compile(r"\s*[,;]\s*")


def _plain(value) -> str:
    text = value if type(value) is str else str(value)
    if "<" in text:
        text = _HTML.sub("", text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # already one space between words: every other white space character is unprintable
    return " ".join(text.split())


def _name(n: dict) -> str:
    get = n.get
    literal = get("literal")
    if literal:
        return literal
    family, particle = get("family", ""), get("non-dropping-particle", "")
    if particle:
        family = f"{particle} {family}" if family else particle
    elif not family:
        family = ""  # a name with neither: "" rather than a false value of another type
    if get("suffix"):
        return f"{family}, {get('given', '')}, {n['suffix']}"
    # A family name alone keeps its comma, so that it is not read back as a single-field (corporate) name.
    return f"{family}, {n['given']}" if n.get("given") else family + ","


def _date(d: dict | None) -> tuple[str, str]:
    """(PY, DA) for a CSL date: the year, and YYYY/MM/DD when there is more than a year."""
    if not d:
        return "", ""
    parts = (d.get("date-parts") or [[]])[0]
    if not parts:
        raw = str(d.get("raw") or d.get("literal") or "")
        return raw, ""
    year = f"{int(parts[0]):04d}"
    if len(parts) == 1:
        return year, ""
    return year, "/".join([year] + [f"{int(x):02d}" for x in parts[1:]])


def _lines(out: list[str], item: dict, pairs: tuple[tuple[str, str], ...]) -> None:
    """A line for each (head, variable) whose variable the item has, as plain text (head: "TI  - ")."""
    get = item.get
    for head, var in pairs:
        value = get(var)
        if value:
            out.append(head + _plain(value) + "\n")


def _heads(*pairs: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((f"{tag}  - ", var) for tag, var in pairs)


_EDITOR_TAGS = {"BOOK": "A3", "JOUR": "A2", "CHAP": "A2", "CONF": "A2", "DICT": "A2", "ENCYC": "A2", "GEN": "A2"}
# T2, T3 (and C3 for a conference paper): which holds the container depends on the type.
_CONTAINERS = {"CONF": (("T2", "event-title"), ("C3", "container-title"), ("T3", "collection-title")),
               "SOUND": (("T3", "container-title"),),  # Zotero: the series of an audio recording / podcast
               "BOOK": (("T2", "collection-title"), ("T3", "container-title"))}
_CONTAINERS.update(RPRT=_CONTAINERS["BOOK"], COMP=_CONTAINERS["BOOK"], MAP=_CONTAINERS["BOOK"])
_OTHER_CONTAINERS = (("T2", "container-title"), ("T3", "collection-title"))


class _Plan:
    """The lines of one RIS type in order, worked out once per type rather than for every record."""

    def __init__(self, ty: str) -> None:
        self.names = _heads(("AU", "author"), (_EDITOR_TAGS.get(ty, "ED"), "editor"), ("A4", "translator"),
                            ("C2", "container-author"))
        self.titles = _heads(("TI", "title"), ("ST", "title-short"), *_CONTAINERS.get(ty, _OTHER_CONTAINERS))
        book = ty in ("BOOK", "THES")
        self.volume = _heads(("VL", "volume"), ("IS", "issue"), *((("SP", "number-of-pages"),) if book else ()))
        self.pages = not book
        self.publisher = _heads(("ET", "version" if ty in ("COMP", "DATA") else "edition"), ("PB", "publisher"),
                                ("CY", "publisher-place"), *((("C1", "event-place"),) if ty == "CONF" else ()),
                                *((("SN", "number"),) if ty in ("RPRT", "PAT") else ()))
        self.serials = ty not in ("RPRT", "PAT")  # SN is the ISBN or ISSN, M1 the number
        self.number = _heads(("M1", "collection-number" if ty == "BOOK" else "number"))
        # RIS.js: NV is numberOfVolumes, except for a book section (IS).
        self.links = _heads(("DO", "DOI"), ("UR", "URL"))
        self.abstract = _heads(("AB", "abstract"), ("LA", "language"), *(() if ty == "CHAP" else (("NV", "number-of-volumes"),)))
        self.not_extra = frozenset() if ty == "CHAP" else frozenset({"number-of-volumes"})


_PLANS = {ty: _Plan(ty) for ty in {*CSL_TO_RIS.values(), "GEN"}}
_ISBN, _ISSN = _heads(("SN", "ISBN")), _heads(("SN", "ISSN"))


def csl_to_ris(item: dict, extra: list[str] | tuple[str, ...] = ()) -> str:
    """One RIS record (ending in ``ER  -``) for a CSL item; ``extra`` lines go in ``M2`` tags (Zotero: Extra)."""
    get = item.get
    ctype = get("type", "document")
    ty = CSL_TO_RIS.get(ctype, "GEN")
    plan = _PLANS[ty]
    out = [f"TY  - {ty}\n"]
    if get("id"):
        out.append(f"ID  - {item['id']!s}\n")
    for head, var in plan.names:
        people = get(var)
        if people:
            out += [head + _name(n) + "\n" for n in people]
    _lines(out, item, plan.titles)
    _numbers_to_ris(out, item, plan)
    # RIS has no podcast type: "SOUND" with "M3  - Podcast" tells it from a recording (Zotero: audioFileType).
    genre = "Podcast" if ctype == "broadcast" else get("genre")
    if genre:
        out.append(f"M3  - {_plain(genre)}\n")
    _links_to_ris(out, item, plan)
    key = get("citation-key")
    if key:
        out.append(f"M2  - Citation Key: {key}\n")
    out += [f"M2  - {line}\n" for line in extra_lines(item, plan.not_extra)]
    out += [f"M2  - {line}\n" for line in extra]
    note = get("note")
    if note:
        out.append(f"N1  - {_plain(note)}\n")
    out.append("ER  -\n")
    return "".join(out)


def _numbers_to_ris(out: list[str], item: dict, plan: _Plan) -> None:
    """Date, volume, issue, pages, edition, publisher and place, report or standard numbers."""
    get = item.get
    issued = get("issued")
    if issued:
        py, da = _date(issued)
        if py:
            out.append(f"PY  - {py}\n")
        if da:
            out.append(f"DA  - {da}\n")
    _lines(out, item, plan.volume)
    page = get("page") if plan.pages else None
    if page:
        page = _plain(page)
        if page:
            start, _, end = page.partition("-")
            out.append(f"SP  - {start.strip()}\n")
            if end.strip():
                out.append(f"EP  - {end.strip()}\n")
    _lines(out, item, plan.publisher)
    if plan.serials:
        _lines(out, item, _ISBN if "ISBN" in item else _ISSN)
        _lines(out, item, plan.number)


def _links_to_ris(out: list[str], item: dict, plan: _Plan) -> None:
    """DOI, URL, access date, keywords, abstract, language, number of volumes."""
    _lines(out, item, plan.links)
    accessed = item.get("accessed")
    if accessed:
        year, accessed = _date(accessed)
        if accessed or year:
            out.append(f"Y2  - {accessed or year}\n")
    keywords = item.get("keyword")
    if keywords:
        out += [f"KW  - {word}\n" for word in _KEYWORDS.split(_plain(keywords)) if word]
    _lines(out, item, plan.abstract)


def iter_ris(refs: Iterable[Reference]) -> Iterator[str]:
    """The references as RIS records separated by blank lines."""
    return separated((csl_to_ris(to_csl(ref), [line for line in (eprint_line(ref),) if line])
                      for ref in without_sets(refs)), "\n")


def export_ris(refs: Iterable[Reference]) -> str:
    """The references as RIS records separated by blank lines, as one text."""
    return "".join(iter_ris(refs))


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """RIS text as records: tag -> values in order; continuation lines join the previous value."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    last = ""
    for line in text.lstrip("\ufeff").splitlines():
        m = _TAG_LINE.match(line.rstrip())
        if not m:
            if current is not None and last and line.strip():
                current[last][-1] = (current[last][-1] + " " + line.strip()).strip()
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            current, last = {"TY": [value]}, "TY"
            continue
        if current is None:
            continue
        if tag == "ER":
            records.append(current)
            current, last = None, ""
            continue
        current.setdefault(tag, []).append(value)
        last = tag
    if current is not None:
        records.append(current)
    return records


def _csl_name(value: str) -> dict:
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 1:
        return {"literal": parts[0]}
    name = {"family": parts[0], "given": parts[-1]}
    if len(parts) > 2:
        name = {"family": parts[0], "given": parts[1], "suffix": parts[2]}
    words = name["family"].split()
    # A lower-case leading word is a particle ("van der Walt"), as BibTeX reads it.
    i = 0
    while i < len(words) - 1 and words[i][:1].islower():
        i += 1
    if i:
        name["non-dropping-particle"] = " ".join(words[:i])
        name["family"] = " ".join(words[i:])
    return {k: v for k, v in name.items() if v}


def _csl_date(value: str) -> dict | None:
    parts = [p for p in value.strip().split("/") if p.strip()]
    nums = []
    for p in parts[:3]:
        if not p.strip().isdigit():
            break
        nums.append(int(p))
    if nums and len(str(parts[0]).strip()) == 4:
        return {"date-parts": [nums]}
    return {"raw": value.strip()} if value.strip() else None


def ris_to_csl(record: dict[str, list[str]]) -> dict:
    """The CSL item for one parsed RIS record (the inverse of :func:`csl_to_ris`)."""
    ty = record.get("TY", ["GEN"])[0].upper()
    first = {tag: values[0] for tag, values in record.items() if values}
    genre = first.get("M3", "")
    ctype = RIS_TO_CSL.get(ty, "document")
    if ty == "SOUND" and genre.lower() == "podcast":
        ctype, genre = "broadcast", ""
    extra, notes = _read_extra(record.get("M2", []))
    key = extra.pop("citation-key", "") or first.get("ID", "")
    item: dict = {"id": key, "citation-key": key, "type": ctype, **extra}
    names = {"author": record.get("AU", []) + record.get("A1", []), "translator": record.get("A4", []),
             "container-author": record.get("C2", []),
             "editor": record.get("ED", []) + record.get("A2" if ty != "BOOK" else "A3", [])}
    for var, values in names.items():
        if values:
            item[var] = [_csl_name(v) for v in values]
    _put(item, first, "title", "TI", "T1", "CT")
    _put(item, first, "title-short", "ST")
    _containers_from_ris(item, first, ty)
    _numbers_from_ris(item, first, ty)
    if genre:
        item["genre"] = genre
    _put(item, first, "DOI", "DO")
    _put(item, first, "URL", "UR")
    if first.get("Y2"):
        item["accessed"] = _csl_date(first["Y2"])
    if record.get("KW"):
        item["keyword"] = ", ".join(record["KW"])
    _put(item, first, "abstract", "AB", "N2")
    _put(item, first, "language", "LA")
    _put(item, first, "number-of-volumes", "NV")
    if record.get("N1") or notes:
        item["note"] = "\n".join(record.get("N1", []) + notes)
    return {k: v for k, v in item.items() if v not in (None, "", [])} | {"id": item["id"], "type": ctype}


def _put(item: dict, first: dict[str, str], var: str, *tags: str) -> None:
    """Set var from the first of tags the record has."""
    for tag in tags:
        if first.get(tag):
            item[var] = first[tag]
            return


def _containers_from_ris(item: dict, first: dict[str, str], ty: str) -> None:
    if ty == "CONF":
        _put(item, first, "event-title", "T2")
        _put(item, first, "container-title", "C3", "BT")
        _put(item, first, "collection-title", "T3")
        _put(item, first, "event-place", "C1")
    elif ty == "SOUND":
        _put(item, first, "container-title", "T3", "T2")
    elif ty in ("BOOK", "RPRT", "COMP", "MAP"):
        _put(item, first, "collection-title", "T2")
        _put(item, first, "container-title", "T3")
    else:
        _put(item, first, "container-title", "T2", "JF", "JO", "BT")
        _put(item, first, "collection-title", "T3")


def _numbers_from_ris(item: dict, first: dict[str, str], ty: str) -> None:
    """Date, volume, issue, pages, edition, publisher and place, report number, ISBN or ISSN."""
    date = first.get("DA") or first.get("PY") or first.get("Y1")
    if date:
        item["issued"] = _csl_date(date)
    _put(item, first, "volume", "VL")
    _put(item, first, "issue", "IS")
    if ty in ("BOOK", "THES"):
        _put(item, first, "number-of-pages", "SP")
    elif first.get("SP"):
        item["page"] = first["SP"] + ("-" + first["EP"] if first.get("EP") else "")
    _put(item, first, "version" if ty in ("COMP", "DATA") else "edition", "ET")
    _put(item, first, "publisher", "PB")
    _put(item, first, "publisher-place", "CY")
    if ty in ("RPRT", "PAT"):
        _put(item, first, "number", "SN")
    else:
        sn = first.get("SN", "")
        if sn:
            # One tag for both: an ISSN is 8 characters (1234-567X), an ISBN 10 or 13.
            isbn = re.search(r"\b(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]\b", sn)
            issn = re.search(r"\b\d{4}-?\d{3}[\dXx]\b", sn)
            item["ISSN" if issn and not isbn else "ISBN"] = sn
        _put(item, first, "collection-number" if ty == "BOOK" else "number", "M1")


def _read_extra(lines: list[str]) -> tuple[dict, list[str]]:
    """The citation key of ``M2`` lines, and the other lines: Extra lines that ``from_csl`` reads from the note."""
    found: dict = {}
    notes = []
    for line in lines:
        m = CITATION_KEY_LINE.match(line)
        if m and not found:
            found["citation-key"] = m.group(1)
        else:
            notes.append(line)
    return found, notes


def read_ris(text: str) -> list[Reference]:
    """References from RIS text."""
    return [from_csl(ris_to_csl(rec)) for rec in parse_ris(text)]


EXPORTER = FunctionExporter("ris", "ris", iter_ris, "RIS (EndNote, Zotero, Mendeley, RefWorks)",
                            lambda: Tally("RIS", extra=EXTRA_FIELDS, lost=ROLE_FIELDS))
