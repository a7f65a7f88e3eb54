"""The CSL test suite's fixtures: reading them, running them, and printing the suite's HTML-ish output."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from solicite.csl.cluster import assign_positions
from solicite.csl.markup import _SUPER_RE, _SUPERSCRIPTS, NoDecor
from solicite.csl.output import Baseline, Display, Normal
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
            text = part.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
            if _SUPER_RE.search(text):
                text = _SUPER_RE.sub(lambda m: "".join(f"<sup>{_SUPERSCRIPTS[c]}</sup>" for c in m.group()), text)
            out.append(text)
        elif isinstance(part, list):
            for p in part:
                self._walk(p, out, state)
        elif isinstance(part, Quoted):
            o, c = self.quotes[state["quote"] % 2]
            out.append(o)
            state["quote"] += 1
            self._walk(part.children, out, state)
            state["quote"] -= 1
            out.append(c)
        elif isinstance(part, NoDecor):
            self._no_decor(part, out, state)
        elif isinstance(part, Normal):
            self._normal(part, out, state)
        else:
            self._tagged(part, out, state)

    def _no_decor(self, part, out, state) -> None:
        # Every flip-flop formatting in force is turned off inside, then restored.
        spans = [f'<span style="{css}:normal;">' for key, css in
                 (("i", "font-style"), ("b", "font-weight"), ("sc", "font-variant")) if state[key] % 2]
        out.extend(spans)
        saved = dict(state)
        state.update(i=0, b=0, sc=0)
        self._walk(part.children, out, state)
        state.update(saved)
        out.extend("</span>" for _ in spans)

    def _normal(self, part, out, state) -> None:
        key = {"font-style": "i", "font-weight": "b", "font-variant": "sc"}[part.feature]
        if state[key] % 2:
            saved = state[key]
            state[key] = 0
            out.append(f'<span style="{part.feature}:normal;">')
            self._walk(part.children, out, state)
            out.append("</span>")
            state[key] = saved
        else:
            self._walk(part.children, out, state)

    def _tagged(self, part, out, state) -> None:
        flip, tag = _tag_of(part, state)
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


def _tag_of(part, state) -> tuple[str | None, tuple[str, str] | None]:
    """(the flip-flop state it toggles, (opening, closing) markup) of a formatting node; (None, None) for others."""
    if isinstance(part, Italic):
        return "i", ("<i>", "</i>") if state["i"] % 2 == 0 else ('<span style="font-style:normal;">', "</span>")
    if isinstance(part, Bold):
        return "b", ("<b>", "</b>") if state["b"] % 2 == 0 else ('<span style="font-weight:normal;">', "</span>")
    if isinstance(part, SmallCaps):
        return "sc", (('<span style="font-variant:small-caps;">', "</span>") if state["sc"] % 2 == 0
                      else ('<span style="font-variant:normal;">', "</span>"))
    if isinstance(part, Superscript):
        return None, ("<sup>", "</sup>")
    if isinstance(part, Subscript):
        return None, ("<sub>", "</sub>")
    if isinstance(part, Baseline):
        return None, ('<span style="baseline">', "</span>")
    if isinstance(part, Underline):
        return None, ('<span style="text-decoration:underline;">', "</span>")
    if isinstance(part, Display):
        return None, (f'<div class="csl-{part.kind}">', "</div>")
    return None, None


def run_fixture(fx: Fixture) -> str:
    """The fixture's output as the suite prints it."""
    style = parse_style(fx.csl)
    fmt = SuiteFormat(style.locale)
    if fx.citations is not None:
        return _run_citations(fx, fx.citations, style, fmt)
    if fx.citation_items is not None:
        clusters = [[dict(c) for c in cl] for cl in fx.citation_items]
    else:
        # Every item once, in input order (an id given twice is one item, the last one read).
        ids = dict.fromkeys(str(i.get("id", f"item-{n + 1}")) for n, i in enumerate(fx.items))
        clusters = [[{"id": i} for i in ids]]
    proc, clusters = _process(style, fx.items, clusters, list(range(1, len(clusters) + 1)))
    if fx.mode.startswith("bibliography"):
        return _bibliography(proc, fmt)
    return "\n".join(fmt.render(proc.citation(cl)) for cl in clusters)


def _process(style, items, clusters, notes, in_text=None):
    clusters = [[dict(c, id=str(c["id"])) for c in cl] for cl in clusters]
    proc = Processor(style, items)
    assign_positions(clusters, notes, int(style.citation.options.get("near-note-distance", 5)),
                     in_text if style.cls == "note" else None)
    proc.register(clusters)
    return proc, clusters


def _bibliography(proc, fmt) -> str:
    lines = ['<div class="csl-bib-body">']
    for e in proc.bibliography():
        body = fmt.render(e)
        if "<div" in body:
            body = body.replace('<div class="csl-left-margin">', '\n    <div class="csl-left-margin">')
            body = body.replace('<div class="csl-block">', '\n    <div class="csl-block">')
            lines.append(f'  <div class="csl-entry">{body}\n  </div>')
        else:
            lines.append(f'  <div class="csl-entry">{body}</div>')
    lines.append("</div>")
    return "\n".join(lines)


def _run_citations(fx: Fixture, citations: list, style, fmt) -> str:
    """Citations added one by one; ">>" marks those the last addition changed, as citeproc-js's runner."""
    states = _citation_states(citations)
    before: dict = {}
    if len(states) > 1:
        before = _render_state(style, fx.items, states[-2], fmt)
    after = _render_state(style, fx.items, states[-1], fmt)
    if fx.mode.startswith("bibliography"):
        order, by_id = states[-1]
        proc, _ = _process(style, fx.items, [by_id[c][0] for c in order], [by_id[c][1] for c in order],
                           [by_id[c][2] for c in order])
        return _bibliography(proc, fmt)
    order = states[-1][0]
    last = citations[-1][0].get("citationID")
    return "\n".join(f"{'..' if before.get(cid) == after[cid] and cid != last else '>>'}[{n}] {after[cid]}"
                     for n, cid in enumerate(order))


def _render_state(style, items, state, fmt) -> dict:
    order, by_id = state
    proc, clusters = _process(style, items, [by_id[c][0] for c in order], [by_id[c][1] for c in order],
                              [by_id[c][2] for c in order])
    return {cid: fmt.render(proc.citation(cl)) for cid, cl in zip(order, clusters)}


def _citation_states(citations: list) -> list:
    """(order of citation ids, id -> (cites, note number, in running text)) after each addition."""
    order: list[str] = []
    by_id: dict = {}
    states = []
    for entry in citations:
        cit = entry[0]
        cid = cit.get("citationID") or str(len(order))
        pre = entry[1] if len(entry) > 1 else []
        post = entry[2] if len(entry) > 2 else []
        note = int((cit.get("properties") or {}).get("noteIndex") or 0)
        by_id[cid] = ([dict(c) for c in cit.get("citationItems", [])], note)
        for other, idx in list(pre) + list(post):
            if other in by_id:
                by_id[other] = (by_id[other][0], int(idx or 0))
        if pre or post:
            listed = [p[0] for p in pre] + [cid] + [p[0] for p in post]
            order = [c for c in listed if c in by_id]
        elif cid not in order:
            order.append(cid)
        states.append((list(order), dict(by_id)))
    # Notes numbered 0 (in the running text) count as their place in the document.
    for order, by_id in states:
        for n, cid in enumerate(order):
            cites, note = by_id[cid]
            by_id[cid] = (cites, note or n + 1, not note)
    return states


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
