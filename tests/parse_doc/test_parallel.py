"""Long inputs are tagged by forked workers; the result must be exactly the serial one."""

from __future__ import annotations

import os

import pytest

import solicite.parse as parse_mod
from solicite.parse import parse_text

LINES = [
    "Bauder, H. (2017). Sanctuary cities: Policies and practices in international perspective. International Migration, 55(2), 174-187.",
    "Hausman, D. K. (2020). Sanctuary policies reduce deportations without increasing crime. Proceedings of the National Academy of Sciences, 117(44), 27262-27267.",
    "Bagelman, J. (2016). Sanctuary city: A suspended state. Palgrave McMillan.",
    "H. Bauder and L. Landau, \"Why cities hold the key,\" World Economic Forum, 2018.",
]


_REAL = parse_mod._tag_default


def probe(batch):
    """Tag as the workers do, and say which process did it (module level: workers get it by name)."""
    out = _REAL(batch)
    out[0][1].append(parse_mod.Diagnostic("info", "pid", str(os.getpid())))
    return out


def summary(result):
    return [(r.type, r.fields, r.persons, r.line) for r in result.references]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the parallel path is never taken")
def test_parallel_tagging_matches_serial(monkeypatch) -> None:
    text = "\n".join(LINES[i % len(LINES)] + f" Note {i}." for i in range(2_100))
    monkeypatch.setattr(parse_mod.threading, "active_count", lambda: 1)  # pytest may hold threads
    monkeypatch.setattr(parse_mod, "_tag_default", probe)
    parallel = parse_text(text, one_per_line=True)
    pids = {d.message for d in parallel.diagnostics if d.code == "pid"}
    assert pids and str(os.getpid()) not in pids  # tagged in worker processes
    monkeypatch.setattr(parse_mod, "_PARALLEL_FROM", 10**9)
    serial = parse_text(text, one_per_line=True)
    assert summary(parallel) == summary(serial)
    assert len(parallel.references) == 2_100
