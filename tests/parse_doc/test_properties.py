"""Properties that hold for any input: no exception, writable values, one entry per line in --one-per-line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from solicite.model import Reference
from solicite.parse import parse_text
from solicite.text import braces_balanced

PIECES = st.sampled_from([
    "a", "Smith, J.", " (2020). ", "Title", ".", ",", "?", " ", "\n", "\n\n", "    ", "- ", "1. ", "[2] ",
    "(external link)", "(PDF file)", "[PDF]", "Link", "Retrieved from ", "https://x.org/a_(b)", "doi:10.1000/x.y",
    "Accessed 3 May 2020", "{", "}", "&", "%", "#", "_", "‘", "’", "References", "Transcript", "Media & Blogs",
    "<p>", "</p>", "<br>", "<a href='https://a.org'>", "</a>", "<![x]>", "[t](https://u.org)", "## ", "*",
])
TEXT = st.lists(PIECES, max_size=60).map("".join)


def _tagger(texts):
    return [(Reference("misc", "", {"title": t}), []) for t in texts]


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sampled_from([None, "text", "markdown", "html"]))
def test_any_input_parses_to_writable_entries(text, fmt):
    result = parse_text(text, fmt=fmt, tagger=_tagger)
    for ref in result.references:
        assert ref.raw.strip()
        for value in ref.fields.values():
            assert braces_balanced(value)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_one_per_line_gives_one_entry_per_non_blank_line(text):
    result = parse_text(text, fmt="text", one_per_line=True, tagger=_tagger)
    lines = [ln for ln in text.splitlines() if ln.replace("\u00a0", " ").strip()]
    assert len(result.references) == len(lines)
