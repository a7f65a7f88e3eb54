"""One configured HTTP session for web services: timeouts, retries, rate limits, a cache.

Owned by the resolve stage; the link checker has its own client in ``solicite.check``
because it needs HEAD/GET fallback, streaming and per-host limits of its own.

``make_session`` builds a ``requests_cache.CachedSession`` (SQLite, JSON-serialised, with expiry) whose
transport adapter waits for each service's rate limit before a request really goes out,
retries with exponential backoff and honours ``Retry-After``. Cache hits never wait and
never touch the network; in offline mode a miss comes back as a 504 response, which
callers turn into a value ("not in the cache"), never an exception.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import HTTPError, MaxRetryError, NameResolutionError
from urllib3.util.retry import Retry

from solicite.transport import Transport
from solicite.watchdog import Watchdog

from solicite import USER_AGENT  # noqa: F401  (re-exported: resolve's User-Agent)
from solicite.config import cache_dir as cache_dir_of

DEFAULT_TIMEOUT = (5.0, 20.0)  # connect, read (seconds)
OFFLINE_STATUS = 504  # what requests-cache answers for a miss when only the cache may answer


class TooSlow(requests.exceptions.RequestException):
    """The whole request (connect, headers, body, retries) took longer than its time."""


class TooLarge(requests.exceptions.RequestException):
    """The body was longer than the cap for its kind (an API's answer or a web page)."""


class RunDeadline(requests.exceptions.RequestException):
    """The run's deadline was reached before this request could start."""


def user_agent(mailto: str = "") -> str:
    """The User-Agent: Crossref's polite pool wants a ``mailto:`` contact in it."""
    return f"{USER_AGENT[:-1]}; mailto:{mailto})" if mailto else USER_AGENT


class RateLimiter:
    """At most one request every ``interval`` seconds; thread-safe; can only be made stricter."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> float:
        """Block until the next request may go out; return the seconds slept."""
        with self._lock:
            now = time.monotonic()
            delay = max(0.0, self._next - now)
            self._next = max(now, self._next) + self.interval
        if delay:
            time.sleep(delay)
        return delay

    def tighten(self, interval: float) -> None:
        """Slow down to ``interval`` seconds per request if that is stricter than now."""
        with self._lock:
            if interval > self.interval:
                self._next += interval - self.interval
                self.interval = interval


_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$")


def parse_rate_headers(headers) -> float | None:
    """Seconds per request from Crossref's ``X-Rate-Limit-Limit``/``-Interval`` headers, or None."""
    limit, interval = headers.get("X-Rate-Limit-Limit"), headers.get("X-Rate-Limit-Interval")
    if not limit or not interval:
        return None
    m = _INTERVAL.match(interval)
    try:
        count = int(limit)
    except ValueError:
        return None
    if not m or count <= 0:
        return None
    seconds = float(m.group(1)) * {"ms": 0.001, "s": 1.0, "m": 60.0, None: 1.0}[m.group(2)]
    return seconds / count


class CappedRetry(Retry):
    """urllib3 Retry whose ``Retry-After`` wait is capped, so a server cannot stall us for hours."""

    max_retry_after: float = 60.0

    def get_retry_after(self, response):  # noqa: D401 - urllib3 hook
        value = super().get_retry_after(response)
        return None if value is None else min(value, self.max_retry_after)

    def new(self, **kw):
        new = super().new(**kw)
        new.max_retry_after = self.max_retry_after
        return new

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        # A name that cannot be looked up will not be found a second later: retrying only
        # multiplies the wait when the machine is offline.
        if isinstance(error, NameResolutionError):
            raise MaxRetryError(_pool, url, error) from error
        return super().increment(method, url, response, error, _pool, _stacktrace)


class ServiceAdapter(HTTPAdapter):
    """Transport adapter: per-service rate limit, retries, and Crossref rate headers obeyed.

    A service is known by its base URL; the longest base that prefixes the request URL
    chooses the limiter. The adapter runs only when the cache misses, so cached answers
    cost no waiting.
    """

    def __init__(self, limits: dict[str, float], default_per_second: float, retry: Retry,
                 options: "NetOptions | None" = None) -> None:
        self.watchdog = Watchdog()  # the link checker's: a total time per request, not per read
        super().__init__(max_retries=retry)
        self.limiters = {base.rstrip("/"): RateLimiter(rate) for base, rate in limits.items()}
        self.default = RateLimiter(default_per_second)
        self.sent: list[str] = []  # URLs that really went out, for tests and --debug
        self.options = options or NetOptions()
        self.deadline_at = time.monotonic() + self.options.deadline

    def init_poolmanager(self, *args, **kwargs) -> None:  # noqa: D401 - requests hook
        super().init_poolmanager(*args, **kwargs)
        Transport._watched(self.poolmanager)  # connections that the watchdog can hang up

    def proxy_manager_for(self, proxy, **kwargs):  # noqa: D401 - requests hook
        return Transport._watched(super().proxy_manager_for(proxy, **kwargs))

    def limiter_for(self, url: str) -> RateLimiter:
        """The limiter of the service whose base URL is the longest prefix of ``url``."""
        best = ""
        for base in self.limiters:
            if url.startswith(base) and len(base) > len(best):
                best = base
        return self.limiters[best] if best else self.default

    def send(self, request, **kwargs):  # noqa: D401 - requests hook
        limiter = self.limiter_for(request.url)
        limiter.wait()
        left = self.deadline_at - time.monotonic()
        if left <= 0:
            raise RunDeadline(f"the run's deadline ({self.options.deadline:g} s) was reached", request=request)
        total = min(self.options.timeout, left)
        self.sent.append(request.url)
        kwargs["stream"] = True  # the body is read here, within its cap and time
        with self.watchdog.watching(time.monotonic() + total) as ticket:
            try:
                response = super().send(request, **kwargs)
                limit = self.options.max_page_bytes if limiter is self.default else self.options.max_api_bytes
                response._content = _read_capped(response, limit)
                response._content_consumed = True
            except (requests.exceptions.RequestException, OSError) as exc:
                if ticket.expired:
                    raise TooSlow(f"no complete answer within {total:g} s", request=request) from exc
                raise
            if ticket.expired:
                raise TooSlow(f"no complete answer within {total:g} s", request=request)
        seconds = parse_rate_headers(response.headers)
        if seconds is not None:
            limiter.tighten(seconds)
        return response


def _read_capped(response: requests.Response, limit: int) -> bytes:
    """The decoded body, at most ``limit`` bytes; a longer one raises TooLarge and is hung up on."""
    raw = response.raw
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            # read1 returns what has arrived, so a dripping body comes back to this loop (and the
            # watchdog's hang-up ends it) instead of blocking for a full buffer.
            chunk = raw.read1(65536, decode_content=True)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raw.close()
                raise TooLarge(f"the answer is larger than {limit // 1024} KiB; not read", response=response)
            chunks.append(chunk)
    except TooLarge:
        raise
    except (HTTPError, OSError) as exc:  # urllib3's own errors, as requests would wrap them
        raise requests.exceptions.ConnectionError(f"the answer was cut off: {exc}", response=response) from exc
    finally:
        response.close()
    return b"".join(chunks)


@dataclass
class NetOptions:
    """HTTP options, read from the ``[resolve]`` table (see ``solicite.resolve.settings``)."""

    mailto: str = ""
    timeout: float = 20.0  # total time per request: connect, headers, body and retries
    retries: int = 3
    backoff: float = 0.5  # seconds; doubles on each retry
    max_retry_after: float = 60.0
    cache_dir: Path | None = None
    cache_days: float = 30.0  # cached answers expire after this many days
    rate_limits: dict[str, float] = field(default_factory=dict)  # base URL -> requests per second
    default_rate: float = 2.0
    deadline: float = 900.0  # the whole run, seconds
    max_redirects: int = 10
    max_api_bytes: int = 2 * 1024 * 1024
    max_page_bytes: int = 5 * 1024 * 1024


def request_timeout(options: NetOptions) -> tuple[float, float]:
    """The (connect, read) timeout in seconds to pass with each request of a session made from options."""
    return (min(DEFAULT_TIMEOUT[0], options.timeout), options.timeout)


def make_session(options: NetOptions, *, offline: bool = False) -> requests.Session:
    """A cached, rate-limited, retrying session; ``offline`` answers from the cache only.

    Callers pass :func:`request_timeout` with each request. The session has ``adapter`` (the
    ServiceAdapter) so the URLs that really went out can be inspected.
    """
    import requests_cache

    cache_dir = cache_dir_of(options.cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    session = requests_cache.CachedSession(
        # JSON, never pickle (requests-cache's default): unpickling runs code, and a cache file is
        # not something to trust that far. A new name, so an old pickled cache is never opened.
        cache_name=str(cache_dir / "http-cache-json.sqlite"),
        backend="sqlite",
        serializer="json",
        fast_save=True,  # no fsync per answer: a cache may lose its last entries in a crash, never our data
        wal=True,
        expire_after=timedelta(days=options.cache_days) if options.cache_days > 0 else requests_cache.DO_NOT_CACHE,
        allowable_codes=(200, 404),  # "no such DOI" is an answer worth keeping too
        allowable_methods=("GET", "HEAD"),
        match_headers=["Accept"],  # content negotiation: one URL, several answers
        stale_if_error=offline,  # offline: an expired answer beats none
        only_if_cached=offline,
    )
    retry = CappedRetry(
        total=options.retries,
        connect=options.retries,
        read=options.retries,
        status=options.retries,
        backoff_factor=options.backoff,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=False,  # the last response comes back as a value
    )
    retry.max_retry_after = options.max_retry_after
    adapter = ServiceAdapter(options.rate_limits, options.default_rate, retry, options)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = user_agent(options.mailto)
    session.max_redirects = options.max_redirects
    session.adapter = adapter  # type: ignore[attr-defined]  # attributes of our own on requests' Session
    session.offline = offline  # type: ignore[attr-defined]
    return session


def from_cache(response: requests.Response) -> bool:
    """True when the response was answered by the cache."""
    return bool(getattr(response, "from_cache", False))
