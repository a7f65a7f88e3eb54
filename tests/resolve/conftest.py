"""Fixtures for the resolve tests: a real HTTP server on 127.0.0.1 replaying recorded answers.

Every test here also runs under ``loopback_only``: any attempt to resolve or connect to a
host other than 127.0.0.1/localhost fails and is recorded, so a test cannot reach the
internet by accident, and ``test_no_request_leaves_loopback`` proves it.
"""

from __future__ import annotations

import socket

import pytest

from .replay import ReplayServer
from .resolve_helpers import make_settings

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch, request):
    """Refuse (and record) every name lookup or connection to anything but loopback (not for @online tests)."""
    attempts: list[str] = []
    if request.node.get_closest_marker("online"):
        return attempts
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK:
            attempts.append(name)
            raise socket.gaierror(socket.EAI_NONAME, f"tests may not look up {name}")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in LOOPBACK:
            attempts.append(host)
            raise ConnectionRefusedError(f"tests may not connect to {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


@pytest.fixture
def server():
    """A fresh replay server for one test."""
    srv = ReplayServer()
    yield srv
    srv.close()


@pytest.fixture
def settings(server, tmp_path):
    """Settings pointing every service at the replay server, with a cache in tmp_path."""
    return make_settings(server, tmp_path / "cache")
