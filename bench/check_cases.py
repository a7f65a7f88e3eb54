#!/usr/bin/env python3
"""Judge hard link cases with solicite, lychee and linkinator, each with its defaults, on loopback servers.

Usage:
    python bench/check_cases.py [--lychee PATH] [--linkinator PATH] [--only NAME]

The 18 cases of the first link-checking issue (bot walls, rate limits, servers that never
answer, whole-file downloads, DOIs whose publisher blocks robots, soft 404s) and the harder
ones of the second: servers that trickle, HEADs that hang, HTTP/1.0 bodies that never end,
Markdown <addresses with spaces>, SICI DOIs, parentheses, soft-404 false positives and a
German soft 404. Each case is a one-link file checked in its own run of each tool (capped at
60 s; the three tools run side by side). A verdict is right when it is in the case's accepted
set (``redirected`` counts as ``ok``; linkinator and lychee have no ``warn``, so their
``skipped`` counts as not broken). DOIs go to solicite as DOIs (its Handle API stand-in) and
to the peers as resolver links. Then two bounds that only solicite has options for: the run's
deadline against trickling and silent servers. The servers are tests/check/server.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from check.server import SICI_DOI, LoopbackServers  # noqa: E402

from check_tools import machine, peers, run_linkinator, run_lychee, run_solicite, verdict_of  # noqa: E402

OKISH, WARNISH, BROKEN, SOFT = {"ok"}, {"ok", "warn", "skipped"}, {"broken"}, {"warn", "broken"}
MAIN, EN, DE = "main", "en", "de"  # the host with real 404s, and the soft hosts

# (name, address on a host or doi:..., host, accepted verdicts, how the address is written)
CASES = [
    ("200", "/ok/{u}", MAIN, OKISH, "bare"),
    ("404", "/status/404?{u}", MAIN, BROKEN, "bare"),
    ("410", "/status/410?{u}", MAIN, BROKEN, "bare"),
    ("redirect chain (5 hops)", "/redirect/5/{u}?code=301", MAIN, OKISH, "bare"),
    ("redirect loop", "/loop/a?{u}", MAIN, BROKEN, "bare"),
    ("429 + Retry-After for 2 s", "/ratelimit/{u}?window=2", MAIN, WARNISH, "bare"),
    ("503 then 200", "/flaky/{u}?fail=1", MAIN, OKISH, "bare"),
    ("slow answer (1 s)", "/slow?delay=1&{u}", MAIN, OKISH, "bare"),
    ("never answers", "/hang/{u}", MAIN, {"broken", "warn"}, "bare"),
    ("HEAD 405, GET 200", "/head405/{u}", MAIN, OKISH, "bare"),
    ("50 MB body", "/big/{u}", MAIN, OKISH, "bare"),
    ("soft 404 (200 for any path)", "/soft404/{u}", EN, SOFT, "bare"),
    ("403 lifted for browsers", "/botwall/{u}", MAIN, WARNISH, "bare"),
    ("LinkedIn-style 999", "/linkedin/{u}", MAIN, WARNISH, "bare"),
    ("Cloudflare challenge", "/cloudflare/{u}", MAIN, WARNISH, "bare"),
    ("DOI, publisher blocks robots", "doi:10.5555/blocked", MAIN, WARNISH, "bare"),
    ("DOI not registered", "doi:10.5555/unregistered", MAIN, BROKEN, "bare"),
    ("persistent 429", "/always429/{u}?after=1", MAIN, WARNISH, "bare"),
    # The second issue's hard cases.
    ("headers at 1 byte/s, never end", "/trickle-headers/{u}", MAIN, {"broken", "warn"}, "bare"),
    ("body at 1 byte/s after headers", "/trickle-body/{u}", MAIN, OKISH, "bare"),
    ("HEAD hangs, GET works", "/head-hangs/{u}", MAIN, OKISH, "bare"),
    ("HTTP/1.0, no length, left open", "/http10-open/{u}", MAIN, OKISH, "bare"),
    ("Markdown [x](<with space>)", "/with space/{u}.pdf", MAIN, OKISH, "angle"),
    ("SICI DOI", f"doi:{SICI_DOI}", MAIN, OKISH, "bare"),
    ("URL with balanced parentheses", "/wiki/Foo_(bar)", MAIN, OKISH, "parens"),
    ("15 redirects", "/redirect/15/{u}?code=301", MAIN, OKISH, "bare"),
    ("article titled '404 Not Found'", "/article-404/{u}", MAIN, OKISH, "bare"),
    ("short text/plain (soft host)", "/plain-short/{u}", EN, OKISH, "bare"),
    ("small PDF (soft host)", "/small.pdf?{u}", EN, OKISH, "bare"),
    ("German 'Seite nicht gefunden'", "/artikel/{u}", DE, SOFT, "bare"),
]
TOOLS = ("solicite", "lychee", "linkinator")


def address(server, path: str, host: str, u: str, for_solicite: bool) -> str:
    """The URL (or bare DOI for solicite) of a case on its host."""
    if path.startswith("doi:"):
        return path[4:] if for_solicite else server.url("/doi/" + path[4:])
    path = path.replace("{u}", u)
    return server.url(path) if host == MAIN else server.soft_url(path, host)


def page_for(work: Path, tool: str, target: str, written: str) -> Path:
    """A one-link Markdown file, the address written as the case says."""
    text = {"bare": f"See {target} for details.\n", "angle": f"See [the report](<{target}> \"Report\").\n",
            "parens": f"(see {target}).\n"}[written]
    page = work / f"{tool}-{uuid.uuid4().hex[:8]}.md"
    page.write_text(f"# Case\n\n{text}", encoding="utf-8")
    return page


def judge(tool: str, paths: dict, server, case, work: Path) -> tuple[str, float, bool]:
    """One tool's verdict on one case: (verdict, seconds, right)."""
    name, path, host, accepted, written = case
    u = uuid.uuid4().hex[:8]
    target = address(server, path, host, u, tool == "solicite")
    page = page_for(work, tool, target, written)
    before = server.state.big_sent.get(u, 0)
    if tool == "solicite":
        run = run_solicite(page, work, ["--doi-api", server.url("/api/handles/"), "--doi-resolver",
                                        server.url("/doi/")], limit=60)
    elif tool == "lychee":
        run = run_lychee(paths[tool], page, work, limit=60)
    else:
        run = run_linkinator(paths[tool], page, work, limit=60)
    url = target.replace(" ", "%20")
    verdict = verdict_of(run, url)
    right = verdict in accepted
    if "/big/" in target:
        sent = server.state.big_sent.get(u, 0) - before
        right = right and sent < 16 * 1024 * 1024
        verdict += f" {sent // 1048576}MB"
    return verdict, run.wall, right


def bounds(server, work: Path) -> list[str]:
    """solicite's deadline against servers that trickle and servers that never answer."""
    lines = []
    for label, paths, deadline in (
        ("3 header blocks at 1 byte/s, --deadline 5s", [f"/trickle-headers/{uuid.uuid4().hex[:8]}" for _ in range(3)], 5),
        ("64 silent links on one host, --deadline 15s", [f"/hang/{uuid.uuid4().hex[:8]}" for _ in range(64)], 15),
    ):
        page = work / f"bound-{uuid.uuid4().hex[:8]}.md"
        page.write_text("".join(f"- <{server.url(p)}>\n" for p in paths))
        run = run_solicite(page, work, ["--deadline", f"{deadline}s"], limit=120)
        kinds = sorted(set(run.verdicts.values()))
        ok = run.wall <= deadline + 1.0 + 0.5 and kinds == ["warn"] and len(run.verdicts) == len(paths)
        lines.append(f"{'+' if ok else '-'} {label}: {run.wall:.1f} s (process, incl. start-up), "
                     f"{len(run.verdicts)} links, verdicts {kinds}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--linkinator", help="path to the linkinator executable")
    parser.add_argument("--lychee", help="path to the lychee executable")
    parser.add_argument("--only", help="run the cases whose name contains this text")
    args = parser.parse_args()
    paths, _ = peers(args.lychee, args.linkinator)
    tools = ["solicite"] + [t for t in ("lychee", "linkinator") if paths[t]]
    server = LoopbackServers(hosts=1)
    work = Path(tempfile.mkdtemp(prefix="solicite-cases-"))
    cases = [c for c in CASES if not args.only or args.only in c[0]]
    print(f"machine: {machine()}")
    print("tools: " + ", ".join(tools) + "".join(f" ({t} not installed)" for t in TOOLS if t not in tools))
    print(f"{'case':<34} {'accepted':<18}" + "".join(f" {t:<22}" for t in tools))
    score = dict.fromkeys(tools, 0)
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(len(tools)) as pool:
            for case in cases:
                answers = list(pool.map(lambda t: judge(t, paths, server, case, work), tools))
                cells = []
                for tool, (verdict, took, right) in zip(tools, answers):
                    score[tool] += right
                    cells.append(f"{'+' if right else '-'} {verdict} {took:.1f}s")
                print(f"{case[0]:<34} {'/'.join(sorted(case[3])):<18}" + "".join(f" {c:<22}" for c in cells), flush=True)
        print("right: " + ", ".join(f"{t} {score[t]}/{len(cases)}" for t in tools))
        if not args.only:
            print("bounds (solicite only):")
            for line in bounds(server, work):
                print("  " + line)
    finally:
        server.close()
    print(f"total {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
