"""The wire: urllib3 connection pools (the engine inside requests), proxies, TLS and bounded reads.

One ``Transport`` per run is shared by every worker thread: urllib3's pools are thread-safe.
Proxies come from the environment (``HTTP_PROXY``, ``HTTPS_PROXY``, ``NO_PROXY``), read once
per host; certificates are checked against ``REQUESTS_CA_BUNDLE``, ``SSL_CERT_FILE`` or
certifi's bundle, as requests does.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import urllib3
from urllib3.response import BaseHTTPResponse


def _ca_bundle() -> str | None:
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
            self._options.update(cert_reqs="CERT_REQUIRED", ca_certs=_ca_bundle())
        self.direct = urllib3.PoolManager(**self._options)
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
            from urllib.request import proxy_bypass

            proxy = self._proxies.get(parts.scheme) or self._proxies.get("all")
            if proxy and urlsplit(proxy).scheme in ("http", "https") and not proxy_bypass(parts.hostname or ""):
                manager = self._via_proxy.get(proxy)
                if manager is None:
                    manager = self._via_proxy.setdefault(proxy, urllib3.ProxyManager(proxy, **self._options))
            else:
                manager = self.direct
            self._routes[key] = manager
        return manager

    def send(self, method: str, url: str, headers: dict[str, str], timeout: tuple[float, float],
             limit: int) -> tuple[int, "urllib3.HTTPHeaderDict", bytes]:
        """Status, headers and at most ``limit`` bytes of the body; the rest is never downloaded."""
        resp: BaseHTTPResponse = self._manager(url).urlopen(
            method, url, headers=headers, redirect=False, retries=False, preload_content=False,
            decode_content=True, timeout=urllib3.Timeout(connect=timeout[0], read=timeout[1]))
        finished = False
        try:
            chunks: list[bytes] = []
            total = 0
            while total < limit:
                chunk = resp.read(min(8192, limit - total))
                if not chunk:
                    finished = True
                    break
                chunks.append(chunk)
                total += len(chunk)
            if not finished and resp.length_remaining == 0:
                finished = True
        finally:
            if not finished:
                resp.close()  # a body longer than the limit: hang up rather than download it
            resp.release_conn()  # a body read to its end leaves the connection reusable
        return resp.status, resp.headers, b"".join(chunks)
