"""The values the link checker deals in: a ``Link`` found in some input and its ``LinkResult``.

A broken link is a value, never an exception: every link gets exactly one ``LinkResult``
whose ``verdict`` is one of ``ok``, ``redirected``, ``warn``, ``broken`` or ``skipped``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OK = "ok"
REDIRECTED = "redirected"
WARN = "warn"
BROKEN = "broken"
SKIPPED = "skipped"
VERDICTS: tuple[str, ...] = (OK, REDIRECTED, WARN, BROKEN, SKIPPED)

# Kinds of link: a web address, a DOI (checked with the Handle API), or an entry with no link.
URL = "url"
DOI = "doi"
MISSING = "missing"


@dataclass(frozen=True)
class Link:
    """One link as found in an input: the address, where it stood, and the entry it belongs to."""

    url: str  # the URL, or the bare DOI when kind is "doi", or "" for a missing link
    source: str = ""  # file it was read from
    line: int = 0  # 1-based line in ``source`` (0 when unknown)
    kind: str = URL
    key: str = ""  # citation key when the link comes from a BibTeX entry
    field: str = ""  # BibTeX field it came from (url, doi, howpublished...)

    @property
    def location(self) -> str:
        """``source:line`` as far as known."""
        if self.source and self.line:
            return f"{self.source}:{self.line}"
        return self.source

    @property
    def target(self) -> str:
        """What the user sees: the URL, ``doi:...`` for a DOI, or the entry key for a missing link."""
        if self.kind == DOI:
            return f"doi:{self.url}"
        if self.kind == MISSING:
            return f"@{self.key}" if self.key else "(missing link)"
        return self.url


@dataclass
class LinkResult:
    """The verdict on one link, with the HTTP status, the reason and where a redirect ended."""

    link: Link
    verdict: str
    status: int | None = None
    reason: str = ""
    final_url: str | None = None
    permanent: bool = False  # every hop of the redirect chain was 301 or 308
    archive_url: str | None = None  # a Wayback Machine copy proposed for a broken link
    cached: bool = False
    transient: bool = False  # 429, 5xx, timeouts: never cached
    elapsed: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The link's URL (or DOI)."""
        return self.link.url

    @property
    def is_problem(self) -> bool:
        """True for warnings and broken links, the rows of the problem table."""
        return self.verdict in (WARN, BROKEN)

    def for_link(self, link: Link) -> "LinkResult":
        """The same verdict attached to another occurrence of the same address."""
        return LinkResult(link=link, verdict=self.verdict, status=self.status, reason=self.reason,
                          final_url=self.final_url, permanent=self.permanent, archive_url=self.archive_url,
                          cached=self.cached, transient=self.transient, elapsed=self.elapsed, extra=self.extra)

    def as_dict(self) -> dict:
        """The JSON shape: url, verdict, status, reason, final_url and source as ``file:line``."""
        out = {
            "url": self.link.target if self.link.kind != URL else self.link.url,
            "verdict": self.verdict,
            "status": self.status,
            "reason": self.reason,
            "final_url": self.final_url,
            "source": self.link.location,
        }
        if self.link.kind != URL:
            out["kind"] = self.link.kind
        if self.link.key:
            out["key"] = self.link.key
        if self.verdict == REDIRECTED:
            out["permanent"] = self.permanent
        if self.archive_url:
            out["archive_url"] = self.archive_url
        if self.cached:
            out["cached"] = True
        return out


def summarize(results: list[LinkResult]) -> dict:
    """Counts per verdict plus the total, as in the JSON report's ``summary``."""
    counts = {v: 0 for v in VERDICTS}
    for r in results:
        counts[r.verdict] = counts.get(r.verdict, 0) + 1
    counts["total"] = len(results)
    return counts
