"""The one field-text codec (solicite.codec): expected values written out by hand from LaTeX's and CSL's rules."""

from __future__ import annotations

import pytest

from solicite.codec import (BOLD, ITALIC, MATH, NOCASE, escape, from_csl_markup, parse, protected_words, to_bibtex,
                            to_csl_markup, to_unicode)

CASES = [
    ("The {DNA} of Gonz{\\'a}lez", 'The <span class="nocase">DNA</span> of González'),
    ("{\\\"U}ber \\emph{E. coli} and \\textbf{bold}", "Über <i>E. coli</i> and <b>bold</b>"),
    ("x\\textsuperscript{2} and H\\textsubscript{2}O", "x<sup>2</sup> and H<sub>2</sub>O"),
    ("\\textsc{Unesco} report", '<span style="font-variant:small-caps;">Unesco</span> report'),
    ("A \\& B, 50\\% off, \\$5", "A & B, 50% off, $5"),
    ("``Quoted'' and `single' --- and -- dash", "“Quoted” and ‘single’ — and – dash"),
    # An accent binds to its argument before quotes are read: no "‘e}cque ... l’" quotation.
    ("gr{\\`e}cque ... l'interpretation", "grècque ... l’interpretation"),
    ("\\hyphen and co\\hyphen{}op", "- and co-op"),
    ("Beyond {$k$}-Limiting", 'Beyond <span class="nocase">k</span>-Limiting'),
    ("{\\em symbolic\\/} paths and \\mbox{Z_n}", "symbolic paths and Z_n"),
    ("ObjectWorks\\}Smalltalk", "ObjectWorks}Smalltalk"),
    ("\\url{https://example.org/a_b}", "https://example.org/a_b"),
    ("trailing backslash \\", "trailing backslash \\"),
]


@pytest.mark.parametrize("bibtex,csl", CASES)
def test_to_csl_markup(bibtex: str, csl: str) -> None:
    assert to_csl_markup(bibtex) == csl


def test_to_plain_drops_markup_and_protection() -> None:
    assert to_unicode("The {DNA} of \\emph{E. coli}") == "The DNA of E. coli"
    assert protected_words("The {DNA} of {\\'E}tudes and {NASA}") == ["DNA", "NASA"]


@pytest.mark.parametrize("csl,bibtex", [
    ('The <span class="nocase">DNA</span> of <i>E. coli</i> &amp; co', "The {DNA} of \\textit{E. coli} \\& co"),
    ("<jats:title>T</jats:title> of <jats:italic>E. coli</jats:italic>", "T of \\textit{E. coli}"),
    ("x < y, 50% and a_b", "x < y, 50\\% and a\\_b"),
    ("unclosed <i>x", "unclosed \\textit{x}"),
    ("stray </b> y", "stray y"),
])
def test_from_csl_markup(csl: str, bibtex: str) -> None:
    assert from_csl_markup(csl) == bibtex


# --- one reading everywhere -------------------------------------------------------------------

@pytest.mark.parametrize("bibtex,text", [
    ("Responses to `illegality': a study", "Responses to ‘illegality’: a study"),  # LaTeX: `x' is ‘x’
    ("``double''", "“double”"),
    ("Stra\\ss e and \\o{} and \\'{\\i}", "Straße and ø and í"),
    ("\\v{s}\\c c \\\"o \\H{o} \\k{a}", "šç ö ő ą"),
    ("a~b  c", "a b c"),  # a tie and every run of spaces print as one space
    ("The \\LaTeX{} Companion, \\TeX\\ book", "The LaTeX Companion, TeX book"),
    ("$x^2$-limiting", "x^2-limiting"),
    ("Line one\\\\Line two", "Line one Line two"),
])
def test_to_unicode(bibtex: str, text: str) -> None:
    assert to_unicode(bibtex) == text


def test_runs_carry_protection_formatting_and_math() -> None:
    assert parse("The {DNA} of \\emph{E. coli}") == (("The ", 0), ("DNA", NOCASE), (" of ", 0), ("E. coli", ITALIC))
    assert parse("\\textbf{\\emph{x}}") == (("x", BOLD | ITALIC),)
    assert parse("$\\alpha$ rays") == (("\\alpha", MATH), (" rays", 0))
    # {\'a} is a special character in BibTeX's rules, not a case protection.
    assert parse("{\\'a}b") == (("áb", 0),)


def test_deep_nesting_is_read_without_recursion() -> None:
    deep = "\\textbf{" * 5000 + "x" + "}" * 5000
    assert parse(deep) == (("x", BOLD),)
    assert to_unicode("{" * 5000 + "y" + "}" * 5000) == "y"


def test_unbalanced_braces_lose_no_text() -> None:
    assert to_unicode("Unbalanced {open") == "Unbalanced open"
    assert to_unicode("close} here") == "close here"


@pytest.mark.parametrize("bibtex", [
    "The {DNA} of \\emph{E. coli} and \\textbf{bold}", "x\\textsuperscript{2} H\\textsubscript{2}O",
    "50\\% of \\$5 \\& a\\_b", "$x^2$ and {NASA}",
])
def test_runs_write_back_as_bibtex_that_reads_the_same(bibtex: str) -> None:
    assert parse(to_bibtex(parse(bibtex))) == parse(bibtex)


def test_escape_modes() -> None:
    assert escape("Borders & Belonging 100% #1 a_b") == r"Borders \& Belonging 100\% \#1 a\_b"
    assert escape(r"Already \& escaped") == r"Already \& escaped"
    assert escape("unbalanced {brace") == "unbalanced brace"
    assert escape("https://x.org/a_b#c", url=True) == r"https://x.org/a_b\#c"
    assert escape("a\\b {c", literal=True) == r"a\textbackslash{}b \textbraceleft{}c"


@pytest.mark.parametrize("latex, text", [
    ("ObjectWorks{\\textbackslash}Smalltalk", "ObjectWorks\\Smalltalk"),
    ("a \\{b\\} c", "a {b} c"),
    ("{DNA} of Gonz{\\'a}lez", "DNA of González"),
    ("100\\%", "100%"),
])
def test_to_unicode_keeps_escaped_braces_and_drops_grouping(latex: str, text: str) -> None:
    assert to_unicode(latex) == text


def test_latex_line_break_and_escaped_backslashes() -> None:
    assert to_unicode("\\textbackslash\\textbackslash\\{\\}: \\\\{}") == "\\\\{}:"
    assert to_unicode("Line one\\\\Line two") == "Line one Line two"
