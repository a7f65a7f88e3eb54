"""Every command's time grows linearly with the number of entries (n against 4n: a quadratic step shows as 16x).

The libraries are built from the bundled data/references.bib, each copy with its own keys and
titles (so that no cache hides the per-entry work) and some entries pointing by crossref at
another copy. CPU time of this process is measured, not wall time, so that other jobs on the
machine move the figures less; the ratio allowed (8x for 4x the entries) is generous on purpose.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite import bibfile
from solicite.bibfile import format_entry
from solicite.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = 8.0  # 4x the entries: linear is about 4x, quadratic about 16x


def build_library(path: Path, n: int) -> Path:
    """Write n entries: copies of data/references.bib with suffixed keys, varied titles, and crossrefs."""
    seeds = [r for r in bibfile.load(ROOT / "data" / "references.bib").references if "crossref" not in r.fields]
    parts = []
    for i in range(n):
        ref = seeds[i % len(seeds)].copy()
        copy = i // len(seeds)
        ref.key = f"{ref.key}_r{copy}"
        ref.fields["title"] = f"{ref.fields.get('title', 'Untitled')} part {i}"
        if i % 10 == 9:  # points at the first entry of its copy, which `keys` renames
            ref.fields["crossref"] = f"{seeds[0].key}_r{copy}"
        parts.append(format_entry(ref))
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def cpu_seconds(tmp_path: Path, args: list[str], n: int) -> float:
    """CPU time of one run of the command on a fresh n-entry library (the best of three runs).

    Three runs and a collection before each: a cycle-collector pass or a busy neighbour can
    double one short run, which a quadratic command never escapes in all three.
    """
    best = float("inf")
    for _ in range(3):
        lib = build_library(tmp_path / f"lib-{n}.bib", n)
        gc.collect()
        start = time.process_time()
        result = CliRunner().invoke(cli, ["-q", "--library", str(lib), *args])
        best = min(best, time.process_time() - start)
        assert result.exit_code in (0, 1), result.output
        assert result.output.strip()  # the command did its work
    return best


COMMANDS = [
    (["--json", "list"], 500),
    (["list"], 500),
    (["lint"], 500),
    (["format"], 500),
    (["export", "--to", "bibtex"], 500),
    (["export", "--to", "biblatex"], 500),
    (["export", "--to", "csl-json"], 500),
    (["export", "--to", "ris"], 500),
    (["export", "--to", "zotero"], 500),
    (["export", "--to", "zotero", "--bibtex"], 500),
    (["keys", "--dry-run"], 2000),
    (["keys"], 2000),
]


@pytest.mark.parametrize("args,n", COMMANDS, ids=[" ".join(a) for a, _ in COMMANDS])
def test_command_is_linear(tmp_path: Path, args: list[str], n: int) -> None:
    cpu_seconds(tmp_path, args, 50)  # imports and first-use caches are paid here, not in the ratio
    small = cpu_seconds(tmp_path, args, n)
    large = cpu_seconds(tmp_path, args, 4 * n)
    assert large / small < ALLOWED, f"{n} entries: {small:.2f} s, {4 * n}: {large:.2f} s ({large / small:.1f}x)"


def test_keys_renames_crossrefs_to_renamed_entries(tmp_path: Path) -> None:
    lib = build_library(tmp_path / "lib.bib", 60)
    result = CliRunner().invoke(cli, ["-q", "--library", str(lib), "keys"])
    assert result.exit_code == 0, result.output
    again = bibfile.load(lib)
    children = [r for r in again.references if "crossref" in r.fields]
    assert children and all(r.fields["crossref"] in again for r in children)


ONE_REFERENCE = ("Bauder, H. (2017). Sanctuary cities: Policies and practices in international perspective. "
                 "International Migration, 55(2), 174-187. ")


def _parse_one_line(tmp_path: Path, size: int) -> tuple[float, str, str]:
    page = tmp_path / f"one-line-{size}.txt"
    text = (ONE_REFERENCE * (size // len(ONE_REFERENCE) + 1))[:size]
    page.write_text(text + "\n", encoding="utf-8")
    start = time.process_time()
    result = CliRunner().invoke(cli, ["parse", str(page)])
    return time.process_time() - start, text, result.stdout


def test_parse_of_one_huge_line_is_linear_and_keeps_the_text(tmp_path: Path) -> None:
    _parse_one_line(tmp_path, 1000)  # the model is loaded here
    small, _, _ = _parse_one_line(tmp_path, 150_000)
    large, text, out = _parse_one_line(tmp_path, 600_000)
    assert large / small < ALLOWED, f"150 kB: {small:.2f} s, 600 kB: {large:.2f} s"
    [entry] = bibfile.loads(out).references
    assert entry.type == "misc" and entry.fields["note"].split() == text.split()  # nothing lost


def test_no_string_longer_than_a_reference_reaches_the_tagger() -> None:
    # Tagging holds features for every token: its memory is what made a 5.9 MB line take 2.5 GB.
    from solicite.parse import LONGEST_REFERENCE, parse_text

    seen: list[int] = []

    def tagger(texts):
        seen.extend(len(t) for t in texts)
        return [(bibfile.loads("@misc{k, title = {T}}").references[0], []) for _ in texts]

    huge = ONE_REFERENCE * (3 * LONGEST_REFERENCE // len(ONE_REFERENCE))
    result = parse_text(huge + "\n\n" + ONE_REFERENCE + "\n", tagger=tagger)
    assert seen and max(seen) <= LONGEST_REFERENCE
    assert [r.type for r in result.references] == ["misc", "misc"]
    assert result.references[0].fields["note"].split() == huge.split()
    assert any("too many for one reference" in d.message for d in result.diagnostics)


CROSSREF_SHAPES = """@string{pm = "parent"}

@proceedings{parent, title = {The parent}, year = 2020}

@inproceedings{braced, crossref = { parent }, title = {A}}
@inproceedings{quoted, title = {B}, CROSSREF = "parent", pages = {1--2}}
@inproceedings{macro, crossref = pm, title = {C}}
@inproceedings{both, crossref = {parent}, xref = {parent}, title = {D}}
@inproceedings(paren, XRef = {parent}, title = {E})
@inproceedings{nested, crossref = {parent}, title = {F {\\"u} {{G}}}}
"""


def test_renamed_crossrefs_read_as_a_fresh_scan_reads_them() -> None:
    # A child whose crossref is rewritten is rebuilt without a scan when the value is plain
    # (Library._repointed): its blocks must be what scanning the new text gives, and a second
    # rename must find it again under the new key. A crossref through a macro, or a crossref
    # and an xref naming the same parent, made `keys` loop for ever (the child was listed
    # again under the key being renamed while that list was walked).
    lib = bibfile.loads(CROSSREF_SHAPES)
    lib.rename("parent", "p2020")
    lib.rename("p2020", "p2020b")
    text = lib.dumps()
    assert text == CROSSREF_SHAPES_RENAMED  # written by hand
    fresh = bibfile.loads(text)
    for mine, scanned in zip(lib.blocks(), fresh.blocks(), strict=True):
        assert (mine.kind, mine.raw, mine.key, mine.key_offset, mine.fields) == \
               (scanned.kind, scanned.raw, scanned.key, scanned.key_offset, scanned.fields)
    assert {r.key: r.fields for r in lib.references} == {r.key: r.fields for r in fresh.references}
    lib.rename("p2020b", "parent")
    assert lib.dumps().count("p2020b") == 0


CROSSREF_SHAPES_RENAMED = """@string{pm = "parent"}

@proceedings{p2020b, title = {The parent}, year = 2020}

@inproceedings{braced, crossref = { p2020b }, title = {A}}
@inproceedings{quoted, title = {B}, CROSSREF = "p2020b", pages = {1--2}}
@inproceedings{macro, crossref = {p2020b}, title = {C}}
@inproceedings{both, crossref = {p2020b}, xref = {p2020b}, title = {D}}
@inproceedings(paren, XRef = {p2020b}, title = {E})
@inproceedings{nested, crossref = {p2020b}, title = {F {\\"u} {{G}}}}
"""
