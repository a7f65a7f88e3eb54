"""A real HTTP server on 127.0.0.1 replaying recorded answers, optionally also a web proxy.

As a service stand-in, routes are paths (``/crossref/works``). As a proxy standing in for the
open web (``HTTPS_PROXY``), it answers absolute-form requests and, when given a ``tls`` factory,
opens ``CONNECT`` tunnels itself with a certificate for the host asked for (from a test CA the
client is told to trust): such routes are written ``//host/path``.
"""

from __future__ import annotations

import json
import socketserver
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

DATA = Path(__file__).resolve().parent.parent / "data" / "resolve"


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
    """A ThreadingHTTPServer on 127.0.0.1 answering from a list of routes (first match wins).

    ``tls(host)`` returns a server-side SSLContext for ``host``: with it the server also
    accepts ``CONNECT`` and answers inside the tunnel, as the host.
    """

    def __init__(self, tls: Callable[[str], ssl.SSLContext] | None = None) -> None:
        self.routes: list[Route] = []
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms delayed-ACK stall between headers and body
            tunnel_host = ""

            def do_GET(self):  # noqa: N802 - http.server API
                self._answer(with_body=True)

            def do_HEAD(self):  # noqa: N802 - http.server API
                self._answer(with_body=False)

            def do_CONNECT(self):  # noqa: N802 - http.server API
                host = self.path.rsplit(":", 1)[0]
                if tls is None:
                    self.send_error(405, "not a proxy")
                    return
                self.send_response(200, "Connection established")
                self.end_headers()
                # From here on this connection speaks TLS as `host`, and its requests are that host's.
                self.connection = tls(host).wrap_socket(self.connection, server_side=True)
                self.rfile = self.connection.makefile("rb")
                self.wfile = socketserver._SocketWriter(self.connection)  # type: ignore[attr-defined]
                self.tunnel_host = host
                self.close_connection = False

            def _answer(self, *, with_body: bool) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
                path = unquote(parts.path)
                host = parts.netloc or self.tunnel_host
                if host:
                    path = f"//{host}{path}"
                with server.lock:
                    server.seen.append(Seen(self.command, path, query, {k.lower(): v for k, v in self.headers.items()},
                                            time.monotonic()))
                    route = next((r for r in server.routes if r.matches(path, query)), None)
                    if route:
                        route.used += 1
                if route is None:
                    body, status = b'{"status":"error","message":"no recording for this request"}', 404
                    headers = {"Content-Type": "application/json"}
                else:
                    body, status, headers = route.body, route.status, route.headers
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v.replace("{base}", server.url))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if with_body:
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
