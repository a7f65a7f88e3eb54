"""Shared pytest set-up: the ``online`` and ``corpus`` markers, and paths to test data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--online", action="store_true", help="run tests that need the internet")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_online = pytest.mark.skip(reason="needs the internet: run with --online")
    skip_corpus = pytest.mark.skip(reason=f"corpus test: {SHARED} is not there")
    for item in items:
        if "online" in item.keywords and not config.getoption("--online"):
            item.add_marker(skip_online)
        if "corpus" in item.keywords and not SHARED.is_dir():
            item.add_marker(skip_corpus)


@pytest.fixture
def data_dir() -> Path:
    """tests/data: small fixtures that ship with the repository."""
    return DATA


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the checkout (corpus tests only; they are skipped without it)."""
    return SHARED
