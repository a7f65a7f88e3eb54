"""Report formats, checked by parsing them back with independent readers (json, ElementTree)."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from solicite.check.report import render
from solicite.check.result import BROKEN, OK, REDIRECTED, SKIPPED, WARN, Link, LinkResult

RESULTS = [
    LinkResult(Link("https://a.org/ok", "notes.md", 2), OK, status=200),
    LinkResult(Link("https://a.org/gone", "notes.md", 5), BROKEN, status=404, reason="HTTP 404"),
    LinkResult(Link("https://a.org/old", "lib.bib", 9, key="k1", field="url"), REDIRECTED, status=200,
               final_url="https://a.org/new", permanent=True, reason="permanent redirect (1 hop)"),
    LinkResult(Link("https://in.example/x", "lib.bib", 12), WARN, status=999, reason="blocked by bot protection (HTTP 999)"),
    LinkResult(Link("ftp://a.org/f", "notes.md", 7), SKIPPED, reason="unsupported scheme ftp:"),
    LinkResult(Link("https://a.org/50%, a:b", "odd,name.md", 1), BROKEN, status=500, reason="line\nbreak"),
]


def test_json_shape():
    data = json.loads(render("json", RESULTS, 1.5))
    assert list(data) == ["links", "summary"]
    first = data["links"][1]
    assert {k: first[k] for k in ("url", "verdict", "status", "reason", "final_url", "source")} == {
        "url": "https://a.org/gone", "verdict": "broken", "status": 404, "reason": "HTTP 404",
        "final_url": None, "source": "notes.md:5"}
    assert data["links"][2]["permanent"] is True
    assert data["summary"] == {"ok": 1, "redirected": 1, "warn": 1, "broken": 2, "skipped": 1, "total": 6,
                               "elapsed": 1.5}


def test_junit_parses_and_counts():
    root = ET.fromstring(render("junit", RESULTS).encode("utf-8"))
    suite = root.find("testsuite")
    assert suite.get("tests") == "6" and suite.get("failures") == "2" and suite.get("skipped") == "1"
    cases = suite.findall("testcase")
    assert len(cases) == 6
    assert cases[1].find("failure").get("message") == "HTTP 404"
    assert cases[1].get("file") == "notes.md" and cases[1].get("line") == "5"
    assert cases[4].find("skipped") is not None
    assert cases[0].find("failure") is None


def test_github_annotations_are_escaped():
    lines = render("github", RESULTS).splitlines()
    assert lines[0] == "::error file=notes.md,line=5,title=broken link::https://a.org/gone: HTTP 404"
    assert lines[1].startswith("::notice file=lib.bib,line=9,title=permanent redirect::https://a.org/old")
    assert lines[2].startswith("::warning file=lib.bib,line=12,")
    # properties escape , and :, data escapes % and newlines
    assert lines[3] == "::error file=odd%2Cname.md,line=1,title=broken link::https://a.org/50%25, a:b: line%0Abreak"
    assert lines[-1].startswith("6 links:")


def test_markdown_table_lists_problems_first():
    text = render("markdown", RESULTS)
    rows = [l for l in text.splitlines() if l.startswith("| ") and not l.startswith("| Verdict")]
    assert [r.split("|")[1].strip() for r in rows] == ["broken", "broken", "warn", "redirected"]
    assert "line break" in text


def test_text_report_names_file_and_line():
    text = render("text", RESULTS)
    assert "notes.md:5: broken https://a.org/gone: HTTP 404" in text
    assert "ok https://a.org/ok" not in text


def test_terminal_table_lists_problems_only():
    import io

    from rich.console import Console

    from solicite.cli.check import _table
    from solicite.cli.context import Env
    from solicite.config import Settings

    env = Env(settings=Settings(), library_path=None)
    env._console = Console(file=io.StringIO(), width=200, no_color=True)
    _table(env, RESULTS, show_all=False)
    out = env._console.file.getvalue()
    assert "notes.md:5" in out and "HTTP 404" in out and "bot protection" in out
    assert "https://a.org/ok" not in out and "ftp://a.org/f" not in out


def test_github_paths_are_relative_to_the_checkout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = LinkResult(Link("https://a.org/x", str(tmp_path / "docs" / "refs.bib"), 4), BROKEN, reason="HTTP 404")
    assert render("github", [result]).splitlines()[0].startswith("::error file=docs/refs.bib,line=4,")
