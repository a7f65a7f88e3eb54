"""parse_text end to end with a stand-in tagger: one entry per reference, in order, nothing lost."""

from __future__ import annotations

from solicite.model import Reference
from solicite.parse import is_name_only, parse_text


def test_seed_gives_41_entries_in_6_sections(seed_path, fake_tagger):
    result = parse_text(seed_path.read_text(encoding="utf-8"), source="show-notes.txt", tagger=fake_tagger)
    refs = result.references
    assert len(refs) == 41
    sections = list(dict.fromkeys(r.fields["keywords"] for r in refs))
    assert sections == ["Project Page", "Donate or Get Involved!", "Media \\& Blogs", "Reports and Policy",
                        "Books \\& Book Chapters", "Scholarly Articles"]
    counts = {s: sum(r.fields["keywords"] == s for r in refs) for s in sections}
    assert counts == {"Project Page": 1, "Donate or Get Involved!": 6, "Media \\& Blogs": 12,
                      "Reports and Policy": 3, "Books \\& Book Chapters": 5, "Scholarly Articles": 14}
    assert [r.line for r in refs] == sorted(r.line for r in refs)
    assert all(r.source == "show-notes.txt" and r.key == "" and r.raw for r in refs)
    blog = next(r for r in refs if r.raw == "Soli*City Blog")
    assert (blog.type, blog.fields["title"]) == ("misc", "Soli*City Blog")
    assert "lostlink" not in blog.fields  # no marker stood there: nothing is invented
    lawyers = refs[1]
    assert (lawyers.type, lawyers.fields["title"], lawyers.fields["lostlink"]) == (
        "online", "Lawyers Without Borders", "external link")
    assert refs[-1].raw.startswith("Setrana, M. B., & Kyei")
    assert not any("Transcript" in r.raw or "Maggie" in r.raw for r in refs)


def test_unparsed_reference_is_kept_as_misc_with_a_warning(fake_tagger):
    result = parse_text("A, B. (2020). Fine.\n\n??? (2020) garbled & broken\n\nC, D. (2021). Also fine.\n",
                        source="x.txt", tagger=fake_tagger)
    refs = result.references
    assert [r.type for r in refs] == ["article", "misc", "article"]
    assert refs[1].fields["note"] == "??? (2020) garbled \\& broken"
    assert refs[1].raw == "??? (2020) garbled & broken" and refs[1].line == 3
    [warning] = [d for d in result.diagnostics if d.severity == "warning"]
    assert (warning.code, warning.source, warning.line) == ("unparsed", "x.txt", 3)


def test_tagger_diagnostics_get_the_location(fake_tagger):
    result = parse_text("\n\nA, B. (2020). Fine.\n", source="y.txt", tagger=fake_tagger)
    [d] = [d for d in result.diagnostics if d.code == "fake"]
    assert (d.source, d.line) == ("y.txt", 3)


def test_a_failing_tagger_costs_one_entry_not_the_batch():
    def tagger(texts):
        if len(texts) > 1:
            raise RuntimeError("batch broke")
        if "bad" in texts[0]:
            raise ValueError("bad string")
        return [(Reference("book", "", {"title": texts[0]}), [])]

    result = parse_text("A (2020). good one.\nA (2020). bad one.\nA (2021). good two.\n", tagger=tagger)
    assert [r.type for r in result.references] == ["book", "misc", "book"]
    # one warning for the one lost string, at its line
    assert [(d.code, d.line) for d in result.diagnostics if d.severity == "warning"] == [("tagger-failed", 2)]


def test_markdown_and_html_links_become_url_and_doi(fake_tagger):
    md = "## Media\n\n- Penny, E. (2016). [Solidarity cities (external link)](https://tc.com/s). The Conversation.\n"
    [ref] = parse_text(md, fmt="markdown", tagger=fake_tagger).references
    assert ref.fields["url"] == "https://tc.com/s" and "lostlink" not in ref.fields
    assert ref.fields["keywords"] == "Media"
    html = '<h3>Articles</h3><p>A, B. (2020). T. <a href="https://doi.org/10.1000/xy.z">doi</a></p><p>Org <a href="x">(external link)</a></p>'
    refs = parse_text(html, tagger=fake_tagger).references
    assert refs[0].fields["doi"] == "10.1000/xy.z" and refs[0].fields["keywords"] == "Articles"
    # The only link is relative (no <base>): it cannot be followed, so the link counts as lost.
    assert (refs[1].type, refs[1].fields["title"], refs[1].fields["lostlink"]) == ("online", "Org", "external link")


def test_one_per_line_keeps_headings_and_prose_as_references(fake_tagger):
    text = "Scholarly Articles\nBelow, you will find links to all of the research referenced by our guests.\nA, B. (2020). T.\n"
    refs = parse_text(text, one_per_line=True, tagger=fake_tagger).references
    assert len(refs) == 3 and all("keywords" not in r.fields for r in refs)


def test_tagger_is_not_called_for_names_only():
    calls = []

    def tagger(texts):
        calls.extend(texts)
        return [(Reference("misc", "", {"title": t}), []) for t in texts]

    parse_text("Lawyers Without Borders (external link)\n\nSoli*City Blog\n", tagger=tagger)
    assert calls == []


def test_is_name_only():
    assert is_name_only("OCASI | Ontario Council of Agencies Serving Immigrants")
    assert is_name_only("PRAIDA (Regional Program for the Settlement and Integration of Asylum Seekers)")
    assert not is_name_only("Inclusive Cities, Communities of Solidarity. Youtube. IOM.")
    assert not is_name_only("Charta of Palermo, 2015")
    assert not is_name_only("Bauder, H. Some title")
    assert is_name_only("H.B.C. Blog")  # initials are no sentence break


def test_values_with_stray_braces_are_made_writable():
    def tagger(texts):
        return [(Reference("book", "", {"title": "A {broken title", "publisher": "P}"}), []) for _ in texts]

    result = parse_text("Smith, J. (2020). A {broken title. P}.\n", tagger=tagger)
    assert result.references[0].fields["title"] == "A broken title"
    assert result.references[0].fields["publisher"] == "P"
    assert [d.code for d in result.diagnostics if d.code == "unbalanced-braces"] == ["unbalanced-braces"] * 2


def test_progress_reports_tagged_strings(fake_tagger):
    calls = []
    text = "\n".join(f"A{i}, B. (2020). Title {i}." for i in range(1203))
    result = parse_text(text, tagger=fake_tagger, progress=lambda done, total: calls.append((done, total)))
    assert len(result.references) == 1203
    assert calls == [(500, 1203), (1000, 1203), (1203, 1203)]
