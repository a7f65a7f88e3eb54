"""Golden files: the exports of the hand-reviewed fixture set (and of data/references.bib when present)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite import bibfile, registry
from solicite.cli.main import cli
from solicite.export.zotero import BIBTEX_EXPORTER

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = [
    ("bibtex", "bib"),
    ("biblatex", "biblatex.bib"),
    ("csl-json", "csl.json"),
    ("ris", "ris"),
    ("zotero", "zotero.json"),
]


@pytest.mark.parametrize("fmt,suffix", GOLDEN)
def test_fixture_exports_match_golden_files(export_data: Path, fmt: str, suffix: str) -> None:
    lib = bibfile.load(export_data / "fixtures.bib")
    got = registry.load("exporter", fmt).export(lib.references)
    assert got == (export_data / f"fixtures.expected.{suffix}").read_text(encoding="utf-8")


def test_fixture_zotero_bibtex_matches_golden_file(export_data: Path) -> None:
    lib = bibfile.load(export_data / "fixtures.bib")
    got = BIBTEX_EXPORTER.export(lib.references)
    assert got == (export_data / "fixtures.expected.zotero.bib").read_text(encoding="utf-8")


def test_cli_writes_the_same_as_the_exporter(export_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.ris"
    result = CliRunner().invoke(cli, ["--library", str(export_data / "fixtures.bib"), "export", "--to", "ris",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == (export_data / "fixtures.expected.ris").read_text(encoding="utf-8")


REFERENCES = ROOT / "data" / "references.bib"
GOLDEN_REFS = ROOT / "tests" / "data" / "export" / "references"


@pytest.mark.skipif(not (GOLDEN_REFS / "expected.csl.json").exists() or not REFERENCES.exists(),
                    reason="data/references.bib and its reviewed golden files are not there yet")
@pytest.mark.parametrize("fmt,suffix", GOLDEN)
def test_references_bib_exports_match_golden_files(fmt: str, suffix: str) -> None:
    lib = bibfile.load(REFERENCES)
    got = registry.load("exporter", fmt).export(lib.references)
    assert got == (GOLDEN_REFS / f"expected.{suffix}").read_text(encoding="utf-8")
