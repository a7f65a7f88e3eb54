"""Which link is checked when: one queue per host, worked by as many tasks as the host may serve.

Each host gets ``per_host`` tasks at most (fewer when it has fewer links); a task takes its
host's next link and checks it in one of the run's ``max_concurrency`` places. A task first
waits out a pause of its host (a Retry-After, the gap between starts), so a paused host holds
no place another host could use. Tasks are started host by host in turn and the places are
handed out in the order asked, so every host progresses.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from typing import Awaitable, Callable, Union

from solicite.check.http import host_of
from solicite.check.limiter import HostLimiter
from solicite.check.result import DOI, URL, Link

# What a queue holds: the indices of the links of one address, or an address whose host is to
# be probed for soft 404s (sent beside the host's first link, see ``probe_early``).
Item = Union[list[int], str]


def queue_key(kind: str, url: str) -> str:
    """The host a link's requests go to; every DOI goes to the same Handle API."""
    return "doi" if kind == DOI else host_of(url)


class HostQueue:
    """Links to check, by host, worked at most ``per_host`` at a time per host."""

    def __init__(self, pending: list[tuple[tuple[str, str], list[int]]], per_host: int,
                 limiter: HostLimiter) -> None:
        self.per_host = max(1, per_host)
        self.limiter = limiter
        self.waiting: OrderedDict[str, deque[Item]] = OrderedDict()
        for (kind, url), indices in pending:
            self.waiting.setdefault(queue_key(kind, url), deque()).append(indices)

    def probe_early(self, links: list[Link]) -> None:
        """Send each busy host's soft-404 probe beside its first link rather than after it.

        The verdict on a 200 page waits for the probe; sent after the first answer it would cost
        every first page of the host a second round trip. Only hosts with two links or more get
        it early (a host with one link is probed only if its page needs it).
        """
        for queue in self.waiting.values():
            first = queue[0]
            if len(queue) > 1 and not isinstance(first, str) and links[first[0]].kind == URL:
                queue.insert(1, links[first[0]].url)

    def start(self, handle: Callable[[Item], Awaitable[None]], max_concurrency: int) -> list[asyncio.Task]:
        """Start the tasks that ``handle`` every item, at most ``max_concurrency`` at once overall."""
        places = asyncio.Semaphore(max(1, max_concurrency))

        async def work(key: str, queue: deque[Item]) -> None:
            while queue:
                item = queue.popleft()
                pause = self.limiter.ready_in(key)
                if pause > 0:
                    await asyncio.sleep(pause)
                async with places:
                    await handle(item)

        tasks = []
        for turn in range(self.per_host):  # host by host: the first places go one to each host
            for key, queue in self.waiting.items():
                if len(queue) > turn:
                    tasks.append(asyncio.ensure_future(work(key, queue)))
        return tasks
