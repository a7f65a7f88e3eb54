"""Finding the reference list in a page and its section headings."""

from __future__ import annotations

from solicite.parse.extract import Line, extract_markdown, extract_text
from solicite.parse.sections import find_sections, is_heading, is_prose

PAGE = """You are now in the main content area

Season 3, Ep. 2: What is a solidarity city?

Show notes

Below, you will find links to all of the research referenced by our guests, as well as other resources you may find useful.

Project Page

Soli*City - Urban Sanctuary, Migrant Solidarity and Hospitality in Global Perspective.

Donate or Get Involved!

Lawyers Without Borders (external link)

Media & Blogs

Penny, E. (13 December 2016). Solidarity cities (external link) . The Conversation.

Soli*City Blog

Unzueta, T. A. (30 January 2017). Expanding sanctuary.

Reports and Policy 

Charta of Palermo, 2015  (external link)

Transcript

Maggie Perzyna

Welcome to Borders & Belonging, a podcast. Bauder, H. (2017) was mentioned.
"""


def _sections(text):
    chunks, diags = find_sections(extract_text(text), "page.txt")
    return [(c.section, [ln.text for ln in c.lines if not ln.blank]) for c in chunks], diags


def test_page_sections_preamble_prose_and_transcript():
    sections, diags = _sections(PAGE)
    assert sections == [
        ("Project Page", ["Soli*City - Urban Sanctuary, Migrant Solidarity and Hospitality in Global Perspective."]),
        ("Donate or Get Involved!", ["Lawyers Without Borders (external link)"]),
        ("Media & Blogs", [
            "Penny, E. (13 December 2016). Solidarity cities (external link) . The Conversation.",
            "Soli*City Blog",
            "Unzueta, T. A. (30 January 2017). Expanding sanctuary.",
        ]),
        ("Reports and Policy", ["Charta of Palermo, 2015  (external link)"]),
    ]
    codes = [(d.code, d.line) for d in diags]
    assert codes == [("skipped-preamble", 1), ("skipped-prose", 7), ("skipped-after-list", 29)]


def test_list_without_opening_heading_starts_at_the_top():
    sections, diags = _sections("Bauder, H. (2017). One.\n\nReferences\n\nLacroix, T. (2022). Two.\n")
    # "References" after a reference is a section of the list, not its start.
    assert sections == [("", ["Bauder, H. (2017). One."]), ("References", ["Lacroix, T. (2022). Two."])]
    assert diags == []


def test_heading_forms():
    assert is_heading(Line("Books & Book Chapters", 1))
    assert is_heading(Line("Scholarly Articles", 1))
    assert is_heading(Line("Donate or Get Involved!", 1))
    assert is_heading(Line("Further reading:", 1))
    assert is_heading(Line("Anything at all", 1, heading=True))
    assert not is_heading(Line("Soli*City Blog", 1))
    assert not is_heading(Line("Noone is Illegal (external link)", 1))
    assert not is_heading(Line("Solidarity Across Borders", 1))
    assert not is_heading(Line("Reports and Policy, 2019", 1))  # a year: a reference
    assert not is_heading(Line("Media & Blogs.", 1))  # a sentence ends with a period


def test_prose_needs_length_and_no_evidence():
    assert is_prose(Line("Below, you will find links to all of the research referenced by our guests.", 1))
    assert not is_prose(Line("What you need to know about sanctuary cities. The Economist.", 1))
    assert not is_prose(Line("Here we go: you and our guests (2019). A long title of a paper here.", 1))
    assert is_prose(Line(" ".join(["word"] * 40), 1))


def test_markdown_headings_are_sections():
    lines = extract_markdown("# Show notes\n\n## Organisations we like\n\nPRAIDA (external link)\n")
    chunks, _ = find_sections(lines)
    assert [(c.section, [ln.text for ln in c.lines if not ln.blank]) for c in chunks] == [
        ("Organisations we like", ["PRAIDA (external link)"])
    ]


def test_a_papers_body_before_references_is_skipped(seed_path):
    # The body cites years ("Lacroix (2022)") but no line of it is shaped like a reference.
    text = (seed_path.parent / "paper-body.txt").read_text(encoding="utf-8")
    chunks, diags = find_sections(extract_text(text), "paper-body.txt")
    assert [(c.section, [ln.text for ln in c.lines if not ln.blank]) for c in chunks] == [
        ("", ["Bauder, H. (2017). Sanctuary cities. International Migration, 55(2), 174-187.",
              "Lacroix, T. (2022). Migration-related city networks. Local Government Studies, 48(6), 1027-1047."])]
    assert [(d.code, d.line) for d in diags] == [("skipped-preamble", 1)]


ARTICLE = """Cities of Refuge: A Symposium Report

by Ana Writer & Ben Author

The symposium brought together academics and practitioners to discuss how cities support migrants, which services they offer to newcomers regardless of status, how they work with civil society, and what remains to be done by all of them in the coming years of work.

Local Partnerships

Speakers stressed that partnerships between cities and civil society organisations matter a great deal, that such partnerships need stable funding, shared data and trust, and that national governments should fund them better over many more years than they do now.

This report first appeared in the March 2023 issue of City Magazine.
"""


def test_mostly_prose_page_keeps_only_reference_like_lines():
    chunks, diags = find_sections(extract_text(ARTICLE), "article.txt")
    kept = [ln.text for c in chunks for ln in c.lines if not ln.blank]
    assert kept == ["This report first appeared in the March 2023 issue of City Magazine."]
    assert [d.line for d in diags if d.code == "skipped-in-prose"] == [1, 3, 7]
