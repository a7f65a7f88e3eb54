"""A total time limit per request: one thread that hangs up connections whose time is up.

Socket timeouts bound each read, not a request: a server that sends one byte per second
never trips them. So every request carries a ``Ticket`` with an absolute time; the
connection it runs on attaches itself to the ticket, and when the time comes the watchdog
shuts the socket down, which wakes the blocked read in the worker thread at once.
"""

from __future__ import annotations

import heapq
import itertools
import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator

_current = threading.local()  # the ticket of the request this thread is sending
IDLE = 2.0  # seconds without a ticket after which the watchdog's thread ends
# While it has tickets the watchdog looks at least this often, so a ticket due later than that
# needs no wake-up call: a wake-up per request would cost two thread switches per request.
TICK = 0.1


class Expired(TimeoutError):
    """Raised when a request starts on a connection after its ticket ran out."""


class Ticket:
    """The absolute time (``time.monotonic``) by which one request must be over."""

    __slots__ = ("at", "expired", "done", "_sock", "_lock")

    def __init__(self, at: float) -> None:
        self.at = at
        self.expired = False
        self.done = False
        self._sock = None
        self._lock = threading.Lock()

    def attach(self, conn) -> None:
        """Remember the connection's socket; raise Expired if the time is already up.

        The socket itself is kept, not the connection: http.client lets go of the socket of
        an answer that ends when the connection closes (HTTP/1.0), while the body is still read.
        """
        with self._lock:
            if self.expired:
                raise Expired("the request's time was up before it started")
            self._sock = getattr(conn, "sock", None) or self._sock

    def expire(self) -> None:
        """Mark the ticket expired and hang up its connection, waking any blocked read."""
        # Under the lock: once ``finish`` has returned, the connection may serve another
        # request, and must not be hung up.
        with self._lock:
            if self.done or self.expired:
                return
            self.expired = True
            sock = self._sock
            if sock is not None:
                try:
                    # socket.socket's own shutdown, not SSLSocket's, which would drop its TLS
                    # state under the feet of the thread reading from it.
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except OSError:
                    pass

    def finish(self) -> None:
        """The request is over: the watchdog leaves its connection alone from now on."""
        with self._lock:
            self.done = True


class Watchdog:
    """Expires tickets on time from one daemon thread; shared by every worker of a run."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Ticket]] = []
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._wakes_at = float("inf")  # when the thread will look at the heap again by itself

    def arm(self, at: float) -> Ticket:
        """A ticket that expires at ``at`` unless finished first."""
        ticket = Ticket(at)
        self.tighten(ticket, at)
        return ticket

    def tighten(self, ticket: Ticket, at: float) -> None:
        """Bring the ticket's time forward to ``at`` (never later)."""
        with self._cond:
            ticket.at = min(ticket.at, at)
            heapq.heappush(self._heap, (ticket.at, next(self._seq), ticket))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="solicite-watchdog", daemon=True)
                self._thread.start()
            elif ticket.at < self._wakes_at:  # only then: a wake-up per request costs two thread switches
                self._cond.notify()

    def _run(self) -> None:
        while True:
            due: list[Ticket] = []
            with self._cond:
                now = time.monotonic()
                while self._heap and (self._heap[0][2].done or self._heap[0][0] <= now):
                    at, _, ticket = heapq.heappop(self._heap)
                    if not ticket.done and ticket.at <= now:
                        due.append(ticket)
                if not due and not self._heap:
                    # Idle: the thread ends after a while, so runs that are over leave none behind.
                    self._wakes_at = now + IDLE
                    if not self._cond.wait(IDLE) and not self._heap:
                        self._thread = None
                        return
                elif not due:
                    self._wakes_at = min(self._heap[0][0], now + TICK)
                    self._cond.wait(self._wakes_at - now)
                self._wakes_at = 0.0  # awake: new tickets need no notify until it sleeps again
            for ticket in due:
                ticket.expire()

    @contextmanager
    def watching(self, at: float) -> Iterator[Ticket]:
        """Run the block as the current thread's request, expiring at ``at``."""
        ticket = self.arm(at)
        _current.ticket = ticket
        try:
            yield ticket
        finally:
            _current.ticket = None
            ticket.finish()


def attach_current(conn) -> None:
    """Attach ``conn`` to the ticket of the request this thread is sending, if any."""
    ticket = getattr(_current, "ticket", None)
    if ticket is not None:
        ticket.attach(conn)
