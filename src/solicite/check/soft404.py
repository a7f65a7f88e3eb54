"""Soft 404s by probe: a 200 page that is what the host sends for any address that does not exist.

The known technique (Bar-Yossef et al., "Sic transit gloria telae", WWW 2004): ask the same
host for a random path that cannot exist. A host that answers it 404 has real 404s, so its
200 pages are real, whatever their wording (an article titled "404 Not Found" included).
A host that answers it 200 answers everything: a page with the same title as that answer, a
near-identical text, or the same redirect target is its "not found" page, in any language.
Only HTML is inspected; "not found" wording alone is a hint that goes into the reason, never
the verdict. The probe is sent once per host and its answer kept for the run.
"""

from __future__ import annotations

import html
import re
import asyncio
import secrets
from collections import Counter
from urllib.parse import urlsplit, urlunsplit

from solicite.check.http import Exchange, Fetcher

HTML_TYPES = ("text/html", "application/xhtml+xml")
SIMILAR = 0.9  # share of words two pages have in common to count as the same page

_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(rb"<h[12][^>]*>(.*?)</h[12]>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(rb"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"\w+")
_NOT_FOUND = re.compile(
    r"\b(?:404|not found|page (?:does not|doesn't|could not|cannot|can't) (?:exist|be found)"
    r"|no longer (?:exists|available)|(?:page|article|resource) (?:was )?(?:removed|unavailable))\b",
    re.IGNORECASE,
)


def is_html(ex: Exchange) -> bool:
    """True when the answer says it is HTML (Content-Type), the only kind inspected."""
    kind = str(ex.headers.get("Content-Type", "")).split(";", 1)[0].strip().lower()
    return kind in HTML_TYPES


def title_of(body: bytes) -> str:
    """The page's title, entities decoded and spaces collapsed; "" when it has none."""
    m = _TITLE.search(body)
    return " ".join(html.unescape(m.group(1).decode("utf-8", "replace")).split()) if m else ""


def looks_not_found(body: bytes) -> bool:
    """True when an HTML page's title or headings (or its whole text, when short) say "not found".

    A hint only (English wording): the verdict comes from the probe.
    """
    for pattern in (_TITLE, _HEADING):
        for m in pattern.finditer(body):
            if _NOT_FOUND.search(m.group(1).decode("utf-8", "replace")):
                return True
    visible = " ".join(_TAGS.sub(b" ", body).decode("utf-8", "replace").split())
    return len(visible) < 600 and bool(_NOT_FOUND.search(visible))


def _words(body: bytes, drop: str) -> Counter:
    # Hosts echo the missing path back ("/abc was not found"): leave its words out of the comparison.
    text = _TAGS.sub(b" ", body).decode("utf-8", "replace").lower()
    dropped = set(_WORD.findall(drop.lower()))
    return Counter(w for w in _WORD.findall(text) if w not in dropped)


def similarity(a: bytes, b: bytes, drop: str = "") -> float:
    """Dice coefficient of the two pages' visible words (as multisets), from 0.0 to 1.0."""
    wa, wb = _words(a, drop), _words(b, drop)
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum((wa & wb).values()) / total if total else 1.0


def probe_url(url: str) -> str:
    """An address on the same host that cannot exist: a random path at the root."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{secrets.token_hex(12)}-solicite-probe", "", ""))


def soft_404(page: Exchange, page_url: str, probe: Exchange | None) -> str:
    """The reason the 200 ``page`` is a soft 404, judged against the host's ``probe``; "" when it is not."""
    if probe is None or probe.error or probe.status != page.status:
        return ""
    drop = urlsplit(probe.url).path + " " + urlsplit(page_url).path
    title = title_of(page.body)
    if probe.hops and page.hops and probe.url == page.url:
        why = f"redirects where a missing page does ({page.url})"
    elif title and title == title_of(probe.body):
        why = f"same title as a missing page: {title[:80]!r}"
    elif similarity(page.body, probe.body, drop) >= SIMILAR:
        why = "the same text as a missing page"
    else:
        return ""
    hint = "; it says 'not found'" if looks_not_found(page.body) else ""
    return f"soft 404: {why} (the host answers {probe.status} to any address){hint}"


class Prober:
    """Probes each host once per run (the first caller probes, the others wait for its answer)."""

    def __init__(self, fetcher: Fetcher, headers: dict[str, str]) -> None:
        self.fetcher = fetcher
        self.headers = headers
        self._answers: dict[str, Exchange | None] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def probe(self, url: str) -> Exchange | None:
        """The host's answer to an address that cannot exist; None when it could not be had."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        if origin in self._answers:
            return self._answers[origin]
        async with self._locks.setdefault(origin, asyncio.Lock()):
            if origin not in self._answers:
                ex = await self.fetcher.follow("GET", probe_url(url), self.headers, read_body=True, timeout_retries=0)
                self._answers[origin] = None if ex.error else ex
            return self._answers[origin]
