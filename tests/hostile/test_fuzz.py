"""Fuzzing (hypothesis) the reader and every command: no exception escapes, nothing is lost, time stays linear.

Field values are drawn from the characters that matter to BibTeX (braces, backslashes,
commas, "and", accents, "%", "@", quotes) and nested groups; a library is then read and
run through each command in-process. A command may refuse (exit 2 or 3 with one line) but
must never fail with an internal error (exit 70) or a traceback.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solicite.bibfile import loads
from solicite.cli.main import cli
from solicite.errors import SoliciteError

ATOMS = st.sampled_from([
    "a", "Z", "é", " ", " and ", ",", ".", "\\'", "\\\"", "\\textbf", "\\emph", "\\&", "\\%", "\\", "~", "$x^2$",
    "-", "--", "'", "`", "\"", "http://x.org/a?b=1", "javascript:alert(1)", "<b>", ">", "&", "10.1000/1", "1999",
    "von", "Jr.", "{", "}", "@", "=", "#", "\n",
])
PLAIN = st.lists(ATOMS, max_size=12).map("".join).map(lambda s: s.replace("{", "").replace("}", ""))
VALUE = st.recursive(PLAIN, lambda inner: st.lists(st.one_of(inner, inner.map(lambda v: "{" + v + "}")), max_size=4)
                     .map("".join), max_leaves=12)
FIELDS = st.sampled_from(["author", "editor", "title", "journal", "booktitle", "year", "date", "url", "doi",
                          "keywords", "pages", "month", "publisher", "note", "isbn", "crossref", "langid"])
TYPES = st.sampled_from(["article", "book", "online", "inproceedings", "misc", "phdthesis", "techreport", "weird"])


@st.composite
def entries(draw, key: str) -> str:
    fields = draw(st.dictionaries(FIELDS, VALUE, min_size=1, max_size=6))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return f"@{draw(TYPES)}{{{key},\n{body}}}\n"


@st.composite
def libraries(draw) -> str:
    count = draw(st.integers(1, 4))
    return "".join(draw(entries(f"k{i}")) for i in range(count))


COMMANDS = [
    ["list"], ["--json", "list"], ["search", "a"], ["show", "k0"], ["lint"], ["keys", "--dry-run"], ["dupes"],
    ["cite", "k0"], ["shownotes"], ["shownotes", "--to", "html"],
    *[["format", "--style", s, "--to", to] for s in ("apa", "mla", "chicago", "ieee", "harvard", "vancouver")
      for to in ("text", "html")],
    ["format", "--to", "markdown"], ["format", "--to", "latex"],
    *[["export", "--to", to] for to in ("bibtex", "biblatex", "csl-json", "ris", "zotero")],
    ["check", "--offline"],
]
@pytest.fixture(autouse=True, scope="module")
def _own_cache(tmp_path_factory: pytest.TempPathFactory):
    # check --offline opens the link cache: keep it out of the user's cache folder.
    import os

    old = os.environ.get("SOLICITE_CACHE_DIR")
    os.environ["SOLICITE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("SOLICITE_CACHE_DIR", None)
    else:
        os.environ["SOLICITE_CACHE_DIR"] = old


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])


@FUZZ
@given(text=st.one_of(libraries(), st.text(max_size=300), VALUE))
def test_the_reader_loses_nothing_and_raises_only_its_own_errors(text: str) -> None:
    try:
        lib = loads(text, "fuzz.bib", lenient=True)
    except SoliciteError as exc:
        assert exc.message  # a clean, documented error
        return
    assert lib.dumps() == text  # lossless: every byte read is written back
    for ref in lib.references:
        json.dumps(ref.as_dict())
        ref.persons  # names are parsed without raising


@FUZZ
@given(text=libraries())
def test_every_command_survives_any_library(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    lib = folder / "lib.bib"
    lib.write_text(text, encoding="utf-8")
    keys = [r.key for r in loads(text, "lib.bib", lenient=True).references]
    for args in COMMANDS:
        result = CliRunner().invoke(cli, ["--library", str(lib), *args])
        assert result.exit_code in (0, 1, 2, 3, 4), (args, result.exit_code, result.output, text)
        assert "internal error" not in result.output and "Traceback" not in result.output, (args, result.output)
        if args == ["list"] and result.exit_code == 0:
            assert all(k in result.output for k in keys), (result.output, text)  # nothing dropped
    assert lib.read_text(encoding="utf-8") == text  # reading commands never write


def _seconds(run, text: str) -> float:
    start = time.perf_counter()
    run(text)
    return time.perf_counter() - start


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUE.filter(lambda v: len(v) >= 4))
def test_time_is_linear_in_a_fields_length(tmp_path_factory: pytest.TempPathFactory, value: str) -> None:
    folder = tmp_path_factory.mktemp("linear")
    lib = folder / "lib.bib"

    def run(title: str) -> None:
        lib.write_text("@article{k,\n  author = {" + title + "},\n  title = {" + title + "},\n  year = {2020},\n}\n",
                       encoding="utf-8")
        for args in (["format"], ["export", "--to", "csl-json"], ["lint"]):
            CliRunner().invoke(cli, ["--library", str(lib), *args])

    n = max(1, 4000 // len(value))
    small = min(_seconds(run, value * n) for _ in range(2))
    large = min(_seconds(run, value * (4 * n)) for _ in range(2))
    # 4x the text: ~4x the time, with slack for a loaded machine; quadratic work would be ~16x.
    assert large < 8 * small + 0.5, (small, large, value)


@settings(max_examples=300, deadline=None)
@given(name=VALUE.filter(lambda v: v.strip() and " and " not in v))
def test_names_agree_with_pybtex(name: str) -> None:
    # pybtex is an independent implementation of BibTeX's name rules: where it reads a name
    # without complaint, ours must read it the same way.
    from pybtex.database import Person as PybtexPerson

    from solicite.model import Person
    from solicite.names import is_fully_braced

    try:
        p = PybtexPerson(name)  # pybtex is strict by default: a malformed name raises
    except Exception:  # noqa: BLE001 - a name pybtex refuses has no reference reading to compare with
        return
    if is_fully_braced(name.strip()):
        return  # {Whole Name}: a literal of ours, a notion pybtex lacks
    ours = Person.from_bibtex(name)
    theirs = (" ".join(p.last_names), " ".join(p.first_names + p.middle_names), " ".join(p.prelast_names),
              " ".join(p.lineage_names))
    assert (ours.family, ours.given, ours.particle, ours.suffix) == theirs
