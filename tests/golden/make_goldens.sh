#!/usr/bin/env bash
# Regenerate the oracle's expected outputs for corpus.bib (citeproc-js via citation-js, BibTeX read
# by pandoc: the oracle recommended in ../shared/oracle/README.md). Never run solicite here.
# usage: bash tests/golden/make_goldens.sh /work/oracle-build
# Afterwards apply the hand-reviewed corrections: python3 tests/golden/apply_review.py
set -euo pipefail
ORACLE="${1:?path to a built oracle (bash ../shared/oracle/setup.sh DIR)}"
HERE="$(cd "$(dirname "$0")" && pwd)"
declare -A CSL=([apa]=apa [mla]=modern-language-association [chicago]=chicago-author-date-17th-edition
                [ieee]=ieee [harvard]=harvard-cite-them-right [vancouver]=nlm-citation-sequence)
for style in "${!CSL[@]}"; do
  for fmt in text html; do
    node "$ORACLE/cjs_format.js" "$HERE/corpus.bib" "$ORACLE/styles/${CSL[$style]}.csl" "$fmt" \
      --reader pandoc --tsv > "$HERE/expected/oracle/$style.$fmt.tsv"
  done
done
for style in "${!CSL[@]}"; do
  for mode in cite narrative; do
    node "$ORACLE/cjs_format.js" "$HERE/corpus.bib" "$ORACLE/styles/${CSL[$style]}.csl" text --reader pandoc --tsv \
      --mode "$mode" > "$HERE/expected/oracle/$style.$mode.tsv"
  done
done
