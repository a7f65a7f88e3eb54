"""Fixtures for the resolve tests: a real HTTP server on 127.0.0.1 replaying recorded answers.

Every test here also runs under ``loopback_only``: any attempt to resolve or connect to a
host other than 127.0.0.1/localhost fails and is recorded, so a test cannot reach the
internet by accident, and ``test_no_request_leaves_loopback`` proves it.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from .resolve_helpers import make_settings

DATA = Path(__file__).resolve().parent.parent / "data" / "resolve"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Seen:
    """One request the server received."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    at: float


@dataclass
class Route:
    """An answer for GETs to ``path`` whose query parameters contain the given substrings."""

    path: str
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    once: bool = False
    used: int = 0

    def matches(self, path: str, query: dict[str, str]) -> bool:
        if path != self.path or (self.once and self.used):
            return False
        return all(v.lower() in query.get(k, "").lower() for k, v in self.params.items())


class ReplayServer:
    """A ThreadingHTTPServer on 127.0.0.1 answering from a list of routes (first match wins)."""

    def __init__(self) -> None:
        self.routes: list[Route] = []
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms delayed-ACK stall between headers and body

            def do_GET(self):  # noqa: N802 - http.server API
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
                path = unquote(parts.path)
                with server.lock:
                    server.seen.append(Seen("GET", path, query, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
                    route = next((r for r in server.routes if r.matches(path, query)), None)
                    if route:
                        route.used += 1
                if route is None:
                    body, status, headers = b'{"status":"error","message":"no recording for this request"}', 404, {}
                    headers = {"Content-Type": "application/json"}
                else:
                    body, status, headers = route.body, route.status, route.headers
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v.replace("{base}", server.url))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # keep pytest output clean
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def add(self, path: str, body: bytes | str | dict | list, *, status: int = 200, content_type: str = "application/json",
            headers: dict[str, str] | None = None, params: dict[str, str] | None = None, once: bool = False) -> Route:
        """Answer GET ``path`` (and query substrings ``params``) with ``body``."""
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode("utf-8")
        route = Route(path, body, status, {"Content-Type": content_type, **(headers or {})}, params or {}, once)
        self.routes.append(route)
        return route

    def add_file(self, path: str, name: str, **kw) -> Route:
        """Answer with the bytes of tests/data/resolve/<name>."""
        if "content_type" not in kw:
            kw["content_type"] = "text/html; charset=utf-8" if name.endswith(".html") else "application/json"
        return self.add(path, (DATA / name).read_bytes(), **kw)

    def hits(self, prefix: str) -> list[Seen]:
        """The requests whose path starts with ``prefix``."""
        return [s for s in self.seen if s.path.startswith(prefix)]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


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
