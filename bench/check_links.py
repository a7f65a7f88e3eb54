#!/usr/bin/env python3
"""Throughput and memory of ``solicite check`` beside lychee and linkinator: 2,000 links, 8 hosts, 50 ms.

Usage:
    python bench/check_links.py [--links 2000] [--latency 0.05] [--hosts 8] [--lychee PATH] [--linkinator PATH]

A server in its own process (its CPU and memory are not counted) listens on 127.0.0.1 ..
127.0.0.<hosts> and answers every request after the latency: each page of links its own 200
HTML page, any other address 404 (so soft-404 probes see a site with real 404s, as most sites
are). It shares the machine's cores with the checker, so it must cost little: by default
bench/latency_server.go, compiled once with ``go build`` when Go is installed (``--server
go``), else a lean asyncio Protocol server with pre-built answers (``--server python``); the
server used is printed. The streams server the bench used before answered late enough on a
busy machine that a bare client reached only 77 to 91 % of the ceiling against it.

Every checker reads the same HTML page of links, with its defaults and its cache off. For each: links per second over the whole process (start-up
included) and peak RSS (wait4). For solicite also its checking time as it reports it
(``summary.elapsed``: from the first request to the last verdict), set against the per-host
ceiling, hosts x per-host limit / latency (8 x 8 / 50 ms = 1,280 links/s with the defaults),
and CPU milliseconds per link (the whole process, start-up included). Last, a bare client
(aiohttp, the same GETs and per-host limit, nothing checked) in the same run: what the machine
and the server allow at the moment, whatever the checker.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_tools import (links_page, machine, peers, run_linkinator, run_lychee, run_solicite, serve_fixed,
                         start_command, start_server, stop_server)


def serve(hosts: int, latency: float) -> None:
    """The Python latency server on 127.0.0.1..127.0.0.<hosts>: /page/N is a page of its own, anything else 404."""

    def answer(method: bytes, path: bytes) -> bytes:
        if path.startswith(b"/page/"):
            status, body = b"200 OK", b"<html><title>Page %s</title><body>Text of page %s.</body></html>" % (
                path[6:], path[6:])
        else:
            status, body = b"404 Not Found", b"<html><title>Not found</title></html>"
        head = b"HTTP/1.1 %s\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % (status, len(body))
        return head if method == b"HEAD" else head + body

    serve_fixed([f"127.0.0.{i}" for i in range(1, hosts + 1)], latency, answer)


def go_server() -> str | None:
    """bench/latency_server.go built (once per version of its source) in the temporary folder; None without Go."""
    go = shutil.which("go")
    if not go:
        return None
    source = Path(__file__).with_name("latency_server.go")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    binary = Path(tempfile.gettempdir()) / f"solicite-bench-latency-server-{digest}"
    if not binary.exists():
        built = subprocess.run([go, "build", "-o", str(binary), str(source)], capture_output=True, text=True)
        if built.returncode:
            print(f"go build failed, using the Python server: {built.stderr.strip()[:300]}")
            return None
    return str(binary)


def start(kind: str, hosts: int, latency: float) -> tuple[subprocess.Popen, list[int], str]:
    """Start the latency server of the kind asked (auto: Go when installed); the process, its ports, its name."""
    binary = go_server() if kind in ("auto", "go") else None
    if binary:
        proc, ports = start_command([binary, str(hosts), f"{latency * 1000:g}"])
        return proc, ports, "Go net/http (bench/latency_server.go)"
    if kind == "go":
        print("Go is not installed: using the Python server")
    proc, ports = start_server(__file__, "--hosts", str(hosts), "--latency", str(latency))
    return proc, ports, "Python asyncio Protocol, pre-built answers"


def bare_client(urls: list[str], per_host: int) -> float:
    """Seconds a bare aiohttp client takes for the same GETs, per_host at a time per host, with no checks.

    What the machine and the server allow at the moment (load, the server's own delay): the
    figure to set solicite's against when the machine is busy.
    """
    import aiohttp

    async def run() -> float:
        queues: dict[str, list[str]] = {}
        for url in urls:
            queues.setdefault(url.split("/")[2], []).append(url)
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
            async def worker(queue: list[str]) -> None:
                while queue:
                    async with session.get(queue.pop()) as resp:
                        await resp.read()

            start = time.perf_counter()
            await asyncio.gather(*(worker(q) for q in queues.values() for _ in range(per_host)))
            return time.perf_counter() - start

    return asyncio.run(run())


def compiled_client(binary: str, urls: list[str], per_host: int) -> float:
    """Seconds the Go bare client (latency_server.go's client mode) takes for the same GETs."""
    done = subprocess.run([binary, "client", str(per_host)], input="\n".join(urls), capture_output=True, text=True,
                          check=True)
    return float(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--per-host", type=int, default=8, help="solicite's --max-per-host (the ceiling's factor)")
    parser.add_argument("--linkinator", help="path to the linkinator executable")
    parser.add_argument("--lychee", help="path to the lychee executable")
    parser.add_argument("--server", choices=("auto", "go", "python"), default="auto",
                        help="the latency server: Go when installed (auto), or the Python one")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--solicite-args", default="", help="extra options for solicite check")
    args = parser.parse_args()
    if args.serve:
        serve(args.hosts, args.latency)
        return 0

    server, ports, kind = start(args.server, args.hosts, args.latency)
    try:
        work = Path(tempfile.mkdtemp(prefix="solicite-bench-"))
        urls = [f"http://127.0.0.{1 + i % args.hosts}:{ports[i % args.hosts]}/page/{i}" for i in range(args.links)]
        page = links_page(work, urls)
        ceiling = args.hosts * args.per_host / args.latency
        print(f"machine: {machine()}")
        print(f"server: {kind}")
        print(f"input: {args.links} distinct links on {args.hosts} loopback hosts, {args.latency * 1000:.0f} ms latency; "
              f"per-host ceiling {ceiling:.0f} links/s")
        print(f"{'checker':<12} {'links/s':>8} {'seconds':>8} {'peak RSS':>10}  verdicts / notes")
        extra = args.solicite_args.split() + ["--max-per-host", str(args.per_host)]
        runs = [run_solicite(page, work, extra)]
        found, missing = peers(args.lychee, args.linkinator)
        if found["lychee"]:
            runs.append(run_lychee(found["lychee"], page, work))
        if found["linkinator"]:
            runs.append(run_linkinator(found["linkinator"], page, work))
        for run in runs:
            counts: dict[str, int] = {}
            for url in urls:
                v = run.verdicts.get(url, "missing")
                counts[v] = counts.get(v, 0) + 1
            print(f"{run.tool:<12} {args.links / run.wall:>8.0f} {run.wall:>8.2f} {run.rss_kib / 1024:>8.1f} MB  "
                  f"{counts} exit={run.code} CPU {run.cpu * 1000 / args.links:.2f} ms/link")
            if run.tool == "solicite" and run.elapsed:
                rate = args.links / run.elapsed
                print(f"{'':<12} {rate:>8.0f} {run.elapsed:>8.2f} {'':>10}  checking time as reported "
                      f"(summary.elapsed): {rate / ceiling:.0%} of the per-host ceiling")
        bare = bare_client(urls, args.per_host)
        print(f"{'bare client':<12} {args.links / bare:>8.0f} {bare:>8.2f} {'':>10}  aiohttp, {args.per_host} per host, "
              f"no checks, in the bench's process: {args.links / bare / ceiling:.0%} of the per-host ceiling")
        binary = go_server()
        if binary:
            fast = compiled_client(binary, urls, args.per_host)
            print(f"{'Go client':<12} {args.links / fast:>8.0f} {fast:>8.2f} {'':>10}  net/http, {args.per_host} per "
                  f"host, no checks: {args.links / fast / ceiling:.0%} of the per-host ceiling (what the server allows)")
        print("\n".join(missing))
    finally:
        stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
