"""What a newcomer's lists hold (issue 16): bare identifiers, prose, roles beside names, places in titles."""

from __future__ import annotations

from solicite.parse import parse_text
from solicite.parse.roles import take_role

LIST = """\
Bauder, H. (2017). Sanctuary cities. International Migration, 55(2), 174-187.

10.1073/pnas.2014673117

ISBN: 978-0-520-29788-3

https://www.example.org/reports/solidarity-cities

Roman Mars (host). (2019). The sanctuary city. 99% Invisible. Radiotopia.

Carlo Ratti \u2014 Speaker. (2019). The senseable city [Video]. YouTube. https://www.youtube.com/watch?v=abc

Sassen, S. (2001). The global city: New York, London, Tokyo. Princeton, NJ: Princeton University Press.
"""


def _parsed():
    from solicite.keys import assign_keys

    result = parse_text(LIST, source="list.txt", fmt="text")
    return assign_keys(result.references), result.diagnostics


def test_a_bare_identifier_is_an_entry_keyed_from_it() -> None:
    refs, diags = _parsed()
    by_line = {r.line: r for r in refs}
    assert (by_line[3].type, by_line[3].key, dict(by_line[3].fields)) == \
        ("misc", "doipnas2014673117", {"doi": "10.1073/pnas.2014673117"})
    assert by_line[5].key == "isbn9780520297883" and by_line[5].fields["isbn"] == "9780520297883"
    assert by_line[7].fields["url"] == "https://www.example.org/reports/solidarity-cities"
    # Told as information (resolve can fill it), never counted as unparsed.
    assert {d.line for d in diags if d.code == "identifier-only"} == {3, 5, 7}
    assert not [d for d in diags if d.code == "unparsed"]


def test_roles_are_the_persons_not_organisations() -> None:
    refs, _ = _parsed()
    by_line = {r.line: r for r in refs}
    mars, ratti = by_line[9], by_line[11]
    assert [(p.family, p.given) for p in mars.authors] == [("Mars", "Roman")]
    assert mars.fields["authortype"] == "host"
    assert [(p.family, p.given) for p in ratti.authors] == [("Ratti", "Carlo")]
    assert ratti.fields["authortype"] == "speaker"
    assert take_role("Mars, R. [Producer]. (2019). Title.") == ("Mars, R.. (2019). Title.", "producer")
    # A role word far from the names (in a title) is left alone.
    title = "Smith, J. (2019). " + "A long title about cities " * 4 + "(host)."
    assert take_role(title) == (title, "")


def test_a_place_in_the_title_stays_in_the_title() -> None:
    refs, _ = _parsed()
    sassen = {r.line: r for r in refs}[13]
    assert sassen.fields["title"] == "The global city: New York, London, Tokyo"
    assert sassen.fields["address"] == "Princeton, NJ"
    assert sassen.fields["publisher"] == "Princeton University Press"


def test_a_prose_paragraph_is_skipped_and_said() -> None:
    prose = ("Sanctuary cities have been the subject of intense political debate in the United States for the "
             "past several years, with supporters arguing that local policies limiting cooperation with federal "
             "immigration enforcement improve public safety by encouraging immigrant communities to report crimes, "
             "while opponents contend that such policies shield dangerous individuals from deportation. Research on "
             "the question has produced mixed findings, although careful studies suggest little effect on crime.")
    result = parse_text(LIST + "\n" + prose + "\n", source="list.txt", fmt="text")
    assert not [r for r in result.references if r.line == 15]
    assert [d.severity for d in result.diagnostics if d.line == 15] == ["info"]


# APA 7's own examples (Publication Manual, chapter 10), lightly shortened; the expected fields
# were written by hand from what each part of the reference means.
APA_MEDIA = """\
Fogarty, M. [Grammar Girl]. (2016, September 30). How to use the subjunctive [Video]. YouTube. https://www.youtube.com/watch?v=xyz
Jackson, P. (Director). (2001). The lord of the rings: The fellowship of the ring [Film]. New Line Cinema.
Cutts, S. [@SarahCutts]. (2020, March 2). Cities are for people [Tweet]. Twitter. https://twitter.com/SarahCutts/status/123
Mars, R. (Host). (2019, May 7). The sanctuary city [Audio podcast episode]. In 99% Invisible. Radiotopia.
Harvard University. (2019, August 28). Soft robotic gripper for jellyfish [Video]. YouTube. https://www.youtube.com/watch?v=guRoWTYfxMs
"""


def _media():
    refs = parse_text(APA_MEDIA, source="apa.txt", fmt="text", one_per_line=True).references
    return {r.line: r for r in refs}


def test_a_bracketed_description_is_the_medium_never_a_name() -> None:
    by_line = _media()
    expected = {1: ("Fogarty", "M.", "Video", "Grammar Girl"), 2: ("Jackson", "P.", "Film", None),
                3: ("Cutts", "S.", "Tweet", "@SarahCutts"), 4: ("Mars", "R.", "Audio podcast episode", None)}
    for line, (family, given, medium, alias) in expected.items():
        ref = by_line[line]
        assert [(p.family, p.given) for p in ref.authors] == [(family, given)], ref.raw
        assert ref.fields["type"] == medium
        assert ref.fields.get("nameaddon") == alias
        assert "[" not in ref.fields["title"] and medium not in ref.fields["title"]
    assert [p.literal for p in by_line[5].authors] == ["Harvard University"]
    assert (by_line[2].fields["authortype"], by_line[4].fields["authortype"]) == ("director", "host")
    # The studio or platform the tagger could read as a journal is where the work was published.
    assert (by_line[2].type, by_line[2].fields["organization"]) == ("misc", "New Line Cinema")
    assert (by_line[1].type, by_line[1].fields["organization"]) == ("online", "YouTube")


def _apa(ref) -> str:
    from solicite.styles import bibliography, get_renderer

    return bibliography([ref], "apa")[0].render(get_renderer("text"))


def test_apa_prints_the_description_and_the_role() -> None:
    by_line = _media()
    # As APA 7 prints these examples (hand-checked against the manual's chapter 10).
    assert _apa(by_line[2]) == (
        "Jackson, P. (Director). (2001). The lord of the rings: The fellowship of the ring [Film]. New Line Cinema.")
    assert _apa(by_line[1]) == ("Fogarty, M. [Grammar Girl]. (2016, September 30). How to use the subjunctive [Video]. YouTube. "
                                "https://www.youtube.com/watch?v=xyz")
    assert _apa(by_line[3]) == ("Cutts, S. [@SarahCutts]. (2020, March 2). Cities are for people [Tweet]. Twitter. "
                                "https://twitter.com/SarahCutts/status/123")


def test_a_bracket_that_is_no_description_stays_where_it_was() -> None:
    from solicite.parse.roles import take_description, take_screen_name

    for text in ("Report on things [PDF]. 2020.", "Annual Report [Summary]. 2020.", "Smith, J. A. [Ed.]. (2020). T.",
                 "[1] Smith, J. Title.", "Doe, J. (2020). On [redacted] documents. Journal, 1, 2-3."):
        assert take_screen_name(text) == (text, "")
        assert take_description(text) == (text, "")


def test_the_role_reaches_csl_json_as_its_name_variable() -> None:
    from solicite.export.csljson import to_csl

    by_line = _media()
    film, episode = to_csl(by_line[2]), to_csl(by_line[4])
    assert film["type"] == "motion_picture" and film["genre"] == "Film"
    assert film["director"] == film["author"] == [{"family": "Jackson", "given": "P."}]
    assert episode["type"] == "broadcast" and episode["host"] == [{"family": "Mars", "given": "R."}]
