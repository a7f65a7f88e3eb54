"""Finding links with their file and line in Markdown, HTML, plain text and BibTeX."""

from __future__ import annotations

from pathlib import Path

from solicite import bibfile
from solicite.check import links_in_file, links_in_html, links_in_markdown, links_in_references, links_in_text
from solicite.check.extract import trim_url
from solicite.check.result import DOI, MISSING, URL

DATA = Path(__file__).resolve().parent.parent / "data" / "check"


def pairs(links):
    return [(l.kind, l.url, l.line) for l in links]


def test_markdown_links_with_lines(tmp_path):
    links = links_in_file(DATA / "links.md")
    assert pairs(links) == [
        (URL, "https://example.org/a", 3),
        (URL, "https://example.org/b", 3),
        (URL, "https://example.org/c", 4),
        (URL, "https://en.wikipedia.org/wiki/Foo_(bar)", 5),
        (DOI, "10.1000/xyz123", 11),
        (DOI, "10.1000/abc", 11),
        (URL, "https://example.org/reference-style", 12),
    ]
    assert links[0].location == f"{DATA / 'links.md'}:3"


def test_html_attributes_with_lines():
    links = links_in_file(DATA / "links.html")
    assert pairs(links) == [
        (URL, "https://cdn.example.org/s.css", 3),
        (URL, "https://example.org/page", 5),
        (URL, "https://img.example.org/i.png", 6),
        (URL, "mailto:someone@example.org", 8),
        (DOI, "10.1000/xyz123", 9),
    ]


def test_plain_text_urls_and_dois():
    text = "first line\nsee https://a.org/x, and 10.1234/ABC.def; also <http://b.org/y>.\n"
    assert pairs(links_in_text(text, "t.txt")) == [
        (URL, "https://a.org/x", 2), (DOI, "10.1234/ABC.def", 2), (URL, "http://b.org/y", 2)]


def test_trailing_punctuation_is_trimmed_but_balanced_brackets_kept():
    assert trim_url("https://a.org/x).") == "https://a.org/x"
    assert trim_url("https://a.org/x_(y)") == "https://a.org/x_(y)"
    assert trim_url("https://a.org/q?a=1&b=2;") == "https://a.org/q?a=1&b=2"


def test_markdown_same_url_twice_on_a_line_is_one_link():
    assert len(links_in_markdown("[https://a.org](https://a.org)")) == 1


def test_html_skips_relative_links():
    assert links_in_html('<a href="page.html">x</a><a href="#top">y</a>') == []


BIB = """@string{web = "https://example.org"}

@article{withurl,
  author = {Doe, Jane},
  title = {Linked},
  url = {https://example.org/paper},
  doi = {10.1000/linked}
}

@book{nolink,
  title = {A Book Without Links},
  year = 2020
}

@misc{lost,
  title = {Was Linked Once},
  lostlink = {external link}
}

@online{noteurl,
  title = {In a note},
  note = {Available at \\url{https://example.org/note}},
  doi = {https://doi.org/10.1000/ViaURL}
}

@misc{howpub,
  title = {Only a Bare Address},
  howpublished = {Online at https://example.org/x\\_y.},
  url = {https://example.org/a\\%20b}
}
"""


def test_bib_links_with_field_lines_and_missing_links(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text(BIB, encoding="utf-8")
    lib = bibfile.load(path)
    links = links_in_references(lib.references, line_of=lambda ref, name: lib.field_line(ref.key, name))
    got = [(l.key, l.kind, l.url, l.line, l.field) for l in links]
    assert got == [
        ("withurl", URL, "https://example.org/paper", 6, "url"),
        ("withurl", DOI, "10.1000/linked", 7, "doi"),
        ("nolink", MISSING, "", 10, ""),
        ("lost", MISSING, "", 17, "lostlink"),
        ("noteurl", URL, "https://example.org/note", 22, "note"),
        ("noteurl", DOI, "10.1000/ViaURL", 23, "doi"),
        ("howpub", URL, "https://example.org/x_y", 28, "howpublished"),
        ("howpub", URL, "https://example.org/a%20b", 29, "url"),
    ]
    assert all(l.source == str(path) for l in links)


def test_field_line_fallback_reads_the_raw_block():
    lib = bibfile.loads(BIB, source="x.bib")
    links = links_in_references(lib.references)  # without Library.field_line
    assert [(l.key, l.line) for l in links if l.kind != MISSING] == [
        ("withurl", 6), ("withurl", 7), ("noteurl", 22), ("noteurl", 23), ("howpub", 28), ("howpub", 29)]


SICI = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"


def test_markdown_angle_destination_keeps_its_spaces():
    links = links_in_markdown('See [the report](<https://a.org/annual report 2020.pdf> "Report").\n')
    assert [l.url for l in links] == ["https://a.org/annual%20report%202020.pdf"]


def test_markdown_titles_are_not_links_and_not_part_of_the_address():
    text = ("[a](https://a.org/p \"Mirror: https://mirror.org/p\") [b](https://b.org/q 'single')"
            " [c](https://c.org/r (paren title))\n")
    assert [l.url for l in links_in_markdown(text)] == ["https://a.org/p", "https://b.org/q", "https://c.org/r"]


def test_markdown_destinations_with_balanced_parentheses():
    text = "[w](https://en.wikipedia.org/wiki/Foo_(bar)) and [n](https://a.org/f(x(y))z)\n"
    assert [l.url for l in links_in_markdown(text)] == ["https://en.wikipedia.org/wiki/Foo_(bar)",
                                                        "https://a.org/f(x(y))z"]


def test_markdown_link_text_that_is_the_address_is_one_link():
    assert [l.url for l in links_in_markdown("[https://a.org/x](https://a.org/x)\n")] == ["https://a.org/x"]


def test_relative_markdown_destinations_are_left_alone():
    assert links_in_markdown('[local](./notes.md "https://not-a-link.org") [top](#top)\n') == []


def test_sici_dois_keep_their_angle_brackets_and_semicolon():
    links = links_in_text(f"Smith (1998). JASIS 49(8). {SICI}.\n")
    assert [(l.kind, l.url) for l in links] == [(DOI, SICI)]
    links = links_in_text(f"https://doi.org/{SICI}\n")
    assert [(l.kind, l.url) for l in links] == [(DOI, SICI)]


def test_brackets_without_sici_shape_still_end_an_address():
    assert [l.url for l in links_in_text("<https://a.org/x> and https://b.org/y<br>\n")] == [
        "https://a.org/x", "https://b.org/y"]


def test_urls_with_balanced_parentheses_in_prose():
    text = "(see https://en.wikipedia.org/wiki/Foo_(bar)), or https://a.org/x_(y)_z.\n"
    assert [l.url for l in links_in_text(text)] == ["https://en.wikipedia.org/wiki/Foo_(bar)",
                                                   "https://a.org/x_(y)_z"]


def test_markdown_reference_definitions_keep_angle_destinations_whole():
    # Hand-read against CommonMark 0.31 (link reference definitions): <...> may hold spaces.
    text = ('[r]: <https://a.org/annual report.pdf> "Report"\n'
            "  [s]: https://b.org/s 'Title'\n"
            "[t]: ./local.md\n")
    assert [(l.url, l.line) for l in links_in_markdown(text)] == [("https://a.org/annual%20report.pdf", 1),
                                                                   ("https://b.org/s", 2)]


def test_markdown_autolinks_are_whole_up_to_the_closing_bracket():
    # CommonMark autolinks end only at a space or an angle bracket: a | is part of the address.
    text = f"<https://a.org/x|y> and <https://doi.org/10.1000/abc> and <https://doi.org/{SICI}>\n"
    assert [(l.kind, l.url) for l in links_in_markdown(text)] == [(URL, "https://a.org/x|y"), (DOI, "10.1000/abc"),
                                                                  (DOI, SICI)]
