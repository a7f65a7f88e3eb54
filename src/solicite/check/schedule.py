"""Which link a free worker checks next: one whose host has a free slot and is not paused.

Links wait in one queue per host; ``take`` goes round the hosts from where it last stopped,
so every host progresses and no worker sits blocked on a busy host while others are idle.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque

from solicite.check.http import host_of
from solicite.check.limiter import HostLimiter
from solicite.check.result import DOI

# A host that is only busy wakes a worker when it frees a slot; this is a backstop. A paused
# host (a Retry-After, the gap between starts) is looked at again exactly when its pause ends:
# a fixed poll would leave a slot idle for part of every request's turn.
_BACKSTOP = 0.5


def queue_key(kind: str, url: str) -> str:
    """The host a link's requests go to; every DOI goes to the same Handle API."""
    return "doi" if kind == DOI else host_of(url)


class HostQueue:
    """Links to check, by host, handed out at most ``per_host`` at a time per host."""

    def __init__(self, pending: list[tuple[tuple[str, str], list[int]]], per_host: int,
                 limiter: HostLimiter) -> None:
        self.per_host = max(1, per_host)
        self.limiter = limiter
        self.waiting: OrderedDict[str, deque[list[int]]] = OrderedDict()
        for (kind, url), indices in pending:
            self.waiting.setdefault(queue_key(kind, url), deque()).append(indices)
        self.active: dict[str, int] = {key: 0 for key in self.waiting}
        self.closed = False
        self._cond = threading.Condition()

    def take(self) -> tuple[str, list[int]] | None:
        """The next (host, link indices) to check, waiting for a free host; None when all are taken."""
        with self._cond:
            while not self.closed and self.waiting:
                wake = _BACKSTOP
                for _ in range(len(self.waiting)):
                    key, links = next(iter(self.waiting.items()))
                    self.waiting.move_to_end(key)  # round-robin: the next take starts at the next host
                    if self.active[key] >= self.per_host:
                        continue
                    pause = self.limiter.ready_in(key)
                    if pause > 0:
                        wake = min(wake, pause)
                        continue
                    self.active[key] += 1
                    indices = links.popleft()
                    if not links:
                        del self.waiting[key]
                        if not self.waiting:
                            self._cond.notify_all()  # nothing left to take: let idle workers go
                    return key, indices
                self._cond.wait(wake)
            return None

    def release(self, key: str) -> None:
        """A link of host ``key`` is done: its slot is free again."""
        with self._cond:
            self.active[key] -= 1
            self._cond.notify()

    def close(self) -> None:
        """Hand out nothing more; waiting workers return."""
        with self._cond:
            self.closed = True
            self._cond.notify_all()
