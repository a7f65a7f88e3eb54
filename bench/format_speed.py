"""Format 10,000 entries in APA as text and HTML; print entries/s for solicite and pybtex's plain style.

usage: python bench/format_speed.py [--n 10000] [--runs 3] [--bib ../shared/bib/rfc.bib]
The entries are rfc.bib (9,519 @techreport) plus the varied golden corpus, repeated to N.
Loading (bibfile) is timed separately; only formatting is compared with pybtex. Each tool is
timed ``--runs`` times and the median is printed; solicite's caches are emptied before every run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from _inputs import require  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3, help="time each tool this many times; print the median")
    ap.add_argument("--bib", default=str(ROOT.parent / "shared" / "bib" / "rfc.bib"))
    ap.add_argument("--pybtex-n", type=int, default=10000, help="time pybtex on this many of the same entries (spread evenly)")
    a = ap.parse_args()
    require((Path(a.bib), "the .bib to format; it comes from ../shared/bib"))
    from solicite import bibfile
    from solicite.styles import bibliography, get_renderer

    t0 = time.perf_counter()
    refs = list(bibfile.load(a.bib, lenient=True).references)
    varied = [r for r in bibfile.load(ROOT / "tests" / "golden" / "corpus.bib").references]
    pool = refs + varied * 3
    while len(pool) < a.n:
        pool += varied
    pool = pool[: a.n]
    # unique keys so every entry is formatted
    pool = [r.copy(key=f"{r.key}-{i}") for i, r in enumerate(pool)]
    print(f"loaded {len(refs)} + {len(varied)} varied entries in {time.perf_counter() - t0:.2f} s; "
          f"formatting {len(pool)}, median of {a.runs} runs")

    mine: dict[str, float] = {}
    for fmt in ("text", "html"):
        renderer = get_renderer(fmt)
        times = []
        for _ in range(a.runs):
            entries = out = None  # free the last run's results before the clock starts, not after
            _clear_caches()  # cold caches: no run is helped by the one before
            t = time.perf_counter()
            entries = bibliography(pool, "apa")
            out = [e.render(renderer) for e in entries]
            times.append(time.perf_counter() - t)
        print("  runs:", ", ".join(f"{x:.3f}" for x in times))
        dt = statistics.median(times)
        print(f"solicite apa {fmt:5s}: {len(out)} entries in {dt:.2f} s = {len(out) / dt:,.0f} entries/s "
              f"({dt / len(out) * 1000:.3f} ms/entry)")
        mine[fmt] = dt / len(out)
    try:
        from pybtex.database import parse_string
        from pybtex.plugin import find_plugin
    except ImportError:
        print("pybtex not installed")
        return
    step = max(1, len(pool) // max(1, a.pybtex_n))
    sample = pool[::step][: a.pybtex_n]
    text = "\n".join(bibfile.format_entry(r) for r in sample)
    data = parse_string(text, "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    ratios: list[tuple[str, float]] = []
    for fmt, backend_name in (("text", "text"), ("html", "html")):
        backend = find_plugin("pybtex.backends", backend_name)()
        times = []
        for _ in range(a.runs):
            t = time.perf_counter()
            ok = 0
            for key, entry in data.entries.items():
                try:
                    fe = style.format_entry(key, entry)
                    fe.text.render(backend)
                    ok += 1
                except Exception:  # noqa: BLE001 - pybtex fails on some types; count only successes
                    pass
            times.append(time.perf_counter() - t)
        dt = statistics.median(times)
        print(f"pybtex plain {fmt:5s}: {ok}/{len(sample)} entries in {dt:.2f} s = {ok / dt:,.0f} entries/s "
              f"({dt / max(ok, 1) * 1000:.3f} ms/entry)")
        ratios.append((fmt, dt / max(ok, 1)))
    for fmt, per in ratios:
        print(f"solicite is {per / mine[fmt]:.1f}x pybtex plain ({fmt})")


def _clear_caches() -> None:
    """Empty every functools cache in solicite's modules (titles, names, LaTeX decoding...)."""
    for name, module in list(sys.modules.items()):
        if name == "solicite" or name.startswith("solicite."):
            for obj in list(vars(module).values()):
                if callable(getattr(obj, "cache_clear", None)) and getattr(obj, "__module__", None) == name:
                    obj.cache_clear()


if __name__ == "__main__":
    main()
