"""Write solicite's output as key<TAB>entry files and compare them with the oracle (vs_oracle.py).

usage: python bench/agreement.py FILE.bib [--styles apa,mla,...] [--format text|html]
                                 [--oracle-dir ../oracle-build] [--sentence-case] [--sample N]
Prints exact/lenient agreement per style. The oracle is built outside the repo with
../shared/oracle/setup.sh (see tests/golden/README.md).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from _inputs import ORACLE, require  # bench/ is on sys.path when a script runs

from solicite import bibfile
from solicite.styles import Options, bibliography, get_renderer

ORACLE_NAMES = {"apa": "apa", "mla": "mla", "chicago": "chicago17", "ieee": "ieee", "harvard": "harvard",
                "vancouver": "vancouver"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("bib")
    ap.add_argument("--styles", default="apa,mla,chicago,ieee,harvard,vancouver")
    ap.add_argument("--format", default="text")
    ap.add_argument("--oracle-dir", default=str(ORACLE), help="the oracle build (default: ../oracle-build beside the checkout)")
    ap.add_argument("--sentence-case", action="store_true")
    ap.add_argument("--sample", type=int, default=0, help="format a random sample of N entries (--seed, default 5)")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--mode", default="bib", choices=["bib", "cite", "narrative"])
    a = ap.parse_args()
    require((Path(a.bib), "the .bib file to format"),
            (Path(a.oracle_dir) / "vs_oracle.py", "the oracle build: run ../shared/oracle/setup.sh, or pass --oracle-dir"))
    lib = bibfile.load(a.bib, lenient=True)
    refs = lib.references
    src = a.bib
    tmp = Path(tempfile.mkdtemp(prefix="solicite-agree-"))
    if a.sample and a.sample < len(refs):
        rng = random.Random(a.seed)
        keep = rng.sample([r for r in refs if r.type not in ("proceedings",)], a.sample)
        keys = {r.key for r in keep}
        # keep crossref parents so both tools see the same data
        parents = {r.fields.get("crossref", "").lower() for r in keep}
        sub = [r for r in refs if r.key in keys or r.key.lower() in parents]
        src = str(tmp / "sample.bib")
        Path(src).write_text("\n\n".join(bibfile.format_entry(r) for r in sub) + "\n", encoding="utf-8")
        refs = sub  # the whole sample file, so numbers match the oracle's
        context = sub
    else:
        context = refs
    renderer = get_renderer(a.format)
    for style in a.styles.split(","):
        cand = tmp / f"{style}.tsv"
        if a.mode == "bib":
            entries = bibliography(refs, style, Options(sentence_case=a.sentence_case), context=context)
            cand.write_text("".join(f"{e.key}\t{e.render(renderer)}\n" for e in entries), encoding="utf-8")
        else:
            from solicite.styles import citation

            cand.write_text("".join(f"{r.key}\t{renderer.render(citation(refs, [(r.key, '')], style, a.mode == 'narrative'))}\n"
                                    for r in refs), encoding="utf-8")
        cmd = [sys.executable if False else "python3", str(Path(a.oracle_dir) / "vs_oracle.py"), "--bib", src,
               "--style", ORACLE_NAMES[style], "--candidate", str(cand), "--format", a.format, "--show", str(a.show), "--mode", a.mode]
        p = subprocess.run(cmd, capture_output=True, text=True)
        lines = p.stdout.splitlines()
        print(f"{style:10s} " + (lines[0] if lines else p.stderr[-300:]))
        if a.show:
            print("\n".join(lines[1:]))


if __name__ == "__main__":
    main()
