#!/usr/bin/env python3
"""Field-level accuracy of the reference parser on AnyStyle sets it was NOT trained on.

Usage:  python bench/parse_accuracy.py [--train core,good,bad] [--test gold] [--synth 1500] [--confidence]

Trains a fresh CRF on the --train sets (same features and settings as the shipped model),
drops from the test set every string that also occurs in a training set (AnyStyle's sets
share a few hundred), parses the rest with solicite's full pipeline (CRF + rules + names),
and scores the result with ../shared/parsing/eval_fields.py (micro-F1 over 12 fields). Then it
scores the same model on the held-out set of bench/heldout_csl.py (real BibTeX entries rendered
in eight CSL styles, never trained on), overall, per field and per style.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from _inputs import require  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from solicite.parse import crf  # noqa: E402
from solicite.parse import tagger as tagger_mod  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_parser  # noqa: E402


def to_eval(ref) -> dict:
    """Map a Reference onto the scorer's schema (container, issue, location...)."""
    f = ref.fields

    def names(role):
        return [p.literal if p.literal else f"{(p.particle + ' ' + p.family).strip()}, {p.given}".strip(", ")
                for p in ref.persons.get(role, []) if p.family != "others"]

    kind = {"techreport": "report"}.get(ref.type, ref.type)
    return {
        "author": names("author"),
        "editor": names("editor"),
        "title": ref.text("title") or None,
        "container": ref.text("journal") or ref.text("booktitle") or ref.text("organization")
        or ref.text("howpublished") or None,
        "year": f.get("year"),
        "volume": f.get("volume"),
        "issue": f.get("number"),
        "pages": f.get("pages", "").replace("--", "-") or None,
        "publisher": ref.text("publisher") or ref.text("institution") or ref.text("school") or None,
        "location": ref.text("address") or None,
        "url": f.get("url"),
        "doi": f.get("doi"),
        "type": kind,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--train", default="core,good,bad")
    ap.add_argument("--test", default="gold")
    ap.add_argument("--iterations", type=int, default=None)
    ap.add_argument("--synth", type=int, default=train_parser.SYNTH)
    ap.add_argument("--csl", type=int, default=train_parser.CSL,
                    help="CSL-rendered strings to train on (bench/csl_train.py: no held-out entry or style)")
    ap.add_argument("--save", type=Path, help="keep the trained model here (to re-score rule changes quickly)")
    ap.add_argument("--model", type=Path, help="score this model (trained by --save on the same --train) instead")
    ap.add_argument("--dump", type=Path, help="write gold/pred JSONL pairs here for inspection")
    ap.add_argument("--confidence", action="store_true", help="also measure how well field confidences flag errors")
    ap.add_argument("--no-heldout-csl", dest="heldout_csl", action="store_false",
                    help="skip the held-out CSL-rendered set (bench/heldout_csl.py)")
    args = ap.parse_args()
    tdir = args.shared / "parsing" / "training"
    require((tdir, "AnyStyle's labelled sets, from ../shared/parsing"),
            (args.shared / "parsing" / "eval_fields.py", "the field scorer, from ../shared/parsing"))
    seen = set()
    for name in args.train.split(","):
        for line in open(tdir / f"{name}.jsonl", encoding="utf-8"):
            seen.add(" ".join(json.loads(line)["raw"].split()))
    # Same recipe as the shipped model (train_parser.py), synthetic strings drawn from the train sets only.
    train = train_parser.load_sets(tdir, args.train.split(","), args.synth, args.csl)
    test = []
    for name in args.test.split(","):
        for line in open(tdir / f"{name}.jsonl", encoding="utf-8"):
            rec = json.loads(line)
            if " ".join(rec["raw"].split()) not in seen:
                test.append(rec)
    with tempfile.TemporaryDirectory() as tmp:
        model = args.model or args.save or Path(tmp) / "model.crfsuite"
        if not args.model:
            start = time.perf_counter()
            params = {"max_iterations": args.iterations} if args.iterations else None
            crf.train(train, model, params)
            print(f"trained on {args.train} + {args.synth} generated + {args.csl} CSL-rendered: {len(train)} references "
                  f"in {time.perf_counter() - start:.0f}s")
        else:
            print(f"scoring {model} (trained on {args.train})")
        tagger = crf.Tagger(model)
        tagger_mod.default_tagger = lambda: tagger  # score the fresh model, not the shipped one
        results = tagger_mod.parse_references([r["raw"] for r in test])
        out_dir = args.dump or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        gold = out_dir / "gold.jsonl"
        pred = out_dir / "pred.jsonl"
        with open(gold, "w", encoding="utf-8") as g, open(pred, "w", encoding="utf-8") as p:
            for rec, (ref, _diags) in zip(test, results):
                g.write(json.dumps(rec, ensure_ascii=False) + "\n")
                p.write(json.dumps({"id": rec["id"], "fields": to_eval(ref)}, ensure_ascii=False) + "\n")
        print(f"test set {args.test}: {len(test)} references not in the training sets")
        out = subprocess.run([sys.executable, str(args.shared / "parsing" / "eval_fields.py"), str(gold), str(pred)],
                             capture_output=True, text=True, check=True)
        print(out.stdout, end="")
        if args.confidence:
            report_confidence(test, results, tagger, args.shared / "parsing" / "eval_fields.py")
        if args.heldout_csl and (args.shared / "bib" / "plume-all.bib").exists():
            import heldout_csl  # real entries in CSL styles no training set comes from: see its docstring

            print()
            heldout_csl.report(args.shared, model=f"the model trained on {args.train}")
    return 0


def report_confidence(test: list[dict], results: list, tagger, scorer: Path) -> None:
    """How well `parse --review` finds the wrongly parsed references: share flagged, and of the wrong ones caught."""
    import importlib.util

    from solicite.parse.confidence import field_confidence, lowest

    spec = importlib.util.spec_from_file_location("eval_fields", scorer)
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    rows = []
    for rec, (ref, _diags) in zip(test, results):
        pred = to_eval(ref)
        stats = ev.score([rec], {rec["id"]: {"fields": pred}}, ev.DEFAULT_FIELDS)[0]
        wrong = any(c["fp"] or c["fn"] for c in stats.values())  # the scorer's own reading of a wrong field
        low = lowest(field_confidence(rec["raw"], tagger))
        rows.append((low[1] if low else 1.0, wrong))
    n_wrong = sum(w for _, w in rows)
    print(f"\n--review on this set: {n_wrong} of {len(rows)} references have a wrong field")
    print("threshold  flagged  wrong among flagged  wrong ones caught")
    for threshold in (0.5, 0.7, 0.8, 0.9, 0.95, 0.99):
        flagged = [w for c, w in rows if c < threshold]
        print(f"{threshold:9}  {len(flagged) / len(rows):7.1%}  {sum(flagged) / max(len(flagged), 1):19.1%}  "
              f"{sum(flagged) / max(n_wrong, 1):17.1%}")


if __name__ == "__main__":
    raise SystemExit(main())
