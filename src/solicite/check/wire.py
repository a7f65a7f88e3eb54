"""The link checker's wire: one aiohttp session per run, on an event loop, bounded in time and bytes.

Why an event loop rather than threads: a run keeps hundreds of requests in flight, and a
thread per request paid for the interpreter lock and urllib3's per-request work: 0.41 to 0.50
ms of CPU per link against 0.28 to 0.33 on the loop (README, section check).
Each request has a total time (connect, headers and body together): an asyncio timeout
around it cancels whatever it waits on, so a trickling server or a header block that never
ends cannot hold it. Proxies come from the environment (``HTTP_PROXY``, ``HTTPS_PROXY``,
``NO_PROXY``), read once per host; certificates are checked as requests checks them.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import sys
import threading
import time
from contextlib import suppress
from typing import Any, Callable, Mapping, cast
import aiohttp

from solicite.transport import BODY_WAIT, ca_bundle, proxy_for

if sys.version_info >= (3, 11):
    from asyncio import timeout_at
else:  # pragma: no cover - aiohttp brings async-timeout on Python 3.10
    from async_timeout import timeout_at

# Longer header lines than aiohttp's default (8 KiB) are common: sites set big cookies.
MAX_HEADER = 65536


class Wire:
    """Sends one request at a time on the run's pooled connections; raises aiohttp's errors."""

    def __init__(self, insecure: bool = False, connect_timeout: float = 5.0) -> None:
        self.insecure = insecure
        self.timeout = aiohttp.ClientTimeout(total=None, sock_connect=connect_timeout)
        self.lookup_timeout = connect_timeout  # a name lookup is part of connecting
        self._session: aiohttp.ClientSession | None = None
        self._context: ssl.SSLContext | None = None
        self._routes: dict[str, str | None] = {}
        from urllib.request import getproxies

        self._proxies = getproxies()

    def _open(self) -> aiohttp.ClientSession:
        # Made on first use, inside the run's event loop, which the session belongs to.
        lookups = cast(asyncio.AbstractEventLoop, _DaemonLookups(asyncio.get_running_loop(), self.lookup_timeout))
        connector = aiohttp.TCPConnector(limit=0, ssl=not self.insecure, resolver=aiohttp.ThreadedResolver(lookups))
        # Cookies are the checker's business (one redirect chain at a time), not a jar's for the run.
        self._session = aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar(), timeout=self.timeout,
            max_line_size=MAX_HEADER, max_field_size=MAX_HEADER)
        # aiohttp sends a HEAD or GET again, once, when the server hangs up on it; the checker
        # decides itself what to send again (a GET after a HEAD reset, its own retries), as it
        # did over urllib3. Like aiohttp's own test client, switch the resend off; the pool still
        # drops connections the server closed before reusing them.
        if hasattr(self._session, "_retry_connection"):
            self._session._retry_connection = False
        return self._session

    def _tls(self, url: str) -> ssl.SSLContext | bool:
        # The certificates requests would trust, loaded (30 ms) only once an https address comes.
        if self.insecure or url[:6].lower() != "https:":
            return not self.insecure
        if self._context is None:
            self._context = ssl.create_default_context(cafile=ca_bundle())
        return self._context

    def _proxy(self, url: str) -> str | None:
        key = url[:url.find("/", url.find("//") + 2) % (len(url) + 1)]  # scheme://netloc, without parsing
        if key not in self._routes:
            self._routes[key] = proxy_for(self._proxies, url)
        return self._routes[key]

    async def send(self, method: str, url: str, headers: dict[str, str], limit: int,
                   until: float) -> tuple[int, Mapping[str, str], bytes]:
        """Status, headers and at most ``limit`` bytes of the body; the rest is never downloaded.

        ``until`` (``time.monotonic``, the loop's clock) ends the request, headers and body alike;
        a request cut short before its headers raises ``TimeoutError``.
        """
        session = self._session or self._open()
        async with timeout_at(until):
            resp = await session.request(method, url, headers=headers, allow_redirects=False,
                                         proxy=self._proxy(url), ssl=self._tls(url))
        try:
            body = b"" if method == "HEAD" else await _read(resp, limit, until)
        finally:
            resp.release()  # a body not read to its end closes the connection instead
        return resp.status, resp.headers, body

    async def close(self) -> None:
        """Close the session and its connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None


class _DaemonLookups:
    """Name lookups on daemon threads, for aiohttp's ThreadedResolver (which asks the loop it is given).

    The loop's own executor joins its threads when the process exits: one lookup that hangs (a
    resolver that never answers) would hold the process well past the run's deadline. A lookup
    still unanswered after ``timeout`` seconds fails as the system's resolver says it could not
    be asked (EAI_AGAIN): a resolver that swallows every query is "no DNS" (offline), not a
    request timeout on every link.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, timeout: float) -> None:
        self._loop = loop
        self._timeout = timeout

    async def getaddrinfo(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await asyncio.wait_for(self._run(socket.getaddrinfo, *args, **kwargs), self._timeout)
        except asyncio.TimeoutError:
            raise socket.gaierror(socket.EAI_AGAIN, f"no answer from the resolver within {self._timeout:g}s") from None

    async def getnameinfo(self, *args: Any) -> Any:
        return await self._run(socket.getnameinfo, *args)

    async def _run(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        future = self._loop.create_future()

        def settle(ok: bool, value: Any) -> None:
            if not future.done():  # not given up on (a request cancelled at its time)
                future.set_result(value) if ok else future.set_exception(value)

        def look() -> None:
            try:
                value, ok = call(*args, **kwargs), True
            except Exception as exc:  # noqa: BLE001 - handed to the waiting request
                value, ok = exc, False
            with suppress(RuntimeError):  # the run is over and its loop closed: nobody waits
                self._loop.call_soon_threadsafe(settle, ok, value)

        threading.Thread(target=look, name="solicite-lookup", daemon=True).start()
        return await future


async def _read(resp: aiohttp.ClientResponse, limit: int, until: float) -> bytes:
    # Once the status and headers are in, the body gets BODY_WAIT at most to deliver its start:
    # the status is the verdict, so a body that trickles or never ends must not hold the link up.
    if resp.content.is_eof():  # all of it has arrived (a small page): nothing to wait for
        body = await resp.content.read(limit)
        if not resp.content.at_eof():
            resp.close()
        return body
    chunks: list[bytes] = []
    total = 0
    try:
        async with timeout_at(min(until, time.monotonic() + BODY_WAIT)):
            while total < limit:
                chunk = await resp.content.read(limit - total)  # what has arrived, up to the limit
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except (asyncio.TimeoutError, aiohttp.ClientError):  # cut off mid-body: the status is known
        resp.close()
    else:
        if not resp.content.at_eof():
            resp.close()  # a body longer than the limit: hang up rather than download it
    return b"".join(chunks)
