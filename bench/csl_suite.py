"""Run the CSL test suite (../shared/csl/test-suite/humans) through solicite's CSL engine.

Prints "N passed of M" and per-category counts. ``-v`` lists failures, ``-k TEXT`` filters by
name, ``--diff NAME`` shows expected and actual output of one fixture.

    python bench/csl_suite.py [--suite DIR] [-v] [-k TEXT] [--diff NAME]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from solicite.csl.suite import check, read_fixture

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "csl" / "test-suite" / "humans"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", type=Path, default=DEFAULT)
    ap.add_argument("-v", action="store_true", help="list failing fixtures")
    ap.add_argument("-k", default="", help="only fixtures whose name contains this")
    ap.add_argument("--diff", help="show expected and actual output of one fixture")
    ap.add_argument("--write-failures", type=Path, help="write failing names to this file")
    args = ap.parse_args(argv)
    if not args.suite.is_dir():
        print(f"csl_suite: no test suite at {args.suite}", file=sys.stderr)
        return 2
    if args.diff:
        fx = read_fixture(args.suite / f"{args.diff}.txt")
        ok, got = check(fx)
        print("EXPECTED:\n" + fx.result + "\nGOT:\n" + got + f"\n{'PASS' if ok else 'FAIL'}")
        return 0
    paths = sorted(p for p in args.suite.glob("*.txt") if args.k in p.stem)
    passed, total, failed = Counter(), Counter(), []
    start = time.perf_counter()
    for path in paths:
        cat = path.stem.split("_")[0]
        total[cat] += 1
        ok, _ = check(read_fixture(path))
        if ok:
            passed[cat] += 1
        else:
            failed.append(path.stem)
    elapsed = time.perf_counter() - start
    for cat in sorted(total, key=lambda c: -total[c]):
        print(f"  {cat:<14} {passed[cat]:>4} of {total[cat]}")
    if args.v:
        print("\n".join(failed))
    if args.write_failures:
        args.write_failures.write_text("".join(f"{n}\n" for n in failed))
    print(f"{sum(passed.values())} passed of {sum(total.values())} ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
