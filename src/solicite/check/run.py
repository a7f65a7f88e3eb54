"""Check many links at once: worker threads with global and per-host limits, results in input order.

Each distinct address is checked once and its verdict is given to every place it occurs.
A worker takes the next link of a host that has a free slot (``HostQueue``), so the
per-host limit never leaves workers waiting on one busy host while others sit idle. The run
ends by its deadline whatever the servers do: links not checked by then are ``warn``
("not checked: deadline"), and a run whose every host fails alike stops early as offline.
"""

from __future__ import annotations

import queue as queues
import threading
import time
from collections import OrderedDict
from contextlib import suppress
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable
from urllib.parse import urldefrag

from solicite.check.checker import Checker, unsupported
from solicite.check.http import NOT_CHECKED, Fetcher
from solicite.check.offline import OfflineWatch
from solicite.check.result import BROKEN, DOI, MISSING, SKIPPED, URL, WARN, Link, LinkResult
from solicite.check.options import CheckOptions
from solicite.check.schedule import HostQueue

if TYPE_CHECKING:  # the cache module (sqlite3) loads only when a run uses it
    from solicite.check.cache import LinkCache

# After the deadline, how long the run waits for requests already cut off to report back
# before it stops waiting (a name lookup, for one, cannot be interrupted).
GRACE = 0.5
_LOOK = 0.02  # how often the run's thread looks for answers when it has none at hand


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
                fetcher: Fetcher | None = None) -> Report:
    """Check every link and return one LinkResult per link, in input order; never raises per link."""
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
    checker = Checker(options, fetcher)
    fresh: list[tuple[str, LinkResult]] = []
    offline = _run_workers(checker, links, pending, options, done, fresh) if pending else ""
    for i, result in enumerate(results):
        if result is None:  # still in flight at the deadline, or never started
            done(i, LinkResult(links[i], WARN, reason=NOT_CHECKED))
    if options.suggest_archive and not options.offline and not offline:  # --offline: no network at all
        _suggest_archives(checker, [r for r in results if r is not None], options)
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
            todo.setdefault((link.kind, urldefrag(link.url)[0] if link.kind == URL else link.url), []).append(i)
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


def _run_workers(checker: Checker, links: list[Link], pending: list[tuple[tuple[str, str], list[int]]],
                 options: CheckOptions, done: Callable[[int, LinkResult], None],
                 fresh: list[tuple[str, LinkResult]]) -> str:
    """Check the pending links on worker threads; return the offline diagnosis, if any.

    Workers only hand results over; this thread records them, so it can stop waiting at the
    deadline (plus GRACE) even when a worker is stuck, and leave the rest ``not checked``.
    """
    fetcher = checker.fetcher
    work = HostQueue(pending, options.max_per_host, fetcher.limiter)
    if options.soft_404:
        _probe_early(work, links)
    answers: queues.SimpleQueue = queues.SimpleQueue()

    def worker() -> None:
        while (item := work.take()) is not None:
            key, indices = item
            try:
                if isinstance(indices, str):  # a soft-404 probe sent early: its answer is kept by the prober
                    with suppress(ValueError):  # a malformed address: its own check gives the verdict
                        checker.prober.probe(indices)
                    continue
                answers.put((indices, checker.check(links[indices[0]])))
            except BaseException as exc:  # a bug: reported by the main thread, not lost here
                answers.put((indices, exc))
            finally:
                work.release(key)

    # More threads than the per-host limits let work at once would only wait (and cost their start).
    useful = sum(min(len(q), work.per_host) for q in work.waiting.values())
    for n in range(max(1, min(options.max_concurrency, useful))):
        threading.Thread(target=worker, name=f"solicite-check-{n}", daemon=True).start()
    watch = OfflineWatch()
    received = 0
    try:
        for received in range(len(pending)):
            try:
                indices, result = _next_answer(answers, fetcher.deadline_at + GRACE)
            except queues.Empty:
                break
            if isinstance(result, BaseException):
                raise result
            fresh.append((cache_key(links[indices[0]], options), result))
            for i in indices:
                done(i, result if i == indices[0] else result.for_link(links[i]))
            offline = watch.see(result)
            if offline:
                return offline
        else:
            received = len(pending)
        return ""
    finally:
        if received < len(pending):  # the deadline, offline or Ctrl-C: nothing new may start
            fetcher.deadline_at = min(fetcher.deadline_at, time.monotonic())
        work.close()


def _next_answer(answers: queues.SimpleQueue, until: float):
    """The next answer a worker handed over, looking every ``_LOOK`` seconds; Empty after ``until``.

    Looking now and then rather than blocking on the queue: a wake-up of this thread for every
    answer costs the workers a switch of the interpreter lock each, and results are not urgent.
    """
    while True:
        try:
            return answers.get_nowait()
        except queues.Empty:
            left = until - time.monotonic()
            if left <= 0:
                raise
            time.sleep(min(_LOOK, left))


def _probe_early(work: HostQueue, links: list[Link]) -> None:
    """Send each busy host's soft-404 probe beside its first link rather than after it.

    The verdict on a 200 page waits for the probe; sent after the first answer it would cost
    every first page of the host a second round trip. Only hosts with two links or more get
    it early (a host with one link is probed only if its page needs it).
    """
    for queue in work.waiting.values():
        first = links[queue[0][0]] if queue and not isinstance(queue[0], str) else None
        if first is not None and len(queue) > 1 and first.kind == URL:
            queue.insert(1, first.url)  # type: ignore[arg-type]  # a probe marker among link indices


def _suggest_archives(checker: Checker, results: list[LinkResult], options: CheckOptions) -> None:
    broken: OrderedDict[str, list[LinkResult]] = OrderedDict()
    for r in results:
        if r.verdict == BROKEN and r.link.kind == URL:
            broken.setdefault(r.link.url, []).append(r)
    if not broken:
        return
    with ThreadPoolExecutor(max_workers=min(8, len(broken))) as pool:
        for url, copy in zip(broken, pool.map(checker.archive_copy, broken)):
            for r in broken[url]:
                r.archive_url = copy
