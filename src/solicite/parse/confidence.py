"""How sure the field tagger is of each field of a parsed reference, from the CRF's marginals.

The tagger labels every token; python-crfsuite gives the probability of the chosen label at
each position (its marginal, summed over all labellings). A field is as sure as its least
sure token, so one doubtful word ("Nucl." read as an author) shows in the field it went to.
Fields are the tagger's labels (author, title, date, journal, container-title, volume,
pages, publisher, location, ...), the vocabulary of AnyStyle's training sets.
"""

from __future__ import annotations

from collections.abc import Iterable

from solicite.parse.crf import Tagger, default_tagger
from solicite.parse.pdftext import normalise, tagging_words
from solicite.parse.tokens import tokenize

DEFAULT_THRESHOLD = 0.9  # lowest field confidence below which `parse --review` lists a reference


def field_confidence(text: str, tagger: Tagger | None = None) -> dict[str, float]:
    """{tagger label: lowest marginal of its tokens} for one cleaned reference; {} without a model.

    ``tagger`` defaults to the shipped model (a benchmark passes the model it trained).
    """
    tagger = tagger or default_tagger()
    words = tagging_words(tokenize(normalise(" ".join(text.split()))))  # the tokens the tagger saw (solicite.parse.tagger)
    if tagger is None or not words:
        return {}
    labels, marginals = tagger.tag_marginals(words)
    out: dict[str, float] = {}
    for label, p in zip(labels, marginals):
        out[label] = min(out.get(label, 1.0), p)
    return {label: round(p, 3) for label, p in out.items()}


def lowest(confidence: dict[str, float]) -> tuple[str, float] | None:
    """(field, confidence) of the least sure field, or None when nothing was tagged."""
    return min(confidence.items(), key=lambda kv: (kv[1], kv[0])) if confidence else None


def to_review(confidences: Iterable[dict[str, float] | None], threshold: float = DEFAULT_THRESHOLD) -> list[int]:
    """Indexes of the references whose least sure field is below ``threshold`` (None: not tagged, skipped)."""
    out = []
    for i, conf in enumerate(confidences):
        low = lowest(conf) if conf is not None else None
        if low is not None and low[1] < threshold:
            out.append(i)
    return out
