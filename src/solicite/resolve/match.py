"""Scoring a candidate record against a reference: title, family names, year, container.

A wrong DOI is worse than none, so a candidate is accepted only when its score reaches the
threshold *and* no hard rule vetoes it: the titles must nearly agree, the years (when both
are known) may differ by one at most, and when both sides name authors the first author's
family name must be among the candidate's. The weights and rules were chosen on the
fixtures in tests/data/resolve (correct records and near-miss decoys); see the README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from solicite.model import Person, Reference
from solicite.codec import to_unicode
from solicite.text import fold

WEIGHTS = {"title": 0.6, "authors": 0.25, "year": 0.1, "container": 0.05}
MIN_TITLE = 0.85  # below this the titles name different works, whatever else agrees
ORG_MIN = 0.95  # organisation names (Wikidata) must agree almost exactly

_NON_WORD = re.compile(r"[^\w\s]+")
_STOP = {"the", "a", "an"}


def normalize(text: str) -> str:
    """Lower-case, accent-free, punctuation-free words of a title or name (LaTeX decoded)."""
    text = fold(to_unicode(text or ""))
    text = _NON_WORD.sub(" ", text.replace("'", "").replace("\u2019", ""))
    return " ".join(text.split())


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two normalised strings (difflib ratio on the words, leading article ignored)."""
    a, b = _drop_article(normalize(a)), _drop_article(normalize(b))
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def title_similarity(query: str, candidate: str) -> float:
    """Similarity of titles; a query without a subtitle may match a candidate's main title."""
    best = similarity(query, candidate)
    if ":" not in query and ":" in candidate:
        # Lists often drop subtitles; agreement on the main title alone counts a little less.
        best = max(best, 0.95 * similarity(query, candidate.split(":", 1)[0]))
    if ":" in query and ":" not in candidate:
        # The record lacks the subtitle the entry has: more often another, shorter work
        # than a truncated record, so this stays below the bar (MIN_TITLE) on its own.
        best = max(best, 0.8 * similarity(query.split(":", 1)[0], candidate))
    return round(best, 4)


def _drop_article(text: str) -> str:
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0] in _STOP else text


def family_names(persons: list[Person]) -> list[str]:
    """Normalised family names (literal names whole) of a person list."""
    out = []
    for p in persons:
        name = normalize(p.literal or f"{p.particle} {p.family}")
        if name:
            out.append(name.replace(" ", ""))
    return out


def _same_family(a: str, b: str) -> bool:
    return a == b or (len(a) > 3 and len(b) > 3 and (a in b or b in a))


def author_overlap(query: list[str], candidate: list[str]) -> float:
    """Share of the query's family names found among the candidate's."""
    if not query or not candidate:
        return 0.0
    found = sum(1 for q in query if any(_same_family(q, c) for c in candidate))
    return found / len(query)


@dataclass
class Score:
    """A candidate's score, the parts it is made of, and any veto."""

    total: float
    parts: dict[str, float] = field(default_factory=dict)
    vetoes: list[str] = field(default_factory=list)

    def accepted(self, threshold: float) -> bool:
        """True when the score reaches the threshold and nothing vetoed it."""
        return not self.vetoes and self.total >= threshold

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {"score": round(self.total, 3), "parts": {k: round(v, 3) for k, v in self.parts.items()}, "vetoes": self.vetoes}


def container_of(ref: Reference) -> str:
    """The journal, book or site a reference appeared in."""
    for name in ("journal", "journaltitle", "booktitle", "howpublished", "publisher", "organization"):
        if ref.get(name):
            return ref.text(name)
    return ""


def score(query: Reference, cand: Reference) -> Score:
    """Score ``cand`` (a service's record) as a match for ``query`` (the user's entry)."""
    parts: dict[str, float] = {}
    vetoes: list[str] = []
    parts["title"] = title_similarity(query.text("title"), cand.text("title"))
    if parts["title"] < MIN_TITLE:
        vetoes.append(f"title differs (similarity {parts['title']:.2f})")
    qa = family_names(query.authors or query.editors)
    ca = family_names(cand.authors or cand.editors)
    if qa and ca:
        parts["authors"] = author_overlap(qa, ca)
        if not any(_same_family(qa[0], c) for c in ca):
            vetoes.append(f"first author {qa[0]!r} not among the candidate's authors")
    qy, cy = _year(query.year), _year(cand.year)
    if qy and cy:
        gap = abs(qy - cy)
        parts["year"] = 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0
        if gap > 1:
            vetoes.append(f"year {cy} is not {qy} (±1)")
    qc, cc = container_of(query), container_of(cand)
    if qc and cc:
        parts["container"] = max(similarity(qc, cc), 1.0 if normalize(qc) in normalize(cc) or normalize(cc) in normalize(qc) else 0.0)
    weight = sum(WEIGHTS[k] for k in parts)
    total = sum(WEIGHTS[k] * v for k, v in parts.items()) / weight if weight else 0.0
    # A record known only by its title cannot earn full confidence.
    if set(parts) == {"title"}:
        total *= 0.9
    return Score(round(total, 4), parts, vetoes)


def score_name(name: str, labels: list[str]) -> Score:
    """Score an organisation or project name against a Wikidata label and its aliases."""
    best = max((similarity(name, label) for label in labels if label), default=0.0)
    vetoes = [] if best >= ORG_MIN else [f"name differs (similarity {best:.2f})"]
    return Score(round(best, 4), {"name": best}, vetoes)


def _year(text: str) -> int | None:
    m = re.match(r"(\d{4})", text or "")
    return int(m.group(1)) if m else None
