"""Judge one link: GET (or HEAD), bot walls, soft 404s and DOIs, ending in a ``LinkResult``.

Nothing here raises for a bad link; every path ends in a verdict. The order of attempts:
GET with our User-Agent, reading a few KiB, when soft 404s are looked for (the default),
else HEAD and then GET when HEAD is refused, misanswered, reset or times out; one GET with a
browser's headers when a bot wall answers (403, 999, a Cloudflare challenge); for a 200 HTML
page, the host's answer to an address that cannot exist (``solicite.check.soft404``).
"""

from __future__ import annotations

import json
import time
from urllib.parse import quote, urlsplit

from solicite.check import http
from solicite.check.http import Exchange, Fetcher
from solicite.check.options import CheckOptions
from solicite.check.result import BROKEN, DOI, OK, REDIRECTED, SKIPPED, WARN, Link, LinkResult
from solicite.check.soft404 import Prober, is_html, soft_404

BOT_STATUSES = (403, 999)
SUPPORTED_SCHEMES = ("http", "https")

def unsupported(link: Link) -> bool:
    """True when the URL's scheme is not http or https (file:, ftp:, mailto:, javascript:, data:...)."""
    return link.kind != DOI and _scheme(link.url) not in SUPPORTED_SCHEMES


def _scheme(url: str) -> str:
    if url[:8].lower().startswith(("http://", "https://")):  # nearly every link: no parsing needed
        return "https" if url[4] in "sS" else "http"
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return url.split(":", 1)[0].lower() if ":" in url else ""


def is_bot_wall(ex: Exchange) -> bool:
    """403, LinkedIn's 999, or a Cloudflare challenge page."""
    if ex.status in BOT_STATUSES:
        return True
    if ex.status in (429, 503) or (ex.status or 0) >= 400:
        headers = {k.lower(): v for k, v in ex.headers.items()}
        if headers.get("cf-mitigated", "").lower() == "challenge":
            return True
        if "cloudflare" in headers.get("server", "").lower() and (
            b"challenge-platform" in ex.body or b"Just a moment" in ex.body or b"cf-chl" in ex.body
        ):
            return True
    return False


class Checker:
    """Checks single links with a shared Fetcher on the run's event loop; one instance per run."""

    def __init__(self, options: CheckOptions, fetcher: Fetcher | None = None) -> None:
        self.options = options
        self.fetcher = fetcher or Fetcher(options)
        self.headers = {"User-Agent": options.user_agent, "Accept": "*/*"}
        self.browser_headers = {
            "User-Agent": options.browser_user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
            "Accept-Language": "en-US,en;q=0.9",
            "Upgrade-Insecure-Requests": "1",
            "Sec-Fetch-Dest": "document",
            "Sec-Fetch-Mode": "navigate",
            "Sec-Fetch-Site": "none",
        }
        self.prober = Prober(self.fetcher, self.headers)

    async def check(self, link: Link) -> LinkResult:
        """The verdict on one link (URL or DOI); never raises for network trouble."""
        start = time.monotonic()
        if link.kind == DOI:
            result = await self.check_doi(link)
        elif unsupported(link):
            result = self.skip_scheme(link)
        else:
            result = await self.check_url(link)
        result.elapsed = time.monotonic() - start
        return result

    @staticmethod
    def skip_scheme(link: Link) -> LinkResult:
        """The ``skipped`` verdict for file:, ftp:, mailto:, javascript:, data: and other schemes."""
        scheme = _scheme(link.url) or "(none)"
        return LinkResult(link, SKIPPED, reason=f"unsupported scheme {scheme}:")

    async def check_url(self, link: Link) -> LinkResult:
        """GET (or HEAD, then GET when needed), then a browser's GET past a bot wall."""
        url = link.url
        if self.options.soft_404:
            ex = await self.fetcher.follow("GET", url, self.headers, read_body=True)
        else:
            # A HEAD that times out is retried as a GET, not as another HEAD: some servers never
            # answer HEAD at all, and the GET is the one retry a timeout gets.
            ex = await self.fetcher.follow("HEAD", url, self.headers, timeout_retries=0)
            if self._needs_get(ex):
                ex = await self.fetcher.follow("GET", url, self.headers, read_body=True,
                                         timeout_retries=0 if ex.error == http.TIMEOUT else 1)
        if is_bot_wall(ex):
            again = await self.fetcher.follow("GET", url, self.browser_headers, read_body=True)
            if is_bot_wall(again) or (again.error and again.error != http.LOOP):
                status = again.status or ex.status
                return LinkResult(link, WARN, status=status, reason=f"blocked by bot protection (HTTP {status})",
                                  final_url=_final(link, again), transient=True)
            ex = again
        return await self.judge(link, ex)

    def _needs_get(self, ex: Exchange) -> bool:
        # HEAD is refused (405, 403, 501...) or answered badly by many servers; GET settles it.
        if ex.error:
            return ex.error in (http.PROTOCOL, http.TIMEOUT) or "reset" in ex.detail
        status = ex.status or 0
        if self.options.is_accepted(status) or status == 429:
            return False
        return status < 500 or status == 501 or is_bot_wall(ex)

    async def judge(self, link: Link, ex: Exchange) -> LinkResult:
        """Turn the last exchange into a verdict."""
        final = _final(link, ex)
        if ex.error:
            verdict = WARN if ex.error == http.DEADLINE else BROKEN
            reason = {http.TIMEOUT: f"timeout: {ex.detail}", http.DEADLINE: http.NOT_CHECKED}.get(ex.error, ex.detail)
            if ex.error == http.TIMEOUT and ex.attempts > 1:
                reason += f" ({ex.attempts} attempts)"
            result = LinkResult(link, verdict, status=ex.status, reason=reason, final_url=final, transient=ex.transient)
            if ex.cause:
                result.extra["cause"] = ex.cause
            return result
        status = ex.status or 0
        if status == 429:
            return LinkResult(link, WARN, status=429, reason=f"rate limited (HTTP 429) after {ex.attempts} attempts",
                              final_url=final, transient=True)
        if not self.options.is_accepted(status):
            reason = f"HTTP {status}" + (f" after {ex.attempts} attempts" if ex.transient and ex.attempts > 1 else "")
            return LinkResult(link, BROKEN, status=status, reason=reason, final_url=final, transient=ex.transient)
        if self.options.soft_404 and status == 200 and is_html(ex) and urlsplit(ex.url).path not in ("", "/"):
            reason = soft_404(ex, link.url, await self.prober.probe(ex.url))
            if reason:
                return LinkResult(link, WARN, status=status, reason=reason, final_url=final)
        if ex.hops and ex.url != link.url:
            permanent = all(h in http.PERMANENT for h in ex.hops)
            kind = "permanent" if permanent else "temporary"
            return LinkResult(link, REDIRECTED, status=status, final_url=ex.url, permanent=permanent,
                              reason=f"{kind} redirect ({len(ex.hops)} hop{'s' if len(ex.hops) > 1 else ''})")
        return LinkResult(link, OK, status=status)

    async def check_doi(self, link: Link) -> LinkResult:
        """Ask the DOI Handle API whether the DOI exists (responseCode 1 found, 100 not found)."""
        doi = link.url
        api = self.options.doi_api.rstrip("/") + "/" + quote(doi, safe="/:;()._-")
        ex = await self.fetcher.retrying("GET", api, {**self.headers, "Accept": "application/json"}, read_body=True)
        code = _response_code(ex.body)
        if ex.error or ex.status == 429 or (ex.status or 0) >= 500:
            result = await self.judge(link, ex)
            result.reason = f"DOI lookup failed: {result.reason}"
            return result
        if code == 100 or (code is None and ex.status == 404):
            return LinkResult(link, BROKEN, status=ex.status, reason="DOI not found (Handle API responseCode 100)")
        if code not in (1, 200) and not (code is None and ex.status == 200):
            return LinkResult(link, BROKEN, status=ex.status,
                              reason=f"DOI lookup answered HTTP {ex.status}" + (f", responseCode {code}" if code else ""))
        if not self.options.follow_doi:
            return LinkResult(link, OK, status=ex.status, reason="DOI registered")
        landing = await self.check_url(Link(self.options.doi_resolver.rstrip("/") + "/" + quote(doi, safe="/:;()._-"),
                                      link.source, link.line, key=link.key, field=link.field))
        landing.link = link
        if landing.verdict == REDIRECTED:  # a DOI always redirects: that is its job, not a finding
            landing.verdict, landing.reason, landing.permanent = OK, "DOI registered; landing page answers", False
        elif landing.verdict in (BROKEN, WARN):
            landing.reason = f"DOI registered, but the landing page: {landing.reason}"
        return landing

    async def archive_copy(self, url: str) -> str | None:
        """The Wayback Machine's closest copy, from the Location of its redirect (not followed)."""
        target = self.options.archive_base.rstrip("/") + "/" + url
        ex = await self.fetcher.retrying("GET", target, self.headers, read_body=False)
        location = ex.headers.get("Location") if ex.status in http.REDIRECTS else None
        if not location:
            return None
        from urllib.parse import urljoin

        return urljoin(target, location)


def _final(link: Link, ex: Exchange) -> str | None:
    return ex.url if ex.hops and ex.url != link.url else None


def _response_code(body: bytes) -> int | None:
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    code = data.get("responseCode") if isinstance(data, dict) else None
    return code if isinstance(code, int) else None
