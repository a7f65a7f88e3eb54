"""Check many links at once: tasks on one event loop with global and per-host limits, results in input order.

Each distinct address is checked once and its verdict is given to every place it occurs.
Links wait in one queue per host (``HostQueue``), worked by as many tasks as the per-host
limit lets work at once. The run ends by its deadline whatever the servers do: links not
checked by then are ``warn`` ("not checked: deadline"), and a run whose every host fails
alike stops early as offline.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Coroutine
from urllib.parse import urldefrag

from solicite.check.checker import Checker, unsupported
from solicite.check.http import NOT_CHECKED, Fetcher
from solicite.check.offline import OfflineWatch
from solicite.check.result import BROKEN, DOI, MISSING, SKIPPED, URL, WARN, Link, LinkResult
from solicite.check.options import CheckOptions
from solicite.check.schedule import HostQueue, Item

if TYPE_CHECKING:  # the cache module (sqlite3) loads only when a run uses it
    from solicite.check.cache import LinkCache

# After the deadline, how long the run waits for requests already cut off to report back
# before it stops waiting.
GRACE = 0.5


class _Offline(Exception):
    """Raised by the task that saw the machine is offline: it ends the run's wait at once."""


@dataclass
class Report:
    """The outcome of a run: one result per link in input order, plus notes for the user."""

    results: list[LinkResult]
    notes: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    offline: str = ""  # set when the run stopped early because the machine looks offline

    @property
    def broken(self) -> list[LinkResult]:
        """The broken links."""
        return [r for r in self.results if r.verdict == BROKEN]


def cache_key(link: Link, options: CheckOptions) -> str:
    """What a cached verdict depends on: the address and the options that change its verdict."""
    accept = ",".join(f"{lo}..{hi}" for lo, hi in options.accept)
    flags = ("s" if options.soft_404 and link.kind == URL else "") + ("f" if options.follow_doi and link.kind == DOI else "")
    return f"{link.kind}|{link.url}|{flags}|{accept}"


def check_links(links: list[Link], options: CheckOptions, *, on_result: Callable[[LinkResult], None] | None = None,
                fetcher: Fetcher | None = None, since: float | None = None) -> Report:
    """Check every link and return one LinkResult per link, in input order; never raises per link.

    ``options.deadline`` counts from ``since`` (``time.monotonic``; the command line passes the
    time its process started, so reading files and imports count too), else from now.
    """
    started = time.monotonic()
    results: list[LinkResult | None] = [None] * len(links)
    notes: list[str] = []

    def done(index: int, result: LinkResult) -> None:
        results[index] = result
        if on_result:
            on_result(result)

    todo = _triage(links, options, done)
    cache = None
    if options.use_cache and todo:
        from solicite.check.cache import open_cache

        cache, problem = open_cache(options.cache_dir, options.cache_max_age)
        if problem:
            notes.append(problem)
    pending = _answer_from_cache(links, todo, options, cache, done)
    checker = Checker(options, fetcher or Fetcher(options, deadline_at=(since or started) + options.deadline))
    fresh: list[tuple[str, LinkResult]] = []
    offline = _on_own_loop(lambda loop: _network(loop, checker, links, pending, options, done, fresh, results))
    if cache:
        cache.put_many(fresh)
        cache.close()
    return Report([r for r in results if r is not None], notes, time.monotonic() - started, offline)


def _triage(links: list[Link], options: CheckOptions,
            done: Callable[[int, LinkResult], None]) -> OrderedDict[tuple[str, str], list[int]]:
    """Settle the links that need no request; return the others by (kind, address), in order."""
    todo: OrderedDict[tuple[str, str], list[int]] = OrderedDict()
    for i, link in enumerate(links):
        if link.kind == MISSING:
            verdict = BROKEN if options.require_links else WARN
            reason = f"missing link ({link.field} marker)" if link.field else "missing link (no url or doi)"
            done(i, LinkResult(link, verdict, reason=reason))
        elif unsupported(link):
            done(i, Checker.skip_scheme(link))
        elif options.excluded(link.target if link.kind == DOI else link.url):
            done(i, LinkResult(link, SKIPPED, reason="excluded"))
        else:
            # One request per page: #fragments name places in it, not other addresses.
            page = urldefrag(link.url)[0] if link.kind == URL and "#" in link.url else link.url
            todo.setdefault((link.kind, page), []).append(i)
    return todo


def _answer_from_cache(links: list[Link], todo: OrderedDict[tuple[str, str], list[int]], options: CheckOptions,
                       cache: LinkCache | None,
                       done: Callable[[int, LinkResult], None]) -> list[tuple[tuple[str, str], list[int]]]:
    """Settle the addresses the cache knows (offline: all of them); return those left to request."""
    pending: list[tuple[tuple[str, str], list[int]]] = []
    for target, indices in todo.items():
        first = links[indices[0]]
        hit = cache.get(cache_key(first, options), first, any_age=options.offline) if cache else None
        if hit is not None:
            for i in indices:
                done(i, hit.for_link(links[i]))
        elif options.offline:
            for i in indices:
                done(i, LinkResult(links[i], SKIPPED, reason="offline: not in the cache"))
        else:
            pending.append((target, indices))
    return pending


def _on_own_loop(work: Callable[[asyncio.AbstractEventLoop], str]) -> str:
    """Run ``work`` with an event loop of its own; on a thread of its own when this one has a loop."""
    def run() -> str:
        loop = asyncio.new_event_loop()
        try:
            return work(loop)
        finally:  # Ctrl-C or a bug: end what is still running before the loop goes
            left = asyncio.all_tasks(loop)
            for task in left:
                task.cancel()
            if left:
                loop.run_until_complete(asyncio.wait(left, timeout=GRACE))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()  # name lookups still running are on daemon threads (wire.py): not waited for

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    # Called from a coroutine (a notebook, an async application): its loop must not be blocked
    # by ours, nor can ours run inside it.
    out: list[Any] = []

    def keep() -> None:
        try:
            out.append(run())
        except BaseException as exc:  # handed to the caller's thread, raised there
            out.append(exc)

    thread = threading.Thread(target=keep, name="solicite-check")
    thread.start()
    thread.join()
    if isinstance(out[0], BaseException):
        raise out[0]
    return out[0]


def _network(loop: asyncio.AbstractEventLoop, checker: Checker, links: list[Link],
             pending: list[tuple[tuple[str, str], list[int]]], options: CheckOptions,
             done: Callable[[int, LinkResult], None], fresh: list[tuple[str, LinkResult]],
             results: list[LinkResult | None]) -> str:
    """Everything that needs the network, on ``loop``: the links, then archive copies of the broken."""
    def until_complete(coro: Coroutine[Any, Any, Any]) -> Any:
        return loop.run_until_complete(coro)

    try:
        offline = until_complete(_run_workers(checker, links, pending, options, done, fresh)) if pending else ""
        for i, result in enumerate(results):
            if result is None:  # still in flight at the deadline, or never started
                done(i, LinkResult(links[i], WARN, reason=NOT_CHECKED))
        if options.suggest_archive and not options.offline and not offline:  # --offline: no network at all
            until_complete(_suggest_archives(checker, [r for r in results if r is not None]))
        return offline
    finally:
        until_complete(checker.fetcher.transport.close())


async def _run_workers(checker: Checker, links: list[Link], pending: list[tuple[tuple[str, str], list[int]]],
                       options: CheckOptions, done: Callable[[int, LinkResult], None],
                       fresh: list[tuple[str, LinkResult]]) -> str:
    """Check the pending links as tasks on the running loop; return the offline diagnosis, if any.

    The wait for them ends at the deadline (plus GRACE) whatever they do; those not done by
    then are cancelled and left ``not checked``.
    """
    fetcher = checker.fetcher
    work = HostQueue(pending, options.max_per_host, fetcher.limiter)
    if options.soft_404:
        work.probe_early(links)
    watch = OfflineWatch()
    seen: list[str] = []

    async def handle(item: Item) -> None:
        if isinstance(item, str):  # a soft-404 probe sent early: its answer is kept by the prober
            with suppress(ValueError):  # a malformed address: its own check gives the verdict
                await checker.prober.probe(item)
            return
        result = await checker.check(links[item[0]])
        fresh.append((cache_key(links[item[0]], options), result))
        for i in item:
            done(i, result if i == item[0] else result.for_link(links[i]))
        offline = watch.see(result)
        if offline:
            seen.append(offline)
            raise _Offline(offline)

    tasks = work.start(handle, options.max_concurrency)
    try:
        finished, unfinished = await asyncio.wait(tasks, timeout=max(0.0, fetcher.deadline_at + GRACE - time.monotonic()),
                                                  return_when=asyncio.FIRST_EXCEPTION)
        for task in finished:
            exc = task.exception()
            if exc is not None and not isinstance(exc, _Offline):
                raise exc  # a bug: reported, not lost
        return seen[0] if seen else ""
    finally:
        if any(not task.done() for task in tasks):  # the deadline, offline or Ctrl-C: nothing new may start
            fetcher.deadline_at = min(fetcher.deadline_at, time.monotonic())
            for task in tasks:
                task.cancel()
            await asyncio.wait(tasks, timeout=GRACE)


async def _suggest_archives(checker: Checker, results: list[LinkResult]) -> None:
    broken: OrderedDict[str, list[LinkResult]] = OrderedDict()
    for r in results:
        if r.verdict == BROKEN and r.link.kind == URL:
            broken.setdefault(r.link.url, []).append(r)
    places = asyncio.Semaphore(8)

    async def one(url: str) -> str | None:
        async with places:
            return await checker.archive_copy(url)

    copies = await asyncio.gather(*(one(url) for url in broken))
    for url, copy in zip(broken, copies):
        for r in broken[url]:
            r.archive_url = copy
