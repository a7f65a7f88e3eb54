"""The link checker's options: defaults, the ``[check]`` settings table, and value parsers.

Every web address the checker calls (the DOI Handle API, the DOI resolver, the Wayback
Machine) is an option here, so tests and mirrors can point them elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solicite.config import option, read_options
from solicite.errors import UsageError
from solicite import USER_AGENT  # noqa: F401  (re-exported: the checker's default User-Agent)

# A current desktop browser's headers: sent once when a site answers a bot wall (403, 999, Cloudflare).
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
)


def _duration(value: Any) -> Any:
    # Settings files hold strings for durations ("5m"); numbers pass as they are.
    return parse_duration(value) if isinstance(value, str) else value


def _accept(value: Any) -> Any:
    return parse_accept(value if isinstance(value, str) else ",".join(map(str, value)))


def _folder(value: Any) -> Path | None:
    return Path(str(value)).expanduser() if value else None


@dataclass
class CheckOptions:
    """Everything that changes how links are checked; defaults suit a laptop and CI alike."""

    timeout: float = option(10.0, above=0, parse=_duration)  # total time per request (connect, headers, body), seconds
    connect_timeout: float = option(5.0, above=0, parse=_duration)
    deadline: float = option(600.0, above=0, parse=_duration)  # the whole run, seconds; links not checked by then get a warning
    max_concurrency: int = option(128, at_least=1)  # links in check at once overall: many hosts, some silent, keep the rest moving
    max_per_host: int = option(8, at_least=1)  # requests in flight to one host
    min_interval: float = option(0.005, at_least=0)  # seconds between the starts of two requests to one host
    retries: int = option(2, at_least=0)  # extra attempts on timeouts, connection errors, 5xx and 429
    backoff: float = option(0.5, at_least=0)  # first retry waits this long, then twice as long each time
    retry_after_cap: float = option(30.0, at_least=0, parse=_duration)  # never wait longer than this for a Retry-After
    max_redirects: int = option(20, at_least=0)  # as browsers do
    max_body: int = option(8192, at_least=1)  # bytes read from a GET body (bot walls, soft 404s); never the whole file
    user_agent: str = USER_AGENT
    browser_user_agent: str = BROWSER_USER_AGENT
    accept: list[tuple[int, int]] = option(factory=lambda: [(200, 299)], parse=_accept)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    follow_doi: bool = False
    soft_404: bool = True  # probe each host with an address that cannot exist (solicite.check.soft404)
    insecure: bool = False
    offline: bool = False
    use_cache: bool = True
    cache_max_age: float = option(86400.0, at_least=0, parse=_duration)
    # Default: SOLICITE_CACHE_DIR, else the platformdirs user cache dir (solicite.config.cache_dir).
    cache_dir: Path | None = option(None, kind=Path, user_only=True, parse=_folder)
    require_links: bool = False
    suggest_archive: bool = False
    doi_api: str = "https://doi.org/api/handles/"
    doi_resolver: str = "https://doi.org/"
    archive_base: str = "https://web.archive.org/web/"

    def __post_init__(self) -> None:
        self._include = [_regex(p, "--include") for p in self.include]
        self._exclude = [_regex(p, "--exclude") for p in self.exclude]

    def is_accepted(self, status: int) -> bool:
        """True when the HTTP status is in one of the accepted ranges."""
        return any(lo <= status <= hi for lo, hi in self.accept)

    def excluded(self, url: str) -> bool:
        """True when the URL is left out: it matches no --include (if any) or matches an --exclude."""
        if self._include and any(p.search(url) for p in self._include):
            return False
        if any(p.search(url) for p in self._exclude):
            return True
        return bool(self._include)

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> "CheckOptions":
        """Options from the ``[check]`` table (Settings or a plain dict), then the non-None overrides."""
        return read_options(cls, settings, "check", **overrides)


def _regex(pattern: str, option: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise UsageError(f"{option} {pattern!r} is not a valid regular expression: {exc}",
                         hint="escape dots and brackets, e.g. 'example\\.org'") from exc


def parse_accept(text: str) -> list[tuple[int, int]]:
    """Parse ``200..299,403`` into status ranges; raises UsageError on anything else."""
    ranges: list[tuple[int, int]] = []
    for part in filter(None, (p.strip() for p in str(text).split(","))):
        m = re.fullmatch(r"(\d{3})(?:\s*\.\.=?\s*(\d{3}))?", part)
        if not m:
            raise UsageError(f"bad status range {part!r}", hint="write e.g. --accept 200..299,403")
        lo = int(m.group(1))
        hi = int(m.group(2) or lo)
        if lo > hi:
            raise UsageError(f"bad status range {part!r}: {lo} > {hi}", hint="write the lower status first")
        ranges.append((lo, hi))
    if not ranges:
        raise UsageError("empty --accept", hint="write e.g. --accept 200..299,403")
    return ranges


_UNITS = {"": 1, "s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> float:
    """Parse ``30``, ``30s``, ``5m``, ``12h``, ``1d`` or ``2w`` into seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", str(text).lower())
    if not m or m.group(2) not in _UNITS:
        raise UsageError(f"bad duration {text!r}", hint="write e.g. 30s, 5m, 12h, 1d or 2w")
    return float(m.group(1)) * _UNITS[m.group(2)]
