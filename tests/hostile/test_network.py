"""Bounded network work in resolve, enrich and add: size caps, total time, redirects, offline.

Every server here is a loopback server the test starts itself.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite.cli.main import cli
from solicite.resolve.client import Client
from solicite.resolve.settings import ResolveOptions


def _client(tmp_path: Path, **options) -> Client:
    base = dict(cache_dir=tmp_path, retries=0, cache_days=0.0, timeout=1.5)
    return Client(ResolveOptions(**{**base, **options}))


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_a_dripping_answer_is_cut_at_the_total_time(server: str, tmp_path: Path, path: str) -> None:
    start = time.monotonic()
    with _client(tmp_path) as client:
        got = client.get(server + path)
    took = time.monotonic() - start
    assert not got.ok and "within 1.5 s" in got.error, got
    assert took < 4, took  # a read timeout alone would wait for every byte (100,000 x 0.2 s)


def test_a_huge_body_is_not_read(server: str, tmp_path: Path) -> None:
    with _client(tmp_path, max_api_bytes=64 * 1024, max_page_bytes=256 * 1024) as client:
        got = client.get(server + "/huge")  # not a configured service: a page, 256 KiB cap
    assert not got.ok and "larger than 256 KiB" in got.error, got


def test_a_redirect_loop_stops_with_a_clear_message(server: str, tmp_path: Path) -> None:
    with _client(tmp_path, max_redirects=5) as client:
        got = client.get(server + "/loop")
    assert got.error.endswith("more than 5 redirects; not followed"), got


def test_the_run_deadline_holds(server: str, tmp_path: Path) -> None:
    with _client(tmp_path, deadline=0.5) as client:
        assert client.get(server + "/ok").ok
        time.sleep(0.6)
        got = client.get(server + "/ok")
    assert "deadline" in got.error, got


def test_a_normal_answer_still_reads(server: str, tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        got = client.get(server + "/ok")
    assert got.ok and got.data == {"ok": True}


LIBRARY = "".join(
    f"@article{{e{i},\n  author = {{Doe, Jane}},\n  title = {{A title number {i}}},\n  journal = {{J}},\n  year = {{2020}},\n}}\n"
    for i in range(12))


@pytest.fixture
def offline_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Every service on a name that cannot exist (RFC 2606 .invalid): what a machine without DNS sees.
    toml = "[resolve]\nretries = 2\n" + "".join(
        f'{s}_url = "http://{s}.solicite-test.invalid"\n'
        for s in ("crossref", "openalex", "openlibrary", "wikidata", "datacite", "doi"))
    (tmp_path / "solicite.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "lib.bib").write_text(LIBRARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOLICITE_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("SOLICITE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "lib.bib"


def test_resolve_offline_stops_early_with_one_line_and_exit_4(offline_project: Path) -> None:
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["--library", str(offline_project), "resolve"])
    took = time.monotonic() - start
    assert result.exit_code == 4, result.output
    errors = [ln for ln in result.output.splitlines() if ln.startswith("solicite: error:")]
    assert len(errors) == 1 and "offline: no DNS" in errors[0], result.output
    assert "ConnectionPool" not in result.output and "Traceback" not in result.output
    assert took < 30, took


def test_add_doi_offline_is_one_clean_line(offline_project: Path) -> None:
    result = CliRunner().invoke(cli, ["--library", str(offline_project), "add", "10.1000/182"])
    assert result.exit_code == 4, result.output
    assert result.output.startswith("solicite: error:") and "host not found (DNS)" in result.output, result.output
    assert "ConnectionPool" not in result.output and "NameResolutionError" not in result.output
