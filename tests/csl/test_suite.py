"""The CSL test suite (../shared/csl/test-suite/humans) against an explicit list of expected failures.

The list (tests/csl/expected_failures.txt) only shrinks: a listed fixture that now passes fails
this test until it is removed from the list, and an unlisted fixture that fails fails it too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from solicite.csl.suite import check, read_fixture

HERE = Path(__file__).resolve().parent


def _expected_failures() -> set[str]:
    lines = (HERE / "expected_failures.txt").read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}


@pytest.mark.corpus
def test_csl_suite_matches_expected_failures(shared_dir: Path) -> None:
    suite = shared_dir / "csl" / "test-suite" / "humans"
    paths = sorted(suite.glob("*.txt"))
    assert len(paths) > 800, f"expected the whole suite in {suite}"
    listed = _expected_failures()
    names = {p.stem for p in paths}
    assert not listed - names, f"listed fixtures that do not exist: {sorted(listed - names)[:10]}"
    new_failures, now_passing = [], []
    for path in paths:
        ok, got = check(read_fixture(path))
        if not ok and path.stem not in listed:
            new_failures.append(f"{path.stem}:\n{got[:300]}")
        if ok and path.stem in listed:
            now_passing.append(path.stem)
    assert not new_failures, f"{len(new_failures)} fixtures fail that are not on the list:\n" + \
        "\n".join(new_failures[:20])
    assert not now_passing, f"remove these from expected_failures.txt (they pass now): {now_passing}"
