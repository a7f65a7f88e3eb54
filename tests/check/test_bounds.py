"""Every wait is bounded: total time per request, the run's deadline, per-host queues, odd servers."""

from __future__ import annotations

import time
import uuid

from solicite.check import BROKEN, OK, WARN, Link, check_links


def uid() -> str:
    return uuid.uuid4().hex[:10]


def timed(links, options):
    start = time.monotonic()
    report = check_links(links, options)
    return report, time.monotonic() - start


def test_a_header_block_that_never_ends_is_cut_at_the_request_time(server, make_options):
    # One byte a second never trips a per-read timeout: only a total time ends it.
    report, took = timed([Link(server.url(f"/trickle-headers/{uid()}"))],
                         make_options(use_cache=False, timeout=1.5, retries=0))
    r = report.results[0]
    assert r.verdict == BROKEN and "timeout" in r.reason, r
    assert took < 1.5 * 2 + 1.5  # GET, one retry of a timeout, and slack for a loaded machine


def test_the_deadline_holds_against_a_trickling_server(server, make_options):
    links = [Link(server.url(f"/trickle-headers/{uid()}", 1 + i % 3)) for i in range(6)]
    report, took = timed(links, make_options(use_cache=False, timeout=30, deadline=2.0))
    assert took < 2.0 + 1.0, took
    assert [r.verdict for r in report.results] == [WARN] * 6
    assert all(r.reason == "not checked: deadline" for r in report.results)


def test_waiting_for_a_host_slot_counts_against_the_deadline(server, make_options):
    # 40 silent links on one host, 2 at a time: most of them only ever wait in the queue.
    links = [Link(server.url(f"/hang/{uid()}", 5)) for _ in range(40)]
    report, took = timed(links, make_options(use_cache=False, timeout=30, deadline=2.0, max_per_host=2))
    assert took < 3.0, took
    assert len(report.results) == 40
    assert {r.verdict for r in report.results} == {WARN}


def test_links_not_checked_by_the_deadline_are_in_the_report(server, make_options):
    fine = [Link(server.url(f"/ok/{uid()}", 6)) for _ in range(3)]
    stuck = [Link(server.url(f"/hang/{uid()}", 7)) for _ in range(3)]
    report, took = timed(fine + stuck, make_options(use_cache=False, timeout=30, deadline=1.5))
    assert [r.link for r in report.results] == fine + stuck
    assert [r.verdict for r in report.results] == [OK] * 3 + [WARN] * 3


def test_soft_404_probe_respects_the_deadline(server, make_options):
    links = [Link(server.soft_url(f"/gone/{uid()}")), Link(server.url(f"/hang/{uid()}", 8))]
    report, took = timed(links, make_options(use_cache=False, timeout=30, deadline=1.5))
    assert took < 2.5
    assert report.results[0].verdict == WARN  # probed well within the deadline: a soft 404


def test_a_body_that_trickles_after_the_headers_is_ok(server, make_options):
    report, took = timed([Link(server.url(f"/trickle-body/{uid()}"))], make_options(use_cache=False, timeout=10))
    assert report.results[0].verdict == OK
    assert took < 5, took  # the status is known: the body gets a short wait, not the whole timeout


def test_http10_answer_without_length_on_an_open_socket_is_ok(server, make_options):
    report, took = timed([Link(server.url(f"/http10-open/{uid()}"))], make_options(use_cache=False, timeout=10))
    assert report.results[0].verdict == OK
    assert took < 5, took


def test_http10_answer_without_length_is_ok_with_head_too(server, make_options):
    report, took = timed([Link(server.url(f"/http10-open/{uid()}"))],
                         make_options(use_cache=False, timeout=10, soft_404=False))
    assert report.results[0].verdict == OK
    assert took < 5, took


def test_head_that_hangs_is_retried_once_with_get(server, make_options):
    name = uid()
    report, took = timed([Link(server.url(f"/head-hangs/{name}"))],
                         make_options(use_cache=False, timeout=1.0, soft_404=False))
    assert report.results[0].verdict == OK
    methods = [m for _, m, p, _ in server.state.hits if p == f"/head-hangs/{name}"]
    assert methods == ["HEAD", "GET"]
    assert took < 1.0 + 2.0


def test_head_reset_is_retried_once_with_get(server, make_options):
    name = uid()
    report = check_links([Link(server.url(f"/closes-on-head/{name}"))],
                         make_options(use_cache=False, soft_404=False, retries=0))
    assert report.results[0].verdict == OK
    assert [m for _, m, p, _ in server.state.hits if p == f"/closes-on-head/{name}"] == ["HEAD", "GET"]


def test_a_server_that_never_answers_costs_two_request_times(server, make_options):
    report, took = timed([Link(server.url(f"/hang/{uid()}"))], make_options(use_cache=False, timeout=0.5))
    assert report.results[0].verdict == BROKEN
    assert 0.9 < took < 0.5 * 2 + 1.5


def test_twenty_redirects_are_followed_by_default(server, make_options):
    options = make_options(use_cache=False)
    assert options.max_redirects == 20
    r = check_links([Link(server.url(f"/redirect/20/{uid()}?code=301"))], options).results[0]
    assert r.verdict == "redirected"
    r = check_links([Link(server.url(f"/redirect/21/{uid()}?code=301"))], options).results[0]
    assert r.verdict == BROKEN and "more than 20 redirects" in r.reason


def test_redirect_limit_is_configurable(server, make_options):
    r = check_links([Link(server.url(f"/redirect/4/{uid()}?code=301"))],
                    make_options(use_cache=False, max_redirects=3)).results[0]
    assert r.verdict == BROKEN and "more than 3 redirects" in r.reason


def test_the_deadline_counts_from_since(server, make_options):
    # The command line passes when its process started: time already spent counts against the run.
    links = [Link(server.url(f"/hang/{uid()}", 4)) for _ in range(3)]
    start = time.monotonic()
    report = check_links(links, make_options(use_cache=False, timeout=30, deadline=2.5), since=start - 1.5)
    took = time.monotonic() - start
    assert 0.8 < took < 1.0 + 0.9, took
    assert [r.reason for r in report.results] == ["not checked: deadline"] * 3


def test_the_console_script_ends_by_its_deadline_counted_from_its_start(server, tmp_path):
    # The whole process, imports and start-up included, against servers that never answer.
    import json
    import os
    import subprocess
    import sys

    page = tmp_path / "links.md"
    page.write_text("".join(f"<{server.url(f'/hang/{uid()}', 1 + i % 3)}>\n" for i in range(30)))
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "solicite", "check", str(page), "--deadline", "2s", "--format", "json"],
                          capture_output=True, text=True, env=dict(os.environ), timeout=30)
    took = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    # The interpreter's own start-up (before solicite runs) and exit are not counted: a loaded
    # machine (load 24) stretches them past a second, hence the slack.
    assert took < 2.0 + 2.0, took
    report = json.loads(done.stdout)
    assert {link["reason"] for link in report["links"]} == {"not checked: deadline"}
    # The checking itself got what start-up left of the 2 s (imports alone take more than 50 ms).
    assert report["summary"]["elapsed"] < 1.95, report["summary"]
