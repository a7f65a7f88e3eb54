"""The README's test command is exactly what .ci/run runs, and it includes the static checks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_test_command() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lead = text.index("Run the tests")
    block = re.search(r"```sh\n(.*?)\n```", text[lead:], re.DOTALL)
    assert block is not None, "no sh block after 'Run the tests' in README.md"
    lines = block.group(1).strip().splitlines()
    assert len(lines) == 1, f"the README's test command must be one line, got {lines}"
    return lines[0]


def _ci_command() -> str:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line for line in lines if line.strip() and not line.startswith("#")
                and not line.startswith(("set ", "cd "))]
    assert len(commands) == 1, f".ci/run must run one command besides set and cd, got {commands}"
    return commands[0]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    assert _ci_command() == _readme_test_command()


def test_the_test_command_ends_with_ruff_and_mypy_on_src() -> None:
    steps = [s.strip() for s in _readme_test_command().split("&&")]
    assert steps[-3:] == [".venv/bin/python -m pytest", ".venv/bin/ruff check src", ".venv/bin/mypy src"]
