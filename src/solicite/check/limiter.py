"""Per-host politeness: at most N requests in flight to one host, and a gap between their starts.

A host that answers 429 with Retry-After is paused as a whole, so the other links to it
wait instead of piling more requests onto a server that asked for a break. Every wait for
a slot ends by the run's deadline at the latest (``QueueTimeout``).
"""

from __future__ import annotations

import asyncio
import sys
import time
from contextlib import asynccontextmanager
from typing import AsyncIterator

if sys.version_info >= (3, 11):
    from asyncio import timeout_at
else:  # pragma: no cover - aiohttp brings async-timeout on Python 3.10
    from async_timeout import timeout_at


class QueueTimeout(TimeoutError):
    """No slot of the host came free (or its pause did not end) before the given time."""


class _Host:
    __slots__ = ("slots", "next_start")

    def __init__(self, per_host: int) -> None:
        self.slots = asyncio.Semaphore(per_host)
        self.next_start = 0.0


class HostLimiter:
    """Hands out request slots per host: a semaphore plus a minimum interval between starts.

    Used from one event loop (the run's): its state needs no lock.
    """

    def __init__(self, per_host: int = 8, min_interval: float = 0.0) -> None:
        self.per_host = max(1, int(per_host))
        self.min_interval = max(0.0, float(min_interval))
        self._hosts: dict[str, _Host] = {}

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(self.per_host)
        return host

    @asynccontextmanager
    async def slot(self, name: str, until: float | None = None) -> AsyncIterator[None]:
        """Hold one of the host's slots for the duration of a request, waiting for its turn.

        With ``until`` (``time.monotonic``), raise QueueTimeout rather than wait past it.
        """
        host = self._host(name)
        if until is None or not host.slots.locked():
            await host.slots.acquire()
        else:
            try:
                async with timeout_at(until):
                    await host.slots.acquire()
            except asyncio.TimeoutError:
                raise QueueTimeout(f"no free slot for {name}") from None
        try:
            now = time.monotonic()
            wait = host.next_start - now
            if until is not None and now + max(wait, 0.0) > until:
                raise QueueTimeout(f"{name} is paused past the deadline")
            host.next_start = max(now, host.next_start) + self.min_interval
            if wait > 0:
                await asyncio.sleep(wait)
            yield
        finally:
            host.slots.release()

    def ready_in(self, name: str) -> float:
        """Seconds until the host may start a request (a Retry-After or the gap between starts); 0 when it may now."""
        host = self._hosts.get(name)
        return 0.0 if host is None else max(0.0, host.next_start - time.monotonic())

    def pause(self, name: str, seconds: float) -> None:
        """Start no new request to the host for ``seconds`` (it asked for it with Retry-After)."""
        host = self._host(name)
        host.next_start = max(host.next_start, time.monotonic() + seconds)
