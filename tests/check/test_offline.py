"""Offline told apart from broken: the resolver is replaced, at the socket layer, by one that fails.

``socket.getaddrinfo`` is the operating system's door to DNS; replacing it for names under
``.test`` (a reserved top-level domain) makes this machine "offline" for them while the
loopback servers stay reachable. The HTTP stack above it runs unchanged.
"""

from __future__ import annotations

import socket
import time

import pytest
from click.testing import CliRunner

from solicite.check import BROKEN, OK, Link, check_links
from solicite.cli.main import cli


@pytest.fixture
def resolver(monkeypatch):
    """Make names under .test fail with the given gaierror code; returns a setter."""
    real = socket.getaddrinfo
    state = {"code": socket.EAI_NONAME, "calls": 0, "hosts": []}

    def fake(host, *args, **kwargs):
        if str(host).endswith(".test"):
            state["calls"] += 1
            state["hosts"].append(str(host))
            raise socket.gaierror(state["code"], "simulated resolver failure")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return state


def test_no_dns_at_all_stops_early_as_offline(resolver, make_options):
    resolver["code"] = socket.EAI_AGAIN  # "Temporary failure in name resolution": no resolver to ask
    links = [Link(f"https://site{i}.test/page/{j}") for i in range(20) for j in range(5)]
    start = time.monotonic()
    report = check_links(links, make_options(use_cache=False, retries=2))
    assert time.monotonic() - start < 5
    assert report.offline.startswith("offline: no DNS")
    assert len(report.results) == 100  # every link still has a verdict
    # No lookup retried, however many retries were allowed (3 tries would be 300): one per link,
    # plus one per host for the soft-404 probe sent beside a host's first link.
    assert resolver["calls"] <= 100 + 20


def test_every_name_unknown_on_three_hosts_is_offline(resolver, make_options):
    links = [Link(f"https://site{i}.test/") for i in range(6)]
    report = check_links(links, make_options(use_cache=False))
    assert "offline" in report.offline and "no host name could be found" in report.offline


def test_one_or_two_dead_domains_are_broken_links_not_offline(resolver, make_options):
    links = [Link("https://dead-one.test/"), Link("https://dead-two.test/x")]
    report = check_links(links, make_options(use_cache=False))
    assert report.offline == ""
    assert [r.verdict for r in report.results] == [BROKEN, BROKEN]


def test_dead_domains_beside_live_hosts_are_not_offline(resolver, server, make_options):
    links = [Link(server.url("/ok", 2))] + [Link(f"https://dead{i}.test/") for i in range(5)]
    report = check_links(links, make_options(use_cache=False, max_concurrency=1))
    assert report.offline == ""
    assert report.results[0].verdict == OK
    assert {r.verdict for r in report.results[1:]} == {BROKEN}


def test_cli_says_offline_in_one_line_and_exits_4(resolver, tmp_path):
    resolver["code"] = socket.EAI_AGAIN
    page = tmp_path / "notes.md"
    page.write_text("".join(f"- <https://site{i}.test/a>\n" for i in range(10)))
    result = CliRunner().invoke(cli, ["check", str(page), "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 4, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("solicite: error: offline: no DNS"), lines
    assert "--offline" in lines[0]
    assert "broken" not in result.stdout


def test_offline_flag_answers_from_the_cache(resolver, server, tmp_path, make_options):
    # A verdict cached while online is given back with --offline, without a single lookup.
    link = Link(server.url("/status/404", 3))
    assert check_links([link], make_options()).results[0].verdict == BROKEN
    report = check_links([link, Link("https://never-seen.test/")], make_options(offline=True))
    assert report.results[0].verdict == BROKEN and report.results[0].cached
    assert report.results[1].verdict == "skipped"
    # Only this test's own name counts: worker threads of an earlier test that stopped early
    # may still be finishing lookups of their own names through the same patched resolver.
    assert "never-seen.test" not in resolver["hosts"]


@pytest.fixture
def silent_resolver(monkeypatch):
    """Names under .test never resolve: the lookup waits (a resolver that swallows every query)."""
    import threading

    real = socket.getaddrinfo
    released = threading.Event()

    def hang(host, *args, **kwargs):
        if str(host).endswith(".test"):
            released.wait(30)
            raise socket.gaierror(socket.EAI_AGAIN, "released by the test")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", hang)
    yield
    released.set()


def test_a_resolver_that_never_answers_is_offline_not_timeouts(silent_resolver, make_options):
    # Before, each link waited its whole request time twice and came out "broken: timeout".
    links = [Link(f"https://site{i}.test/page") for i in range(8)]
    start = time.monotonic()
    report = check_links(links, make_options(use_cache=False, timeout=10, connect_timeout=1.0))
    took = time.monotonic() - start
    assert report.offline.startswith("offline: no DNS"), [r.reason for r in report.results]
    assert took < 1.0 + 1.5, took
