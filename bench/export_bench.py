"""Benchmark: export a real library to every format, and compare BibTeX -> CSL-JSON with pandoc.

    python bench/export_bench.py [--bib ../shared/bib/rfc.bib] [--runs 3] [--pandoc PATH]

Prints, per format, the best of ``--runs`` wall times (library already loaded, References
built) and entries per second. When pandoc is found (PATH, ``--pandoc`` or $PANDOC) it also
times ``pandoc -f bibtex -t csljson`` on the same file (a whole process, so start-up included)
next to ``solicite export --to csl-json`` as a whole process.
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
from _inputs import require  # bench/ is on sys.path when a script runs

HERE = Path(__file__).resolve().parent
DEFAULT_BIB = HERE.parent.parent / "shared" / "bib" / "rfc.bib"


def _best(fn, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bib", type=Path, default=DEFAULT_BIB)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pandoc", default=os.environ.get("PANDOC") or shutil.which("pandoc"))
    args = ap.parse_args()
    require((args.bib, "the .bib to export; it comes from ../shared/bib"))

    from solicite import bibfile, registry

    lib = bibfile.load(args.bib, lenient=True)
    refs = lib.references
    n = len(refs)
    print(f"{args.bib.name}: {n} entries; Python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs; best of {args.runs}")
    exporters = [registry.load("exporter", name) for name in registry.names("exporter")]
    for exp in exporters:
        t = _best(lambda: exp.export(refs), args.runs)
        print(f"  {exp.name:<14} {t:7.2f} s  {n / t:9.0f} entries/s")

    if args.pandoc:
        solicite = [sys.executable, "-m", "solicite", "--library", str(args.bib), "export", "--to", "csl-json"]
        pandoc = [args.pandoc, "-f", "bibtex", "-t", "csljson", str(args.bib)]
        for label, cmd in (("solicite export --to csl-json", solicite), ("pandoc -f bibtex -t csljson", pandoc)):
            t = _best(lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False),
                      args.runs)
            print(f"  process: {label:<32} {t:7.2f} s")
    else:
        print("  (pandoc not found: no comparison)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
