"""Text, Markdown and HTML become plain lines that keep their links and heading marks."""

from __future__ import annotations

from solicite.parse.extract import detect_format, extract, extract_html, extract_markdown, extract_text


def _linked(line):
    return [(line.text[lk.start:lk.end], lk.url) for lk in line.links]


def test_text_keeps_indentation_and_line_numbers():
    lines = extract_text("First line\n    indented\u00a0here\n\nLast")
    assert [ln.text for ln in lines] == ["First line", "    indented here", "", "Last"]
    assert [ln.lineno for ln in lines] == [1, 2, 3, 4]
    assert lines[2].blank and not lines[0].blank


def test_markdown_link_becomes_text_with_url():
    [line] = extract_markdown("Penny, E. (2016). [Solidarity cities](https://theconversation.com/x_(y)). *The Conversation*.")
    assert line.text == "Penny, E. (2016). Solidarity cities. The Conversation."
    assert _linked(line) == [("Solidarity cities", "https://theconversation.com/x_(y)")]


def test_markdown_reference_links_and_autolinks():
    lines = extract_markdown("Report [PDF][r1], see <https://example.org/a>\n\n[r1]: https://example.org/r.pdf \"title\"")
    assert lines[0].text == "Report PDF, see https://example.org/a"
    assert _linked(lines[0]) == [("PDF", "https://example.org/r.pdf"), ("https://example.org/a", "https://example.org/a")]
    assert lines[2].blank  # the link definition is not content


def test_markdown_headings_and_emphasis_but_names_keep_their_asterisk():
    lines = extract_markdown("## Media & Blogs\n\nSoli*City Blog\n\n**Bold** and _em_ and Soli\\*City\n\nBooks\n=====")
    assert lines[0].heading and lines[0].text == "Media & Blogs"
    assert lines[2].text == "Soli*City Blog" and not lines[2].heading
    assert lines[4].text == "Bold and em and Soli*City"
    assert lines[6].heading and lines[6].text == "Books"


def test_html_blocks_links_headings_and_items():
    html = """<html><head><title>Page</title><script>var x = "<p>no</p>";</script></head><body>
    <nav><a href="/">Home</a></nav>
    <h2>Media &amp; Blogs</h2>
    <ul><li>Penny, E. (13 December 2016). <a href="https://theconversation.com/s">Solidarity cities</a>.
        The Conversation.</li>
    <li>Relative <a href="/local">link</a> and <a href="#top">anchor</a></li></ul>
    <p>One<br>Two</p></body></html>"""
    lines = [ln for ln in extract_html(html) if not ln.blank]
    assert [ln.text for ln in lines] == [
        "Media & Blogs",
        "Penny, E. (13 December 2016). Solidarity cities. The Conversation.",
        "Relative link and anchor",
        "One",
        "Two",
    ]
    assert lines[0].heading and lines[1].item and not lines[3].item
    assert _linked(lines[1]) == [("Solidarity cities", "https://theconversation.com/s")]
    assert lines[2].links == []  # relative and fragment links cannot be followed from elsewhere
    assert lines[1].lineno == 4


def test_html_base_makes_relative_links_absolute():
    [line] = [ln for ln in extract_html('<base href="https://ex.org/notes/"><p><a href="r.pdf">R</a></p>') if not ln.blank]
    assert _linked(line) == [("R", "https://ex.org/notes/r.pdf")]


def test_detect_format():
    assert detect_format("x", "notes.HTML") == "html"
    assert detect_format("x", "notes.md") == "markdown"
    assert detect_format("<p>x</p>", "-") == "html"
    assert detect_format("See [a](https://a.org)", "-") == "markdown"
    assert detect_format("Bauder, H. (2017). Title.", "-") == "text"
    assert extract("<p>x</p>", "text")[0].text == "<p>x</p>"  # an explicit format wins


def test_malformed_html_does_not_stop_the_parse():
    lines = [ln.text for ln in extract_html("<p>Penny, E. (2016). Cities.</p><![PDF]> <p>Next</p>") if not ln.blank]
    assert lines[0] == "Penny, E. (2016). Cities." and "Next" in lines[-1]


def test_bold_lines_are_headings():
    md = extract_markdown("**Organisations we work with**\n\n**Bold** start of a reference. 2020.\n")
    assert md[0].heading and md[0].text == "Organisations we work with" and not md[2].heading
    html = [ln for ln in extract_html("<p><strong>Organisations we work with</strong></p>"
                                      "<p><b>Penny</b>, E. (2016). Cities.</p>") if not ln.blank]
    assert html[0].heading and not html[1].heading
