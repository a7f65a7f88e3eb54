"""The checker against a real loopback server: every endpoint gets the verdict a careful human would give."""

from __future__ import annotations

import time
import uuid

import pytest

from solicite.check import BROKEN, OK, REDIRECTED, SKIPPED, WARN, Link, check_links
from solicite.check.result import DOI


def one(server, make_options, path, host=1, **changes):
    """Check a single URL on the loopback server and return its LinkResult."""
    options = make_options(use_cache=False, **changes)
    report = check_links([Link(server.url(path, host), "doc.md", 3)], options)
    assert len(report.results) == 1
    return report.results[0]


def uid() -> str:
    return uuid.uuid4().hex[:10]


@pytest.mark.parametrize("code", [404, 410, 500])
def test_error_statuses_are_broken(server, make_options, code):
    r = one(server, make_options, f"/status/{code}", retries=0)
    assert (r.verdict, r.status) == (BROKEN, code)
    assert str(code) in r.reason


def test_200_is_ok_with_a_single_get(server, make_options):
    name = uid()
    r = one(server, make_options, f"/ok/{name}")
    assert (r.verdict, r.status, r.final_url) == (OK, 200, None)
    assert [m for _, m, p, _ in server.state.hits if p == f"/ok/{name}"] == ["GET"]


def test_200_is_ok_with_a_single_head_without_soft_404(server, make_options):
    name = uid()
    r = one(server, make_options, f"/ok/{name}", soft_404=False)
    assert (r.verdict, r.status, r.final_url) == (OK, 200, None)
    assert [m for _, m, p, _ in server.state.hits if p == f"/ok/{name}"] == ["HEAD"]


@pytest.mark.parametrize("hops", [1, 2, 7])
def test_permanent_redirect_chain_reports_final_url(server, make_options, hops):
    r = one(server, make_options, f"/redirect/{hops}/{uid()}?code=301")
    assert r.verdict == REDIRECTED
    assert r.permanent is True
    assert r.final_url == server.url("/ok")


def test_temporary_redirect_is_not_permanent(server, make_options):
    r = one(server, make_options, f"/redirect/2/{uid()}?code=302")
    assert (r.verdict, r.permanent, r.final_url) == (REDIRECTED, False, server.url("/ok"))


def test_chain_with_one_temporary_hop_is_temporary(server, make_options):
    r = one(server, make_options, f"/mixed-redirect/{uid()}")
    assert r.verdict == REDIRECTED and r.permanent is False


def test_redirect_chain_longer_than_the_limit_is_broken(server, make_options):
    r = one(server, make_options, f"/redirect/6/{uid()}?code=302", max_redirects=3)
    assert r.verdict == BROKEN
    assert "more than 3 redirects" in r.reason


def test_redirect_loop_is_detected(server, make_options):
    start = time.monotonic()
    r = one(server, make_options, "/loop/a")
    assert r.verdict == BROKEN and "loop" in r.reason
    assert time.monotonic() - start < 5


def test_cookie_check_redirect_is_not_a_loop(server, make_options):
    r = one(server, make_options, "/needs-cookie")
    assert r.verdict == OK


def test_retry_after_in_seconds_is_honoured_for_its_window(server, make_options):
    name = uid()
    start = time.monotonic()
    r = one(server, make_options, f"/ratelimit/{name}?window=1.2", retries=3)
    took = time.monotonic() - start
    assert r.verdict == OK
    assert took >= 1.0  # it waited for the window instead of hammering the server
    assert server.state.counters[name] <= 3


def test_retry_after_as_http_date_is_honoured(server, make_options):
    name = uid()
    start = time.monotonic()
    r = one(server, make_options, f"/ratelimit/{name}?window=1.0&date=1", retries=3)
    assert r.verdict == OK
    assert time.monotonic() - start >= 0.9


def test_persistent_429_is_a_warning_not_broken(server, make_options):
    name = uid()
    r = one(server, make_options, f"/always429/{name}?after=0", retries=2)
    assert (r.verdict, r.status) == (WARN, 429)
    assert server.state.counters[name] == 3  # first try plus two retries, and no GET fallback


def test_retry_after_is_capped(server, make_options):
    start = time.monotonic()
    r = one(server, make_options, f"/always429/{uid()}?after=3600", retries=1, retry_after_cap=0.2)
    assert r.verdict == WARN
    assert time.monotonic() - start < 3


def test_503_then_200_is_ok_after_a_retry(server, make_options):
    name = uid()
    r = one(server, make_options, f"/flaky/{name}?fail=1")
    assert (r.verdict, r.status) == (OK, 200)
    assert server.state.counters[name] == 2


def test_persistent_503_is_broken_after_the_retries(server, make_options):
    name = uid()
    r = one(server, make_options, f"/flaky/{name}?fail=99", retries=2)
    assert (r.verdict, r.status) == (BROKEN, 503)
    assert server.state.counters[name] == 3


def test_slow_answer_within_the_timeout_is_ok(server, make_options):
    assert one(server, make_options, "/slow?delay=0.3", timeout=2).verdict == OK


def test_answer_that_never_comes_times_out_in_bounded_time(server, make_options):
    start = time.monotonic()
    r = one(server, make_options, f"/hang/{uid()}", timeout=0.4, retries=1, backoff=0.05)
    took = time.monotonic() - start
    assert r.verdict == BROKEN and "timeout" in r.reason
    assert r.transient
    assert took < 3


def test_run_deadline_bounds_the_whole_run(server, make_options):
    links = [Link(server.url(f"/hang/{uid()}", 1 + i % 4)) for i in range(12)]
    options = make_options(use_cache=False, timeout=30, retries=5, deadline=1.0)
    start = time.monotonic()
    report = check_links(links, options)
    assert time.monotonic() - start < 5
    assert len(report.results) == 12
    assert all(r.verdict in (WARN, BROKEN) for r in report.results)


def test_head_405_falls_back_to_get(server, make_options):
    name = uid()
    r = one(server, make_options, f"/head405/{name}", soft_404=False)
    assert r.verdict == OK
    assert [m for _, m, p, _ in server.state.hits if p == f"/head405/{name}"] == ["HEAD", "GET"]


def test_server_closing_on_head_falls_back_to_get(server, make_options):
    assert one(server, make_options, f"/closes-on-head/{uid()}", retries=0, soft_404=False).verdict == OK


def test_large_body_is_never_downloaded(server, make_options):
    name = uid()
    # --soft-404 makes the checker GET the page: it must read a few KiB and hang up.
    r = one(server, make_options, f"/big/{name}", soft_404=True)
    assert r.verdict == OK
    time.sleep(0.2)
    sent = server.state.big_sent.get(name, 0)
    assert sent < 16 * 1024 * 1024, f"server pushed {sent} bytes of a 50 MB body"


def test_soft_404_is_a_warning_by_default(server, make_options):
    report = check_links([Link(server.soft_url(f"/gone/{uid()}"))], make_options(use_cache=False))
    r = report.results[0]
    assert r.verdict == WARN and "soft 404" in r.reason and "Page Not Found" in r.reason


def test_soft_404_is_not_looked_for_when_turned_off(server, make_options):
    report = check_links([Link(server.soft_url(f"/gone/{uid()}"))], make_options(use_cache=False, soft_404=False))
    assert report.results[0].verdict == OK


def test_not_found_wording_alone_is_not_a_soft_404(server, make_options):
    # The host answers 404 to addresses that do not exist, so its 200 pages are real.
    r = one(server, make_options, f"/soft404/{uid()}")
    assert r.verdict == OK


def test_real_pages_are_not_soft_404s(server, make_options):
    assert one(server, make_options, f"/ok/{uid()}", soft_404=True).verdict == OK


def test_403_that_lifts_for_a_browser_is_ok(server, make_options):
    name = uid()
    r = one(server, make_options, f"/botwall/{name}")
    assert r.verdict == OK
    agents = [h.get("User-Agent", "") for _, _, p, h in server.state.hits if p == f"/botwall/{name}"]
    assert agents[0].startswith("solicite/") and agents[-1].startswith("Mozilla/")


@pytest.mark.parametrize("path", ["/linkedin", "/cloudflare"])
def test_bot_walls_are_warnings_never_broken(server, make_options, path):
    r = one(server, make_options, f"{path}/{uid()}")
    assert r.verdict == WARN
    assert "bot protection" in r.reason


def test_unsupported_schemes_are_skipped_without_network(server, make_options):
    before = len(server.state.hits)
    urls = ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "data:text/plain,hi", "mailto:a@b.c"]
    report = check_links([Link(u) for u in urls], make_options(use_cache=False))
    assert [r.verdict for r in report.results] == [SKIPPED] * 5
    assert len(server.state.hits) == before


def test_credentials_are_not_sent_to_another_host_after_a_redirect(server, make_options):
    name = uid()
    target = server.url(f"/echo/{name}", host=2)
    base = server.base(1).replace("http://", "http://alice:secret@")
    report = check_links([Link(f"{base}/to-other-host/{name}?to={target}")], make_options(use_cache=False))
    assert report.results[0].verdict == REDIRECTED
    first = [h for host, _, p, h in server.state.hits if p.startswith(f"/to-other-host/{name}")]
    second = [h for host, _, p, h in server.state.hits if p == f"/echo/{name}"]
    assert first and "Authorization" in first[0]  # the original host did get them
    assert second and all("Authorization" not in h for h in second)


def test_user_agent_is_sent(server, make_options):
    name = uid()
    one(server, make_options, f"/ok/{name}", user_agent="my-checker/9")
    agents = [h.get("User-Agent") for _, _, p, h in server.state.hits if p == f"/ok/{name}"]
    assert agents == ["my-checker/9"]


def test_accept_ranges_change_the_verdict(server, make_options):
    r = one(server, make_options, "/status/404", accept=[(200, 299), (404, 404)])
    assert r.verdict == OK


def test_doi_found_with_the_handle_api_without_visiting_the_publisher(server, make_options):
    before = len(server.state.paths("/doi/"))
    report = check_links([Link("10.5555/good", kind=DOI), Link("10.5555/missing-" + uid(), kind=DOI)],
                         make_options(use_cache=False, retries=0))
    assert [r.verdict for r in report.results] == [OK, BROKEN]
    assert "not found" in report.results[1].reason.lower()
    assert len(server.state.paths("/doi/")) == before  # the resolver was never asked


def test_follow_doi_checks_the_landing_page(server, make_options):
    links = [Link("10.5555/good", kind=DOI), Link("10.5555/gone-landing", kind=DOI), Link("10.5555/walled", kind=DOI)]
    report = check_links(links, make_options(use_cache=False, retries=0, follow_doi=True))
    assert [r.verdict for r in report.results] == [OK, BROKEN, OK]
    assert "landing page" in report.results[1].reason
    assert server.state.paths("/doi/10.5555/good")


def test_results_come_back_in_input_order(server, make_options):
    delays = [0.3, 0.0, 0.2, 0.0, 0.1, 0.25, 0.0, 0.05]
    group = uid()
    urls = [server.url(f"/track/{group}?i={i}&delay={d}", 1 + i % 3) for i, d in enumerate(delays)]
    urls += [server.url("/status/404")]
    report = check_links([Link(u, "f.txt", n) for n, u in enumerate(urls, 1)], make_options(use_cache=False))
    assert [r.link.url for r in report.results] == urls
    assert [r.link.line for r in report.results] == list(range(1, len(urls) + 1))


def test_duplicate_links_are_fetched_once_and_reported_everywhere(server, make_options):
    name = uid()
    url = server.url(f"/ok/{name}")
    report = check_links([Link(url, "a.md", 1), Link(url, "b.md", 7)], make_options(use_cache=False))
    assert [(r.verdict, r.link.location) for r in report.results] == [(OK, "a.md:1"), (OK, "b.md:7")]
    assert len(server.state.paths(f"/ok/{name}")) == 1


def test_suggest_archive_reads_the_location_without_following_it(server, make_options):
    broken = server.url("/status/404")
    nocopy = server.url("/status/410?nocopy")
    report = check_links([Link(broken), Link(nocopy), Link(server.url("/ok"))],
                         make_options(use_cache=False, retries=0, suggest_archive=True))
    first, second, third = report.results
    assert first.archive_url == server.url(f"/web/20200101000000/{broken}")
    assert second.archive_url is None
    assert third.archive_url is None
    assert not server.state.paths("/web/2020")  # the copy itself was not fetched


def test_malformed_address_is_a_broken_value_not_an_exception(server, make_options):
    report = check_links([Link("http://[::1/x"), Link("http://127.0.0.1:99999/x")], make_options(use_cache=False))
    assert [r.verdict for r in report.results] == [BROKEN, BROKEN]
    assert all(r.reason for r in report.results)


def test_fragments_of_one_page_are_fetched_once(server, make_options):
    name = uid()
    url = server.url(f"/ok/{name}")
    report = check_links([Link(url + "#one"), Link(url + "#two")], make_options(use_cache=False))
    assert [r.verdict for r in report.results] == [OK, OK]
    assert [r.link.url for r in report.results] == [url + "#one", url + "#two"]
    assert len(server.state.paths(f"/ok/{name}")) == 1


def test_header_names_are_case_insensitive(server, make_options):
    r = one(server, make_options, f"/lower-redirect/{uid()}")
    assert (r.verdict, r.final_url) == (REDIRECTED, server.url("/ok"))


def test_proxy_from_the_environment_is_used_and_no_proxy_honoured(server, make_options, monkeypatch):
    # The loopback server on 127.0.0.3 doubles as a forward proxy: it answers absolute-URI requests.
    name, other = uid(), uid()
    monkeypatch.setenv("HTTP_PROXY", server.base(3))
    monkeypatch.setenv("NO_PROXY", "127.0.0.4")
    monkeypatch.delenv("no_proxy", raising=False)
    target, direct = server.url(f"/ok/{name}", host=2), server.url(f"/ok/{other}", host=4)
    report = check_links([Link(target), Link(direct)], make_options(use_cache=False))
    assert [r.verdict for r in report.results] == [OK, OK]
    hits = [(host, path) for host, _, path, _ in server.state.hits if name in path or other in path]
    # The two links are checked concurrently: the order of the hits is the scheduler's, not ours.
    assert sorted(hits) == [("127.0.0.3", target), ("127.0.0.4", f"/ok/{other}")]


def test_markdown_address_with_spaces_is_checked_whole(server, tmp_path, make_options):
    from solicite.check import links_in_file

    page = tmp_path / "notes.md"
    page.write_text(f"[r](<{server.url('/with space/report.pdf')}> \"the report\")\n")
    links = links_in_file(page)
    assert [l.url for l in links] == [server.url("/with%20space/report.pdf")]
    assert check_links(links, make_options(use_cache=False)).results[0].verdict == OK


def test_sici_doi_is_looked_up_whole(server, make_options):
    from solicite.check import links_in_text

    from .server import SICI_DOI

    links = links_in_text(f"doi: {SICI_DOI}\n")
    r = check_links(links, make_options(use_cache=False)).results[0]
    assert (r.link.kind, r.verdict) == (DOI, OK)


def test_url_with_balanced_parentheses_is_ok(server, make_options):
    from solicite.check import links_in_text

    links = links_in_text(f"(see {server.url('/wiki/Foo_(bar)')}).\n")
    assert check_links(links, make_options(use_cache=False)).results[0].verdict == OK


@pytest.mark.parametrize("path", ["/article-404/history", "/plain-short/x", "/small.pdf"])
def test_no_soft_404_false_positives_on_a_host_with_real_404s(server, make_options, path):
    assert one(server, make_options, path).verdict == OK


@pytest.mark.parametrize("path", ["/plain-short/x", "/small.pdf", "/ok/real"])
def test_no_soft_404_false_positives_on_a_host_that_answers_everything(server, make_options, path):
    # Only HTML is inspected, and a real page differs from the host's answer to a missing one.
    report = check_links([Link(server.soft_url(path))], make_options(use_cache=False))
    assert report.results[0].verdict == OK, report.results[0].reason


def test_german_soft_404_is_caught_by_the_probe(server, make_options):
    report = check_links([Link(server.soft_url(f"/artikel/{uid()}", "de"))], make_options(use_cache=False))
    r = report.results[0]
    assert r.verdict == WARN and "Seite nicht gefunden" in r.reason


def test_the_probe_is_sent_once_per_host(server, make_options):
    before = len([p for p in server.state.paths("/") if p.endswith("-solicite-probe")])
    links = [Link(server.soft_url(f"/gone/{uid()}", "de")) for _ in range(12)]
    report = check_links(links, make_options(use_cache=False))
    assert {r.verdict for r in report.results} == {WARN}
    probes = [p for p in server.state.paths("/") if p.endswith("-solicite-probe")]
    assert len(probes) - before == 1


def test_check_links_works_when_called_from_a_coroutine(server, make_options):
    # An application with its own event loop (a notebook, an async web app) calls the plain function.
    import asyncio

    async def inside() -> list[str]:
        report = check_links([Link(server.url(f"/ok/{uid()}")), Link(server.url(f"/status/404/{uid()}"))],
                             make_options(use_cache=False))
        return [r.verdict for r in report.results]

    assert asyncio.run(inside()) == [OK, BROKEN]
