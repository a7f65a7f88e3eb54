#!/usr/bin/env python3
"""Judge 18 hard link cases with solicite and with linkinator, against the tests' loopback server.

Usage:
    python bench/check_cases.py [--linkinator PATH]

The cases are the issue's: bot walls, rate limits, servers that never answer, whole-file
downloads, DOIs whose publisher blocks robots, soft 404s. Each case is checked in its own run
of each tool (capped at 60 s, so a hang costs one case only). A verdict is right when it is in
the case's accepted set (``redirected`` counts as ``ok``; linkinator has no ``warn``, so its SKIPPED counts as not broken).
solicite runs with --soft-404 (opt-in) and its DOI stand-in; linkinator gets the same DOIs as
resolver links. The server lives in tests/check/server.py, shared with the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from check.server import LoopbackServers  # noqa: E402

from check_links import find_linkinator, machine  # noqa: E402

# "Not broken" is right for bot walls and rate limits: warn, ok, or linkinator's SKIPPED.
OKISH, WARNISH, BROKEN = {"ok"}, {"ok", "warn", "skipped"}, {"broken"}

# (name, path or doi:..., accepted verdicts)
CASES = [
    ("200", "/ok", OKISH),
    ("404", "/status/404", BROKEN),
    ("410", "/status/410", BROKEN),
    ("redirect chain (5 hops)", "/redirect/5/{u}?code=301", OKISH),
    ("redirect loop", "/loop/a?{u}", BROKEN),
    ("429 + Retry-After for 2 s", "/ratelimit/{u}?window=2", WARNISH),
    ("503 then 200", "/flaky/{u}?fail=1", OKISH),
    ("slow answer (1 s)", "/slow?delay=1&{u}", OKISH),
    ("never answers", "/hang/{u}", {"broken", "warn"}),
    ("HEAD 405, GET 200", "/head405/{u}", OKISH),
    ("50 MB body", "/big/{u}", OKISH),
    ("soft 404", "/soft404/{u}", {"warn", "broken"}),
    ("403 lifted for browsers", "/botwall/{u}", WARNISH),
    ("LinkedIn-style 999", "/linkedin/{u}", WARNISH),
    ("Cloudflare challenge", "/cloudflare/{u}", WARNISH),
    ("DOI, publisher blocks robots", "doi:10.5555/blocked", WARNISH),
    ("DOI not registered", "doi:10.5555/unregistered", BROKEN),
    ("persistent 429", "/always429/{u}?after=1", WARNISH),
]


def run(cmd: list[str], cwd: str, env: dict, limit: float) -> tuple[str, float, bool]:
    start = time.monotonic()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env, timeout=limit)
        return done.stdout, time.monotonic() - start, False
    except subprocess.TimeoutExpired:
        return "", time.monotonic() - start, True


def solicite_verdict(server, target: str, work: Path, env: dict) -> tuple[str, float]:
    page = work / f"s-{uuid.uuid4().hex[:8]}.txt"
    page.write_text(target + "\n")
    cmd = [sys.executable, "-m", "solicite", "check", str(page), "--no-cache", "--format", "json", "--soft-404",
           "--doi-api", server.url("/api/handles/"), "--doi-resolver", server.url("/doi/")]
    out, took, hung = run(cmd, str(work), env, 60)
    if hung:
        return "hung", took
    verdict = json.loads(out)["links"][0]["verdict"]
    return ("ok" if verdict == "redirected" else verdict), took


def linkinator_verdict(lk: str, server, target: str, work: Path, env: dict) -> tuple[str, float]:
    if target.startswith("doi:"):
        target = server.url("/doi/" + target[4:])
    page = work / f"l-{uuid.uuid4().hex[:8]}.html"
    page.write_text(f'<html><body><a href="{target}">x</a></body></html>\n')
    # --verbosity DEBUG: without it linkinator's JSON leaves out the links it skipped.
    out, took, hung = run([lk, page.name, "--format", "json", "--verbosity", "DEBUG"], str(work), env, 60)
    if hung:
        return "hung", took
    try:
        links = [l for l in json.loads(out)["links"] if l["url"].startswith("http://127.")]
        state = links[0]["state"]
    except (ValueError, KeyError, IndexError):
        return "error", took
    return {"OK": "ok", "BROKEN": "broken", "SKIPPED": "skipped"}.get(state, state.lower()), took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--linkinator", help="path to the linkinator executable")
    args = parser.parse_args()
    lk = find_linkinator(args.linkinator)
    server = LoopbackServers(hosts=1)
    work = Path(tempfile.mkdtemp(prefix="solicite-cases-"))
    env = dict(os.environ, SOLICITE_CACHE_DIR=str(work / "cache"), NO_PROXY="127.0.0.0/8,localhost")
    print(f"machine: {machine()}")
    print(f"{'case':<30} {'accepted':<16} {'solicite':<16} {'linkinator':<16}")
    score = {"solicite": 0, "linkinator": 0}
    try:
        for name, path, accepted in CASES:
            cells = []
            for tool in ("solicite", "linkinator"):
                if tool == "linkinator" and lk is None:
                    cells.append("not installed")
                    continue
                u = uuid.uuid4().hex[:8]
                target = path if path.startswith("doi:") else server.url(path.replace("{u}", u))
                before = dict(server.state.big_sent)
                if tool == "solicite":
                    verdict, took = solicite_verdict(server, target, work, env)
                else:
                    verdict, took = linkinator_verdict(lk, server, target, work, env)
                right = verdict in accepted
                if "/big/" in target:
                    sent = server.state.big_sent.get(u, 0) - before.get(u, 0)
                    right = right and sent < 16 * 1024 * 1024
                    verdict += f" {sent // 1048576}MB"
                score[tool] += right
                cells.append(f"{'+' if right else '-'} {verdict} {took:.1f}s")
            print(f"{name:<30} {'/'.join(sorted(accepted)):<16} {cells[0]:<16} {cells[1]:<16}")
    finally:
        server.close()
    print(f"right: solicite {score['solicite']}/{len(CASES)}"
          + (f", linkinator {score['linkinator']}/{len(CASES)}" if lk else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
