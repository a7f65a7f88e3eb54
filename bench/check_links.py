#!/usr/bin/env python3
"""Benchmark ``solicite check`` against linkinator: 2,000 distinct links, 50 ms latency, 8 loopback hosts.

Usage:
    python bench/check_links.py [--links 2000] [--latency 0.05] [--hosts 8] [--linkinator PATH]

A small asyncio HTTP server (in its own process, so its CPU and memory are not counted) listens
on 127.0.0.1 .. 127.0.0.8 and answers every request after the latency. Both checkers read the
same HTML page of links with their cache off. For each one the script prints links per second
(wall clock) and peak RSS (of the checker's process tree, from wait4). linkinator is run when
it is found: --linkinator PATH, ``linkinator`` on PATH, or ./node_modules/.bin/linkinator
(install it outside the repository: ``cd /tmp/lk && npm install linkinator``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def serve(hosts: int, latency: float) -> None:
    """Run the latency server on 127.0.0.1..127.0.0.<hosts>; print the ports as JSON, then serve forever."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method = head.split(b" ", 1)[0]
                await asyncio.sleep(latency)
                body = b"<html><title>ok</title><body>ok</body></html>"
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n"
                             b"Connection: keep-alive\r\n\r\n" % len(body))
                if method != b"HEAD":
                    writer.write(body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = [await asyncio.start_server(handle, f"127.0.0.{i}", 0, backlog=1024) for i in range(1, hosts + 1)]
        ports = [s.sockets[0].getsockname()[1] for s in servers]
        print(json.dumps(ports), flush=True)
        await asyncio.gather(*(s.serve_forever() for s in servers))

    asyncio.run(main())


def run_measured(cmd: list[str], cwd: str | None = None, env: dict | None = None) -> tuple[float, int, int, str]:
    """Run cmd; return wall seconds, peak RSS in KiB (wait4), exit status, stdout."""
    out = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, cwd=cwd, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    return wall, usage.ru_maxrss, proc.returncode, out.read().decode("utf-8", "replace")


def find_linkinator(explicit: str | None) -> str | None:
    """The linkinator executable, if installed."""
    for candidate in (explicit, shutil.which("linkinator"), "node_modules/.bin/linkinator"):
        if candidate and Path(candidate).is_file():
            return str(Path(candidate).resolve())
    return None


def machine() -> str:
    """CPU model, cores, OS, Python and Node versions."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    node = ""
    if shutil.which("node"):
        node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}" + (f", Node {node}" if node else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--linkinator", help="path to the linkinator executable")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--solicite-args", default="", help="extra options for solicite check")
    args = parser.parse_args()
    if args.serve:
        serve(args.hosts, args.latency)
        return 0

    server = subprocess.Popen([sys.executable, __file__, "--serve", "--hosts", str(args.hosts),
                               "--latency", str(args.latency)], stdout=subprocess.PIPE, text=True)
    try:
        ports = json.loads(server.stdout.readline())
        work = Path(tempfile.mkdtemp(prefix="solicite-bench-"))
        page = work / "links.html"
        rows = [f'<li><a href="http://127.0.0.{1 + i % args.hosts}:{ports[i % args.hosts]}/page/{i}">link {i}</a></li>'
                for i in range(args.links)]
        page.write_text("<!doctype html>\n<html><body><ul>\n" + "\n".join(rows) + "\n</ul></body></html>\n")
        print(f"machine: {machine()}")
        print(f"input: {args.links} distinct links on {args.hosts} loopback hosts, {args.latency * 1000:.0f} ms latency")
        print(f"{'checker':<12} {'links/s':>9} {'seconds':>8} {'peak RSS':>10}  notes")

        env = dict(os.environ, SOLICITE_CACHE_DIR=str(work / "cache"), NO_PROXY="127.0.0.0/8,localhost")
        cmd = [sys.executable, "-m", "solicite", "check", str(page), "--no-cache", "--format", "json",
               *args.solicite_args.split()]
        wall, rss, code, out = run_measured(cmd, env=env)
        try:
            summary = json.loads(out)["summary"]
            note = f"ok={summary['ok']} broken={summary['broken']} warn={summary['warn']} exit={code}"
        except (ValueError, KeyError):
            note = f"unreadable output, exit={code}"
        print(f"{'solicite':<12} {args.links / wall:>9.0f} {wall:>8.2f} {rss / 1024:>8.1f} MB  {note}")
        mine = args.links / wall

        lk = find_linkinator(args.linkinator)
        if lk is None:
            print("linkinator   not installed (npm install linkinator in a scratch folder; pass --linkinator PATH)")
            return 0
        wall, rss, code, out = run_measured([lk, str(page), "--format", "json", "--timeout", "10000"], cwd=str(work),
                                            env=env)
        try:
            links = json.loads(out)["links"]
            external = [l for l in links if ":%d/" % ports[0] in l["url"] or "/page/" in l["url"]]
            states = {}
            for l in external:
                states[l["state"]] = states.get(l["state"], 0) + 1
            note = f"{len(external)} links checked, states={states} exit={code}"
        except (ValueError, KeyError):
            note = f"unreadable output, exit={code}"
        print(f"{'linkinator':<12} {args.links / wall:>9.0f} {wall:>8.2f} {rss / 1024:>8.1f} MB  {note}")
        print(f"ratio: solicite is {mine / (args.links / wall):.2f}x linkinator's links/s")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
