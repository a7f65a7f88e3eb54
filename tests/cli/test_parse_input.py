"""What a newcomer's lists hold (issue 16): bare identifiers, prose, roles beside names, places in titles."""

from __future__ import annotations

from solicite.parse import parse_text
from solicite.parse.noise import take_role

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
