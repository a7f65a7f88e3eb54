#!/usr/bin/env python3
"""References per second of `solicite parse --one-per-line` on 7,000 references, start-up included.

Usage:  python bench/parse_cli_speed.py [--n 7000] [--shared ../shared] [--runs 3] [--format bibtex]

Takes the first N raw reference strings of the AnyStyle sets in ../shared/parsing/training
(cycling if there are fewer), writes them one per line to a temporary file, and times the
whole command (`python -m solicite parse --one-per-line FILE`, output thrown away) with a
wall clock: interpreter start-up, imports and model loading are included. Prints the best
and median of --runs runs, and the CPU time (user + system), which a busy machine disturbs less. When `anystyle` is on PATH, times `anystyle parse` on the same
file for comparison.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from _inputs import require  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parent.parent
CPU_TIMES: list[float] = []  # CPU seconds per run: steadier than wall time on a shared machine


def references(shared: Path, n: int) -> list[str]:
    """N raw reference strings (one line each) from the AnyStyle sets."""
    raws = []
    for name in ("core", "good", "bad", "ugly", "gold"):
        with open(shared / "parsing" / "training" / f"{name}.jsonl", encoding="utf-8") as fh:
            raws.extend(" ".join(json.loads(line)["raw"].split()) for line in fh)
    raws = [r for r in raws if r]
    return list(itertools.islice(itertools.cycle(raws), n))


def timed(cmd: list[str]) -> float:
    """Wall-clock seconds of one run (its CPU seconds are added to CPU_TIMES)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):  # 1: some strings were kept as @misc, which is fine here
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()[-300:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_TIMES.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=7000)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--format", default="bibtex", choices=["bibtex", "json", "csl-json"])
    args = ap.parse_args()
    require((args.shared / "parsing" / "training", "AnyStyle's labelled sets, from ../shared/parsing"))

    refs = references(args.shared, args.n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "refs.txt"
        path.write_text("\n".join(refs) + "\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "solicite", "parse", "--one-per-line", "--format", args.format, str(path)]
        times = [timed(cmd) for _ in range(args.runs)]
        best, median = min(times), statistics.median(times)
        print(f"solicite parse --one-per-line: {len(refs)} references, best {best:.2f} s "
              f"({len(refs) / best:.0f} refs/s), median {median:.2f} s ({len(refs) / median:.0f} refs/s); "
              f"CPU best {min(CPU_TIMES):.2f} s ({len(refs) / min(CPU_TIMES):.0f} refs per CPU-second)")
        if shutil.which("anystyle"):
            t = timed(["anystyle", "-f", "json", "parse", str(path)])
            print(f"anystyle parse: {len(refs)} references, {t:.2f} s ({len(refs) / t:.0f} refs/s)")
        else:
            print("anystyle: not installed (gem install anystyle-cli to compare)")


if __name__ == "__main__":
    main()
