"""Snapshots: the exporters' own output for the fixture set and data/references.bib, reviewed by hand when they change.

They are the code's output, not an outside reference: they catch unreviewed changes. What the
outputs mean is checked elsewhere against outside references (pandoc in test_export_pandoc.py,
Zotero's translator tables in test_export_zotero.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite import bibfile, registry
from solicite.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = [
    ("bibtex", "bib"),
    ("biblatex", "biblatex.bib"),
    ("csl-json", "csl.json"),
    ("ris", "ris"),
    ("zotero", "zotero.json"),
    ("zotero-bibtex", "zotero.bib"),
]


@pytest.mark.parametrize("fmt,suffix", SNAPSHOTS)
def test_fixture_exports_match_snapshots(export_data: Path, fmt: str, suffix: str) -> None:
    lib = bibfile.load(export_data / "fixtures.bib")
    got = registry.load("exporter", fmt).export(lib.references)
    assert got == (export_data / f"fixtures.snapshot.{suffix}").read_text(encoding="utf-8")


def test_cli_writes_the_same_as_the_exporter(export_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.ris"
    result = CliRunner().invoke(cli, ["--library", str(export_data / "fixtures.bib"), "export", "--to", "ris",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == (export_data / "fixtures.snapshot.ris").read_text(encoding="utf-8")


SNAPSHOT = ROOT / "tests" / "data" / "export" / "references"


@pytest.mark.parametrize("fmt,suffix", SNAPSHOTS)
def test_references_bib_exports_match_snapshots(fmt: str, suffix: str) -> None:
    """The show notes' library (a snapshot of data/references.bib, so that parser changes do not move it)."""
    lib = bibfile.load(SNAPSHOT / "references.bib")
    got = registry.load("exporter", fmt).export(lib.references)
    assert got == (SNAPSHOT / f"snapshot.{suffix}").read_text(encoding="utf-8")


@pytest.mark.skipif(not (ROOT / "data" / "references.bib").exists(), reason="data/references.bib is not there")
def test_current_references_bib_round_trips_through_csl_json_and_ris() -> None:
    """Whatever data/references.bib holds now: every entry exports and comes back the same (CSL reading)."""
    from solicite.export.csljson import from_csl, to_csl
    from solicite.export.ris import export_ris, read_ris

    refs = bibfile.load(ROOT / "data" / "references.bib").references
    assert refs
    for ref in refs:
        item = to_csl(ref)
        assert to_csl(from_csl(item)) == item, ref.key
    back = read_ris(export_ris(refs))
    assert [r.key for r in back] == [r.key for r in refs]


def test_snapshot_is_the_bundled_library() -> None:
    """The snapshots are of data/references.bib as it is: a change there means reviewing them again."""
    bundled = Path(__file__).resolve().parents[2] / "data" / "references.bib"
    assert (SNAPSHOT / "references.bib").read_bytes() == bundled.read_bytes(), (
        "data/references.bib changed: copy it to tests/data/export/references/, regenerate the snapshot files and "
        "review the diff by hand (tests/data/export/README.md)")
