#!/usr/bin/env python3
"""Labelled training strings made from real BibTeX rendered by solicite's CSL engine in styles no held-out set uses.

Usage:  python bench/csl_train.py [--shared ../shared] [--n 3000] [--seed 14] [--out FILE.jsonl]

Entries come from ``../shared/bib/plume-all.bib`` (crossrefs resolved) and
``biblatex-examples.bib``, never one whose key bench/heldout_csl.py holds out
(:func:`heldout_csl.is_heldout`). Each is rendered by ``solicite.csl`` in one of
:data:`TRAIN_STYLES`, none of which is a held-out style (heldout_csl.STYLES) or a sibling of one.
Every token of the rendered string is labelled from the field its words came from (found
by matching the field's words, punctuation and case aside); a string with a word that no
field explains is dropped rather than guessed. Some strings get the noise of real lists
(PDF spacing around dots, a page range written short, the numbering dropped). The choice of
entries, styles and noise is seeded: the same inputs and seed give the same strings.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import heldout_csl  # noqa: E402
from solicite import bibfile  # noqa: E402
from solicite.codec import to_unicode  # noqa: E402
from solicite.parse.tokens import tokenize  # noqa: E402

TRAIN_STYLES = (
    "american-institute-of-physics", "american-medical-association", "american-physics-society",
    "american-sociological-association", "association-for-computing-machinery", "bmj", "cell", "elsevier-harvard",
    "elsevier-with-titles", "institute-of-physics-numeric", "royal-society-of-chemistry", "science",
    "springer-basic-author-date", "springer-lecture-notes-in-computer-science",
    "taylor-and-francis-chicago-author-date", "the-lancet",
)
assert not set(TRAIN_STYLES) & set(heldout_csl.STYLES)
SEED = 14
_NUMBERING = re.compile(r"^(?:\[\d+\]|\(\d+\)|\d+\.?)$")
_NAME_GLUE = {"and", "&", "et", "al", "al.", "others"}
_ROLE_WORDS = {"ed", "eds", "editor", "editors", "edited", "by", "in"}


def _norm(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    return re.sub(r"[\W_]+", "", "".join(c for c in word if not unicodedata.combining(c)).casefold())


def _find_run(norms: list[str], free: list[bool], value: str) -> tuple[int, int] | None:
    """The first run of free tokens whose words are the words of value (punctuation and case aside)."""
    want = [w for w in (_norm(x) for x in value.split()) if w]
    if not want:
        return None
    for i in range(len(norms)):
        j, k = i, 0
        while j < len(norms) and k < len(want) and free[j]:
            if not norms[j]:
                j += 1
                continue
            if norms[j] != want[k]:
                break
            j, k = j + 1, k + 1
        if k == len(want):
            return i, j
    return None


def _names(ref, role: str) -> set[str]:
    parts: set[str] = set()
    for p in ref.persons.get(role, []):
        for piece in (p.family, p.given, p.particle, p.suffix, p.literal):
            parts.update(_norm(w) for w in to_unicode(piece).replace("-", " ").split())
    return parts - {""}


def _label_names(norms, free, labels, parts: set[str], label: str, start: int = 0) -> None:
    first = next((i for i in range(start, len(norms)) if free[i] and norms[i] in parts), None)
    if first is None:
        return
    j = first
    while j < len(norms) and free[j] and (norms[j] in parts or norms[j] in _NAME_GLUE or not norms[j]
                                          or len(norms[j]) <= 2 and norms[j].isalpha()
                                          or label == "editor" and norms[j] in _ROLE_WORDS):
        j += 1
    for i in range(first, j):
        labels[i], free[i] = label, False


def label(ref, raw: str, kind_journal: bool) -> tuple[list[str], list[str]] | None:
    """Tokens of raw and a label for each from the entry's fields; None when a word has no source."""
    words = tokenize(raw)
    norms = [_norm(w) for w in words]
    labels = [""] * len(words)
    free = [True] * len(words)
    if words and _NUMBERING.match(words[0]):
        labels[0], free[0] = "citation-number", False
    f = {k: to_unicode(v) for k, v in ref.fields.items()}
    for name, value in (("url", f.get("url")), ("doi", f.get("doi"))):
        for i, w in enumerate(words):
            if value and free[i] and (_norm(value) in norms[i] and len(norms[i]) > 4 or name == "doi" and
                                      norms[i] == "doi" and i + 1 < len(words)):
                labels[i], free[i] = name, False
    _label_names(norms, free, labels, _names(ref, "author"), "author")
    container = f.get("journaltitle") or f.get("journal") or f.get("booktitle") or ""
    for name, value in (("title", f.get("title")), ("journal" if kind_journal else "container-title", container),
                        ("collection-title", f.get("series")), ("publisher", f.get("publisher") or
                                                                f.get("institution") or f.get("school")),
                        ("location", f.get("address") or f.get("location")), ("location", f.get("venue"))):
        run = _find_run(norms, free, value) if value else None
        if run:
            for i in range(*run):
                labels[i], free[i] = name, False
    _label_names(norms, free, labels, _names(ref, "editor"), "editor")
    years = {f.get("year", "")} | set(re.findall(r"\d{4}", f.get("date", "")))
    pages = set(re.findall(r"\d+", f.get("pages", "")))
    for i, w in enumerate(words):
        if not free[i]:
            continue
        digits = re.findall(r"\d+", w)
        if any(d in years for d in digits) or norms[i] in _MONTHS:
            labels[i] = "date"
        elif digits and set(digits) <= pages or norms[i] in ("p", "pp", "pages"):
            labels[i] = "pages"
        elif digits and set(digits) <= {f.get("volume", ""), f.get("number", ""), f.get("issue", "")} or \
                norms[i] in ("vol", "volume", "no", "issue"):
            labels[i] = "volume"
        elif norms[i] in ("ed", "edn", "edition") or f.get("edition") and norms[i] == _norm(f["edition"]):
            labels[i] = "edition"
    for i in range(len(words) - 1):
        if not labels[i] and norms[i] == "in" and labels[i + 1] in ("container-title", "journal", "editor"):
            labels[i] = labels[i + 1]  # "in Proceedings ...": the word that opens the container
    for i in range(len(words)):
        if not labels[i]:
            if norms[i]:
                return None  # a word no field explains: drop the string rather than guess
            labels[i] = labels[i - 1] if i else labels[i + 1] if i + 1 < len(labels) else "note"
    return words, labels


_MONTHS = {m for name in ("january february march april may june july august september october november december "
                          "jan feb mar apr jun jul aug sep sept oct nov dec").split() for m in [name]}


def _noise(words: list[str], labels: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """The noise of extracted lists: the numbering dropped, PDF spacing around dots, short page ranges."""
    if labels and labels[0] == "citation-number" and rng.random() < 0.5:
        words, labels = words[1:], labels[1:]
    out_w, out_l = [], []
    for w, lab in zip(words, labels):
        r = rng.random()
        if lab == "journal" and w.endswith(".") and r < 0.15:
            w = w[:-1] + " ."  # "Phys .Rev ." as PDF extraction spaces it
        elif lab == "pages" and r < 0.3:
            m = re.match(r"^(\d+)([-–])(\d+)(.*)$", w)
            if m and len(m.group(3)) == len(m.group(1)) > 2 and m.group(1)[:-2] == m.group(3)[:-2]:
                w = m.group(1) + m.group(2) + m.group(3)[-2:] + m.group(4)  # "211–236" written "211–36"
        for piece in w.split():
            out_w.append(piece)
            out_l.append(lab)
    return out_w, out_l


def generate(shared: Path, n: int, seed: int = SEED) -> list[tuple[list[str], list[str]]]:
    """Up to n labelled strings (tokens, labels), the same for the same inputs and seed."""
    from solicite.styles.csl import render_csl

    rng = random.Random(seed)
    refs = []
    for name in ("plume-all.bib", "biblatex-examples.bib"):
        lib = bibfile.load(shared / "bib" / name)
        refs.extend(lib.with_crossref(r) for r in lib.references)
    refs = [r for r in refs if not heldout_csl.is_heldout(r.key) and r.get("title") and (r.authors or r.editors)
            and r.type in heldout_csl.TYPES]
    refs.sort(key=lambda r: r.key)
    rng.shuffle(refs)
    out: list[tuple[list[str], list[str]]] = []
    per_style = max(1, n // len(TRAIN_STYLES))
    for k, style in enumerate(TRAIN_STYLES):
        chunk = refs[k * per_style * 2:(k + 1) * per_style * 2]  # twice as many: some strings are dropped
        entries, _problems = render_csl(chunk, style, "text")
        by_key = {r.key: r for r in chunk}
        made = 0
        for key, text in entries:
            raw = " ".join(text.split())
            labelled = label(by_key[key], raw, by_key[key].type == "article") if raw else None
            if labelled and made < per_style:
                out.append(_noise(*labelled, rng))
                made += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, help="write the strings as JSONL {words, labels} here")
    args = ap.parse_args()
    samples = generate(args.shared, args.n, args.seed)
    if args.out:
        args.out.write_text("".join(json.dumps({"words": w, "labels": lab}, ensure_ascii=False) + "\n"
                                    for w, lab in samples), encoding="utf-8")
    print(f"{len(samples)} labelled strings from {len(TRAIN_STYLES)} styles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
