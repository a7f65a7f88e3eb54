"""Parse one free-text reference into a Reference: CRF labels, then rules and clean-up.

    from solicite.parse.tagger import parse_reference, parse_references
    ref, diagnostics = parse_reference("Bauder, H. (2016). Possibilities ... Antipode, 48(2), 252-271.")

The text is expected to be one reference, already cleaned of link markers by the caller.
Odd input never raises: it gives a ``@misc`` keeping the raw text, and a warning.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from solicite.codec import escape
from solicite.model import Diagnostic, Reference
from solicite.parse.assemble import assemble
from solicite.parse.crf import default_tagger
from solicite.parse.pdftext import normalise, tagging_words
from solicite.parse.tokens import tokenize

Result = tuple[Reference, list[Diagnostic]]


def parse_reference(text: str) -> Result:
    """Parse one reference string into (Reference, diagnostics)."""
    return parse_references([text])[0]


def parse_references(texts: Iterable[str]) -> list[Result]:
    """Parse many reference strings, in order; the model is loaded once and features cached."""
    tagger = default_tagger()
    out: list[Result] = []
    # The batch makes millions of short-lived lists and no reference cycles: the cyclic
    # garbage collector would rescan the feature cache over and over (3x slower).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for text in texts:
            out.append(_parse_one(text, tagger))
    finally:
        if was_enabled:
            gc.enable()
    return out


def _parse_one(text, tagger) -> Result:
    raw = text if isinstance(text, str) else ""
    try:
        clean = normalise(" ".join(raw.split()))
        words = tokenize(clean)
        if not words:
            return _unparsed(raw, "empty reference")
        if tagger is None:
            return _unparsed(raw, "no parser model installed; kept the text as @misc")
        labels = tagger.tag(tagging_words(words))
        if clean == " ".join(raw.split()):
            return assemble(words, labels, raw)
        ref, diagnostics = assemble(words, labels, clean)  # the rules read the text as printed
        ref.raw = raw
        for name in ("note", "title"):  # a line kept whole keeps its own text
            if ref.fields.get(name) == escape(clean):
                ref.fields[name] = escape(" ".join(raw.split()))
        return ref, diagnostics
    except Exception as exc:  # noqa: BLE001 - one odd line must not stop a batch
        return _unparsed(raw, f"could not parse ({type(exc).__name__}); kept the text as @misc")


def _unparsed(raw: str, why: str) -> Result:
    fields = {"note": escape(" ".join(raw.split()))} if raw.strip() else {}
    return Reference(type="misc", key="", fields=fields, raw=raw), [Diagnostic("warning", "parse-unparsed", why)]
