"""Every exporter over the real BibTeX of ../shared/bib (27,000 entries, 242 files): no crash, round trips hold."""

from __future__ import annotations

import pytest

from solicite import bibfile, registry
from solicite.export import without_sets
from solicite.export.csljson import from_csl, to_csl
from solicite.export.ris import export_ris, read_ris
from solicite.export.zotero import zotero_lint

pytestmark = pytest.mark.corpus


def test_exporters_and_csl_round_trip_over_the_corpus(shared_dir) -> None:
    files = sorted((shared_dir / "bib").rglob("*.bib"))
    assert files
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("_roundtrip", Path(__file__).with_name("test_export_roundtrip.py"))
    roundtrip = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(roundtrip)
    _ris_view = roundtrip._ris_view  # the RIS view the property test uses

    total, mismatches, crashes, ris_mismatches = 0, [], [], 0
    exporters = [registry.load("exporter", n) for n in registry.names("exporter")]
    for path in files:
        refs = bibfile.load(path, lenient=True).references
        total += len(refs)
        for exporter in exporters:
            try:
                exporter.export(refs)
            except Exception as exc:  # noqa: BLE001 - collect every crash, report them together
                crashes.append((path.name, exporter.name, repr(exc)))
        zotero_lint(refs)
        for ref in refs:
            item = to_csl(ref)
            if to_csl(from_csl(item)) != item:
                mismatches.append((path.name, ref.key))
        back = read_ris(export_ris(refs))
        refs = without_sets(refs)  # RIS has no entry sets: they are skipped with a warning
        assert [r.key for r in back] == [r.key for r in refs]
        ris_mismatches += sum(_ris_view(to_csl(a)) != _ris_view(to_csl(b)) for a, b in zip(refs, back))
    assert crashes == []
    # Left: TeX math beyond $x$, unknown accent commands (\~P), malformed name lists.
    # Measured 96 of 27,218 (main at a9a9795).
    assert len(mismatches) <= total * 0.005, mismatches[:20]
    # RIS also loses braced lower-case last names ({van Veldhoven} reads back with a particle) and
    # date ranges (only the start). Measured 357 of 27,218 (main at a9a9795).
    assert ris_mismatches <= total * 0.015
