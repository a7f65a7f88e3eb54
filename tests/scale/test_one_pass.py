"""An export reads each entry once: its diagnostics are gathered in the pass that writes the text.

The findings of that one pass must be exactly what the exporter's ``diagnostics(refs)`` finds
on its own (the general path), and the text exactly what ``export(refs)`` gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite import bibfile, registry
from solicite.bibfile.library import Library
from solicite.cli.main import cli
from solicite.export import export_pieces

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ["bibtex", "biblatex", "csl-json", "ris", "zotero", "zotero-bibtex"]
# Entries that give every kind of finding: a @set, fields no CSL variable holds, keywords (Zotero
# cannot tag them), an eprint without an archive, a crossref parent and child.
EXTRA = """
@set{both, entryset = {one,two}}
@book{one, author = {Doe, Jane}, title = {One}, year = {2020}, file = {one.pdf}, keywords = {a, b}}
@misc{two, title = {Two}, eprint = {1234}, lostlink = {x}, year = {2021}}
@proceedings{parent, title = {Proceedings}, year = {2019}, publisher = {P}}
@inproceedings{child, author = {Roe, R.}, title = {Child}, crossref = {parent}, venue = {Denver}}
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "lib.bib"
    path.write_text((ROOT / "data" / "references.bib").read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_pass_gives_the_text_and_findings_of_the_general_path(library: Path, fmt: str) -> None:
    exporter = registry.load("exporter", fmt)
    lib = bibfile.load(library)
    refs = lib.references if fmt in ("bibtex", "biblatex") else [lib.with_crossref(r) for r in lib.references]
    findings: list = []
    text = "".join(export_pieces(exporter, iter(refs), findings))
    assert text == exporter.export(refs)
    assert findings == exporter.diagnostics(refs)
    if fmt not in ("bibtex", "biblatex"):
        assert any(d.code == "set-skipped" for d in findings) and any(d.code == "cannot-carry" for d in findings)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_builds_each_entry_once(library: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    real = Library._build

    def counting(self, block):
        built.append(block.key)
        return real(self, block)

    monkeypatch.setattr(Library, "_build", counting)
    result = CliRunner().invoke(cli, ["--json", "--library", str(library), "export", "--to", fmt,
                                      "-o", str(library.with_suffix(".out"))])
    assert result.exit_code == 0, result.output
    entries = bibfile.load(library).keys()
    # Each entry once; a crossref parent may be built once more, when a child first asks for it.
    assert sorted(set(built)) == sorted(entries)
    assert len(built) <= len(entries) + 1, sorted(k for k in set(built) if built.count(k) > 1)
    report = json.loads(result.stdout)
    assert report["entries"] == len(entries) - (fmt not in ("bibtex", "biblatex"))  # the @set is skipped
