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


# Fields as hostile as documents and servers can make them: a | in an address, markup, control
# characters, a newline, a lone surrogate from an undecodable file name.
HOSTILE = [
    LinkResult(Link("https://a.org/x|y?q=*b*", "docs/a|b.md", 3), BROKEN, status=404,
               reason="HTTP 404 | <script>alert(1)</script> `code` [x](y)\nnext"),
    LinkResult(Link("https://a.org/with space>", "n\x00ul\x1b.md", 4), WARN, reason="soft 404: same title as 'A|B'"),
    LinkResult(Link("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", "sur\udcff.md", 5, kind="doi"),
               BROKEN, reason="DOI not found"),
]


def _table_rows(markdown: str) -> list[list[str]]:
    # markdown-it-py (installed with rich) is an independent CommonMark/GFM reader.
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows, row, cell = [], None, None
    for t in tokens:
        if t.type == "tr_open":
            row = []
        elif t.type in ("td_open", "th_open"):
            cell = []
        elif t.type == "inline" and cell is not None:
            cell.append("".join(c.content for c in t.children if c.type in ("text", "code_inline")))
        elif t.type in ("td_close", "th_close"):
            row.append("".join(cell))
            cell = None
        elif t.type == "tr_close":
            rows.append(row)
    return rows


def test_markdown_rows_survive_every_field():
    rows = _table_rows(render("markdown", HOSTILE))
    assert rows[0] == ["Verdict", "Link", "Source", "Status", "Details"]
    assert all(len(r) == 5 for r in rows), rows
    by_verdict = {r[0]: r for r in rows[1:]}
    broken = [r for r in rows[1:] if r[0] == "broken"]
    assert broken[0][1] == "https://a.org/x|y?q=*b*"  # the autolink, whole
    assert broken[0][2] == "docs/a|b.md:3"
    assert "<script>alert(1)</script> `code` [x](y) next" in broken[0][4]
    assert by_verdict["warn"][1] == "https://a.org/with space>"
    assert broken[1][1].startswith("doi:10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>")


def test_markdown_autolink_keeps_a_pipe_in_the_address():
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(render("markdown", HOSTILE[:1]))
    assert 'href="https://a.org/x%7Cy?q=*b*"' in html


def test_junit_with_hostile_fields_is_well_formed_xml():
    from xml.dom import minidom  # expat, strict about characters XML 1.0 forbids

    text = render("junit", HOSTILE)
    minidom.parseString(text.encode("utf-8"))
    cases = ET.fromstring(text.encode("utf-8")).find("testsuite").findall("testcase")
    assert cases[0].get("name") == "https://a.org/x|y?q=*b*"
    assert "\n" not in cases[0].find("failure").get("message")


def test_json_with_hostile_fields_reads_back():
    text = render("json", HOSTILE)
    text.encode("utf-8")  # no lone surrogate left
    data = json.loads(text)
    assert data["links"][0]["url"] == "https://a.org/x|y?q=*b*"
    assert data["links"][0]["reason"].endswith("\nnext")  # JSON escapes newlines itself: kept as they are
    assert data["links"][1]["source"] == "n\x00ul\x1b.md:4"


def test_text_report_keeps_one_line_per_problem():
    lines = render("text", HOSTILE).splitlines()
    assert len(lines) == 4  # three problems and the summary


def test_junit_drops_the_noncharacters_xml_forbids():
    from xml.dom import minidom

    odd = [LinkResult(Link("https://a.org/\ufffe\uffff", "odd\uffff.md", 1), BROKEN, reason="HTTP 404 \ufffe")]
    minidom.parseString(render("junit", odd).encode("utf-8"))
