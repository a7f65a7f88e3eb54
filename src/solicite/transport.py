"""The wire: urllib3 connection pools (the engine inside requests), proxies, TLS and bounded reads.

Used by ``solicite.net`` (resolve's requests sessions mount its watched pools); the link
checker itself talks through ``solicite.check.wire`` (aiohttp). urllib3's pools are thread-safe.
Each request has a total time (connect, headers and body together), enforced by the
``Watchdog``: the pools' connections attach themselves to the request's ticket.
Proxies come from the environment (``HTTP_PROXY``, ``HTTPS_PROXY``, ``NO_PROXY``), read once
per host; certificates are checked against ``REQUESTS_CA_BUNDLE``, ``SSL_CERT_FILE`` or
certifi's bundle, as requests does.
"""

from __future__ import annotations

import os
import time
from typing import TypeVar
from urllib.parse import urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.response import BaseHTTPResponse

from solicite.watchdog import Ticket, Watchdog, attach_current

_Manager = TypeVar("_Manager", bound=urllib3.PoolManager)

# Once the status and headers are in, the body gets this long at most to deliver its first
# KiB: the status is the verdict, so a body that never ends must not hold the link up.
BODY_WAIT = 2.0


class _Watched:
    """Mixed into urllib3's connections: each attaches itself to the current request's ticket."""

    def connect(self) -> None:
        attach_current(self)
        super().connect()  # type: ignore[misc]  # a mixin: the connection class it is mixed into has connect
        attach_current(self)  # now with its socket

    def request(self, *args, **kwargs) -> None:
        attach_current(self)
        super().request(*args, **kwargs)  # type: ignore[misc]  # likewise request


class _WatchedHTTP(_Watched, HTTPConnection):
    """An HTTP connection bound by the request's total time."""


class _WatchedHTTPS(_Watched, HTTPSConnection):
    """An HTTPS connection bound by the request's total time."""


def _torn(resp: BaseHTTPResponse) -> bool:
    # The header block ended without its blank line: the connection closed in the middle of it.
    msg = getattr(getattr(resp, "_original_response", None), "msg", None)
    return any(type(d).__name__ == "MissingHeaderBodySeparatorDefect" for d in getattr(msg, "defects", ()))


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTP


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPS


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


def proxy_for(proxies: dict[str, str], url: str) -> str | None:
    """The proxy the environment names for ``url`` (``getproxies()``), or None: direct or NO_PROXY."""
    from urllib.request import proxy_bypass

    parts = urlsplit(url)
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if proxy and urlsplit(proxy).scheme in ("http", "https") and not proxy_bypass(parts.hostname or ""):
        return proxy
    return None


def ca_bundle() -> str | None:
    """The certificates to trust, as requests finds them: its variables, else certifi's bundle."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        import certifi  # installed with requests; the same bundle requests would use
    except ImportError:  # pragma: no cover - the system store then
        return None
    return certifi.where()


class Transport:
    """Sends one request at a time on pooled connections; raises urllib3's errors for network trouble."""

    def __init__(self, per_host: int = 8, insecure: bool = False) -> None:
        self._options: dict = dict(num_pools=64, maxsize=max(1, per_host) + 2, block=False, retries=False)
        if insecure:
            self._options["cert_reqs"] = "CERT_NONE"
            # The user chose --insecure; one warning per request on stderr would bury the report.
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        else:
            self._options.update(cert_reqs="CERT_REQUIRED", ca_certs=ca_bundle())
        self.watchdog = Watchdog()
        self.direct = self._watched(urllib3.PoolManager(**self._options))
        self._via_proxy: dict[str, urllib3.ProxyManager] = {}
        self._routes: dict[str, urllib3.PoolManager] = {}
        from urllib.request import getproxies

        self._proxies = getproxies()

    def _manager(self, url: str) -> urllib3.PoolManager:
        # Which pool manager serves this scheme and host: direct, or through the environment's proxy.
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        manager = self._routes.get(key)
        if manager is None:
            proxy = proxy_for(self._proxies, url)
            if proxy:
                manager = self._via_proxy.get(proxy)
                if manager is None:
                    manager = self._via_proxy.setdefault(
                        proxy, self._watched(urllib3.ProxyManager(proxy, **self._options)))
            else:
                manager = self.direct
            self._routes[key] = manager
        return manager

    @staticmethod
    def _watched(manager: _Manager) -> _Manager:
        # PoolManager's documented hook for its pool classes, here with connections that obey a ticket.
        manager.pool_classes_by_scheme = _POOLS
        return manager

    def send(self, method: str, url: str, headers: dict[str, str], timeout: tuple[float, float],
             limit: int, until: float | None = None) -> tuple[int, "urllib3.HTTPHeaderDict", bytes]:
        """Status, headers and at most ``limit`` bytes of the body; the rest is never downloaded.

        ``until`` (``time.monotonic``) ends the whole request, headers and body alike; a request
        cut short before its headers raises ``TimeoutError`` (``Expired`` when it never started).
        """
        at = until if until is not None else time.monotonic() + timeout[0] + timeout[1]
        with self.watchdog.watching(at) as ticket:
            try:
                resp: BaseHTTPResponse = self._manager(url).urlopen(
                    method, url, headers=headers, redirect=False, retries=False, preload_content=False,
                    decode_content=True, timeout=urllib3.Timeout(connect=timeout[0], read=timeout[1]))
            except Exception as exc:
                if ticket.expired:
                    raise TimeoutError("the request's total time was up") from exc
                raise
            if ticket.expired or _torn(resp):  # http.client takes a cut-off header block as complete
                resp.close()
                if ticket.expired:
                    raise TimeoutError("the request's total time was up")
                raise urllib3.exceptions.ProtocolError("the header block was cut off")
            body = self._read(resp, limit, ticket) if method != "HEAD" else self._drop(resp, ticket)
        return resp.status, resp.headers, body

    def _drop(self, resp: BaseHTTPResponse, ticket: Ticket) -> bytes:
        # A HEAD answer has no body; hand the connection back for the next request.
        ticket.finish()
        resp.release_conn()
        return b""

    def _read(self, resp: BaseHTTPResponse, limit: int, ticket: Ticket) -> bytes:
        # read1 returns what has arrived instead of waiting for a full buffer: a body that
        # stalls after its first bytes (HTTP/1.0, no Content-Length, socket left open) is fine.
        self.watchdog.tighten(ticket, time.monotonic() + BODY_WAIT)
        chunks: list[bytes] = []
        total = 0
        finished = False
        try:
            while total < limit:
                chunk = resp.read1(min(8192, limit - total))
                if not chunk:
                    finished = not ticket.expired
                    break
                chunks.append(chunk)
                total += len(chunk)
            if not finished and resp.length_remaining == 0:
                finished = True
        except Exception:  # cut off mid-body: the status is known, which is what counts
            finished = False
        finally:
            ticket.finish()
            if not finished:
                resp.close()  # a body longer than the limit: hang up rather than download it
            resp.release_conn()  # a body read to its end leaves the connection reusable
        return b"".join(chunks)
