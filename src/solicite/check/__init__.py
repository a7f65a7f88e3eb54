"""Check links: find them in libraries and documents, judge each one, report the verdicts.

The stage's public API::

    from solicite.check import CheckOptions, check_links, links_in_file, links_in_references
    report = check_links(links, CheckOptions(timeout=5))
    for result in report.results:  # LinkResult, in input order
        print(result.verdict, result.url, result.reason)

Verdicts are ``ok``, ``redirected``, ``warn``, ``broken`` and ``skipped``: values, never
exceptions. This package never prints and never imports click or rich.
"""

from __future__ import annotations

from solicite.check.extract import links_in_file, links_in_html, links_in_markdown, links_in_references, links_in_text
from solicite.check.options import CheckOptions, parse_accept, parse_duration
from solicite.check.result import (BROKEN, OK, REDIRECTED, SKIPPED, VERDICTS, WARN, Link, LinkResult,
                                   summarize)
from solicite.check.run import Report, check_links

__all__ = [
    "BROKEN", "OK", "REDIRECTED", "SKIPPED", "VERDICTS", "WARN", "CheckOptions", "Link", "LinkResult", "Report",
    "check_links", "links_in_file", "links_in_html", "links_in_markdown", "links_in_references", "links_in_text",
    "parse_accept", "parse_duration", "summarize",
]
