"""Benchmark: every reading command on a 100,000-entry library, against pybtex and bibtexparser v2 loading it.

    python bench/scale_bench.py [--entries 100000] [--runs 1] [--only keys] [--timeout 600]

Each command runs as its own process (``solicite -l FILE ...``, output to a file in bench/out/)
and is timed whole, start-up included; its peak RSS comes from ``os.wait4``, the kernel's
account of that one child. pybtex (non-strict: plume-all.bib uses a few undefined @string
macros) and bibtexparser v2 load the same file in the same run, also as whole processes.
Targets (issue 11): every command at most 0.5x pybtex's load time and at most 600 MB;
``keys`` under 10 s. The big file is built from ../shared/bib/plume-all.bib with
../shared/bib/make_scaled.py into bench/out/ (ignored by git).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "bib"
OUT = HERE / "out"
LIMIT_MB = 600
KEYS_LIMIT_S = 10.0

PEERS = {
    "pybtex parse_file (non-strict)": "import pybtex.errors\npybtex.errors.set_strict_mode(False)\n"
                                      "from pybtex.database import parse_file\nparse_file(sys.argv[1])",
    "bibtexparser v2 parse_file": "import bibtexparser\nbibtexparser.parse_file(sys.argv[1])",
}
COMMANDS = {
    "--json list": ["--json", "list"],
    "list": ["list"],
    "lint": ["lint"],
    "format": ["format"],
    "export --to bibtex": ["export", "--to", "bibtex"],
    "export --to biblatex": ["export", "--to", "biblatex"],
    "export --to csl-json": ["export", "--to", "csl-json"],
    "export --to ris": ["export", "--to", "ris"],
    "export --to zotero": ["export", "--to", "zotero"],
    "export --to zotero --bibtex": ["export", "--to", "zotero", "--bibtex"],
    "keys --dry-run": ["keys", "--dry-run"],
    "keys": ["keys"],  # on a fresh copy of the file each run: it rewrites the keys
}


def run(argv: list[str], timeout: float) -> tuple[float, float, int]:
    """Run argv with stdout to a file; return (wall seconds, peak RSS in MB, exit status); -1 status on timeout."""
    with open(OUT / "scale-stdout", "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                status = -1
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    proc.returncode = 0  # already reaped by wait4
    code = status if status == -1 else os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, code


def solicite_argv(name: str, big: Path) -> list[str]:
    path = big
    if name == "keys":
        path = OUT / "scale-keys.bib"
        shutil.copyfile(big, path)
    exe = Path(sys.executable).with_name("solicite")
    head = [str(exe)] if exe.exists() else [sys.executable, "-m", "solicite"]
    return head + ["-q", "-l", str(path)] + COMMANDS[name]


def best(argvs, runs: int, timeout: float) -> tuple[float, float, int]:
    """The fastest of ``runs`` runs (time), with the largest peak RSS seen and the last exit status."""
    results = [run(argvs(), timeout) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results), results[-1][2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=1, help="runs per command (the fastest is printed)")
    ap.add_argument("--only", action="append", default=[], help="only commands whose name contains this")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds before a command is stopped")
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    big = OUT / f"plume-{args.entries}.bib"
    if not big.exists():
        subprocess.run([sys.executable, str(SHARED / "make_scaled.py"), str(SHARED / "plume-all.bib"), str(big),
                        str(args.entries)], check=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"file: {big.name} ({big.stat().st_size / 1e6:.0f} MB, {args.entries} entries)")
    print(f"{'command':<34} {'seconds':>8} {'peak MB':>8} {'x pybtex':>9} {'exit':>5}  target")
    base = None
    failed = 0
    for name, code in PEERS.items():
        seconds, peak, status = best(lambda: [sys.executable, "-c", "import sys\n" + code, str(big)],
                                     args.runs, args.timeout)
        base = base or seconds
        print(f"{name:<34} {seconds:>8.2f} {peak:>8.0f} {seconds / base:>8.2f}x {status:>5}", flush=True)
    for name in COMMANDS:
        if args.only and not any(o in name for o in args.only):
            continue
        seconds, peak, status = best(lambda: solicite_argv(name, big), args.runs, args.timeout)
        limit = KEYS_LIMIT_S if name.startswith("keys") else 0.5 * base
        ok = seconds <= limit and peak <= LIMIT_MB and status in (0, 1)
        failed += not ok
        verdict = f"{'ok' if ok else 'MISSED'} (<= {limit:.1f} s, <= {LIMIT_MB} MB)"
        print(f"{'solicite ' + name:<34} {seconds:>8.2f} {peak:>8.0f} {seconds / base:>8.2f}x {status:>5}  {verdict}",
              flush=True)
    print(f"{failed} targets missed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
