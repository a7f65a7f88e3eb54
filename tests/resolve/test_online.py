"""The real services (skipped unless pytest --online): our recordings still match what they answer."""

from __future__ import annotations

import pytest

from solicite.config import Settings
from solicite.resolve import fetch_identifier
from solicite.resolve.client import Client
from solicite.resolve.engine import resolve_entry
from solicite.resolve.settings import ResolveOptions
from .resolve_helpers import BAUDER2017, HAUSMAN, PAIK, make

pytestmark = pytest.mark.online


@pytest.fixture
def real(tmp_path):
    return Settings(tables={"resolve": {"cache_dir": str(tmp_path), "mailto": "solicite-tests@example.org"}})


def test_real_doi_content_negotiation(real):
    ref = fetch_identifier("10.1073/pnas.2014673117", real)
    assert ref.authors[0].family == "Hausman" and ref.year == "2020" and ref.get("volume") == "117"


def test_real_isbn(real):
    ref = fetch_identifier("isbn:9780520297883", real)
    assert ref.authors and ref.authors[0].family == "Paik"


@pytest.mark.parametrize("spec, doi", [(HAUSMAN, "10.1073/pnas.2014673117"), (BAUDER2017, "10.1111/imig.12261")])
def test_real_crossref_resolution(real, spec, doi):
    with Client(ResolveOptions.from_settings(real)) as c:
        out = resolve_entry(c, make(spec))
    assert out.status == "matched" and out.best.record.get("doi").lower() == doi


def test_real_open_library_book(real):
    with Client(ResolveOptions.from_settings(real)) as c:
        out = resolve_entry(c, make(PAIK))
    assert out.status == "matched" and "openlibrary.org/works/" in out.best.record.get("url")
