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
