"""Every real-world BibTeX file of the shared robustness corpus formats in every style without an exception."""

import pytest

from solicite import bibfile
from solicite.styles import Options, get_style, prepare

STYLES = ["apa", "mla", "chicago", "ieee", "harvard", "vancouver"]


@pytest.mark.corpus
@pytest.mark.parametrize("style", STYLES)
def test_robustness_corpus_formats_without_exceptions(shared_dir, style):
    st = get_style(style)
    failures = []
    files = sorted((shared_dir / "bib" / "robustness-corpus").rglob("*.bib"))
    assert files
    for path in files:
        try:
            lib = bibfile.load(path, lenient=True)
        except Exception:  # noqa: BLE001 - files the reader rejects are not the formatter's business
            continue
        items = st.arrange(prepare(lib.references))
        for item in items:
            try:
                st.entry(item, Options(sentence_case=True))
            except Exception as exc:  # noqa: BLE001 - collected, reported together
                failures.append(f"{path.name}:{item.key}: {type(exc).__name__}: {exc}")
    assert not failures, failures[:10]
