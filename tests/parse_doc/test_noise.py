"""Markers removed and recorded, lost links flagged, punctuation repaired, URLs and DOIs kept."""

from __future__ import annotations

import pytest

from solicite.model import LOST_LINK_FIELD
from solicite.parse.extract import Link
from solicite.parse.noise import clean, repair


@pytest.mark.parametrize(
    ("text", "expected", "removed", "lost"),
    [
        ("Bauder, H. (2021). Urban sanctuary: a challenge to migrant repression (external link) ?. In Migration (pp. 183-204). Routledge.",
         "Bauder, H. (2021). Urban sanctuary: a challenge to migrant repression? In Migration (pp. 183-204). Routledge.",
         ["(external link)"], "external link"),
        ("Unzueta, T. A. (30 January 2017).  (PDF file) Expanding sanctuary. What makes a city a sanctuary now (external link) ? Mijente.",
         "Unzueta, T. A. (30 January 2017). Expanding sanctuary. What makes a city a sanctuary now? Mijente.",
         ["(PDF file)", "(external link)"], "PDF file, external link"),
        ("Anderson, B. (2009). Why no borders?. (external link)  Refuge, 26, 5.",
         "Anderson, B. (2009). Why no borders? Refuge, 26, 5.", ["(external link)"], "external link"),
        ("Jung, J. & Bauder, H. ( 2024).  (PDF file) Urban sanctuary.      ",
         "Jung, J. & Bauder, H. (2024). Urban sanctuary.", ["(PDF file)"], "PDF file"),
        ("Robbins, L. (25 October 2017).\u2018Sanctuary city\u2019 mayors vow (external link) . New York Times.",
         "Robbins, L. (25 October 2017). \u2018Sanctuary city\u2019 mayors vow. New York Times.", ["(external link)"], "external link"),
        ("Bernhard, K. & Goldring, L.. (2023). Access.", "Bernhard, K. & Goldring, L. (2023). Access.", [], None),
        ("Report on things [PDF]. 2020.", "Report on things. 2020.", ["[PDF]"], "PDF"),
        ("Report on things (PDF, 2.3 MB). 2020.", "Report on things. 2020.", ["(PDF, 2.3 MB)"], "PDF, 2.3 MB"),
        ("Some page. The Site. Link", "Some page. The Site.", ["Link"], "Link"),
        ("Solidarity City Vienna (external link)  - Media.", "Solidarity City Vienna - Media.", ["(external link)"], "external link"),
        ("Charta of Palermo, 2015  (external link) ", "Charta of Palermo, 2015", ["(external link)"], "external link"),
        ("The Missing Link in physics. (2019). Nature.", "The Missing Link in physics. (2019). Nature.", [], None),
        ("Darwin, C. (1860). The missing link", "Darwin, C. (1860). The missing link", [], None),
        ("Smith, J. (2020). Data retrieved from archives. Nature.", "Smith, J. (2020). Data retrieved from archives. Nature.", [], None),
        ("Smith, J. (2020). Title. Retrieved from", "Smith, J. (2020). Title.", ["Retrieved from"], "Retrieved from"),
        ("Report [PDF]. Retrieved from", "Report.", ["Retrieved from", "[PDF]"], "PDF, Retrieved from"),
        ("Smith, J. (2020). Wait... what? Ellipsis stays.", "Smith, J. (2020). Wait... what? Ellipsis stays.", [], None),
    ],
)
def test_markers_and_punctuation(text, expected, removed, lost):
    cleaned = clean(text)
    assert cleaned.text == expected
    assert cleaned.removed == removed
    assert cleaned.fields.get(LOST_LINK_FIELD) == lost


def test_urls_and_dois_become_fields():
    c = clean("Smith, J. (2020). Title. Journal, 1(2), 3-4. https://doi.org/10.1000/xyz(1)23.")
    assert c.text == "Smith, J. (2020). Title. Journal, 1(2), 3-4."
    assert c.fields == {"doi": "10.1000/xyz(1)23"}
    c = clean("Smith, J. (2020). Title. doi:10.1000/ABC. Retrieved March 3, 2020, from https://example.org/a_(b).")
    assert c.text == "Smith, J. (2020). Title."
    assert c.fields == {"doi": "10.1000/ABC", "url": "https://example.org/a_(b)", "urldate": "2020-03-03"}
    assert c.removed == ["Retrieved March 3, 2020, from"]


def test_available_at_and_accessed():
    c = clean("UNHCR (2019). Global Trends. Available at: www.unhcr.org/globaltrends [Accessed 3 May 2021].")
    assert c.text == "UNHCR (2019). Global Trends."
    assert c.fields == {"url": "https://www.unhcr.org/globaltrends", "urldate": "2021-05-03"}
    assert sorted(c.removed) == ["Available at:", "[Accessed 3 May 2021]"]
    c = clean("Page title (accessed on 2020-01-31). Some Site.")
    assert (c.text, c.fields) == ("Page title. Some Site.", {"urldate": "2020-01-31"})
    c = clean("Page title. Accessed 01/02/2020.")  # day/month order unknown: no urldate is invented
    assert (c.text, c.fields) == ("Page title.", {})


def test_marker_with_a_surviving_hyperlink_is_not_lost():
    text = "Penny, E. (2016). Solidarity cities (external link) . The Conversation."
    c = clean(text, [Link(18, 51, "https://theconversation.com/solidarity-cities")])
    assert c.fields == {"url": "https://theconversation.com/solidarity-cities"}
    assert c.removed == ["(external link)"]
    c = clean("A, B. (2020). T [PDF].", [Link(16, 19, "https://doi.org/10.1000/x")])
    assert c.fields == {"doi": "10.1000/x"}


def test_repair_alone():
    assert repair(" , Title ( 2019 ) .") == "Title (2019)."
    assert repair("Name () . Site") == "Name. Site"
    assert repair("Title!. Next") == "Title! Next"
    assert repair("H.B.C. (22 November 2016).") == "H.B.C. (22 November 2016)."
