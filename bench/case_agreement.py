"""Case (issue 13): APA agreement with citeproc-js on English titles written in title case, held out.

usage: python bench/case_agreement.py [--bib ../shared/bib/plume-all.bib] [--set heldout|tuning]
                                      [--n 60] [--oracle-dir ../oracle-build] [--show N]

The entries: those of the .bib file with an English title (no langid, or an English one) of at
least four words in which every word of four letters or more that is no stop word starts with
a capital (title case by the usual definition, not by solicite's own judge), and no more than
one brace group. They are split by a hash of the key: ``tuning`` (sha1(key) % 4 == 1) is the
quarter the rules were written on; ``heldout`` (== 0) was held out, but once its differences
were read one rule changed (a word of a person's name must be no English word: a misread
"School of Computer Science" had kept "School"), so ``fresh`` (== 2), never looked at before
the figures of the README, is the held-out figure. The first ``--n`` of the set in file order are formatted in APA three ways -- titles
as written (``--titles as-written``, the default before issue 13), sentence case (the default
now), and solicite's CSL engine with apa.csl (sentence case) -- and each is compared with the
oracle (citeproc-js, BibTeX read by pandoc, which sentence-cases English titles but lowercases
proper nouns too) by ``vs_oracle.py``. Where solicite keeps a proper noun the oracle lowercases,
the oracle is wrong by the APA manual (6.17): ``--show`` prints the differences to read.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from _inputs import ORACLE, SHARED, require  # bench/ is on sys.path when a script runs

from solicite import bibfile
from solicite.codec import to_unicode
from solicite.language import entry_language, is_english
from solicite.styles import Options, bibliography, get_renderer

TYPES = {"article", "book", "incollection", "inproceedings", "report", "techreport", "phdthesis", "mastersthesis",
         "thesis", "misc", "online", "inbook"}
_STOP = frozenset("about above across after against along among around because before behind below beneath beside "
                  "between beyond during from into like near onto over since than that this through toward towards "
                  "under until upon with within without".split())


def in_title_case(title: str) -> bool:
    """Every word of four letters or more that is no stop word starts with a capital; four words at least."""
    words = re.findall(r"[^\W\d_]+", title)
    long = [w for w in words if len(w) >= 4 and w.lower() not in _STOP]
    return len(words) >= 4 and len(long) >= 2 and all(w[0].isupper() for w in long)


def selected(refs, which: str, n: int) -> list:
    """The first ``n`` title-case English entries of one hash quarter (see the module docstring)."""
    quarter = {"heldout": 0, "tuning": 1, "fresh": 2}[which]
    out = []
    for r in refs:
        raw = r.fields.get("title", "")
        if r.type not in TYPES or not raw or raw.count("{") > 1 or not is_english(entry_language(r.fields)):
            continue
        if int(hashlib.sha1(r.key.encode()).hexdigest(), 16) % 4 != quarter or not in_title_case(to_unicode(raw)):
            continue
        out.append(r)
        if len(out) == n:
            break
    return out


def _oracle(oracle: Path, bib: Path, cand: Path, show: int) -> str:
    cmd = [sys.executable, str(oracle / "vs_oracle.py"), "--bib", str(bib), "--style", "apa", "--candidate", str(cand),
           "--show", str(show)]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return out + _case_split(oracle, bib, cand)


def _case_split(oracle: Path, bib: Path, cand: Path) -> str:
    """Entries that differ from the oracle only in letter case, and the words that differ (to read by hand)."""
    cmd = ["node", str(oracle / "cjs_format.js"), str(bib), str(oracle / "styles" / "apa.csl"), "text", "--reader",
           "pandoc", "--tsv"]
    theirs = dict(line.split("\t", 1) for line in subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()
                  if "\t" in line)
    ours = dict(line.split("\t", 1) for line in cand.read_text(encoding="utf-8").splitlines() if "\t" in line)
    only_case, words = 0, []
    for key, text in ours.items():
        other = " ".join(theirs.get(key, "").split())
        text = " ".join(text.split())
        if text != other and text.casefold() == other.casefold():
            only_case += 1
            words += [f"{a}/{b}" for a, b in zip(text.split(), other.split()) if a != b]
    return f"\n    differ only in case: {only_case} ({' '.join(words) or '-'}; ours/oracle)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bib", default=str(SHARED / "bib" / "plume-all.bib"))
    ap.add_argument("--set", default="fresh", choices=["fresh", "heldout", "tuning"])
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--oracle-dir", default=str(ORACLE))
    ap.add_argument("--show", type=int, default=0)
    a = ap.parse_args()
    oracle = Path(a.oracle_dir)
    require((Path(a.bib), "the .bib file"), (oracle / "vs_oracle.py", "the oracle build (../shared/oracle/setup.sh)"))
    lib = bibfile.load(a.bib, lenient=True)
    refs = selected(lib.references, a.set, a.n)
    tmp = Path(tempfile.mkdtemp(prefix="solicite-case-"))
    bib = tmp / "sample.bib"
    bib.write_text("\n\n".join(bibfile.format_entry(r) for r in refs) + "\n", encoding="utf-8")
    text = get_renderer("text")
    runs = {"as written": Options(sentence_case=False), "sentence case (default)": Options()}
    print(f"{len(refs)} {a.set} title-case entries of {a.bib}")
    for name, opts in runs.items():
        cand = tmp / "cand.tsv"
        entries = bibliography(refs, "apa", opts, context=lib.references)
        cand.write_text("".join(f"{e.key}\t{e.render(text)}\n" for e in entries), encoding="utf-8")
        out = _oracle(oracle, bib, cand, a.show)
        print(f"  built-in APA, {name:24s} {out.splitlines()[0] if out else '(oracle failed)'}{out.splitlines()[-1]}")
        if a.show:
            print("\n".join(out.splitlines()[1:]))
    from solicite.styles.csl import render_csl

    texts, _ = render_csl(refs, "apa", "text", True, lib.references)
    cand = tmp / "engine.tsv"
    cand.write_text("".join(f"{k}\t{t}\n" for k, t in texts), encoding="utf-8")
    out = _oracle(oracle, bib, cand, a.show)
    print(f"  CSL engine, apa.csl, sentence case    {out.splitlines()[0] if out else '(oracle failed)'}{out.splitlines()[-1]}")
    if a.show:
        print("\n".join(out.splitlines()[1:]))


if __name__ == "__main__":
    main()
