"""Parsing the seed reproduces data/references.bib, which was produced by `solicite parse` and checked by hand.

The review is described in tests/data/parse_doc/README.md. This test uses the real tagger:
any change in the parser that changes an entry must be reviewed against the seed again.
"""

from __future__ import annotations

import re

from click.testing import CliRunner

from solicite import bibfile
from solicite.cli.main import cli

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "parse_doc"
ROOT = Path(__file__).resolve().parent.parent.parent

LIBRARY = ROOT / "data" / "references.bib"


def test_seed_reproduces_the_library_exactly():
    result = CliRunner().invoke(cli, ["parse", str(DATA / "show-notes.txt")])
    assert result.exit_code == 0, result.output
    assert result.stdout == LIBRARY.read_text(encoding="utf-8")


def test_library_shape_against_the_seed():
    lib = bibfile.load(LIBRARY)
    refs = lib.references
    assert len(refs) == 41
    sections = [r.text("keywords") for r in refs]
    assert list(dict.fromkeys(sections)) == ["Project Page", "Donate or Get Involved!", "Media & Blogs",
                                             "Reports and Policy", "Books & Book Chapters", "Scholarly Articles"]
    assert [sections.count(s) for s in dict.fromkeys(sections)] == [1, 6, 12, 3, 5, 14]
    seed = (DATA / "show-notes.txt").read_text(encoding="utf-8")
    # Nothing invented: the seed has no URL and no DOI, so neither has the library.
    assert not any(r.get("url") or r.get("doi") for r in refs)
    # Typos stay as written.
    assert "adn what does that mean" in lib["hogan2024exactly"].get("title")
    assert lib["bagelman2016sanctuary"].get("publisher") == "Palgrave McMillan"
    # Every title is in the seed word for word, once the markers and the spaces they left are gone.
    flat = re.sub(r"\s*\((?:external link|PDF file)\)\s*", " ", seed)
    flat = re.sub(r"\s+([?.,])", r"\1", " ".join(flat.split()))
    for ref in refs:
        assert ref.text("title") in flat, ref.key
    # Every seed line of the list with a link marker gives an entry with lostlink, and only those.
    listed = seed[seed.index("Show notes"):seed.index("\nTranscript\n")]
    marked = [ln for ln in listed.splitlines() if re.search(r"\((?:external link|PDF file)\)", ln)]
    assert sum(1 for r in refs if r.get("lostlink")) == len(marked) == 37
    assert [r.text("title") for r in refs if not r.get("lostlink")] == [
        "Soli*City - Urban Sanctuary, Migrant Solidarity and Hospitality in Global Perspective", "Soli*City Blog",
        "Sanctuary city: A suspended state",
        "Bans, walls, raids, sanctuary: Understanding US immigration for the twenty-first century"]
