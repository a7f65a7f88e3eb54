"""Parse free-text reference lists (plain text, Markdown, HTML) into References.

The document half of parsing runs in stages, each in its own module:

1. :mod:`~solicite.parse.extract` reads the format into plain lines that keep their links;
2. :mod:`~solicite.parse.sections` finds the reference list in the page and its headings;
3. :mod:`~solicite.parse.split` cuts the list into one text block per reference;
4. :mod:`~solicite.parse.noise` removes link markers and access phrases and repairs punctuation;
5. the field tagger (:mod:`solicite.parse.tagger`, injectable) turns each cleaned string into a
   Reference, and :mod:`~solicite.parse.fixups` checks it against what only the document
   shows (the linked text is the title, a place glued to a name...). Names that are only a
   link ("Lawyers Without Borders (external link)") and year-less "Title. Podcast. Publisher."
   entries are built by fixups without going through the tagger.

Every reference in the input gives exactly one Reference, in input order; one the tagger
cannot read becomes ``@misc`` with its text in ``note`` and a warning. Nothing here raises
for a bad reference: problems are :class:`~solicite.model.Diagnostic` values.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import re
import threading
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable

from solicite.model import LOST_LINK_FIELD, Diagnostic, Reference
from solicite.codec import escape
from solicite.parse.fixups import is_name_only
from solicite.search import section_tag

if TYPE_CHECKING:  # the parsing modules load on first use: `import solicite.parse` stays light
    from solicite.parse.extract import Line
    from solicite.parse.noise import Cleaned
    from solicite.parse.split import Block

# Diagnostic codes that mean a reference was kept as @misc without being understood.
UNPARSED_CODES = frozenset({"unparsed", "parse-unparsed", "tagger-failed"})

__all__ = ["UNPARSED_CODES", "LOST_LINK_FIELD", "ParseResult", "is_name_only", "parse_text"]

TaggerFn = Callable[[list[str]], list[tuple[Reference, list[Diagnostic]]]]


@dataclass
class ParseResult:
    """What parsing a document gives: one Reference per input reference, and the diagnostics."""

    references: list[Reference] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def parse_text(
    text: str,
    *,
    source: str = "-",
    fmt: str | None = None,
    one_per_line: bool = False,
    tagger: TaggerFn | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ParseResult:
    """Parse a document holding a reference list into References (key ""), in input order.

    ``fmt`` is "text", "markdown", "html" or None to guess from ``source`` and the content.
    ``one_per_line`` takes every non-blank line as one reference (no sections, no prose
    skipping), for lists that are already split. ``tagger`` maps cleaned reference strings to
    ``(Reference, diagnostics)`` pairs; the default is :func:`solicite.parse.tagger.parse_references`.
    ``progress(done, total)`` is called as strings are tagged (for a progress bar).
    """
    from solicite.parse import fixups, noise
    from solicite.parse.extract import extract

    blocks, diagnostics = _blocks(extract(text, fmt, name=source), source, one_per_line)
    cleaned = [noise.clean(b.text, b.links) for b in blocks]
    # Names and year-less web entries are built here; everything else goes to the tagger in one batch.
    too_long = {i for i, c in enumerate(cleaned) if len(c.text) > LONGEST_REFERENCE}
    direct = _built_directly(blocks, cleaned, too_long)
    to_tag = [i for i, c in enumerate(cleaned) if c.text and i not in direct and i not in too_long]
    texts = [cleaned[i].text for i in to_tag]
    tagged: list[tuple[Reference, list[Diagnostic]]] = []
    batches = [texts[start:start + _BATCH] for start in range(0, len(texts), _BATCH)]
    for batch in _tag_batches(tagger, batches):
        tagged.extend(batch)
        if progress:
            progress(len(tagged), len(texts))
    by_index = dict(zip(to_tag, tagged))

    result = ParseResult(diagnostics=diagnostics)
    for index, (block, clean) in enumerate(zip(blocks, cleaned)):
        where: dict[str, Any] = {"source": source, "line": block.lineno}
        if clean.removed:
            result.diagnostics.append(
                Diagnostic("info", "removed-noise", "removed " + ", ".join(repr(r) for r in clean.removed), **where)
            )
        if index in too_long:
            ref = _unparsed(clean.text)
            result.diagnostics.append(Diagnostic(
                "warning", "unparsed", f"{len(clean.text):,} characters are too many for one reference (at most "
                f"{LONGEST_REFERENCE:,}); kept whole as @misc: {_shorten(block.text)}", **where))
        elif index in by_index:
            ref, found = by_index[index]
            result.diagnostics.extend(replace(d, **where) for d in found)
            if not _usable(ref):
                ref = _unparsed(clean.text)
                if not any(d.severity == "warning" for d in found):
                    result.diagnostics.append(Diagnostic(
                        "warning", "unparsed", f"could not parse, kept as @misc: {_shorten(block.text)}", **where))
            else:
                ref = fixups.fix(ref, clean.text, clean.anchors)
        elif index in direct:
            ref = direct[index]
            if ref.type == "misc" and not ref.fields.get("title") and set(ref.fields) <= set(IDENTIFIER_FIELDS):
                result.diagnostics.append(Diagnostic(
                    "info", "identifier-only", f"only an identifier: {_shorten(block.text)} (`solicite resolve` or "
                    "`solicite enrich` can fill in the rest)", **where))
        else:
            ref = _unparsed(block.text)
            result.diagnostics.append(
                Diagnostic("warning", "unparsed", f"nothing left after removing markers: {_shorten(block.text)}", **where)
            )
        # The Reference is ours (fresh from the tagger or built here): fill it in place.
        ref.key, ref.raw, ref.source, ref.line = "", block.text, source, block.lineno
        for name, value in clean.fields.items():
            ref.fields.setdefault(name, escape(value, url=name in ("url", "doi")))
        fixups.fix_medium(ref)
        if block.section:
            ref.fields["keywords"] = escape(section_tag(block.section))
        _balance_braces(ref, result.diagnostics, where)
        result.references.append(ref)
    return result


def _blocks(lines: list[Line], source: str, one_per_line: bool) -> tuple[list[Block], list[Diagnostic]]:
    """The document's lines split into reference blocks, and what finding its sections said."""
    from solicite.parse import sections, split

    if one_per_line:
        return split.one_per_line(lines), []
    chunks, found = sections.find_sections(lines, source)
    return [b for chunk in chunks for b in split.split_blocks(chunk.lines, chunk.section)], list(found)


def _built_directly(blocks: list[Block], cleaned: list[Cleaned], too_long: set[int]) -> dict[int, Reference]:
    """References built without the tagger, by block index: identifiers, names, year-less web pages."""
    from solicite.parse import fixups

    direct: dict[int, Reference] = {}
    for i, c in enumerate(cleaned):
        ident = _identifier_only(blocks[i].text)
        if ident is not None:
            direct[i] = ident
            continue
        if not c.text or i in too_long:
            continue
        if is_name_only(c.text) or fixups.is_all_link(c.text, c.anchors):
            direct[i] = fixups.name_reference(c.text, c.fields)
        else:
            web = fixups.web_reference(c.text, c.anchors, c.fields)
            if web is not None:
                direct[i] = web
    return direct


# Characters: the longest real references are about 1,500. Tagging time and memory grow with a
# string's length (a 5.9 MB line took 25 s and 2.5 GB), so longer text is kept whole, untagged.
LONGEST_REFERENCE = 10_000
_BATCH = 500  # strings per tagger call: large enough to be fast, small enough to show progress
_PARALLEL_FROM = 2_000  # strings: below this, starting workers costs more than it saves


def _tag_batches(tagger: TaggerFn | None, batches: list[list[str]]):
    """Tagged batches, in order: on several cores, long inputs are tagged by forked workers.

    Tagging is pure CPU work in Python, so threads would not help; forked processes inherit
    the model already loaded in this one. Only the shipped tagger goes to workers (an injected
    one may not survive the trip), only where fork is safe (no other thread running), and any
    failure of the pool falls back to tagging here, so no entry depends on it.
    """
    workers = min(os.cpu_count() or 1, 4, len(batches))
    total = sum(len(b) for b in batches)
    if (tagger is not None or workers < 2 or total < _PARALLEL_FROM or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        for batch in batches:
            yield _run_tagger(tagger, batch)
        return
    from solicite.parse.crf import default_tagger

    default_tagger()  # load the model before forking, so every worker shares it
    done = 0
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for result in pool.imap(_tag_default, batches):
                yield result
                done += 1
    except (OSError, multiprocessing.ProcessError, pickle.PicklingError, AttributeError, TypeError):
        for batch in batches[done:]:
            yield _run_tagger(None, batch)


def _tag_default(batch: list[str]) -> list[tuple[Reference, list[Diagnostic]]]:
    """Worker entry point: tag one batch with the shipped model."""
    return _run_tagger(None, batch)


def _run_tagger(tagger: TaggerFn | None, texts: list[str]) -> list[tuple[Reference, list[Diagnostic]]]:
    """Tag all strings in one batch; should the tagger fail, tag one by one so one bad string costs one entry."""
    if not texts:
        return []
    if tagger is None:
        from solicite.parse.tagger import parse_references  # lazy: loads the model

        tagger = parse_references

    try:
        pairs = list(tagger(texts))
        if len(pairs) == len(texts):
            return pairs
    except Exception:  # noqa: BLE001 - the tagger promises not to raise; a bug there must not lose entries
        pass
    out = []
    for text in texts:
        try:
            out.append(tagger([text])[0])
        except Exception as exc:  # noqa: BLE001
            out.append((Reference("misc", ""), [Diagnostic("warning", "tagger-failed", f"tagger failed: {exc}")]))
    return out


def _balance_braces(ref: Reference, diagnostics: list[Diagnostic], where: dict) -> None:
    """Every value must be writable BibTeX: a stray brace from any stage is dropped, with a note."""
    from solicite.text import braces_balanced

    for name, value in ref.fields.items():
        if ("{" in value or "}" in value) and not braces_balanced(value):
            ref.fields[name] = value.replace("{", "").replace("}", "")
            diagnostics.append(Diagnostic("info", "unbalanced-braces", f"dropped unbalanced braces in {name}", **where))


def _usable(ref: Reference) -> bool:
    """The tagger found at least a title, or an author and something else."""
    if ref.fields.get("title", "").strip():
        return True
    return bool(ref.persons.get("author")) and bool(set(ref.fields) - {"year", "date"})


IDENTIFIER_FIELDS = ("doi", "isbn", "url")
_ISBN_LINE = re.compile(r"(?i)^isbn(?:-1[03])?\s*:?\s*[\d\s-]{9,17}[\dx]$")


def _identifier_only(text: str) -> Reference | None:
    """A @misc holding the DOI, ISBN or URL that is the whole of ``text``, or None.

    The reading is the core's (``resolve.identifier.classify``), so that a line `solicite add`
    accepts is an entry here too; only one token (or "ISBN ...") counts, never a reference
    that happens to contain a DOI.
    """
    if len(text) > 200:  # no identifier is that long; and a huge line must not be split into words
        return None
    text = text.strip().rstrip(".")
    if not text or (len(text.split()) > 1 and not _ISBN_LINE.match(text)):
        return None
    from solicite.resolve.identifier import IdentifierError, classify

    try:
        kind, value = classify(text)
    except IdentifierError:
        return None
    return Reference("misc", "", {kind: value})


def _unparsed(text: str) -> Reference:
    return Reference("misc", "", {"note": escape(text)})


def _shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
