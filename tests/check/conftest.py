"""Fixtures for the link checker: real loopback HTTP servers, fast options, a hard time bound."""

from __future__ import annotations

import signal
import sys
import threading

import pytest

from solicite.check import CheckOptions

from .server import LoopbackServers

TEST_TIME_LIMIT = 60  # seconds; no test of the checker may run longer


@pytest.fixture(scope="session")
def server():
    """The test endpoints on 127.0.0.1..127.0.0.9 (one port each); stopped after the session."""
    servers = LoopbackServers(hosts=9)
    yield servers
    servers.close()


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Cache and config in tmp_path, never the user's; no proxy can route loopback traffic away."""
    monkeypatch.setenv("SOLICITE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOLICITE_CONFIG", str(tmp_path / "no-user-config.toml"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6,127.0.0.7,127.0.0.8,127.0.0.9")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("SOLICITE_LIBRARY", raising=False)


@pytest.fixture(autouse=True)
def _time_bound():
    """Fail any test that runs longer than TEST_TIME_LIMIT seconds (SIGALRM on POSIX)."""
    if sys.platform == "win32" or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum, frame):
        raise TimeoutError(f"test ran longer than {TEST_TIME_LIMIT}s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.alarm(TEST_TIME_LIMIT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def make_options(server, tmp_path):
    """CheckOptions with short timeouts and every service pointed at the loopback server."""

    def make(**changes) -> CheckOptions:
        values = dict(timeout=2.0, connect_timeout=1.0, deadline=30.0, retries=2, backoff=0.05,
                      retry_after_cap=5.0, min_interval=0.0, cache_dir=tmp_path / "cache",
                      doi_api=server.url("/api/handles/"), doi_resolver=server.url("/doi/"),
                      archive_base=server.url("/web/"))
        values.update(changes)
        return CheckOptions(**values)

    return make
