"""Per-host politeness: at most N requests in flight to one host, and a gap between their starts.

A host that answers 429 with Retry-After is paused as a whole, so the other links to it
wait instead of piling more requests onto a server that asked for a break. Every wait for
a slot ends by the run's deadline at the latest (``QueueTimeout``).
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator


class QueueTimeout(TimeoutError):
    """No slot of the host came free (or its pause did not end) before the given time."""


class _Host:
    __slots__ = ("slots", "lock", "next_start")

    def __init__(self, per_host: int) -> None:
        self.slots = threading.BoundedSemaphore(per_host)
        self.lock = threading.Lock()
        self.next_start = 0.0


class HostLimiter:
    """Hands out request slots per host: a semaphore plus a minimum interval between starts."""

    def __init__(self, per_host: int = 8, min_interval: float = 0.0) -> None:
        self.per_host = max(1, int(per_host))
        self.min_interval = max(0.0, float(min_interval))
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            with self._lock:
                host = self._hosts.setdefault(name, _Host(self.per_host))
        return host

    @contextmanager
    def slot(self, name: str, until: float | None = None) -> Iterator[None]:
        """Hold one of the host's slots for the duration of a request, waiting for its turn.

        With ``until`` (``time.monotonic``), raise QueueTimeout rather than wait past it.
        """
        host = self._host(name)
        if not host.slots.acquire(timeout=None if until is None else max(0.0, until - time.monotonic())):
            raise QueueTimeout(f"no free slot for {name}")
        try:
            with host.lock:
                now = time.monotonic()
                wait = host.next_start - now
                if until is not None and now + max(wait, 0.0) > until:
                    raise QueueTimeout(f"{name} is paused past the deadline")
                host.next_start = max(now, host.next_start) + self.min_interval
            if wait > 0:
                time.sleep(wait)
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
        with host.lock:
            host.next_start = max(host.next_start, time.monotonic() + seconds)
