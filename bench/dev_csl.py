#!/usr/bin/env python3
"""A development set for parser rules: real entries rendered in styles neither trained on nor held out.

Usage:  python bench/dev_csl.py [--shared ../shared] [--entries 12] [--dump DIR]

Rules are written while looking at this set's failures, never at bench/heldout_csl.py's: the
entries are ones the held-out set does NOT use (``not heldout_csl.is_heldout(key)``, so some were
rendered for training in other styles), and the styles are in neither
``heldout_csl.STYLES`` nor ``csl_train.TRAIN_STYLES``. Scored per style like the held-out set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _inputs import require  # bench/ is on sys.path when a script runs

import csl_train
import heldout_csl

DEV_STYLES = ("american-mathematical-society-numeric", "american-anthropological-association", "angewandte-chemie",
              "annual-reviews-author-date", "cambridge-university-press-numeric", "iso690-author-date-en",
              "spie-journals", "frontiers")
assert not set(DEV_STYLES) & (set(heldout_csl.STYLES) | set(csl_train.TRAIN_STYLES))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=heldout_csl.ROOT.parent / "shared")
    ap.add_argument("--entries", type=int, default=12, help="entries per type (8 types)")
    ap.add_argument("--dump", type=Path, help="write gold/pred JSONL here for inspection")
    args = ap.parse_args()
    require((args.shared / "bib" / "plume-all.bib", "real BibTeX entries, from ../shared/bib"),
            (args.shared / "parsing" / "eval_fields.py", "the field scorer, from ../shared/parsing"))
    # The held-out set's machinery with the other half of the entries and other styles.
    held = heldout_csl.is_heldout
    heldout_csl.is_heldout = lambda key: not held(key)
    heldout_csl.STYLES = DEV_STYLES
    heldout_csl.report(args.shared, args.entries, args.dump, model="development set (not held out), shipped model")
    return 0


if __name__ == "__main__":
    sys.exit(main())
