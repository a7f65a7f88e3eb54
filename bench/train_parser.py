#!/usr/bin/env python3
"""Rebuild the shipped parser model from ../shared: dictionary table and CRF weights.

Usage:  python bench/train_parser.py [--shared ../shared] [--sets core,gold,good,bad] [--synth 1500]
                                     [--out DIR | --install]

Builds {dictionary.txt.gz, tagger.crfsuite, LICENSE, NOTICE} in DIR (default bench/out/model).
Only --install replaces the shipped model in src/solicite/parse/model, and then atomically:
everything is built beside it first and each file is swapped in with os.replace once all are
built, so a failed run leaves the shipped model as it was. The run is deterministic (L-BFGS
on a fixed file order), so the same inputs give the same model.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _inputs import require  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from solicite.parse import crf, features  # noqa: E402
from solicite.parse.tokens import labelled_tokens  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import csl_train  # noqa: E402
import synth_refs  # noqa: E402

MODEL_DIR = ROOT / "src" / "solicite" / "parse" / "model"
ALL_SETS = ("core", "gold", "good", "bad", "ugly")
# "ugly" is left out: its labels follow other conventions (book titles as container-title...)
# and adding it lowered held-out micro-F1 by 0.9 on gold and 1.7 on good (bench/parse_accuracy.py).
DEFAULT_SETS = ("core", "gold", "good", "bad")
SYNTH = 1500
CSL = 3000  # strings rendered from real BibTeX in styles no held-out set uses (bench/csl_train.py)
DICT_BITS = {"name": None, "journal": features.JOURNAL, "publisher": features.PUBLISHER, "place": features.PLACE}


NOTICE = """The files in this folder are derived from AnyStyle (https://github.com/inukshuk/anystyle),
BSD 2-Clause licence, see LICENSE in this folder:

* tagger.crfsuite: CRF weights trained on AnyStyle's labelled references (core, gold, good,
  bad), on strings generated from their authors and titles (bench/synth_refs.py), and on
  entries of ../shared/bib (plume-all.bib, CC BY 3.0; biblatex-examples.bib, LPPL) rendered by
  solicite's CSL engine in 16 styles and labelled from their fields (bench/csl_train.py).
* dictionary.txt.gz: words of AnyStyle's dictionaries (first names, surnames, journals,
  publishers, places), each with a bit mask of the lists it appears in.

Rebuild both with: python bench/train_parser.py --install  (reads ../shared/parsing).
"""


def build_dictionary(dict_dir: Path) -> dict[str, int]:
    """Read AnyStyle's word lists into word -> bits (first names, surnames, journals...)."""
    table: dict[str, int] = {}
    for path in sorted(dict_dir.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        kind = lines[0].removeprefix("#!").strip() if lines and lines[0].startswith("#!") else ""
        if kind == "name":
            bit = features.FIRST if path.name.startswith("firstnames") else features.SURNAME
        else:
            bit = DICT_BITS.get(kind)
        if not bit:
            continue
        for line in lines:
            if not line or line.startswith("#"):
                continue
            entry = line.split("\t")[0]
            for word in entry.split():
                norm = features.normalise(word)
                # Short function words ("of", "the") would mark every title as a journal.
                if len(norm) > 2 or bit in (features.FIRST, features.SURNAME):
                    if norm:
                        table[norm] = table.get(norm, 0) | bit
    return table


def write_dictionary(table: dict[str, int], path: Path) -> None:
    text = "".join(f"{w}\t{b}\n" for w, b in sorted(table.items()))
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def consistent(spans: list[list[str]]) -> bool:
    """False for strings labelled against the common convention (a book title as container-title)."""
    labels = {label for label, _ in spans}
    return not ("container-title" in labels and "title" not in labels)


def load_sets(training_dir: Path, names: list[str], synth: int = 0,
              csl: int = 0) -> list[tuple[list[str], list[str]]]:
    """Labelled token sequences of the named AnyStyle sets, plus ``synth`` generated web/report ones
    and up to ``csl`` real entries rendered in CSL styles (never a held-out entry or style)."""
    samples, authors, titles = [], [], []
    for name in names:
        with open(training_dir / f"{name}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                spans = json.loads(line)["spans"]
                if not consistent(spans):
                    continue
                samples.append(labelled_tokens(spans))
                for label, text in spans:
                    if label == "author":
                        authors.append(text)
                    elif label == "title":
                        titles.append(text)
    if synth:
        samples.extend(synth_refs.generate(authors, titles, synth))
    if csl:
        samples.extend(csl_train.generate(training_dir.parent.parent, csl))
    return samples


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sets", default=",".join(DEFAULT_SETS))
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "model",
                       help="write the model here (default: bench/out/model)")
    where.add_argument("--install", action="store_true", help="replace the shipped model in src/solicite/parse/model")
    ap.add_argument("--synth", type=int, default=SYNTH, help="generated web/report references to add")
    ap.add_argument("--csl", type=int, default=CSL, help="real entries rendered in CSL styles to add (at most)")
    args = ap.parse_args()
    parsing = args.shared / "parsing"
    sets = args.sets.split(",")
    require((parsing / "dictionaries", "AnyStyle's word lists, from ../shared/parsing"),
            (parsing / "training" / "LICENSE", "AnyStyle's licence, from ../shared/parsing/training"),
            *[(parsing / "training" / f"{name}.jsonl", f"the labelled set {name!r}") for name in sets])
    out = MODEL_DIR if args.install else args.out
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".train-", dir=out.parent))
    try:
        table = build_dictionary(parsing / "dictionaries")
        if not table:
            print(f"train_parser.py: no words read from {parsing / 'dictionaries'}", file=sys.stderr)
            return 2
        write_dictionary(table, stage / features.DICT_FILE)
        # Features must see the new table, not the shipped one the package would load.
        features.dictionary = lambda: table
        shutil.copyfile(parsing / "training" / "LICENSE", stage / "LICENSE")
        (stage / "NOTICE").write_text(NOTICE, encoding="utf-8")
        samples = load_sets(parsing / "training", sets, args.synth, args.csl)
        start = time.perf_counter()
        crf.train(samples, stage / crf.MODEL_FILE)
        for built in sorted(stage.iterdir()):
            os.replace(built, out / built.name)  # same file system: each swap is atomic
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    print(f"dictionary: {len(table)} words; trained on {len(samples)} references "
          f"({args.sets} + {args.synth} generated + up to {args.csl} CSL-rendered) in {time.perf_counter() - start:.0f}s -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
