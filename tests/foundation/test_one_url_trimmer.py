"""One trimmer of the punctuation prose glues to a URL, for the parser and the link checker (hand-written cases)."""

from __future__ import annotations

import pytest

from solicite.check import extract
from solicite.parse import fields, noise
from solicite.urls import trim_url


@pytest.mark.parametrize("given, expected", [
    ("https://a.org/x).", "https://a.org/x"),  # a sentence's bracket and full stop
    ("https://a.org/x_(y)", "https://a.org/x_(y)"),  # Wikipedia's own parentheses stay
    ("https://a.org/q?a=1&b=2;", "https://a.org/q?a=1&b=2"),
    ("https://a.org/x\u2019\u201d.", "https://a.org/x"),  # closing quotes
    ("https://a.org/x>", "https://a.org/x"),  # "<https://a.org/x>"
    ("https://a.org/a[1]", "https://a.org/a[1]"),
    ("https://a.org/x]}", "https://a.org/x"),  # a BibTeX brace or a bracket it did not open
    ("https://a.org/x!?", "https://a.org/x"),
    ("", ""),
])
def test_trim_url(given: str, expected: str) -> None:
    assert trim_url(given) == expected


def test_the_parser_and_the_checker_share_it() -> None:
    assert extract.trim_url is trim_url and noise.trim_url is trim_url and fields.trim_url is trim_url
    # The parser's field reader trims as the checker does.
    assert fields.find_url("see https://a.org/x_(y)).") == "https://a.org/x_(y)"
    assert [link.url for link in extract.links_in_text("see https://a.org/x_(y)).")] == ["https://a.org/x_(y)"]
