"""One type classifier: a style and every exporter give an entry the same CSL type.

The expected types of the small entries are written by hand from CSL 1.0.2's definitions
(citation-style-language/documentation, specification.rst, Appendix III): a podcast episode is a
``broadcast``, a page that is only a link a ``webpage``, an otherwise plain ``@misc`` a ``document``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from solicite import bibfile
from solicite.export.csljson import to_csl
from solicite.model import Reference
from solicite.styles import prepare

ROOT = Path(__file__).resolve().parents[2]
SHARED_BIB = ROOT.parent / "shared" / "bib"
CORPUS = sorted(SHARED_BIB.rglob("*.bib")) if SHARED_BIB.is_dir() else []


def _disagreements(refs: list[Reference]) -> list[tuple[str, str, str]]:
    """(key, style's type, export's type) for every entry where the two differ."""
    from solicite.crossref import resolve_all

    merged = resolve_all(refs)  # what `export` and `format` both read: crossref parents merged
    items = prepare(refs)
    return [(item.key, item.csl_type, to_csl(ref)["type"]) for item, ref in zip(items, merged)
            if item.csl_type != to_csl(ref)["type"]]


def test_style_and_export_types_agree_on_the_bundled_library() -> None:
    refs = list(bibfile.load(ROOT / "data" / "references.bib").references)
    assert len(refs) > 30
    assert _disagreements(refs) == []


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS, reason="../shared/bib is not beside the checkout")
def test_style_and_export_types_agree_on_the_corpus() -> None:
    differ, total = [], 0
    for path in CORPUS:
        refs = list(bibfile.load(path, lenient=True, allow_duplicates=True).references)
        total += len(refs)
        differ += [(path.name, *d) for d in _disagreements(refs)]
    assert total > 10000
    assert differ == []


@pytest.mark.parametrize("entry,expected", [
    (Reference("misc", "link", {"title": "Project page", "howpublished": r"\url{https://example.org/}"}), "webpage"),
    (Reference("misc", "url", {"title": "Project page", "url": "https://example.org/"}), "webpage"),
    (Reference("misc", "flyer", {"title": "A flyer", "url": "https://example.org/", "publisher": "City"}), "document"),
    (Reference("misc", "plain", {"title": "A note"}), "document"),
    (Reference("audio", "ep", {"title": "Episode", "booktitle": "Show", "entrysubtype": "podcast"}), "broadcast"),
    (Reference("online", "ep2", {"title": "Episode", "howpublished": "Podcast"}), "broadcast"),
    (Reference("audio", "song", {"title": "A song"}), "song"),
    (Reference("online", "nyt", {"title": "News", "organization": "The New York Times"}), "article-newspaper"),
    (Reference("misc", "yt", {"title": "Talk", "howpublished": "YouTube"}), "motion_picture"),
])
def test_each_reader_gives_the_type_csl_defines(entry: Reference, expected: str) -> None:
    assert prepare([entry])[0].csl_type == expected
    assert to_csl(entry)["type"] == expected
