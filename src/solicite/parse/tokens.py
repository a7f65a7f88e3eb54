"""Tokenise reference strings and map AnyStyle's labels onto the tagger's label set.

Tokens are whitespace-separated words, as in AnyStyle's own CRF: punctuation stays on the
word it touches, and is a strong feature for the word's role (``1990),`` ends a date).
"""

from __future__ import annotations

import re

# AnyStyle labels the tagger learns; rarer ones are folded into a close neighbour so the
# model does not spend its capacity on labels with a handful of examples.
LABEL_MAP: dict[str, str] = {
    "author": "author",
    "citation-number": "citation-number",
    "collection-title": "collection-title",
    "container-title": "container-title",
    "journal": "journal",
    "date": "date",
    "doi": "doi",
    "edition": "edition",
    "editor": "editor",
    "genre": "genre",
    "isbn": "isbn",
    "location": "location",
    "note": "note",
    "pages": "pages",
    "publisher": "publisher",
    "title": "title",
    "translator": "translator",
    "url": "url",
    "volume": "volume",
    "director": "author",
    "producer": "note",
    "medium": "genre",
    "source": "note",
    "signal": "note",
}

# Glued punctuation seen in real lists: "2017).‘Sanctuary" -> "2017)." + "‘Sanctuary".
_GLUE = re.compile(r"(?<=[).,;:])(?=[‘“\"'(\[][A-Za-z])|(?<=\)\.)(?=[A-Z])|(?<=[a-z.],)(?=[A-Z][a-z]*\.)|(?<=\.,)(?=[A-Z])")


def tokenize(text: str) -> list[str]:
    """Split a reference string into whitespace tokens, unsticking glued punctuation."""
    return _GLUE.sub(" ", text).split()


def labelled_tokens(spans: list[list[str]]) -> tuple[list[str], list[str]]:
    """Turn AnyStyle's ``[label, text]`` spans into parallel token and label lists."""
    words: list[str] = []
    labels: list[str] = []
    for label, text in spans:
        mapped = LABEL_MAP.get(label, "note")
        for word in text.split():
            words.append(word)
            labels.append(mapped)
    return words, labels
