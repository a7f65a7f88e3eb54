"""The formatter's fast paths give what the general code gives, on generated input.

Each shortcut taken for speed (issue 5's benchmark) is checked here against the slower,
general reading it skips: brace-free titles (the codec's shortcut), brace-only titles,
all-digit report numbers, and Names compared by value.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from solicite import codec
from solicite.model import Person
from solicite.styles import titles
from solicite.styles.apa import _numbered
from solicite.styles.common import citeproc_range, number_label
from solicite.persons import Name, from_person

_TITLE_CHARS = st.text(alphabet="ab Z{}~-`'\"\n\t\u00a0\u2003.:", max_size=30)


def _brace_reading(value: str) -> tuple:
    # A brace-tracking model of how titles without commands read (TeX's ligatures and quotes).
    chunks: list = []
    depth = 0
    for tok in re.findall(r"[{}]|[^{}]+", value):
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth = max(depth - 1, 0)
        else:
            raw = tok.replace("---", "\u2014").replace("--", "\u2013").replace("``", "\u201c")
            raw = raw.replace("''", "\u201d").replace("~", "\u00a0").replace("`", "\u2018").replace("'", "\u2019")
            titles._add(chunks, re.sub(r"\s+", " ", raw), depth > 0, False)
    return tuple((re.sub(" +", " ", text), p, i) for text, p, i in chunks)  # a stray "}" splits no space


@settings(max_examples=400, deadline=None)
@given(_TITLE_CHARS)
def test_title_fast_paths_read_as_the_brace_reading(value):
    titles.parse.cache_clear()
    assert titles.parse(value) == _brace_reading(value)
    assert titles.parse("{" + value.replace("{", "").replace("}", "") + "}") == _brace_reading(
        "{" + value.replace("{", "").replace("}", "") + "}")


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TITLE_CHARS, st.text(alphabet="ab {}\\'\"emph~$- ", max_size=30)))
def test_codec_shortcut_matches_the_general_reader(value):
    codec.parse.cache_clear()
    assert codec.parse(value) == (codec._Reader(value).read() if value else ())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789-\u2013,& aAb/\u0663", min_size=1, max_size=12))
def test_report_numbers_labelled_as_citeproc_js_labels_them(num):
    label = number_label(num, "No.", "Nos.")
    expected = (f" {label}" if label else "", citeproc_range(num) if number_label(num, "1", "2") else num)
    assert _numbered(num) == expected


def test_names_compare_and_hash_by_value():
    a = from_person(Person.from_bibtex("van der Walt, Stéfan"))
    b = Name(family="Walt", given="Stéfan", particle="van der")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Name(family="Walt", given="S.", particle="van der")
    assert a.family_full == "van der Walt" and a.last == "van der Walt"
    assert a.short_key() == ("", "van der Walt", "S.")
    assert a.sort_key() == "van der walt stéfan"
    assert Name(literal="UNHCR").last == "UNHCR" and Name(literal="UNHCR").sort_key() == "unhcr"
    assert "particle='van der'" in repr(a)
