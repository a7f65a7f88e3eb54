"""The HTTP layer: loopback only, rate limits, Retry-After, the cache and offline mode."""

from __future__ import annotations

import pytest

import time

import requests

from solicite.config import Settings
from solicite.net import RateLimiter, parse_rate_headers, user_agent
from solicite.resolve.client import Client
from solicite.resolve.engine import resolve_entry
from solicite.resolve.settings import ResolveOptions
from .resolve_helpers import BAUDER2016, BAUDER2017, HAUSMAN, LACROIX, SAB, make, make_settings


def _serve_all(server):
    server.add_file("/crossref/works", "crossref_hausman2020.json", params={"query.bibliographic": "sanctuary policies"})
    server.add_file("/crossref/works", "crossref_bauder2017.json", params={"query.bibliographic": "sanctuary cities: policies"})
    server.add_file("/crossref/works", "crossref_bauder2016_decoys.json", params={"query.bibliographic": "possibilities"})
    server.add_file("/crossref/works", "crossref_empty.json")
    server.add_file("/openalex/works", "openalex_lacroix2022.json")
    server.add("/datacite/dois", {"data": []})
    server.add_file("/wikidata/w/api.php", "wikidata_search_sab.json", params={"action": "wbsearchentities"})
    server.add_file("/wikidata/w/api.php", "wikidata_entities_sab.json", params={"action": "wbgetentities"})


def _run(settings, **kw):
    with Client(ResolveOptions.from_settings(settings), **kw) as c:
        return [resolve_entry(c, make(spec)) for spec in (HAUSMAN, BAUDER2017, BAUDER2016, LACROIX, SAB)]


def test_no_request_leaves_loopback(server, settings, loopback_only):
    _serve_all(server)
    outcomes = _run(settings)
    assert [o.status for o in outcomes] == ["matched", "matched", "no-match", "matched", "matched"]
    assert len(server.seen) >= 5
    assert loopback_only == []  # nothing tried to look up or reach another host


def test_the_guard_would_catch_the_real_services(tmp_path, loopback_only):
    # Default settings point at the real services: the guard stops them, and resolve reports an error value.
    settings = Settings(tables={"resolve": {"cache_dir": str(tmp_path), "retries": 0}})
    # Every service fails alike at the network's door: that is an offline machine, said once (exit 4).
    from solicite.errors import NetworkError

    with Client(ResolveOptions.from_settings(settings)) as c, pytest.raises(NetworkError, match="offline: no DNS"):
        resolve_entry(c, make(BAUDER2017))
    assert "api.crossref.org" in loopback_only


def test_cache_answers_the_second_run(server, settings):
    _serve_all(server)
    first = _run(settings)
    count = len(server.seen)
    assert count > 0
    second = _run(settings)
    assert len(server.seen) == count  # not one request more
    assert [o.as_dict() for o in second] == [o.as_dict() for o in first]


def test_offline_answers_from_cache_only(server, settings):
    _serve_all(server)
    first = _run(settings)
    count = len(server.seen)
    offline = _run(settings, offline=True)
    assert len(server.seen) == count
    assert [o.status for o in offline] == [o.status for o in first]


def test_offline_with_empty_cache_reports_misses_as_values(server, settings):
    _serve_all(server)
    outcomes = _run(settings, offline=True)
    assert server.seen == []
    assert all(o.status == "error" and "not in the cache (offline)" in o.message for o in outcomes)


def test_cache_expires(server, tmp_path):
    server.add_file("/crossref/works", "crossref_bauder2017.json")
    settings = make_settings(server, tmp_path / "c", cache_days=0.00001)  # under a second
    _run_one = lambda: Client(ResolveOptions.from_settings(settings)).get(server.url + "/crossref/works")  # noqa: E731
    assert not _run_one().cached
    assert _run_one().cached
    time.sleep(1.1)
    assert not _run_one().cached


def test_rate_limit_per_service_is_honoured(server, tmp_path):
    _serve_all(server)
    settings = make_settings(server, tmp_path / "c", rate_limits={"crossref": 5.0, "wikidata": 1000.0, "openalex": 1000.0,
                                                                  "datacite": 1000.0})
    _run(settings)
    times = [s.at for s in server.hits("/crossref")]
    assert len(times) >= 4
    # The limiter spaces requests where they are sent; where the server receives them one may
    # arrive late under load and shorten the next gap, so the span of the run is what is checked.
    assert times[-1] - times[0] >= 0.2 * (len(times) - 1) - 0.05, times  # 5 per second


def test_crossref_rate_headers_slow_us_down(server, tmp_path):
    # Header names and format as in the real recording crossref_works_query_polite.meta.json.
    server.add_file("/crossref/works", "crossref_empty.json", headers={"X-Rate-Limit-Limit": "2", "X-Rate-Limit-Interval": "1s"})
    settings = make_settings(server, tmp_path / "c", cache_days=0.0)
    with Client(ResolveOptions.from_settings(settings)) as c:
        c.get(server.url + "/crossref/works", params={"n": 0})
        # Timed where the requests are sent: the limiter learns the rate from the first answer,
        # so the next three are spaced 0.5 s. Load can only lengthen this; where the server
        # receives them, one late arrival shortened the span (a flaky test at load 17).
        start = time.monotonic()
        for i in range(1, 4):
            c.get(server.url + "/crossref/works", params={"n": i})
        elapsed = time.monotonic() - start
    assert len(server.hits("/crossref")) == 4
    assert elapsed >= 0.5 * 2 - 0.05, elapsed


def test_retry_after_is_honoured(server, settings):
    server.add("/crossref/works", {"status": "busy"}, status=429, headers={"Retry-After": "1"}, once=True)
    server.add_file("/crossref/works", "crossref_bauder2017.json")
    with Client(ResolveOptions.from_settings(settings)) as c:
        got = c.get(server.url + "/crossref/works")
    assert got.ok and got.data["message"]["items"]
    times = [s.at for s in server.hits("/crossref")]
    assert len(times) == 2 and times[1] - times[0] >= 0.95


def test_server_errors_are_retried_with_backoff_then_reported(server, settings):
    server.add("/crossref/works", {"status": "down"}, status=503)
    with Client(ResolveOptions.from_settings(settings)) as c:
        got = c.get(server.url + "/crossref/works")
    assert len(server.hits("/crossref")) == 3  # first try + retries = 2
    assert got.status == 503 or got.error


def test_user_agent_and_rate_header_parsing():
    assert user_agent("me@example.org").endswith("; mailto:me@example.org)")
    assert parse_rate_headers(requests.structures.CaseInsensitiveDict({"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s"})) == 0.02
    assert parse_rate_headers({}) is None
    limiter = RateLimiter(1000.0)
    limiter.tighten(0.1)
    assert limiter.interval == 0.1


def test_offline_serves_expired_answers(server, tmp_path):
    server.add_file("/crossref/works", "crossref_bauder2017.json")
    settings = make_settings(server, tmp_path / "c", cache_days=0.00001)  # under a second
    with Client(ResolveOptions.from_settings(settings)) as c:
        assert c.get(server.url + "/crossref/works").ok
    time.sleep(1.1)
    with Client(ResolveOptions.from_settings(settings), offline=True) as c:
        got = c.get(server.url + "/crossref/works")
    assert got.ok and got.cached and len(server.seen) == 1
