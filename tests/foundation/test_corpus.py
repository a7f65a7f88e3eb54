"""Corpus-wide checks over ../shared/bib (skipped when ../shared is not beside the checkout)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from solicite import bibfile
from solicite.errors import SoliciteError
from solicite.model import Person, split_names

SHARED_BIB = Path(__file__).resolve().parents[3] / "shared" / "bib"
FILES = sorted(SHARED_BIB.rglob("*.bib")) if SHARED_BIB.is_dir() else []
# Files that give a clean error instead of loading, and why (see tests/data/README.md).
EXPECTED_ERRORS: dict[str, str] = {}


@pytest.mark.corpus
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SHARED_BIB)))
def test_every_file_round_trips_or_fails_cleanly(path: Path, tmp_path: Path) -> None:
    original = path.read_bytes()
    try:
        lib = bibfile.load(path, allow_duplicates=True)
    except SoliciteError as exc:
        assert exc.line and exc.path == str(path), str(exc)
        assert path.name in EXPECTED_ERRORS, f"unexpected clean error: {exc}"
        return
    lib.save(tmp_path / "out.bib")
    assert (tmp_path / "out.bib").read_bytes() == original
    lib.references  # every entry builds a Reference


@pytest.mark.corpus
def test_fast_name_path_agrees_with_pybtex_on_corpus_names() -> None:
    from pybtex.database import Person as PybtexPerson

    names: set[str] = set()
    for path in FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r'(?im)^\s*(?:author|editor)\s*=\s*[{"](.*?)[}"],?\s*$', text):
            names.update(n for n in split_names(m.group(1)) if "{" not in n and "\\" not in n)
    assert len(names) > 10_000
    mismatches = []
    for name in sorted(names):
        p = PybtexPerson(name)
        ours = Person.from_bibtex(name)
        expected = (" ".join(p.last_names), " ".join(p.first_names + p.middle_names), " ".join(p.prelast_names), " ".join(p.lineage_names))
        if (ours.family, ours.given, ours.particle, ours.suffix) != expected:
            mismatches.append(name)
    assert mismatches == []


@pytest.mark.corpus
def test_adding_to_plume_all_changes_no_existing_line(tmp_path: Path) -> None:
    import difflib
    import shutil

    from click.testing import CliRunner

    from solicite.cli.main import cli

    copy = tmp_path / "copy-of-plume-all.bib"
    shutil.copy(SHARED_BIB / "plume-all.bib", copy)
    copy.chmod(0o644)  # ../shared is read-only, and solicite refuses to save over a read-only file
    new = tmp_path / "new.bib"
    new.write_text("@article{bauder2017sanctuary,\n  author = {Bauder, Harald},\n  title = {Sanctuary cities},\n"
                   "  journal = {International Migration}, year = {2017}}\n")
    result = CliRunner().invoke(cli, ["--library", str(copy), "add", str(new)])
    assert result.exit_code == 0, result.output
    before = (SHARED_BIB / "plume-all.bib").read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    after = copy.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    diff = [d for d in difflib.unified_diff(before, after, lineterm="", n=0) if d[:1] in "+-" and d[:3] not in ("+++", "---")]
    assert diff and all(d.startswith("+") for d in diff)
