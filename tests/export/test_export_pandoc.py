"""Cross-check of the CSL-JSON export against an independent reader: pandoc's BibTeX -> CSL-JSON.

Runs where pandoc is found: the PANDOC environment variable, the PATH, or the pandoc that the
test extra's pypandoc_binary package ships.
Conventions that differ on purpose are left out: pandoc turns English titles into sentence case,
makes a short title from the part before a colon, writes "van der" as a dropping particle, and
has no type for @podcast or @misc; solicite keeps titles as written with nocase spans.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from solicite import bibfile
from solicite.export.csljson import to_csl

def _find_pandoc() -> str | None:
    found = os.environ.get("PANDOC") or shutil.which("pandoc")
    if found:
        return found
    try:  # the test extra installs pypandoc_binary, which ships pandoc itself
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


PANDOC = _find_pandoc()
pytestmark = pytest.mark.skipif(not PANDOC, reason="pandoc is not installed")

COMPARED = ("volume", "issue", "page", "DOI", "URL", "ISBN", "publisher-place", "issued", "accessed", "edition",
            "genre", "number", "note", "keyword", "version", "event-place")
TITLES = ("title", "container-title", "collection-title")
SAME_TYPES = {"article-journal", "book", "chapter", "paper-conference", "thesis", "report", "dataset", "manuscript"}


def _fold(value: str) -> str:
    return re.sub(r"[\W_]+", "", re.sub(r"<[^>]+>", "", value)).casefold()


def _names(names: list[dict]) -> list[tuple]:
    return [(n.get("literal", ""), n.get("family", ""), n.get("given", ""), n.get("suffix", ""),
             n.get("non-dropping-particle", "") or n.get("dropping-particle", "")) for n in names]


@pytest.mark.parametrize("name", ["fixtures.bib", "references/references.bib"])
def test_csl_export_agrees_with_pandoc(export_data: Path, name: str) -> None:
    path = export_data / name
    out = subprocess.run([PANDOC, "-f", "bibtex", "-t", "csljson", str(path)], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    theirs = {item["id"]: item for item in json.loads(out)}
    disagreements = []
    for ref in bibfile.load(path).references:
        ours, other = to_csl(ref), theirs[ref.key]
        if ours["type"] in SAME_TYPES and ours["type"] != other["type"]:
            disagreements.append((ref.key, "type", ours["type"], other["type"]))
        for var in COMPARED:
            if var in ours and var in other and ours[var] != other[var]:
                disagreements.append((ref.key, var, ours[var], other[var]))
        for var in TITLES:
            if var in ours and var in other and _fold(ours[var]) != _fold(other[var]):
                disagreements.append((ref.key, var, ours[var], other[var]))
        for var in ("author", "editor"):
            if _names(ours.get(var, [])) != _names(other.get(var, [])):
                disagreements.append((ref.key, var, ours.get(var), other.get(var)))
    assert disagreements == []


BIBLATEX = r"""
@book{tolstoy, author = {Tolstoy, Leo}, title = {Krieg und Frieden}, langid = {ngerman}, volumes = {4},
  origdate = {1869}, origpublisher = {The Russian Messenger}, origlocation = {Moscow}, publisher = {Insel},
  date = {1982}}
@inproceedings{conf, author = {Doe, Jane}, title = {A Paper}, booktitle = {Proceedings},
  booksubtitle = {The Subtitle}, eventdate = {2020-05-01/2020-05-03}, date = {2020}}
@article{arx, author = {Roe, Richard}, title = {Attention}, journaltitle = {Journal},
  journalsubtitle = {Of Things}, eprint = {2101.00001}, eprinttype = {arxiv}, date = {2021}}
@incollection{vol, author = {Poe, Edgar}, title = {Chapter}, booktitle = {Volume Two}, maintitle = {Collected Works},
  date = {1990}}
"""
BIBLATEX_VARS = ("number-of-volumes", "original-date", "original-publisher", "original-publisher-place",
                 "event-date", "URL")


def _pandoc_csl(text: str) -> dict[str, dict]:
    out = subprocess.run([PANDOC, "-f", "biblatex", "-t", "csljson"], input=text, capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return {item["id"]: item for item in json.loads(out)}


def test_biblatex_fields_agree_with_pandoc(tmp_path: Path) -> None:
    """volumes, orig*, eventdate, eprint, container subtitles and maintitle read as pandoc's BibLaTeX reader does."""
    (tmp_path / "b.bib").write_text(BIBLATEX, encoding="utf-8")
    theirs = _pandoc_csl(BIBLATEX)
    checked = 0
    for ref in bibfile.load(tmp_path / "b.bib").references:
        ours, other = to_csl(ref), theirs[ref.key]
        for var in BIBLATEX_VARS:
            assert ours.get(var) == other.get(var), (ref.key, var)
            checked += var in ours
        for var in ("container-title", "volume-title"):
            assert _fold(ours.get(var, "")) == _fold(other.get(var, "")), (ref.key, var)
    assert checked == 6


def test_langid_names_agree_with_pandoc_on_the_language() -> None:
    """Our BCP 47 tag for each babel name has the language pandoc gives it (pandoc adds a region: de-DE)."""
    from solicite.language import BABEL_TO_BCP47

    theirs = _pandoc_csl("".join(f"@book{{{n}, title = {{T}}, langid = {{{n}}}}}\n" for n in BABEL_TO_BCP47))
    known = {n: item["language"] for n, item in theirs.items() if item.get("language", n) != n}
    assert len(known) >= 45
    assert {n: BABEL_TO_BCP47[n].split("-")[0] for n in known} == {n: tag.split("-")[0] for n, tag in known.items()}
