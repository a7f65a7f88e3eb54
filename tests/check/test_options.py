"""Option parsing: status ranges, durations, the [check] settings table, include/exclude rules."""

from __future__ import annotations

import pytest

from solicite.check.http import retry_after
from solicite.check.options import CheckOptions, parse_accept, parse_duration
from solicite.errors import ConfigError, UsageError


def test_parse_accept():
    assert parse_accept("200..299,403") == [(200, 299), (403, 403)]
    assert parse_accept(" 200 ..= 204 , 999") == [(200, 204), (999, 999)]
    for bad in ("", "200-299", "299..200", "abc", "20"):
        with pytest.raises(UsageError):
            parse_accept(bad)


def test_parse_duration():
    assert [parse_duration(t) for t in ("30", "30s", "5m", "12h", "1d", "2w", "1.5s")] == [
        30, 30, 300, 43200, 86400, 1209600, 1.5]
    with pytest.raises(UsageError):
        parse_duration("soon")


def test_settings_table_with_dashes_and_strings():
    options = CheckOptions.from_settings({"max-per-host": 4, "accept": "200..299,403", "cache-max-age": "2h",
                                          "doi_api": "http://127.0.0.1:1/api/"}, retries=None, timeout=3.0)
    assert (options.max_per_host, options.accept, options.cache_max_age) == (4, [(200, 299), (403, 403)], 7200)
    assert options.doi_api == "http://127.0.0.1:1/api/"
    assert options.timeout == 3.0 and options.retries == 2  # None overrides keep the default


def test_bad_settings_are_config_errors():
    with pytest.raises(ConfigError):
        CheckOptions.from_settings({"max-per-hots": 4})
    with pytest.raises(ConfigError):
        CheckOptions.from_settings({"accept": "lots"})


def test_include_wins_over_exclude():
    options = CheckOptions(include=[r"example\.org/keep"], exclude=[r"example\.org"])
    assert not options.excluded("https://example.org/keep/1")
    assert options.excluded("https://example.org/drop")
    assert options.excluded("https://other.org/")  # an --include list leaves out everything else
    assert not CheckOptions(exclude=["x"]).excluded("https://other.org/")


def test_retry_after_forms():
    assert retry_after("5") == 5
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 10) == pytest.approx(10)
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 + 99) == 0
    assert retry_after("soon") is None and retry_after(None) is None


def test_user_agent_matches_the_rest_of_solicite():
    from solicite.check.options import USER_AGENT
    from solicite.net import USER_AGENT as NET_USER_AGENT

    assert USER_AGENT == NET_USER_AGENT
    assert CheckOptions().user_agent == USER_AGENT
