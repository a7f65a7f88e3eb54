"""Benchmark: load a 100,000-entry library with solicite and with pybtex (and bibtexparser v2 when installed).

Each measurement runs in a fresh process and prints wall time and peak RSS, so the figures
do not leak into each other. Also prints the median start-up time of `solicite --help`.

    python bench/load_bench.py [--entries 100000] [--runs 3] [--startup-runs 21]

The big file is built from ../shared/bib/plume-all.bib with ../shared/bib/make_scaled.py
into bench/out/ (ignored by git).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from _inputs import require  # bench/ is on sys.path when a script runs

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "bib"

# Each snippet loads the file fully into the tool's data model and reports its own time and peak RSS.
SNIPPETS = {
    "solicite load": "from solicite import bibfile\nlib = bibfile.load(PATH)\nn = len(lib)",
    "solicite load + References": "from solicite import bibfile\nlib = bibfile.load(PATH)\nn = len(lib.references)",
    # Non-strict: plume-all.bib uses a few undefined @string macros, which strict pybtex refuses.
    "solicite load + References + all names": "from solicite import bibfile\nlib = bibfile.load(PATH)\n"
                                              "n = sum(1 for r in lib.references if r.persons is not None)",
    "pybtex parse_file": "import pybtex.errors\npybtex.errors.set_strict_mode(False)\n"
                         "from pybtex.database import parse_file\ndata = parse_file(PATH)\nn = len(data.entries)",
    "bibtexparser v2 parse_file": "import bibtexparser\nlib = bibtexparser.parse_file(PATH)\nn = len(lib.entries)",
}
HARNESS = """
import resource, sys, time, json
PATH = sys.argv[1]
t = time.perf_counter()
{body}
dt = time.perf_counter() - t
print(json.dumps({{"seconds": dt, "entries": n, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def available(name: str) -> bool:
    module = {"pybtex parse_file": "pybtex", "bibtexparser v2 parse_file": "bibtexparser"}.get(name, "solicite")
    code = f"import {module}, sys; sys.exit(0 if getattr({module}, '__version__', '2').split('.')[0] >= '2' or '{module}' != 'bibtexparser' else 1)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def measure(name: str, path: Path, runs: int) -> dict:
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", HARNESS.format(body=SNIPPETS[name]), str(path)],
                             capture_output=True, text=True, check=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    return {"seconds": statistics.median(r["seconds"] for r in results),
            "peak_mb": max(r["peak_mb"] for r in results), "entries": results[0]["entries"]}


def startup(runs: int) -> float:
    exe = Path(sys.executable).with_name("solicite")
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "solicite", "--help"]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3, help="runs per tool (the median is printed)")
    ap.add_argument("--startup-runs", type=int, default=21)
    args = ap.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    big = out / f"plume-{args.entries}.bib"
    if not big.exists():
        require((SHARED / "make_scaled.py", "../shared/bib builds the big file"), (SHARED / "plume-all.bib", "../shared/bib"))
        subprocess.run([sys.executable, str(SHARED / "make_scaled.py"), str(SHARED / "plume-all.bib"), str(big),
                        str(args.entries)], check=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}")
    print(f"file: {big.name} ({big.stat().st_size / 1e6:.0f} MB)")
    print(f"{'tool':<40} {'entries':>8} {'seconds':>8} {'peak MB':>8} {'vs pybtex':>9}")
    base = None
    rows = []
    for name in ("pybtex parse_file", "bibtexparser v2 parse_file", "solicite load", "solicite load + References",
                 "solicite load + References + all names"):
        if not available(name):
            print(f"{name:<40} (not installed)")
            continue
        r = measure(name, big, args.runs)
        if name.startswith("pybtex"):
            base = r["seconds"]
        rows.append((name, r))
        speedup = f"{base / r['seconds']:.1f}x" if base else "-"
        print(f"{name:<40} {r['entries']:>8} {r['seconds']:>8.2f} {r['peak_mb']:>8.0f} {speedup:>9}", flush=True)
    print(f"solicite --help start-up: median {startup(args.startup_runs):.0f} ms over {args.startup_runs} runs")


if __name__ == "__main__":
    main()
