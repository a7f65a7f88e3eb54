"""Resolve N synthetic entries against a loopback Crossref stand-in: cold, warm cache, offline.

Prints entries per second for each run. The server answers instantly, so the figures measure
solicite's own overhead (HTTP client, SQLite cache, scoring), not the services' latency;
the real services are bounded by their rate limits (Crossref: 5 requests/s by default).

    .venv/bin/python bench/resolve_cache.py [N]
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from solicite.config import Settings
from solicite.model import Reference, parse_names
from solicite.resolve.client import Client
from solicite.resolve.engine import resolve_entry
from solicite.resolve.settings import ResolveOptions

ITEM = {"DOI": "10.5555/bench.{n}", "type": "journal-article", "title": ["Sanctuary cities study number {n}"],
        "author": [{"given": "Harald", "family": "Bauder"}], "issued": {"date-parts": [[2017]]},
        "container-title": ["International Migration"], "volume": "55", "issue": "2", "page": "174-187"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms delayed-ACK stall

    def do_GET(self):  # noqa: N802
        q = parse_qs(urlsplit(self.path).query)
        n = q.get("query.bibliographic", ["0"])[0].split()[4]
        body = json.dumps({"message": {"items": [json.loads(json.dumps(ITEM).replace("{n}", n))]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    refs = [Reference("article", f"k{i}", {"title": f"Sanctuary cities study number {i}", "year": "2017",
                                           "journal": "International Migration"}, {"author": parse_names("Bauder, H.")})
            for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(tables={"resolve": {"crossref_url": base, "cache_dir": tmp, "services": ["crossref"],
                                                "rate_limits": {"crossref": 100000.0}}})
        opts = ResolveOptions.from_settings(settings)
        for label, offline in (("cold (loopback, cache filling)", False), ("warm (cache answers)", False),
                               ("offline (cache only)", True)):
            with Client(opts, offline=offline) as client:
                start = time.perf_counter()
                matched = sum(resolve_entry(client, r).status == "matched" for r in refs)
                elapsed = time.perf_counter() - start
            print(f"{label:32} {n} entries, {matched} matched, {elapsed:6.2f} s, {n / elapsed:7.1f} entries/s")
        size = sum(p.stat().st_size for p in Path(tmp).glob("*"))
        print(f"cache size: {size / 1024:.0f} KiB for {n} answers")
    httpd.shutdown()


if __name__ == "__main__":
    main()
