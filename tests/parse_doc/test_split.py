"""Splitting a list into references: every form people write lists in."""

from __future__ import annotations

from solicite.parse.extract import Line, Link, extract_html, extract_text
from solicite.parse.split import one_per_line, split_blocks


def _split(text):
    return [(b.text, b.lineno) for b in split_blocks(extract_text(text))]


def test_one_per_line_without_blank_lines():
    text = ("Bauder, H. (2016). Possibilities of urban belonging. Antipode, 48(2), 252-271.\n"
            "Lacroix, T. (2022). Migration-related city networks. Local Government Studies, 48(6), 1027-1047.\n"
            "Paik, A. N. (2020). Bans, walls, raids, sanctuary. University of California Press.\n")
    assert [t for t, _ in _split(text)] == [line for line in text.splitlines()]


def test_blank_line_separation():
    assert _split("One, A. (2020). First.\n\nTwo, B. (2021). Second.\n\n\nThree\n") == [
        ("One, A. (2020). First.", 1), ("Two, B. (2021). Second.", 3), ("Three", 6)]


def test_bullets_of_every_kind_and_continuations():
    text = "- One, A. (2020). First\n  continued here.\n* Two, B. (2021). Second.\n• Three.\n– Four.\n+ Five.\n"
    assert [t for t, _ in _split(text)] == [
        "One, A. (2020). First continued here.", "Two, B. (2021). Second.", "Three.", "Four.", "Five."]


def test_numbered_lists():
    assert [t for t, _ in _split("[1] H. Bauder, \u201cTitle,\u201d 2017.\n[2] L. Landau, \u201cOther,\u201d 2018.\n")] == [
        "H. Bauder, \u201cTitle,\u201d 2017.", "L. Landau, \u201cOther,\u201d 2018."]
    assert [t for t, _ in _split("1. Bauder H. Title. 2017.\n2. Landau L. Other.\n   2018;12:1-3.\n10) Last.\n(11) Very last.\n")] == [
        "Bauder H. Title. 2017.", "Landau L. Other. 2018;12:1-3.", "Last.", "Very last."]


def test_loose_list_paragraph_belongs_to_its_item():
    assert [t for t, _ in _split("1. First, A. (2020). A title.\n\n   Retrieved from the web.\n2. Second.\n")] == [
        "First, A. (2020). A title. Retrieved from the web.", "Second."]


def test_hanging_indents():
    text = ("Bauder, H. (2017). Sanctuary cities: Policies and practices in\n"
            "    international perspective. International Migration, 55(2),\n"
            "    174-187.\n"
            "Lacroix, T. (2022). Migration-related city networks: A global\n"
            "    overview. Local Government Studies.\n")
    assert _split(text) == [
        ("Bauder, H. (2017). Sanctuary cities: Policies and practices in international perspective. "
         "International Migration, 55(2), 174-187.", 1),
        ("Lacroix, T. (2022). Migration-related city networks: A global overview. Local Government Studies.", 4),
    ]


def test_wrapped_references_without_indentation():
    text = ("Bauder, H. (2017). Sanctuary cities: Policies and practices in international\n"
            "perspective. International Migration, 55(2), 174-187.\n"
            "Casellas, J. P., & Wallace, S. J. (2020). Sanctuary cities: Public attitudes toward\n"
            "enforcement collaboration between local police and federal immigration authorities.\n"
            "Urban affairs review, 56(1), 32-64.\n"
            "Lacroix, T. (2022). Migration-related city networks: A global overview. Local Gov-\n"
            "ernment Studies, 48(6), 1027-1047.\n")
    assert [t for t, _ in _split(text)] == [
        "Bauder, H. (2017). Sanctuary cities: Policies and practices in international perspective. "
        "International Migration, 55(2), 174-187.",
        "Casellas, J. P., & Wallace, S. J. (2020). Sanctuary cities: Public attitudes toward enforcement "
        "collaboration between local police and federal immigration authorities. Urban affairs review, 56(1), 32-64.",
        "Lacroix, T. (2022). Migration-related city networks: A global overview. Local Gov-ernment Studies, 48(6), 1027-1047.",
    ]


def test_wrapped_line_ending_with_a_period_at_full_width_continues():
    text = ("Smith, J. (2019). A long title that the editor wrapped at a fixed width of\n"
            "columns. The Journal of Things, 4(1), 1-10 and then some more words fill.\n"
            "It goes on here, with a few more words to fill the line up to the width.\n"
            "Short, A. (2020). Next.\n")
    # The second line does not start like an author list and the first is full width: one reference.
    assert len(_split(text)) == 2


def test_html_items_and_links_move_with_their_text():
    lines = extract_html('<ul><li>A, B. (2020). <a href="https://a.org">Title</a>.</li><li>C.</li></ul>')
    blocks = split_blocks(lines, "Sec")
    assert [(b.text, b.section) for b in blocks] == [("A, B. (2020). Title.", "Sec"), ("C.", "Sec")]
    link = blocks[0].links[0]
    assert blocks[0].text[link.start:link.end] == "Title" and link.url == "https://a.org"


def test_link_offsets_survive_joining_and_marker_removal():
    lines = [Line("- One, A. (2020). First", 1), Line("  see here.", 2, [Link(6, 10, "https://x.org")])]
    [block] = split_blocks(lines)
    link = block.links[0]
    assert block.text[link.start:link.end] == "here"


def test_one_per_line_takes_every_line():
    lines = extract_text("Scholarly Articles\n\n1. Bauder, H. (2017). X.\n  indented\n")
    assert [b.text for b in one_per_line(lines)] == ["Scholarly Articles", "Bauder, H. (2017). X.", "indented"]


def test_names_one_per_line_end_at_their_link_markers():
    text = "Lawyers Without Borders (external link)\nSolidarity City (external link)\nReport [PDF]\nNext one.\n"
    assert [t for t, _ in _split(text)] == [
        "Lawyers Without Borders (external link)", "Solidarity City (external link)", "Report [PDF]", "Next one."]


def test_html_line_breaks_separate_references():
    lines = extract_html("<p>Penny, E. (2016). Solidarity cities.<br>Soli*City Blog<br>Lawyers Without Borders</p>")
    assert [b.text for b in split_blocks(lines)] == [
        "Penny, E. (2016). Solidarity cities.", "Soli*City Blog", "Lawyers Without Borders"]
