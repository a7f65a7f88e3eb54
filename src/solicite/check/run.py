"""Check many links at once: a thread pool with global and per-host limits, results in input order.

Each distinct address is checked once and its verdict is given to every place it occurs.
Work is handed to the pool round-robin across hosts, so the per-host limit does not leave
workers waiting on one busy host while others sit idle.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Callable
from urllib.parse import urldefrag

from solicite.check.checker import Checker, unsupported
from solicite.check.http import Fetcher, host_of
from solicite.check.options import CheckOptions
from solicite.check.result import BROKEN, DOI, MISSING, SKIPPED, URL, WARN, Link, LinkResult


@dataclass
class Report:
    """The outcome of a run: one result per link in input order, plus notes for the user."""

    results: list[LinkResult]
    notes: list[str] = field(default_factory=list)
    elapsed: float = 0.0

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
    todo: OrderedDict[tuple[str, str], list[int]] = OrderedDict()

    def done(index: int, result: LinkResult) -> None:
        results[index] = result
        if on_result:
            on_result(result)

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

    cache = None
    if options.use_cache and todo:
        from solicite.check.cache import open_cache

        cache, problem = open_cache(options.cache_dir, options.cache_max_age)
        if problem:
            notes.append(problem)
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

    checker = Checker(options, fetcher)
    fresh: list[tuple[str, LinkResult]] = []
    if pending:
        _run_pool(checker, links, _interleave(pending, links), options, done, fresh)
    if options.suggest_archive and not options.offline:  # --offline means no network at all
        _suggest_archives(checker, [r for r in results if r is not None], options)
    if cache:
        cache.put_many(fresh)
        cache.close()
    return Report([r for r in results if r is not None], notes, time.monotonic() - started)


def _interleave(pending: list[tuple[tuple[str, str], list[int]]], links: list[Link]) -> list[list[int]]:
    # Round-robin over hosts: the pool's first N workers spread over every host, not one.
    by_host: OrderedDict[str, list[list[int]]] = OrderedDict()
    for (kind, url), indices in pending:
        host = "doi" if kind == DOI else host_of(url)
        by_host.setdefault(host, []).append(indices)
    order: list[list[int]] = []
    for row in zip_longest(*by_host.values()):
        order.extend(item for item in row if item is not None)
    return order


def _run_pool(checker: Checker, links: list[Link], order: list[list[int]], options: CheckOptions,
              done: Callable[[int, LinkResult], None], fresh: list[tuple[str, LinkResult]]) -> None:
    workers = max(1, min(options.max_concurrency, len(order)))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="solicite-check")
    futures: dict[Future, list[int]] = {}
    try:
        for indices in order:
            futures[pool.submit(checker.check, links[indices[0]])] = indices
        for future in as_completed(futures):  # one waiter for all: O(n), unlike repeated wait()
            indices = futures[future]
            result = future.result()
            fresh.append((cache_key(links[indices[0]], options), result))
            for i in indices:
                done(i, result if i == indices[0] else result.for_link(links[i]))
    except BaseException:
        # Ctrl-C or a bug: drop what has not started, and stop retries of what is in flight.
        checker.fetcher.deadline_at = 0.0
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _suggest_archives(checker: Checker, results: list[LinkResult], options: CheckOptions) -> None:
    broken = OrderedDict()
    for r in results:
        if r.verdict == BROKEN and r.link.kind == URL:
            broken.setdefault(r.link.url, []).append(r)
    if not broken:
        return
    with ThreadPoolExecutor(max_workers=min(8, len(broken))) as pool:
        for url, copy in zip(broken, pool.map(checker.archive_copy, broken)):
            for r in broken[url]:
                r.archive_url = copy
