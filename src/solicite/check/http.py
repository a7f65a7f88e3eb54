"""One HTTP exchange at a time, done carefully: timeouts, retries, redirects, and a bounded body.

``Fetcher`` sends single requests through the run's ``Wire`` (an aiohttp session on the run's
event loop), follows redirects by hand so it can detect loops and drop credentials on a
change of host, and reads at most ``max_body`` bytes of any body. Its methods are coroutines.
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import socket
import ssl
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import aiohttp

from solicite.check.limiter import HostLimiter, QueueTimeout
from solicite.check.options import CheckOptions
from solicite.check.wire import Wire

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
NOT_CHECKED = "not checked: deadline"

# Causes of connection errors that say more about this machine than about the link: the
# signs of being offline (see ``solicite.check.offline``).
DNS_UNKNOWN = "dns-unknown"  # the resolver answered: no such name (or there is no resolver at all)
DNS_DOWN = "dns-down"  # EAI_AGAIN: the resolver could not be asked
NO_ROUTE = "no-route"  # ENETUNREACH / EHOSTUNREACH


@dataclass
class Exchange:
    """What came back for one request, or one chain of redirects: status, headers, the body's start."""

    url: str
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)  # case-insensitive when from a response
    body: bytes = b""
    error: str = ""  # one of the error kinds above, "" when a status came back
    detail: str = ""
    hops: list[int] = field(default_factory=list)  # statuses of the redirects followed
    attempts: int = 1
    cause: str = ""  # DNS_UNKNOWN, DNS_DOWN or NO_ROUTE for connection errors that may mean offline

    @property
    def transient(self) -> bool:
        """True for outcomes that may change by themselves: 429, 5xx, timeouts, connection errors."""
        if self.error:
            return self.error in (TIMEOUT, CONNECT, DEADLINE)
        return self.status == 429 or 500 <= (self.status or 0) <= 599


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


@lru_cache(maxsize=4096)
def host_of(url: str) -> str:
    """The host[:port] a URL points at, lower case, without credentials (cached: asked 4 times a link)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return f"{host}:{parts.port}" if parts.port else host
    except ValueError:  # a malformed address (bad IPv6 literal or port) still gets a verdict later
        return ""


def strip_credentials(url: str) -> str:
    """The URL without ``user:password@``."""
    if "@" not in url:  # the common case, without parsing
        return url
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


class Fetcher:
    """Sends requests with retries, backoff and Retry-After, per-host limits, and a run deadline."""

    def __init__(self, options: CheckOptions, transport: Wire | None = None,
                 limiter: HostLimiter | None = None, deadline_at: float | None = None) -> None:
        self.options = options
        self.transport = transport or Wire(options.insecure, options.connect_timeout)
        self.limiter = limiter or HostLimiter(options.max_per_host, options.min_interval)
        self.deadline_at = deadline_at if deadline_at is not None else time.monotonic() + options.deadline

    def remaining(self) -> float:
        """Seconds left before the run's deadline."""
        return self.deadline_at - time.monotonic()

    async def once(self, method: str, url: str, headers: dict[str, str], read_body: bool) -> Exchange:
        """One request, no retry and no redirect; never raises for network trouble.

        The wait for a slot of the host ends at the run's deadline; the request itself gets
        ``options.timeout`` in total (connect, headers and body), cut short by the deadline.
        """
        if self.remaining() <= 0:
            return Exchange(url, error=DEADLINE, detail=NOT_CHECKED)
        until = self.deadline_at
        try:
            async with self.limiter.slot(host_of(url), until=self.deadline_at):
                until = min(time.monotonic() + self.options.timeout, self.deadline_at)
                status, got, body = await self.transport.send(method, url, headers,
                                                              self.options.max_body if read_body else 4096, until)
        except QueueTimeout:
            return Exchange(url, error=DEADLINE, detail=NOT_CHECKED)
        except Exception as exc:  # noqa: BLE001 - classified below; anything else is re-raised
            return self._failure(url, exc, until)
        return Exchange(url, status=status, headers=got, body=body if read_body else b"")

    def _failure(self, url: str, exc: Exception, until: float) -> Exchange:
        """The Exchange for a request that raised; re-raises what is not network trouble."""
        cut = until >= self.deadline_at  # the run's deadline, not the request's own time, ended it
        if isinstance(exc, asyncio.TimeoutError):  # aiohttp's own timeouts derive from it too
            if cut and time.monotonic() >= self.deadline_at - 0.05:
                return Exchange(url, error=DEADLINE, detail=NOT_CHECKED)
            what = "no connection" if isinstance(exc, aiohttp.ConnectionTimeoutError) else "no complete answer"
            return Exchange(url, error=TIMEOUT, detail=f"{what} within {self.options.timeout:g}s")
        if isinstance(exc, aiohttp.ClientConnectorDNSError):
            cause = DNS_DOWN if getattr(exc.os_error, "errno", None) == socket.EAI_AGAIN else DNS_UNKNOWN
            return Exchange(url, error=CONNECT, detail="cannot connect: host not found (DNS)", cause=cause)
        if isinstance(exc, (aiohttp.ClientSSLError, ssl.SSLError)):
            return Exchange(url, error=TLS, detail=f"TLS error: {_short(exc)}")
        if isinstance(exc, aiohttp.ClientProxyConnectionError):
            return Exchange(url, error=CONNECT, detail=f"proxy failed: {_short(exc)}")
        if isinstance(exc, aiohttp.ClientConnectorError):
            cause = NO_ROUTE if exc.os_error.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH) else ""
            return Exchange(url, error=CONNECT, detail=f"cannot connect: {_short(exc)}", cause=cause)
        if isinstance(exc, (ValueError, UnicodeError)):  # aiohttp's InvalidURL is a ValueError
            return Exchange(url, error=INVALID, detail=f"invalid URL: {_short(exc)}")
        if isinstance(exc, aiohttp.ClientOSError) or (isinstance(exc, OSError) and not isinstance(exc, aiohttp.ClientError)):
            return Exchange(url, error=CONNECT, detail=f"cannot connect: {_short(exc)}")
        if isinstance(exc, aiohttp.ClientError):  # closed early, a malformed answer, a broken body
            return Exchange(url, error=PROTOCOL, detail=f"bad answer: {_short(exc)}")
        raise exc

    async def retrying(self, method: str, url: str, headers: dict[str, str], read_body: bool,
                 timeout_retries: int = 1) -> Exchange:
        """``once`` again on timeouts, connection errors, 5xx and 429, with backoff and Retry-After.

        A timeout costs a whole request time, so it is retried ``timeout_retries`` times at most.
        """
        attempt = 0
        while True:
            ex = await self.once(method, url, headers, read_body)
            ex.attempts = attempt + 1
            limit = min(self.options.retries, timeout_retries) if ex.error == TIMEOUT else self.options.retries
            if not ex.transient or ex.error == DEADLINE or ex.cause or attempt >= limit:
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
            await asyncio.sleep(delay)
            attempt += 1

    async def follow(self, method: str, url: str, headers: dict[str, str], read_body: bool = False,
               timeout_retries: int = 1) -> Exchange:
        """Follow up to ``max_redirects`` redirects by hand; loops and too-long chains are errors.

        Credentials in the URL go, as Basic auth, to its own host only; cookies set along the
        chain (some sites redirect until their cookie comes back) go back to the host that set them.
        """
        origin = host_of(url)
        try:
            auth = _basic_auth(url)
            current = strip_credentials(url)
        except ValueError as exc:  # e.g. an unclosed IPv6 bracket
            return Exchange(url, error=INVALID, detail=f"invalid URL: {exc}")
        jar: dict[str, dict[str, str]] = {}  # host -> cookies set during this chain only
        seen = {(current, "")}
        hops: list[int] = []
        for _ in range(self.options.max_redirects + 1):
            host = host_of(current)
            sent = dict(headers)
            if auth and host == origin:
                sent["Authorization"] = auth
            if jar.get(host):
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar[host].items())
            ex = await self.retrying(method, current, sent, read_body, timeout_retries)
            _keep_cookies(jar.setdefault(host, {}), ex.headers)
            location = ex.headers.get("Location") if ex.status in REDIRECTS else None
            if ex.error or not location or ex.status is None:  # a Location counts only with a redirect status
                ex.url = current
                ex.hops = hops
                return ex
            try:
                target = urljoin(current, location.strip())
                supported = urlsplit(target).scheme.lower() in ("http", "https")
                target = strip_credentials(target)  # credentials named in a Location are not ours to send
            except ValueError:
                supported = False
            if not supported:
                return Exchange(current, status=ex.status, error=INVALID, hops=hops,
                                detail=f"redirects to an unsupported address: {location.strip()[:200]}")
            hops.append(ex.status)
            # A revisit with new cookies is progress (a cookie check), not a loop.
            state = (target, repr(sorted((h, sorted(c.items())) for h, c in jar.items())))
            if state in seen:
                return Exchange(target, status=ex.status, error=LOOP, hops=hops,
                                detail=f"redirect loop after {len(hops)} redirects")
            seen.add(state)
            current = target
        return Exchange(current, error=TOO_MANY, hops=hops,
                        detail=f"more than {self.options.max_redirects} redirects")


def _basic_auth(url: str) -> str | None:
    # user:password@ in a URL means HTTP Basic auth, as browsers and requests read it.
    if "@" not in url:
        return None
    parts = urlsplit(url)
    if parts.username is None:
        return None
    import base64

    pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode("utf-8")
    return "Basic " + base64.b64encode(pair).decode("ascii")


def _keep_cookies(jar: dict[str, str], headers) -> None:
    # Only name=value matters within one chain; attributes (path, expiry) are not worth parsing here.
    getall = getattr(headers, "getall", None)
    for line in getall("Set-Cookie", ()) if getall else ():
        name, _, value = line.split(";", 1)[0].partition("=")
        if name.strip():
            jar[name.strip()] = value.strip()


def _short(exc: BaseException) -> str:
    # Name the common causes plainly, else the innermost reason aiohttp gives.
    inner = getattr(exc, "os_error", None) or exc
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "host not found (DNS)"
    if isinstance(inner, ConnectionRefusedError):
        return "connection refused"
    if isinstance(inner, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the server closed the connection without an answer"
    if isinstance(exc, aiohttp.ClientResponseError):
        return exc.message or type(exc).__name__
    text = getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
    return str(text).strip("()'\" ")[:160]
