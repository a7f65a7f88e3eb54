"""BibTeX field text to CSL rich text and back, on values written out by hand."""

from __future__ import annotations

import pytest

from solicite.export.richtext import from_csl_text, protected_words, to_csl_text, to_plain

CASES = [
    ("The {DNA} of Gonz{\\'a}lez", 'The <span class="nocase">DNA</span> of González'),
    ("{\\\"U}ber \\emph{E. coli} and \\textbf{bold}", "Über <i>E. coli</i> and <b>bold</b>"),
    ("x\\textsuperscript{2} and H\\textsubscript{2}O", "x<sup>2</sup> and H<sub>2</sub>O"),
    ("\\textsc{Unesco} report", '<span style="font-variant:small-caps;">Unesco</span> report'),
    ("A \\& B, 50\\% off, \\$5", "A & B, 50% off, $5"),
    ("``Quoted'' and `single' --- and -- dash", "“Quoted” and ‘single’ — and – dash"),
    ("Beyond {$k$}-Limiting", 'Beyond <span class="nocase">k</span>-Limiting'),
    ("{\\em symbolic\\/} paths and \\mbox{Z_n}", "symbolic paths and Z_n"),
    ("ObjectWorks\\}Smalltalk", "ObjectWorks}Smalltalk"),
    ("\\url{https://example.org/a_b}", "https://example.org/a_b"),
    ("trailing backslash \\", "trailing backslash \\"),
]


@pytest.mark.parametrize("bibtex,csl", CASES)
def test_to_csl_text(bibtex: str, csl: str) -> None:
    assert to_csl_text(bibtex) == csl


def test_to_plain_drops_markup_and_protection() -> None:
    assert to_plain("The {DNA} of \\emph{E. coli}") == "The DNA of E. coli"
    assert protected_words("The {DNA} of {\\'E}tudes and {NASA}") == ["DNA", "NASA"]


@pytest.mark.parametrize("csl,bibtex", [
    ('The <span class="nocase">DNA</span> of <i>E. coli</i> &amp; co', "The {DNA} of \\textit{E. coli} \\& co"),
    ("<jats:title>T</jats:title> of <jats:italic>E. coli</jats:italic>", "T of \\textit{E. coli}"),
    ("x < y, 50% and a_b", "x < y, 50\\% and a\\_b"),
    ("unclosed <i>x", "unclosed \\textit{x}"),
    ("stray </b> y", "stray y"),
])
def test_from_csl_text(csl: str, bibtex: str) -> None:
    assert from_csl_text(csl) == bibtex
