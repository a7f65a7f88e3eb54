"""The ``[resolve]`` options: service base URLs, contact address, threshold, HTTP and cache.

Every base URL defaults to the real service and can be pointed elsewhere (tests use a
loopback server). Example ``solicite.toml``::

    [resolve]
    mailto = "you@example.org"      # Crossref polite pool, OpenAlex polite pool
    openalex_api_key = ""           # optional
    threshold = 0.9                 # accept a candidate only at or above this score
    cache_days = 30                 # HTTP cache expiry (cache-days works too: "-" or "_")
    [resolve.rate_limits]           # requests per second, per service
    crossref = 5
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solicite.config import Settings, option, read_options
from solicite.errors import ConfigError
from solicite.net import NetOptions

SERVICES = ("crossref", "openalex", "openlibrary", "wikidata", "datacite", "doi", "web")

DEFAULT_URLS = {
    "crossref": "https://api.crossref.org",
    "openalex": "https://api.openalex.org",
    "openlibrary": "https://openlibrary.org",
    "wikidata": "https://www.wikidata.org/w/api.php",
    "datacite": "https://api.datacite.org",
    "doi": "https://doi.org",
}

# Requests per second. Crossref's polite pool allows 10/s (we stay well under); Open Library
# asks heavy users to slow down; Wikidata and DataCite ask for restraint. "web" is any page.
DEFAULT_RATES = {"crossref": 5.0, "openalex": 5.0, "openlibrary": 2.0, "wikidata": 5.0, "datacite": 5.0, "doi": 5.0, "web": 1.0}


def _folder(value: Any) -> Path | None:
    return Path(str(value)).expanduser() if value else None


@dataclass
class ResolveOptions:
    """Options of ``resolve``, ``enrich`` and ``add IDENTIFIER``, with their defaults."""

    crossref_url: str = DEFAULT_URLS["crossref"]
    openalex_url: str = DEFAULT_URLS["openalex"]
    openlibrary_url: str = DEFAULT_URLS["openlibrary"]
    wikidata_url: str = DEFAULT_URLS["wikidata"]
    datacite_url: str = DEFAULT_URLS["datacite"]
    doi_url: str = DEFAULT_URLS["doi"]
    mailto: str = ""
    openalex_api_key: str = ""
    threshold: float = option(0.9, above=0, at_most=1)
    rows: int = option(5, at_least=1, at_most=100)
    timeout: float = option(20.0, above=0)  # total time per request: connect, headers and body
    retries: int = option(3, at_least=0, at_most=10)
    backoff: float = option(0.5, at_least=0)
    max_retry_after: float = option(60.0, at_least=0)
    deadline: float = option(900.0, above=0)  # the whole run, seconds
    max_redirects: int = option(10, at_least=0)
    max_api_bytes: int = option(2 * 1024 * 1024, at_least=1024)  # a metadata service's answer
    max_page_bytes: int = option(5 * 1024 * 1024, at_least=1024)  # a web page read for its metadata
    # Default: SOLICITE_CACHE_DIR, else the platformdirs user cache (solicite.config.cache_dir).
    cache_dir: Path | None = option(None, kind=Path, user_only=True, parse=_folder)
    cache_days: float = option(30.0, at_least=0)
    rate_limits: dict[str, float] = field(default_factory=dict)
    services: list[str] = field(default_factory=lambda: ["crossref", "openalex", "openlibrary", "wikidata", "datacite"])

    @classmethod
    def from_settings(cls, settings: Settings | None) -> "ResolveOptions":
        """Read ``[resolve]``; unknown keys, wrong types and values out of range are configuration errors."""
        opts = read_options(cls, settings, "resolve")
        for name, rate in opts.rate_limits.items():
            if name not in SERVICES:
                raise ConfigError(f"unknown service {name!r} in [resolve.rate_limits]", hint="known: " + ", ".join(SERVICES))
            if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= 0:
                raise ConfigError(f"[resolve.rate_limits] {name} must be a number of requests per second above 0, not {rate!r}")
        for name in opts.services:
            if name not in SERVICES:
                raise ConfigError(f"unknown service {name!r} in [resolve] services", hint="known: " + ", ".join(SERVICES))
        return opts

    def url(self, service: str) -> str:
        """The base URL of a service, without a trailing slash."""
        return getattr(self, f"{service}_url").rstrip("/")

    def net(self) -> NetOptions:
        """The HTTP options for ``solicite.net.make_session``."""
        rates = {**DEFAULT_RATES, **self.rate_limits}
        limits = {self.url(s): rates[s] for s in DEFAULT_URLS}
        return NetOptions(
            mailto=self.mailto,
            timeout=self.timeout,
            retries=self.retries,
            backoff=self.backoff,
            max_retry_after=self.max_retry_after,
            cache_dir=self.cache_dir,
            cache_days=self.cache_days,
            rate_limits=limits,
            default_rate=rates["web"],
            deadline=self.deadline,
            max_redirects=self.max_redirects,
            max_api_bytes=self.max_api_bytes,
            max_page_bytes=self.max_page_bytes,
        )
