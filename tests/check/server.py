"""A real threaded HTTP server on loopback addresses for the link checker's tests.

Each instance listens on 127.0.0.1 and on 127.0.0.2..127.0.0.N (one port per address), so
per-host limits can be tested against distinct hosts. Every endpoint the checker must cope
with is here; see ``Handler.route``. State is kept per name (the last path segment), so tests
that share the server never see each other's counters.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

SICI_DOI = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
KNOWN_DOIS = {"10.5555/good": "/ok", "10.5555/gone-landing": "/status/404", "10.5555/walled": "/botwall/doi",
              "10.5555/blocked": "/cloudflare/doi", SICI_DOI: "/ok"}
# What a "soft" host answers, with 200, to every address it does not know.
SOFT_PAGES = {
    "en": b"<html><head><title>Page Not Found | Example</title></head><body><p>Sorry.</p></body></html>",
    "de": ("<html><head><title>Seite nicht gefunden - Beispiel GmbH</title></head><body><h1>Hoppla!</h1>"
           "<p>Die angeforderte Seite existiert leider nicht.</p></body></html>").encode("utf-8"),
}
BIG_SIZE = 50 * 1024 * 1024


class State:
    """What the server saw: hits, counters, bytes sent, concurrency per host."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: list[tuple[str, str, str, dict]] = []  # (host, method, path, headers)
        self.counters: dict[str, int] = defaultdict(int)
        self.first_seen: dict[str, float] = {}
        self.big_sent: dict[str, int] = defaultdict(int)
        self.inflight: dict[str, int] = defaultdict(int)
        self.max_inflight: dict[str, int] = defaultdict(int)
        self.starts: dict[str, list[float]] = defaultdict(list)
        self.stop = threading.Event()

    def count(self, name: str) -> int:
        with self.lock:
            self.counters[name] += 1
            return self.counters[name]

    def paths(self, prefix: str = "") -> list[str]:
        with self.lock:
            return [p for _, _, p, _ in self.hits if p.startswith(prefix)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TestServer/1.0"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    @property
    def state(self) -> State:
        return self.server.state  # type: ignore[attr-defined]

    def do_HEAD(self) -> None:
        self.route("HEAD")

    def do_GET(self) -> None:
        self.route("GET")

    def send(self, status: int, body: bytes = b"", headers: dict | None = None, method: str = "GET") -> None:
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if method != "HEAD" and body:
            self.wfile.write(body)

    def route(self, method: str) -> None:  # noqa: C901 - one table of endpoints reads best in one place
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        host = self.server.server_address[0]  # type: ignore[index]
        with self.state.lock:
            self.state.hits.append((host, method, self.path, dict(self.headers)))
        name = path.rstrip("/").rsplit("/", 1)[-1]
        q = lambda key, default: query.get(key, [default])[0]  # noqa: E731

        if path == "/ok" or path.startswith("/ok/"):
            return self.send(200, b"<html><title>Fine</title><body>hello</body></html>", method=method)
        if path.startswith("/status/"):
            code = int(path.split("/")[2])
            return self.send(code, f"<title>{code}</title>".encode(), method=method)
        if path.startswith("/redirect/"):  # /redirect/<n>/<name>?code=301: n hops, then /ok
            n = int(path.split("/")[2])
            code = int(q("code", "301"))
            target = "/ok" if n <= 1 else f"/redirect/{n - 1}/{name}?code={code}"
            return self.send(code, b"", {"Location": target}, method)
        if path.startswith("/mixed-redirect/"):  # 301 then 302
            return self.send(301, b"", {"Location": "/redirect/1/x?code=302"}, method)
        if path.startswith("/lower-redirect"):  # header names in lower case, as HTTP/2-minded servers send them
            self.send_response(301)
            self.send_header("location", "/ok")
            self.send_header("content-length", "0")
            self.end_headers()
            return
        if path.startswith("/loop/a"):
            return self.send(302, b"", {"Location": "/loop/b"}, method)
        if path.startswith("/loop/b"):
            return self.send(302, b"", {"Location": "/loop/a"}, method)
        if path.startswith("/ratelimit/"):  # 429 with Retry-After until the window has passed
            window = float(q("window", "1"))
            with self.state.lock:
                first = self.state.first_seen.setdefault(name, time.monotonic())
            left = window - (time.monotonic() - first)
            self.state.count(name)
            if left > 0:
                if q("date", "") == "1":
                    after = email.utils.formatdate(time.time() + left + 1, usegmt=True)
                else:
                    after = str(max(1, int(left + 0.999)))
                return self.send(429, b"slow down", {"Retry-After": after}, method)
            return self.send(200, b"<title>ok</title>", method=method)
        if path.startswith("/always429/"):
            self.state.count(name)
            return self.send(429, b"slow down", {"Retry-After": q("after", "1")}, method)
        if path.startswith("/flaky/"):  # 503 for the first `fail` requests, then 200
            n = self.state.count(name)
            if n <= int(q("fail", "1")):
                return self.send(503, b"busy", method=method)
            return self.send(200, b"<title>ok</title>", method=method)
        if path == "/slow" or path.startswith("/slow/"):
            time.sleep(float(q("delay", "0.3")))
            return self.send(200, b"<title>slow</title>", method=method)
        if path.startswith("/hang"):  # never answers (until the server stops, 120 s at most), then hangs up
            self.state.stop.wait(120)
            self.close_connection = True
            return
        if path.startswith("/head405"):
            if method == "HEAD":
                return self.send(405, b"", {"Allow": "GET"}, method)
            return self.send(200, b"<title>get works</title>", method=method)
        if path.startswith("/big"):
            return self.big(method, name)
        if path.startswith("/soft404"):  # the English soft page, on a host that answers 404 otherwise
            return self.send(200, SOFT_PAGES["en"], method=method)
        if path.startswith("/botwall"):  # 403 unless the User-Agent looks like a browser
            if self.headers.get("User-Agent", "").startswith("Mozilla/") and self.headers.get("Accept-Language"):
                return self.send(200, b"<title>welcome human</title>", method=method)
            return self.send(403, b"<title>Access denied</title>", method=method)
        if path.startswith("/linkedin"):  # LinkedIn's famous 999 for every client that is not logged in
            return self.send(999, b"", method=method)
        if path.startswith("/cloudflare"):
            body = b"<html><head><title>Just a moment...</title></head><body>/cdn-cgi/challenge-platform/</body></html>"
            return self.send(403, body, {"Server": "cloudflare", "cf-mitigated": "challenge"}, method)
        if path.startswith("/api/handles/"):  # the DOI Handle API stand-in
            doi = unquote(path[len("/api/handles/"):])
            if doi in KNOWN_DOIS:
                data = {"responseCode": 1, "handle": doi,
                        "values": [{"index": 1, "type": "URL", "data": {"format": "string", "value": KNOWN_DOIS[doi]}}]}
                return self.send(200, json.dumps(data).encode(), {"Content-Type": "application/json"}, method)
            data = {"responseCode": 100, "handle": doi}
            return self.send(404, json.dumps(data).encode(), {"Content-Type": "application/json"}, method)
        if path.startswith("/doi/"):  # the doi.org resolver stand-in: redirects to the landing page
            doi = unquote(path[len("/doi/"):])
            if doi in KNOWN_DOIS:
                return self.send(302, b"", {"Location": KNOWN_DOIS[doi]}, method)
            return self.send(404, b"<title>DOI Not Found</title>", method=method)
        if path.startswith("/web/"):  # the Wayback Machine stand-in: redirect to the closest copy
            target = self.path[len("/web/"):]
            if "nocopy" in target:
                return self.send(404, b"", method=method)
            return self.send(302, b"", {"Location": f"/web/20200101000000/{target}"}, method)
        if path.startswith("/to-other-host"):  # redirect to another loopback host (credentials test)
            return self.send(302, b"", {"Location": q("to", "")}, method)
        if path.startswith("/echo"):
            return self.send(200, b"<title>echo</title>", method=method)
        if path.startswith("/track/"):  # counts requests in flight per host; answers after `delay`
            keys = (f"{name}@{host}", f"{name}@*")  # per host, and over every host
            with self.state.lock:
                for key in keys:
                    self.state.inflight[key] += 1
                    self.state.max_inflight[key] = max(self.state.max_inflight[key], self.state.inflight[key])
                    self.state.starts[key].append(time.monotonic())
            time.sleep(float(q("delay", "0.05")))
            with self.state.lock:
                for key in keys:
                    self.state.inflight[key] -= 1
            return self.send(200, b"<title>tracked</title>", method=method)
        if path.startswith("/needs-cookie"):  # redirects until the cookie it set comes back
            if "visited=1" in self.headers.get("Cookie", ""):
                return self.send(200, b"<title>ok</title>", method=method)
            return self.send(302, b"", {"Location": "/needs-cookie", "Set-Cookie": "visited=1; Path=/"}, method)
        if path.startswith("/trickle-headers"):  # a header block that never ends: one byte a second
            return self.trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"a" * 10000)
        if path.startswith("/trickle-body"):  # headers at once, then a body at one byte a second
            return self.trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
                                + b"<title>slow body</title>" + b" " * 10000, at_once=150)
        if path.startswith("/head-hangs"):  # HEAD never answers; GET does
            if method == "HEAD":
                self.state.stop.wait(120)
                self.close_connection = True
                return
            return self.send(200, b"<title>get works</title>", method=method)
        if path.startswith("/http10-open"):  # HTTP/1.0, no Content-Length, socket left open after the body
            self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<title>old server</title>hello")
            self.wfile.flush()
            self.state.stop.wait(120)
            self.close_connection = True
            return
        if path.startswith("/article-404"):  # a real article whose title says 404
            return self.send(200, b"<html><head><title>404 Not Found: a history of the web's most famous "
                                  b"error</title></head><body><h1>404 Not Found</h1><p>" + b"In 1992... " * 100
                                  + b"</p></body></html>", method=method)
        if path.startswith("/plain-short"):
            return self.send(200, b"Not found here? It moved.\n", {"Content-Type": "text/plain"}, method)
        if path.startswith("/small.pdf"):
            return self.send(200, b"%PDF-1.4\n% Not Found\n%%EOF\n", {"Content-Type": "application/pdf"}, method)
        if unquote(path).startswith("/with space/"):
            return self.send(200, b"<title>a space</title>", method=method)
        if path in ("/wiki/Foo_(bar)", "/wiki/Foo_%28bar%29"):
            return self.send(200, b"<title>Foo (bar)</title>", method=method)
        if path.startswith("/closes-on-head"):  # a server that drops the connection on HEAD
            if method == "HEAD":
                self.close_connection = True
                self.wfile.flush()
                self.connection.shutdown(2)
                return
            return self.send(200, b"<title>ok</title>", method=method)
        fallback = getattr(self.server, "fallback", None)
        if fallback:
            return self.send(200, fallback, method=method)
        return self.send(404, b"<title>no such endpoint</title>", method=method)

    def trickle(self, data: bytes, at_once: int = 20) -> None:
        """Send the first ``at_once`` bytes, then one byte a second until done, stopped or hung up on."""
        try:
            self.wfile.write(data[:at_once])
            self.wfile.flush()
            for i in range(at_once, len(data)):
                if self.state.stop.wait(1.0):
                    break
                self.wfile.write(data[i:i + 1])
                self.wfile.flush()
        except OSError:
            pass
        self.close_connection = True

    def big(self, method: str, name: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(BIG_SIZE))
        self.end_headers()
        if method == "HEAD":
            return
        chunk = b"\0" * 65536
        sent = 0
        try:
            while sent < BIG_SIZE and not self.state.stop.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
                with self.state.lock:
                    self.state.big_sent[name] = sent
        except OSError:  # the client hung up: exactly what a careful checker does
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 256

    def handle_error(self, request, client_address) -> None:
        # Clients hang up mid-answer on purpose (big bodies, timeouts): not worth a traceback.
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class LoopbackServers:
    """The same endpoints on 127.0.0.1 .. 127.0.0.<hosts>, sharing one State."""

    def __init__(self, hosts: int = 9) -> None:
        self.state = State()
        self.servers: list[_Server] = []
        self.threads: list[threading.Thread] = []
        for i in range(1, hosts + 1):
            self._start(f"127.0.0.{i}")
        # Soft hosts, on 127.0.0.1 with ports of their own: 200 and a "not found" page for any unknown path.
        self.soft = {lang: self._start("127.0.0.1", page) for lang, page in SOFT_PAGES.items()}

    def _start(self, address: str, fallback: bytes | None = None) -> _Server:
        server = _Server((address, 0), Handler)
        server.state = self.state  # type: ignore[attr-defined]
        server.fallback = fallback  # type: ignore[attr-defined]
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        self.servers.append(server)
        self.threads.append(thread)
        return server

    def soft_url(self, path: str, lang: str = "en") -> str:
        """A URL on the soft host that answers 200 in ``lang`` to every unknown path."""
        address, port = self.soft[lang].server_address[:2]
        return f"http://{address}:{port}{path}"

    def base(self, host: int = 1) -> str:
        """``http://127.0.0.<host>:<port>``."""
        address, port = self.servers[host - 1].server_address[:2]
        return f"http://{address}:{port}"

    def url(self, path: str, host: int = 1) -> str:
        """A full URL on one of the loopback hosts."""
        return self.base(host) + path

    def close(self) -> None:
        """Release hanging handlers and stop every server."""
        self.state.stop.set()
        for server in self.servers:
            server.shutdown()
            server.server_close()
