"""Crossref parents are found case-insensitively in O(1), also when a parent is missing.

A crossref to a key no entry has used to rebuild the case-folded index of every key on each
lookup: 43 such entries in the 100,000-entry benchmark cost 2.6 s.
"""

from __future__ import annotations

import time

from solicite import bibfile


def _library(n: int, *, missing: bool) -> bibfile.Library:
    parts = ["@proceedings{Parent, title = {Proceedings}, year = {2020}}"]
    for i in range(n):
        target = f"absent{i}" if missing else "parent"
        parts.append(f"@inproceedings{{e{i}, title = {{T{i}}}, crossref = {{{target}}}}}")
    return bibfile.loads("\n".join(parts))


def _cpu(n: int) -> float:
    lib = _library(n, missing=True)
    start = time.process_time()
    for ref in lib.iter_references():
        lib.with_crossref(ref)
    return time.process_time() - start


def test_missing_parents_cost_the_same_per_entry() -> None:
    _cpu(200)
    small, large = _cpu(2000), _cpu(8000)
    assert large < 8 * max(small, 0.005), (small, large)  # 4x expected; a rebuild per miss gives 16x


def test_a_parent_found_by_another_case_and_after_edits() -> None:
    lib = _library(3, missing=False)
    assert lib.with_crossref(lib["e0"]).fields["booktitle"] == "Proceedings"  # "parent" finds "Parent"
    lib.rename("Parent", "Host")
    assert lib.get_folded("parent") is None and lib.get_folded("HOST").key == "Host"
    lib.remove("Host")
    assert lib.get_folded("host") is None
    lib.add(bibfile.loads("@book{Parent, title = {Back}}").references[0])
    assert lib.get_folded("PARENT").fields["title"] == "Back"
