"""Fixtures for the formatter tests: the golden corpus loaded once."""

from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@pytest.fixture(scope="session")
def corpus():
    from solicite import bibfile

    return bibfile.load(GOLDEN / "corpus.bib")
