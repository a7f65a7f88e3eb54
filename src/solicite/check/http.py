"""One HTTP exchange at a time, done carefully: timeouts, retries, redirects, and a bounded body.

``Fetcher`` sends single requests through a shared ``requests.Session`` (its connection pool
is thread-safe), follows redirects by hand so it can detect loops and drop credentials on a
change of host, and reads at most ``max_body`` bytes of any body.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

from solicite.check.limiter import HostLimiter
from solicite.check.options import CheckOptions

REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)

# Error kinds of an Exchange; all but "protocol" and "invalid" are transient (worth a retry, never cached).
TIMEOUT = "timeout"
CONNECT = "connection"
PROTOCOL = "protocol"  # the server answered badly (e.g. closed the connection on HEAD)
TLS = "tls"
INVALID = "invalid"
DEADLINE = "deadline"
LOOP = "loop"
TOO_MANY = "too-many-redirects"


@dataclass
class Exchange:
    """What came back for one request, or one chain of redirects: status, headers, the body's start."""

    url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str = ""  # one of the error kinds above, "" when a status came back
    detail: str = ""
    hops: list[int] = field(default_factory=list)  # statuses of the redirects followed
    attempts: int = 1

    @property
    def transient(self) -> bool:
        """True for outcomes that may change by themselves: 429, 5xx, timeouts, connection errors."""
        if self.error:
            return self.error in (TIMEOUT, CONNECT, DEADLINE)
        return self.status == 429 or (self.status or 0) >= 500


def make_session(options: CheckOptions) -> requests.Session:
    """A Session with pools sized for the per-host limit, no retries of its own, and no cookie store."""
    from http.cookiejar import DefaultCookiePolicy

    session = requests.Session()
    size = max(options.max_per_host, 1) + 2
    adapter = HTTPAdapter(pool_connections=32, pool_maxsize=size, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    # Cookies would leak between unrelated links and grow without bound; each chain keeps its own.
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    session.headers.clear()
    # Environment lookups (proxies, netrc, CA bundle) cost ~0.5 ms per request inside requests;
    # the Fetcher reads them once per host instead.
    session.trust_env = False
    return session


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def host_of(url: str) -> str:
    """The host[:port] a URL points at, lower case, without credentials."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def strip_credentials(url: str) -> str:
    """The URL without ``user:password@``."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


class Fetcher:
    """Sends requests with retries, backoff and Retry-After, per-host limits, and a run deadline."""

    def __init__(self, options: CheckOptions, session: requests.Session | None = None,
                 limiter: HostLimiter | None = None, deadline_at: float | None = None) -> None:
        self.options = options
        self.session = session or make_session(options)
        self.limiter = limiter or HostLimiter(options.max_per_host, options.min_interval)
        self.deadline_at = deadline_at if deadline_at is not None else time.monotonic() + options.deadline
        self.verify: bool | str = not options.insecure
        if options.insecure:
            # The user chose --insecure; one warning per request on stderr would bury the report.
            import urllib3

            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        else:
            import os

            self.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        self._proxies: dict[str, dict[str, str]] = {}

    def proxies(self, url: str) -> dict[str, str]:
        """The proxies the environment sets for this URL (HTTP_PROXY, NO_PROXY...), read once per host."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        found = self._proxies.get(key)
        if found is None:
            from requests.utils import get_environ_proxies

            found = self._proxies[key] = get_environ_proxies(url)
        return found

    def remaining(self) -> float:
        """Seconds left before the run's deadline."""
        return self.deadline_at - time.monotonic()

    def once(self, method: str, url: str, headers: dict[str, str], read_body: bool,
             cookies=None) -> Exchange:
        """One request, no retry and no redirect; never raises for network trouble."""
        left = self.remaining()
        if left <= 0:
            return Exchange(url, error=DEADLINE, detail="the run's deadline was reached")
        timeout = (min(self.options.connect_timeout, left), min(self.options.timeout, left))
        try:
            with self.limiter.slot(host_of(url)):
                # Request.prepare + send skips Session.request's per-call merging of settings we never
                # use (session headers, params, hooks): about a third of requests' overhead per link.
                prepared = requests.Request(method, url, headers=headers, cookies=cookies).prepare()
                resp = self.session.send(prepared, allow_redirects=False, stream=True, timeout=timeout,
                                         verify=self.verify, proxies=self.proxies(url))
                try:
                    # Reading a short body to its end lets the connection go back to the pool.
                    body = _read_some(resp, self.options.max_body if read_body else 4096)
                    if not read_body:
                        body = b""
                finally:
                    resp.close()
        except requests.exceptions.Timeout:
            return Exchange(url, error=TIMEOUT, detail=f"no answer within {timeout[1]:g}s")
        except requests.exceptions.SSLError as exc:
            return Exchange(url, error=TLS, detail=f"TLS error: {_short(exc)}")
        except requests.exceptions.ConnectionError as exc:
            text = str(exc)
            if "RemoteDisconnected" in text or "Connection aborted" in text or "BadStatusLine" in text:
                return Exchange(url, error=PROTOCOL, detail=f"bad answer: {_short(exc)}")
            return Exchange(url, error=CONNECT, detail=f"cannot connect: {_short(exc)}")
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema, ValueError, UnicodeError) as exc:
            return Exchange(url, error=INVALID, detail=f"invalid URL: {_short(exc)}")
        except requests.exceptions.RequestException as exc:
            return Exchange(url, error=PROTOCOL, detail=f"bad answer: {_short(exc)}")
        ex = Exchange(url, status=resp.status_code, headers=dict(resp.headers), body=body)
        if cookies is not None:
            cookies.update(resp.cookies)
        return ex

    def retrying(self, method: str, url: str, headers: dict[str, str], read_body: bool, cookies=None) -> Exchange:
        """``once`` again on timeouts, connection errors, 5xx and 429, with backoff and Retry-After."""
        attempt = 0
        while True:
            ex = self.once(method, url, headers, read_body, cookies)
            ex.attempts = attempt + 1
            if not ex.transient or ex.error == DEADLINE or attempt >= self.options.retries:
                return ex
            delay = self.options.backoff * (2 ** attempt)
            asked = retry_after(ex.headers.get("Retry-After")) if ex.status in (429, 503) else None
            if asked is not None:
                delay = min(max(asked, 0.0), self.options.retry_after_cap)
            if delay >= self.remaining():
                return ex
            if asked is not None:
                # The host asked for a break: every request to it waits, not only this one.
                self.limiter.pause(host_of(url), delay)
                time.sleep(delay)
            else:
                time.sleep(delay)
            attempt += 1

    def follow(self, method: str, url: str, headers: dict[str, str], read_body: bool = False) -> Exchange:
        """Follow up to ``max_redirects`` redirects by hand; loops and too-long chains are errors."""
        from requests.cookies import RequestsCookieJar

        cookies = RequestsCookieJar()  # cookies set along this chain only (some sites need them to stop redirecting)
        origin = host_of(url)
        seen = {(url, "")}
        hops: list[int] = []
        current = url
        for _ in range(self.options.max_redirects + 1):
            ex = self.retrying(method, current, headers, read_body, cookies)
            location = ex.headers.get("Location") if ex.status in REDIRECTS else None
            if ex.error or not location:
                ex.hops = hops
                return ex
            target = urljoin(current, location.strip())
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                return Exchange(current, status=ex.status, error=INVALID, hops=hops,
                                detail=f"redirects to an unsupported address: {target}")
            hops.append(ex.status)
            if host_of(target) != origin:
                target = strip_credentials(target)  # never send credentials to another host
            # A revisit with new cookies is progress (a cookie check), not a loop.
            state = (target, ";".join(sorted(f"{c.name}={c.value}" for c in cookies)))
            if state in seen:
                return Exchange(target, status=ex.status, error=LOOP, hops=hops,
                                detail=f"redirect loop after {len(hops)} redirects")
            seen.add(state)
            current = target
        return Exchange(current, error=TOO_MANY, hops=hops,
                        detail=f"more than {self.options.max_redirects} redirects")


def _read_some(resp: requests.Response, limit: int) -> bytes:
    # Read at most `limit` bytes; a body read to its end leaves the connection reusable.
    chunks: list[bytes] = []
    total = 0
    for chunk in resp.iter_content(4096):
        chunks.append(chunk)
        total += len(chunk)
        if total >= limit:
            break
    return b"".join(chunks)[:limit]


def _short(exc: BaseException) -> str:
    # requests nests urllib3's errors; name the common causes plainly, else the innermost reason.
    reason = exc.args[0] if exc.args else exc
    reason = getattr(reason, "reason", reason)
    name = type(reason).__name__
    text = str(reason)
    if name == "NameResolutionError" or "Name or service not known" in text or "getaddrinfo" in text:
        return "host not found (DNS)"
    if "Connection refused" in text:
        return "connection refused"
    if "Connection reset" in text:
        return "connection reset by the server"
    for marker in ("Caused by ", "Failed to establish a new connection: "):
        if marker in text:
            text = text.split(marker, 1)[1]
    return text.strip("()'\" ")[:160]
