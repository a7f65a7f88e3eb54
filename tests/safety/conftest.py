"""Helpers for the save-safety tests: real `solicite` processes on real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ENTRY = "@article{{{key},\n  author = {{Doe, Jane}},\n  title = {{Entry {key}}},\n  journal = {{J}},\n  year = {{2020}},\n}}\n"
BASE = ENTRY.format(key="first") + "\n" + ENTRY.format(key="second")


def solicite(*args: str, env: dict | None = None, input: str | None = None, timeout: float = 60,
             preexec=None) -> subprocess.CompletedProcess:
    """Run ``python -m solicite ARGS`` in a real process (no config from the user's folders)."""
    full_env = {**os.environ, "SOLICITE_CONFIG": os.devnull, "NO_COLOR": "1", **(env or {})}
    full_env.pop("SOLICITE_LIBRARY", None)
    return subprocess.run([sys.executable, "-m", "solicite", *args], capture_output=True, text=True, env=full_env,
                          input=input, timeout=timeout, preexec_fn=preexec)


def start(*args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.Popen:
    """Start ``python -m solicite ARGS`` without waiting for it."""
    full_env = {**os.environ, "SOLICITE_CONFIG": os.devnull, "NO_COLOR": "1", **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "solicite", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=full_env, stdin=subprocess.PIPE if stdin is not None else None)


def temp_files(folder: Path) -> list[str]:
    """Temporary files a save leaves in folder (there should be none)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".solicite-tmp") or p.name.endswith(".tmp"))


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A two-entry library in its own folder."""
    path = tmp_path / "lib.bib"
    path.write_text(BASE, encoding="utf-8")
    return path


@pytest.fixture
def entry_file(tmp_path: Path):
    """A function writing a one-entry .bib file with the given key; returns its path."""
    def make(key: str) -> Path:
        path = tmp_path / f"new-{key}.bib"
        path.write_text(ENTRY.format(key=key), encoding="utf-8")
        return path
    return make
