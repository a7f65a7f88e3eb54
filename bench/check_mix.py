#!/usr/bin/env python3
"""A realistic mix: 2,000 links over 200 loopback hosts, heavy-tailed latencies, 404s, redirects, 429s, silence.

Usage:
    python bench/check_mix.py [--links 2000] [--hosts 200] [--seed 7] [--cap 120] [--lychee PATH] [--linkinator PATH]

An asyncio server (its own process) listens on 127.0.1.1 .. 127.0.1.<hosts> (loopback: Linux
routes all of 127.0.0.0/8 to lo). Each link's behaviour and latency are drawn once from the
seed and written into its path, so every tool meets the same web: latency log-normal with a
60 ms median (about 90 % under 200 ms), 2 % of links take 1 to 6 s, 1 % never answer (the
connection stays open, silent); 5 % are 404, 5 % a 301 to a live page, 3 % answer 429 with
Retry-After: 1 to the first request and 200 afterwards; addresses the server does not know
get 404 (a soft-404 probe meets real 404s). Every tool runs with its defaults and is stopped
at --cap seconds. Right verdicts: live and slow pages ok (a redirect counts as ok), 404s
broken, 429s ok or warn (not broken: the page is there), silent links broken or warn.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from check_tools import serve as serve_addresses
from check_tools import (links_page, machine, peers, run_linkinator, run_lychee, run_solicite, start_server,
                         stop_server, verdict_of)

ACCEPTED = {"ok": {"ok"}, "slow": {"ok"}, "gone": {"broken"}, "moved": {"ok"}, "busy": {"ok", "warn"},
            "silent": {"broken", "warn"}}


def serve(hosts: int) -> None:
    """Serve /m/<i>/<kind>/<ms> on 127.0.1.1..127.0.1.<hosts>; anything else is 404 after 50 ms."""
    seen: set[bytes] = set()

    async def respond(method: bytes, path: bytes) -> tuple[bytes, bytes, bytes]:
        parts = path.split(b"/")
        i, kind, ms = parts[2:5] if len(parts) == 5 and parts[1] == b"m" else (b"", b"unknown", b"50")
        if kind == b"silent":
            await asyncio.Event().wait()  # never answers; the client gives up
        await asyncio.sleep(int(ms) / 1000)
        if kind in (b"ok", b"slow") or (kind == b"busy" and i in seen):
            return b"200 OK", b"", b"<html><title>Article %s</title><body>Text %s.</body></html>" % (i, i)
        if kind == b"busy":
            seen.add(i)
            return b"429 Too Many Requests", b"Retry-After: 1\r\n", b"slow down"
        if kind == b"moved":
            return b"301 Moved Permanently", b"Location: /m/%s/ok/%s\r\n" % (i, ms), b""
        return b"404 Not Found", b"", b"<html><title>Not found</title></html>"

    serve_addresses([f"127.0.1.{i}" for i in range(1, hosts + 1)], respond)


def draw(links: int, seed: int) -> list[tuple[str, int]]:
    """(kind, latency in ms) per link, from the seed."""
    rng = random.Random(seed)
    out = []
    for _ in range(links):
        x = rng.random()
        kind = ("silent" if x < 0.01 else "gone" if x < 0.06 else "moved" if x < 0.11 else "busy" if x < 0.14
                else "slow" if x < 0.16 else "ok")
        ms = rng.randint(1000, 6000) if kind == "slow" else max(5, int(1000 * math.exp(rng.gauss(math.log(0.06), 0.9))))
        out.append((kind, min(ms, 6000)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cap", type=float, default=120.0, help="stop each tool after this many seconds")
    parser.add_argument("--linkinator", help="path to the linkinator executable")
    parser.add_argument("--lychee", help="path to the lychee executable")
    parser.add_argument("--tools", default="solicite,lychee,linkinator")
    parser.add_argument("--solicite-args", default="", help="extra options for solicite check")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.hosts)
        return 0
    server, ports = start_server(__file__, "--hosts", str(args.hosts))
    try:
        plan = draw(args.links, args.seed)
        urls = [f"http://127.0.1.{1 + i % args.hosts}:{ports[i % args.hosts]}/m/{i}/{kind}/{ms}"
                for i, (kind, ms) in enumerate(plan)]
        work = Path(tempfile.mkdtemp(prefix="solicite-mix-"))
        page = links_page(work, urls)
        kinds = Counter(k for k, _ in plan)
        under = sum(1 for k, ms in plan if k not in ("silent",) and ms < 200) / args.links
        print(f"machine: {machine()}")
        print(f"input: {args.links} links on {args.hosts} hosts, seed {args.seed}: {dict(kinds)}; "
              f"{under:.0%} answer within 200 ms; each tool capped at {args.cap:.0f} s")
        runs = []
        wanted = args.tools.split(",")
        found, missing = peers(args.lychee, args.linkinator)
        if "solicite" in wanted:
            runs.append(run_solicite(page, work, args.solicite_args.split(), limit=args.cap))
        if "lychee" in wanted and found["lychee"]:
            runs.append(run_lychee(found["lychee"], page, work, limit=args.cap))
        if "linkinator" in wanted and found["linkinator"]:
            runs.append(run_linkinator(found["linkinator"], page, work, limit=args.cap))
        print(f"{'tool':<11} {'wall s':>7} {'RSS MB':>7} {'right':>11}  wrong, by kind (verdicts given)")
        for run in runs:
            wrong: dict[str, Counter] = {}
            for url, (kind, _) in zip(urls, plan):
                verdict = verdict_of(run, url)
                if verdict not in ACCEPTED[kind]:
                    wrong.setdefault(kind, Counter())[verdict] += 1
            bad = sum(sum(c.values()) for c in wrong.values())
            notes = "; ".join(f"{k}: {dict(c)}" for k, c in wrong.items()) or "none"
            wall = f"{run.wall:.1f}" + ("+" if run.hung else "")
            print(f"{run.tool:<11} {wall:>7} {run.rss_kib / 1024:>7.1f} {args.links - bad:>5}/{args.links}  {notes}")
        print("\n".join(missing))
    finally:
        stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
