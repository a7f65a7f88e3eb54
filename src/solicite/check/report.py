"""Reports of a check as strings: JSON, JUnit XML, Markdown, GitHub Actions annotations, plain text.

The command line writes them to stdout or ``--output``; the rich table for terminals lives
in ``solicite.cli.check``. Every field is escaped for its format: addresses and reasons come
from documents and servers, and may hold ``|``, markup, newlines or control characters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from solicite.check.result import BROKEN, REDIRECTED, SKIPPED, URL, WARN, LinkResult, summarize

FORMATS = ("text", "json", "junit", "markdown", "github")


# Control characters, and the two noncharacters XML 1.0 forbids as well.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&#!~])")


def one_line(text: object) -> str:
    """The text on one line: control characters (and U+FFFE, U+FFFF) become spaces, lone surrogates U+FFFD."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", str(text)))


def _scrub(value):
    # Lone surrogates (from undecodable file names) cannot be written as UTF-8: replace them.
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def render(fmt: str, results: list[LinkResult], elapsed: float = 0.0) -> str:
    """The report in one of FORMATS, ending with a newline."""
    return {"text": to_text, "json": to_json, "junit": to_junit, "markdown": to_markdown,
            "github": to_github}[fmt](results, elapsed)


def summary(results: list[LinkResult], elapsed: float = 0.0) -> dict:
    """Counts per verdict, the total, and the run time in seconds."""
    out = summarize(results)
    out["elapsed"] = round(elapsed, 3)
    return out


def as_json(results: list[LinkResult], elapsed: float = 0.0) -> dict:
    """``{"links": [{url, verdict, status, reason, final_url, source}, ...], "summary": {...}}``."""
    return {"links": [r.as_dict() for r in results], "summary": summary(results, elapsed)}


def to_json(results: list[LinkResult], elapsed: float = 0.0) -> str:
    """The JSON report, indented."""
    return json.dumps(_scrub(as_json(results, elapsed)), indent=2, ensure_ascii=False) + "\n"


def describe(r: LinkResult) -> str:
    """One line for a result: the reason, the final URL of a redirect, an archived copy."""
    text = r.reason or r.verdict
    if r.final_url and r.verdict in (REDIRECTED, BROKEN, WARN):
        text += f" -> {r.final_url}"
    if r.archive_url:
        text += f" (archived copy: {r.archive_url})"
    return text


def to_text(results: list[LinkResult], elapsed: float = 0.0) -> str:
    """Plain lines ``source: verdict target: reason`` for problems and redirects, then a summary line."""
    lines = [one_line(f"{r.link.location or '-'}: {r.verdict} {r.link.target}: {describe(r)}")
             for r in results if r.verdict in (BROKEN, WARN, REDIRECTED)]
    lines.append(summary_line(results, elapsed))
    return "\n".join(lines) + "\n"


def summary_line(results: list[LinkResult], elapsed: float = 0.0) -> str:
    """``123 links: 100 ok, 5 redirected, 3 warn, 2 broken, 13 skipped (4.2 s)``."""
    s = summarize(results)
    parts = ", ".join(f"{s[v]} {v}" for v in ("ok", "redirected", "warn", "broken", "skipped"))
    return f"{s['total']} links: {parts} ({elapsed:.1f} s)"


def to_junit(results: list[LinkResult], elapsed: float = 0.0) -> str:
    """JUnit XML: one testcase per link; broken is a failure, skipped is skipped, warn goes in system-out."""
    s = summarize(results)
    suites = ET.Element("testsuites", name="solicite check", tests=str(s["total"]), failures=str(s["broken"]),
                        skipped=str(s["skipped"]), time=f"{elapsed:.3f}")
    suite = ET.SubElement(suites, "testsuite", name="links", tests=str(s["total"]), failures=str(s["broken"]),
                          errors="0", skipped=str(s["skipped"]), time=f"{elapsed:.3f}")
    x = one_line  # XML 1.0 has no place for control characters, even escaped; ElementTree escapes the rest
    for r in results:
        case = ET.SubElement(suite, "testcase", name=x(r.link.target), classname=x(r.link.location or "links"),
                             time=f"{r.elapsed:.3f}")
        if r.link.source:
            case.set("file", x(r.link.source))
            if r.link.line:
                case.set("line", str(r.link.line))
        if r.verdict == BROKEN:
            failure = ET.SubElement(case, "failure", message=x(describe(r)), type="broken")
            failure.text = x(f"{r.link.target} ({r.link.location}): {describe(r)}")
        elif r.verdict == SKIPPED:
            ET.SubElement(case, "skipped", message=x(r.reason))
        elif r.verdict in (WARN, REDIRECTED):
            ET.SubElement(case, "system-out").text = x(f"{r.verdict}: {describe(r)}")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _md(text: str) -> str:
    """Text for a Markdown table cell: one line, every character that could be markup escaped."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def _md_link(r: LinkResult) -> str:
    # An autolink when the address can be one (no space, < or >); a | in it is escaped for the
    # table (GFM splits cells before it reads autolinks). Anything else is escaped text.
    url = one_line(r.link.url)
    if r.link.kind == URL and not re.search(r"[\s<>]", url):
        return "<" + url.replace("|", "\\|") + ">"
    return _md(r.link.target)


def to_markdown(results: list[LinkResult], elapsed: float = 0.0) -> str:
    """A Markdown summary and a table of the problems and redirects (a job summary or a PR comment)."""
    out = ["## Link check", "", summary_line(results, elapsed), ""]
    rows = [r for r in results if r.verdict in (BROKEN, WARN, REDIRECTED)]
    if rows:
        out += ["| Verdict | Link | Source | Status | Details |", "|---|---|---|---|---|"]
        order = {BROKEN: 0, WARN: 1, REDIRECTED: 2}
        for r in sorted(rows, key=lambda r: order[r.verdict]):
            out.append(f"| {r.verdict} | {_md_link(r)} | {_md(r.link.location)} | {r.status or ''} | {_md(describe(r))} |")
    else:
        out.append("No broken links, warnings or redirects.")
    return "\n".join(out) + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def _gh_path(source: str) -> str:
    # GitHub attaches annotations to paths relative to the checkout (the working directory).
    path = Path(source)
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return source
    return path.as_posix()


def to_github(results: list[LinkResult], elapsed: float = 0.0) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...::`` per broken link, warnings too."""
    lines = []
    for r in results:
        if r.verdict == BROKEN:
            level, title = "error", "broken link"
        elif r.verdict == WARN:
            level, title = "warning", "link warning"
        elif r.verdict == REDIRECTED and r.permanent:
            level, title = "notice", "permanent redirect"
        else:
            continue
        props = []
        if r.link.source:
            props.append(f"file={_gh_prop(_gh_path(r.link.source))}")
            if r.link.line:
                props.append(f"line={r.link.line}")
        props.append(f"title={_gh_prop(title)}")
        lines.append(f"::{level} {','.join(props)}::{_gh_data(_SURROGATE.sub(chr(0xFFFD), r.link.target + ': ' + describe(r)))}")
    lines.append(summary_line(results, elapsed))
    return "\n".join(lines) + "\n"
