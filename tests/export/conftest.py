"""Fixtures for the export tests: the hand-reviewed fixture set and its golden files."""

from __future__ import annotations

from pathlib import Path

import pytest

EXPORT_DATA = Path(__file__).resolve().parent.parent / "data" / "export"


@pytest.fixture
def export_data() -> Path:
    """tests/data/export: the fixture library and the golden files reviewed by hand."""
    return EXPORT_DATA
