"""The link checker's options: defaults, the ``[check]`` settings table, and value parsers.

Every web address the checker calls (the DOI Handle API, the DOI resolver, the Wayback
Machine) is an option here, so tests and mirrors can point them elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from solicite.errors import ConfigError, UsageError
from solicite import USER_AGENT  # noqa: F401  (re-exported: the checker's default User-Agent)

# A current desktop browser's headers: sent once when a site answers a bot wall (403, 999, Cloudflare).
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
)


@dataclass
class CheckOptions:
    """Everything that changes how links are checked; defaults suit a laptop and CI alike."""

    timeout: float = 10.0  # total time per request (connect, headers, body), seconds
    connect_timeout: float = 5.0
    deadline: float = 600.0  # the whole run, seconds; links not checked by then get a warning
    max_concurrency: int = 128  # requests in flight overall (threads): many hosts, some silent, keep the rest moving
    max_per_host: int = 8  # requests in flight to one host
    min_interval: float = 0.005  # seconds between the starts of two requests to one host
    retries: int = 2  # extra attempts on timeouts, connection errors, 5xx and 429
    backoff: float = 0.5  # first retry waits this long, then twice as long each time
    retry_after_cap: float = 30.0  # never wait longer than this for a Retry-After
    max_redirects: int = 20  # as browsers do
    max_body: int = 8192  # bytes read from a GET body (bot walls, soft 404s); never the whole file
    user_agent: str = USER_AGENT
    browser_user_agent: str = BROWSER_USER_AGENT
    accept: list[tuple[int, int]] = field(default_factory=lambda: [(200, 299)])
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    follow_doi: bool = False
    soft_404: bool = True  # probe each host with an address that cannot exist (solicite.check.soft404)
    insecure: bool = False
    offline: bool = False
    use_cache: bool = True
    cache_max_age: float = 86400.0
    cache_dir: Path | None = None  # default: platformdirs user cache dir, or SOLICITE_CACHE_DIR
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
    def from_settings(cls, table: dict[str, Any], **overrides: Any) -> "CheckOptions":
        """Options from the ``[check]`` table, then the non-None overrides (command-line options)."""
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for raw_key, value in table.items():
            key = raw_key.replace("-", "_")
            if key not in known:
                raise ConfigError(f"unknown option {raw_key!r} in [check]",
                                  hint="known: " + ", ".join(sorted(k.replace("_", "-") for k in known)))
            values[key] = _coerce(key, value)
        for key, value in overrides.items():
            if value is not None:
                values[key] = value
        return cls(**values)


def _coerce(key: str, value: Any) -> Any:
    # Settings files hold strings for ranges and durations; accept both forms.
    try:
        if key == "accept" and isinstance(value, (str, list)):
            return parse_accept(value if isinstance(value, str) else ",".join(map(str, value)))
        if key in ("cache_max_age", "deadline", "timeout", "connect_timeout") and isinstance(value, str):
            return parse_duration(value)
        if key == "cache_dir" and value:
            return Path(value).expanduser()
    except UsageError as exc:
        raise ConfigError(f"[check] {key.replace('_', '-')}: {exc.message}", hint=exc.hint) from exc
    return value


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
