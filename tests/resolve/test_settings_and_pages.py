"""[resolve] options and the web-page metadata reader."""

from __future__ import annotations

from datetime import date

import pytest

from solicite.config import Settings
from solicite.errors import ConfigError
from solicite.resolve.page import parse_page
from solicite.resolve.settings import DEFAULT_URLS, ResolveOptions
from .resolve_helpers import DATA_DIR


def test_defaults_are_the_real_services():
    opts = ResolveOptions.from_settings(Settings())
    assert opts.url("crossref") == "https://api.crossref.org" and opts.url("doi") == DEFAULT_URLS["doi"]
    assert opts.net().rate_limits["https://api.crossref.org"] == 5.0


@pytest.mark.parametrize("table, message", [
    ({"crossref": "x"}, "unknown option 'crossref'"),
    ({"threshold": "high"}, "threshold must be a number"),
    ({"threshold": 1.5}, "threshold must be at most 1"),
    ({"rate_limits": {"google": 1}}, "unknown service 'google'"),
    ({"rate_limits": {"crossref": "fast"}}, "requests per second above 0"),
    ({"services": ["crossref", "bing"]}, "unknown service 'bing'"),
])
def test_bad_options_are_configuration_errors(table, message):
    with pytest.raises(ConfigError, match=message):
        ResolveOptions.from_settings(Settings(tables={"resolve": table}))


def test_integers_are_accepted_for_floats_and_urls_lose_trailing_slash():
    opts = ResolveOptions.from_settings(Settings(tables={"resolve": {"timeout": 5, "crossref_url": "http://127.0.0.1:1/cr/"}}))
    assert opts.timeout == 5.0 and opts.url("crossref") == "http://127.0.0.1:1/cr"


def test_highwire_beats_open_graph_and_keeps_every_author():
    html = (DATA_DIR / "page_highwire.html").read_text(encoding="utf-8").replace(
        '<meta name="citation_author" content="Bauder, Harald">',
        '<meta name="citation_author" content="Bauder, Harald"><meta name="citation_author" content="Landau, Loren">')
    ref, vocab = parse_page(html, "https://example.org/a")
    assert vocab == "highwire" and [p.family for p in ref.authors] == ["Bauder", "Landau"]


def test_broken_json_ld_falls_through_to_title():
    html = "<html><head><title>Fallback</title><script type='application/ld+json'>{broken</script></head></html>"
    ref, vocab = parse_page(html, "https://example.org/x", today=date(2024, 2, 13))
    assert vocab == "title" and ref.fields["title"] == "Fallback" and ref.fields["urldate"] == "2024-02-13"


def test_page_without_any_title_uses_the_host():
    ref, _ = parse_page("<html><body>hi</body></html>", "https://solidarity-city.eu/en/")
    assert ref.fields["title"] == "solidarity-city.eu"
