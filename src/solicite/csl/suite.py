"""The CSL test suite's fixtures: reading them, running them, and printing the suite's HTML-ish output."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from solicite.csl.cluster import assign_positions
from solicite.csl.output import Display, Normal
from solicite.csl.processor import Processor
from solicite.csl.style import parse_style
from solicite.richtext import (Bold, Italic, Link, NoCase, Node, Quoted, SmallCaps, Subscript, Superscript,
                               Underline)

_SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n<<=+ \1 =+<<", re.S)


@dataclass
class Fixture:
    """One test of the suite: its mode, expected result, style, items and cites."""

    name: str
    mode: str
    result: str
    csl: str
    items: list
    citation_items: list | None = None
    citations: list | None = None
    extra: dict = field(default_factory=dict)


def read_fixture(path: Path) -> Fixture:
    """A fixture from its ``.txt`` file."""
    text = path.read_text(encoding="utf-8")
    sections = {m.group(1): m.group(2) for m in _SECTION.finditer(text)}
    return Fixture(
        name=path.stem, mode=sections.get("MODE", "").strip(), result=sections.get("RESULT", ""),
        csl=sections.get("CSL", ""), items=json.loads(sections.get("INPUT", "[]")),
        citation_items=json.loads(sections["CITATION-ITEMS"]) if "CITATION-ITEMS" in sections else None,
        citations=json.loads(sections["CITATIONS"]) if "CITATIONS" in sections else None)


class SuiteFormat:
    """Renders a rich-text tree as the suite expects: <i>, <b>, small-caps spans, locale quotes."""

    def __init__(self, locale) -> None:
        t = locale.term
        self.quotes = ((t("open-quote") or "\u201c", t("close-quote") or "\u201d"),
                       (t("open-inner-quote") or "\u2018", t("close-inner-quote") or "\u2019"))

    def render(self, part) -> str:
        out: list[str] = []
        self._walk(part, out, {"quote": 0, "i": 0, "b": 0, "sc": 0})
        return "".join(out)

    def _walk(self, part, out, state) -> None:
        if isinstance(part, str):
            out.append(part.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;"))
            return
        if isinstance(part, list):
            for p in part:
                self._walk(p, out, state)
            return
        if isinstance(part, Quoted):
            o, c = self.quotes[state["quote"] % 2]
            out.append(o)
            state["quote"] += 1
            self._walk(part.children, out, state)
            state["quote"] -= 1
            out.append(c)
            return
        tag = None
        flip = None
        if isinstance(part, Italic):
            flip, tag = "i", ("<i>", "</i>") if state["i"] % 2 == 0 else \
                ('<span style="font-style:normal;">', "</span>")
        elif isinstance(part, Bold):
            flip, tag = "b", ("<b>", "</b>") if state["b"] % 2 == 0 else \
                ('<span style="font-weight:normal;">', "</span>")
        elif isinstance(part, SmallCaps):
            flip, tag = "sc", ('<span style="font-variant:small-caps;">', "</span>") if state["sc"] % 2 == 0 \
                else ('<span style="font-variant:normal;">', "</span>")
        elif isinstance(part, Superscript):
            tag = ("<sup>", "</sup>")
        elif isinstance(part, Subscript):
            tag = ("<sub>", "</sub>")
        elif isinstance(part, Underline):
            tag = ('<span style="text-decoration:underline;">', "</span>")
        elif isinstance(part, Normal):
            tag = (f'<span style="{part.feature}:normal;">', "</span>")
        elif isinstance(part, Display):
            tag = (f'<div class="csl-{part.kind}">', "</div>")
        if tag is None or (isinstance(part, (NoCase, Link))):
            self._walk(part.children if isinstance(part, Node) else part, out, state)
            return
        out.append(tag[0])
        if flip:
            state[flip] += 1
        self._walk(part.children, out, state)
        if flip:
            state[flip] -= 1
        out.append(tag[1])


def run_fixture(fx: Fixture) -> str:
    """The fixture's output as the suite prints it."""
    style = parse_style(fx.csl)
    proc = Processor(style, fx.items)
    fmt = SuiteFormat(style.locale)
    if fx.citations is not None:
        clusters, notes, ids = _from_citations(fx.citations)
    elif fx.citation_items is not None:
        clusters = [[dict(c) for c in cl] for cl in fx.citation_items]
        notes = list(range(1, len(clusters) + 1))
        ids = None
    else:
        clusters = [[{"id": str(i["id"])} for i in fx.items]]
        notes = [1]
        ids = None
    for cl in clusters:
        for c in cl:
            c["id"] = str(c["id"])
    assign_positions(clusters, notes, int(style.citation.options.get("near-note-distance", 5)))
    proc.register(clusters)
    if fx.mode.startswith("bibliography"):
        entries = proc.bibliography()
        lines = ['<div class="csl-bib-body">']
        for e in entries:
            body = fmt.render(e)
            if "<div" in body:
                body = body.replace('<div class="csl-left-margin">', '\n    <div class="csl-left-margin">')
                body = body.replace('<div class="csl-block">', '\n    <div class="csl-block">')
                lines.append(f'  <div class="csl-entry">{body}\n  </div>')
            else:
                lines.append(f'  <div class="csl-entry">{body}</div>')
        lines.append("</div>")
        return "\n".join(lines)
    outs = [fmt.render(proc.citation(cl)) for cl in clusters]
    if ids is None:
        return "\n".join(outs)
    last = len(outs) - 1
    return "\n".join(f"{'>>' if i == last else '..'}[{i}] {o}" for i, o in enumerate(outs))


def _from_citations(citations: list):
    order: list[str] = []
    by_id: dict = {}
    for entry in citations:
        cit = entry[0]
        cid = cit.get("citationID") or str(len(order))
        if cid not in by_id:
            order.append(cid)
        by_id[cid] = cit
    clusters = [[dict(c) for c in by_id[cid].get("citationItems", [])] for cid in order]
    notes = [int((by_id[cid].get("properties") or {}).get("noteIndex") or (n + 1)) for n, cid in enumerate(order)]
    return clusters, notes, order


def normalize(text: str) -> str:
    """Output compared line by line with the surrounding whitespace removed."""
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def check(fx: Fixture) -> tuple[bool, str]:
    """(passed, output) for one fixture; an exception is a failure with its message."""
    try:
        got = run_fixture(fx)
    except Exception as exc:  # noqa: BLE001 - one failing fixture must not stop the suite
        return False, f"{type(exc).__name__}: {exc}"
    return normalize(got) == normalize(fx.result), got
