"""Build tests/golden/expected/*.tsv from the oracle's output plus the hand review (review.tsv).

Run after make_goldens.sh; it never runs solicite. HTML is stored in canonical form: <i> kept,
other tags dropped, entities decoded (URLs are plain text in the oracle's HTML).
Rules applied to every file, each a documented oracle-vs-manual difference (README.md):
dotless i + combining acute -> í; narrative APA citations join two authors with "and".
"""

import html
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*>")


def canon_html(s: str) -> str:
    s = TAG.sub(lambda m: f"<{m.group(1)}i>" if m.group(2).lower() in ("i", "em")
                else " " if m.group(2).lower() == "div" else "", s)
    s = html.unescape(s)
    s = re.sub(r"</i>(\s*)<i>", r"\1", s)
    return " ".join(s.split())


def main() -> None:
    review: dict[tuple[str, str, str], str] = {}
    for line in (HERE / "review.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        style, fmt, key, expected, _reason = line.split("\t")
        review[(style, fmt, key)] = canon_html(expected) if fmt == "html" else expected
    for src in sorted((HERE / "expected" / "oracle").glob("*.tsv")):
        style, fmt = src.stem.split(".")
        rows = []
        for line in src.read_text(encoding="utf-8").splitlines():
            key, value = line.split("\t", 1)
            value = value.replace("\u0131\u0301", "\u00ed")
            if fmt == "html":
                value = canon_html(value)
            if fmt == "narrative" and style == "apa":
                value = value.replace(" & ", " and ")
            value = review.get((style, fmt, key), value)
            rows.append(f"{key}\t{value}\n")
        (HERE / "expected" / f"{style}.{fmt}.tsv").write_text("".join(rows), encoding="utf-8")


if __name__ == "__main__":
    main()
