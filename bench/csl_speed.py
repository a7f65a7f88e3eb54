"""Speed of solicite's CSL engine: a reference list of ../shared/bib/plume-all.bib in a CSL style.

    python bench/csl_speed.py [--style apa] [--bib FILE] [--runs 3]

Prints entries per second for the bibliography (sorting, disambiguation and rendering to text),
compile time of the style apart. Figures are noisy on a shared machine: quote the load with them.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default=str(SHARED / "csl" / "apa.csl"))
    ap.add_argument("--bib", type=Path, default=SHARED / "bib" / "plume-all.bib")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)

    from solicite.bibfile import load
    from solicite.csl import Processor
    from solicite.csl.output import flatten_display
    from solicite.csl.style import parse_style
    from solicite.csl.styles import style_path
    from solicite.export.csljson import to_csl
    from solicite.render.text import RENDERER

    refs = load(str(args.bib)).references
    items = [dict(to_csl(r), id=r.key) for r in refs]
    t0 = time.perf_counter()
    parse_style(style_path(args.style).read_bytes())
    compile_s = time.perf_counter() - t0
    best = None
    for _ in range(args.runs):
        style = parse_style(style_path(args.style).read_bytes())
        t0 = time.perf_counter()
        proc = Processor(style, items)
        proc.register([[{"id": i["id"]}] for i in items])
        out = [RENDERER.render(flatten_display(p)) for p in proc.bibliography()]
        took = time.perf_counter() - t0
        best = took if best is None else min(best, took)
    print(f"{len(out)} entries of {len(items)} in {best:.2f} s: {len(items) / best:,.0f} entries/s "
          f"({best / len(items) * 1000:.2f} ms/entry); style compiled in {compile_s * 1000:.0f} ms; "
          f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
