"""Resolve and enrich one entry: ask the services, score the candidates, propose changes.

Each entry gets an ``Outcome`` value (matched, no confident match, nothing to do, error);
nothing here raises for one entry's trouble.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from solicite.doi import bare_doi, doi_url
from solicite.model import Reference
from solicite.resolve import crossref, datacite, doi as doi_mod, openalex, openlibrary, wikidata
from solicite.resolve.client import Client
from solicite.resolve.diff import Change, effective, propose
from solicite.resolve.match import MIN_TITLE, Score, score, score_name, title_similarity

SCHOLARLY = {"article", "book", "incollection", "inbook", "inproceedings", "techreport", "report", "phdthesis",
             "mastersthesis", "thesis", "proceedings", "collection", "dataset"}
RESOLVE_FIELDS = ("doi", "url")
ENRICH_FIELDS = ("volume", "number", "pages", "publisher", "journal", "booktitle", "year", "issn", "isbn", "address")
_BOOKISH = {"book", "incollection", "inbook", "inproceedings", "proceedings", "collection", "techreport", "phdthesis"}


@dataclass
class Candidate:
    """A service's record proposed for an entry, with its score."""

    service: str
    record: Reference
    score: Score

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {"service": self.service, "title": self.record.text("title"), "year": self.record.year,
                "doi": self.record.get("doi"), "url": self.record.get("url"), **self.score.as_dict()}


@dataclass
class Outcome:
    """What resolve or enrich found for one entry."""

    key: str
    status: str  # matched | no-match | nothing-to-do | error
    message: str = ""
    best: Candidate | None = None
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)  # asked, in order

    @property
    def effective(self) -> list[Change]:
        """The changes that would modify the entry."""
        return effective(self.changes)

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {"key": self.key, "status": self.status, "message": self.message,
                "best": self.best.as_dict() if self.best else None, "changes": [c.as_dict() for c in self.changes],
                "errors": self.errors, "services": self.services}


def services_for(ref: Reference) -> list[str]:
    """Which services to ask, in order, for this kind of entry."""
    kind = ref.type
    if kind == "book":
        return ["openlibrary", "crossref"]
    if kind in ("techreport", "report", "dataset", "unpublished"):
        return ["datacite", "crossref", "openalex"]
    if kind in SCHOLARLY:
        return ["crossref", "openalex", "datacite"]
    if not (ref.authors or ref.editors):
        return ["wikidata"]  # organisations, projects, campaigns: their official website
    return ["crossref"]  # a dated piece by named authors: maybe it has a DOI after all


def resolve_entry(client: Client, ref: Reference, *, overwrite: bool = False, services: list[str] | None = None,
                  threshold: float | None = None) -> Outcome:
    """Find a DOI and/or URL for ``ref``: the first confident candidate wins."""
    threshold = client.options.threshold if threshold is None else threshold
    out = Outcome(ref.key, "no-match")
    has_doi, has_url = bool(ref.get("doi")), bool(ref.get("url"))
    if has_doi and has_url and not overwrite:
        out.status, out.message = "nothing-to-do", "has a DOI and a URL"
        return out
    if has_doi and not has_url:
        # The URL of a DOI needs no service.
        rec = Reference(type=ref.type, key="", fields={"url": doi_url(ref.get("doi"))})
        out.best = Candidate("doi", rec, Score(1.0, {"doi": 1.0}))
        out.changes = propose(ref, rec, ("url",), overwrite=overwrite)
        out.status, out.message = "matched", "URL made from the DOI"
        return out
    if has_url and ref.type not in SCHOLARLY and not overwrite:
        out.status, out.message = "nothing-to-do", "a web page with a URL needs no DOI"
        return out
    if not ref.text("title"):
        out.status, out.message = "nothing-to-do", "no title to search for"
        return out
    allowed = services if services is not None else client.options.services
    for name in [s for s in services_for(ref) if s in allowed]:
        out.services.append(name)
        for cand in _candidates(client, name, ref, out):
            if out.best is None or _rank(ref, cand) > _rank(ref, out.best):
                out.best = cand
        if out.best is not None and out.best.score.accepted(_threshold(out.best.service, threshold)):
            break
    if out.best is not None and out.best.score.accepted(_threshold(out.best.service, threshold)):
        out.status = "matched"
        out.message = f"{out.best.service}, score {out.best.score.total:.2f}"
        out.changes = propose(ref, out.best.record, RESOLVE_FIELDS, overwrite=overwrite)
    elif out.errors and out.best is None:
        out.status, out.message = "error", out.errors[0]
    else:
        out.status = "no-match"
        if out.best is None:
            out.message = "no confident match: no candidate found"
        else:
            why = "; ".join(out.best.score.vetoes) or f"below the threshold {threshold:.2f}"
            out.message = f"no confident match: best {out.best.service} candidate scores {out.best.score.total:.2f} ({why})"
    return out


def _threshold(service: str, threshold: float) -> float:
    return max(threshold, 0.95) if service == "wikidata" else threshold


def _rank(ref: Reference, cand: Candidate) -> tuple:
    # A vetoed candidate never beats an unvetoed one, whatever the numbers; on equal scores
    # the record of the entry's own type wins (the article over its preprint).
    return (not cand.score.vetoes, cand.score.total, cand.record.type == ref.type)


def _candidates(client: Client, name: str, ref: Reference, out: Outcome) -> list[Candidate]:
    if name == "wikidata":
        found, error = wikidata.search(client, ref)
        if error:
            out.errors.append(f"{name}: {error}")
        title = ref.text("title")
        names = wikidata.name_variants(title)
        return [Candidate(name, rec, max((score_name(n, labels) for n in names), key=lambda s: s.total))
                for rec, labels in found]
    module = {"crossref": crossref, "openalex": openalex, "openlibrary": openlibrary, "datacite": datacite}[name]
    records, error = module.search(client, ref)
    if error:
        out.errors.append(f"{name}: {error}")
    return [Candidate(name, rec, score(ref, rec)) for rec in records]


def enrich_entry(client: Client, ref: Reference, *, overwrite: bool = False) -> Outcome:
    """Fill missing fields of an entry that has a DOI from the DOI's registered metadata."""
    out = Outcome(ref.key, "nothing-to-do")
    doi = bare_doi(ref.get("doi")) if ref.get("doi") else None
    if not doi:
        out.message = "no DOI" if not ref.get("doi") else f"{ref.get('doi')!r} is not a DOI"
        return out
    out.services.append("doi")
    record, error = doi_mod.fetch_csl(client, doi)
    if record is None:
        out.status, out.message, out.errors = "error", error, [error]
        return out
    sim = title_similarity(ref.text("title"), record.text("title")) if ref.get("title") else 1.0
    out.best = Candidate("doi", record, Score(sim, {"title": sim}))
    if sim < MIN_TITLE:
        out.status = "no-match"
        out.message = f"the DOI's record is titled {record.text('title')!r}, not this entry (similarity {sim:.2f}): is the DOI right?"
        return out
    wanted = tuple(n for n in ENRICH_FIELDS if _fits(ref.type, n) and n != "year")
    out.changes = propose(ref, record, wanted, overwrite=overwrite)
    if not ref.year and (record.get("year") or record.get("date")):
        # CSL dates with a day become a BibLaTeX ``date``; either fills a missing year.
        out.changes += propose(ref, record, ("year",) if record.get("year") else ("date",), overwrite=overwrite)
    out.status = "matched" if out.effective else "nothing-to-do"
    out.message = f"{len(out.effective)} field(s) from doi.org" if out.effective else "nothing missing"
    return out


def _fits(kind: str, name: str) -> bool:
    """Fields that belong to this entry type (no booktitle on an article, no publisher on a journal article)."""
    if name == "journal":
        return kind == "article"
    if name == "booktitle":
        return kind in ("incollection", "inproceedings", "inbook")
    if name in ("publisher", "address", "isbn"):
        return kind in _BOOKISH or kind == "misc"
    if name == "issn":
        return kind == "article"
    return True
