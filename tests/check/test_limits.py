"""Concurrency limits measured by the server itself: global, per host, and the gap between starts."""

from __future__ import annotations

import uuid

from solicite.check import OK, Link, check_links
from solicite.check.limiter import HostLimiter


def test_per_host_limit_holds_on_every_host(server, make_options):
    group = uuid.uuid4().hex[:8]
    links = [Link(server.url(f"/track/{group}?i={i}&delay=0.1", 2 + i % 8)) for i in range(64)]
    report = check_links(links, make_options(use_cache=False, max_per_host=3, max_concurrency=64))
    assert all(r.verdict == OK for r in report.results)
    per_host = {k: v for k, v in server.state.max_inflight.items() if k.startswith(group + "@127")}
    assert len(per_host) == 8  # 127.0.0.2 .. 127.0.0.9 all served
    assert max(per_host.values()) <= 3
    assert max(per_host.values()) == 3  # and the limit was actually reached, so the test can fail
    assert server.state.max_inflight[f"{group}@*"] > 3  # hosts were checked side by side


def test_global_limit_holds_across_hosts(server, make_options):
    group = uuid.uuid4().hex[:8]
    links = [Link(server.url(f"/track/{group}?i={i}&delay=0.1", 2 + i % 8)) for i in range(40)]
    check_links(links, make_options(use_cache=False, max_per_host=8, max_concurrency=5))
    assert server.state.max_inflight[f"{group}@*"] <= 5
    assert server.state.max_inflight[f"{group}@*"] >= 4


def test_minimum_interval_between_requests_to_one_host(server, make_options):
    group = uuid.uuid4().hex[:8]
    links = [Link(server.url(f"/track/{group}?i={i}&delay=0", 3)) for i in range(6)]
    check_links(links, make_options(use_cache=False, max_per_host=6, min_interval=0.1))
    starts = sorted(server.state.starts[f"{group}@127.0.0.3"])
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert len(starts) == 6
    # Seen from the server, so scheduling jitter blurs single gaps; the span and the median cannot
    # reach these values unless the client spaced its starts (without the interval all six overlap).
    assert starts[-1] - starts[0] >= 0.45, gaps
    assert sorted(gaps)[len(gaps) // 2] >= 0.08, gaps


def test_limiter_pause_delays_the_next_slot():
    import asyncio
    import time

    async def take() -> None:
        async with limiter.slot("h"):
            pass

    limiter = HostLimiter(per_host=2, min_interval=0)
    limiter.pause("h", 0.2)
    start = time.monotonic()
    asyncio.run(take())
    assert time.monotonic() - start >= 0.18
