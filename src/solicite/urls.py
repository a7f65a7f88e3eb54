"""Links in running text: the one trimmer of what a sentence glues to the end of a URL.

The parser (its fields and its noise stripper) and the link checker's extractor read URLs out of
prose; each cuts the same punctuation, so one function does it for all three.
"""

from __future__ import annotations

# Sentence punctuation, quotes and the angle brackets of "<https://...>" never end a URL in prose.
_TRAILING = frozenset(".,;:!?*~'\"\u2019\u201d\u00bb<>")
# A closing bracket ends the URL only when the URL did not open it ("x_(y)" keeps its parenthesis).
_PAIRS = {")": "(", "]": "[", "}": "{"}


def trim_url(url: str) -> str:
    """``url`` without the sentence punctuation and unbalanced closing brackets glued to its end."""
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
        elif last in _PAIRS and url.count(last) > url.count(_PAIRS[last]):
            url = url[:-1]
        else:
            break
    return url
