"""The SQLite cache: reuse within max age, never keep transient outcomes, --offline, --no-cache."""

from __future__ import annotations

import uuid

from solicite.check import BROKEN, OK, SKIPPED, WARN, Link, check_links


def uid() -> str:
    return uuid.uuid4().hex[:10]


def test_second_run_answers_from_the_cache(server, make_options, tmp_path):
    name = uid()
    link = Link(server.url(f"/ok/{name}"))
    first = check_links([link], make_options()).results[0]
    second = check_links([link], make_options()).results[0]
    assert (first.verdict, first.cached) == (OK, False)
    assert (second.verdict, second.cached) == (OK, True)
    assert len(server.state.paths(f"/ok/{name}")) == 1
    assert (tmp_path / "cache" / "links.sqlite3").is_file()


def test_broken_verdicts_are_cached_too(server, make_options):
    link = Link(server.url(f"/status/404?{uid()}"))
    check_links([link], make_options(retries=0))
    again = check_links([link], make_options(retries=0)).results[0]
    assert (again.verdict, again.cached, again.status) == (BROKEN, True, 404)


def test_429_5xx_and_timeouts_are_never_cached(server, make_options):
    names = [uid(), uid(), uid()]
    links = [Link(server.url(f"/always429/{names[0]}?after=0")), Link(server.url(f"/flaky/{names[1]}?fail=99")),
             Link(server.url(f"/hang/{names[2]}"))]
    opts = dict(retries=0, timeout=0.3)
    first = check_links(links, make_options(**opts)).results
    assert [r.verdict for r in first] == [WARN, BROKEN, BROKEN]
    second = check_links(links, make_options(**opts)).results
    assert not any(r.cached for r in second)
    offline = check_links(links, make_options(offline=True)).results
    assert [r.verdict for r in offline] == [SKIPPED] * 3


def test_offline_uses_only_the_cache(server, make_options):
    cached, fresh = Link(server.url(f"/ok/{uid()}")), Link(server.url(f"/ok/{uid()}"))
    check_links([cached], make_options())
    before = len(server.state.hits)
    results = check_links([cached, fresh], make_options(offline=True)).results
    assert [(r.verdict, r.cached) for r in results] == [(OK, True), (SKIPPED, False)]
    assert "offline" in results[1].reason
    assert len(server.state.hits) == before


def test_no_cache_neither_reads_nor_writes(server, make_options, tmp_path):
    name = uid()
    link = Link(server.url(f"/ok/{name}"))
    check_links([link], make_options(use_cache=False))
    check_links([link], make_options(use_cache=False))
    assert len(server.state.paths(f"/ok/{name}")) == 2
    assert not (tmp_path / "cache").exists()


def test_entries_older_than_max_age_are_checked_again(server, make_options):
    name = uid()
    link = Link(server.url(f"/ok/{name}"))
    check_links([link], make_options())
    result = check_links([link], make_options(cache_max_age=0)).results[0]
    assert result.cached is False
    assert len(server.state.paths(f"/ok/{name}")) == 2


def test_soft_404_mode_does_not_reuse_plain_verdicts(server, make_options):
    link = Link(server.soft_url(f"/soft404/{uid()}"))
    assert check_links([link], make_options(soft_404=False)).results[0].verdict == OK
    assert check_links([link], make_options(soft_404=True)).results[0].verdict == WARN


def test_unusable_cache_directory_is_a_note_not_a_failure(server, make_options, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    report = check_links([Link(server.url("/ok"))], make_options(cache_dir=blocker / "sub"))
    assert report.results[0].verdict == OK
    assert report.notes and "cache" in report.notes[0]
