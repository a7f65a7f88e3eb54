#!/usr/bin/env python3
"""Speed of the field tagger: parse 7,000 reference strings, start-up (imports, model) included.

Usage:  python bench/parse_speed.py [--shared ../shared] [-n 7000]

Runs a fresh interpreter that imports solicite.parse.tagger and parses the ``raw`` strings
of ../shared/parsing/training (cycled to n), and prints references per second measured from
before the interpreter starts to after the last reference. Compare: AnyStyle ~430 refs/s here.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from _inputs import require  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys
from solicite.parse.tagger import parse_references
lines = open(sys.argv[1], encoding="utf-8").read().split("\\n")
results = parse_references(lines)
assert len(results) == len(lines)
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("-n", type=int, default=7000)
    args = ap.parse_args()
    require((args.shared / "parsing" / "training", "AnyStyle's labelled sets, from ../shared/parsing"))
    raws: list[str] = []
    for path in sorted((args.shared / "parsing" / "training").glob("*.jsonl")):
        for line in open(path, encoding="utf-8"):
            raws.append(" ".join(json.loads(line)["raw"].split()))
    lines = [raws[i % len(raws)] for i in range(args.n)]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", CHILD, fh.name], check=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    Path(fh.name).unlink()
    print(f"{args.n} references in {elapsed:.2f}s wall (start-up included): {args.n / elapsed:.0f} refs/s")
    # On a shared machine the wall clock includes waiting for the CPU; CPU time does not.
    print(f"CPU time {cpu:.2f}s: {args.n / cpu:.0f} refs/s per CPU-second (load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
