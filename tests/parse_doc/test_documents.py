"""Golden tests on small documents written for them: an HTML episode page and a paper's numbered list.

The expected values below were written by hand from the fixtures, not produced by the code.
The stand-in tagger is used so that these tests check the document stages only.
"""

from __future__ import annotations

from solicite.parse import parse_text


def _summary(result):
    return [(r.line, r.fields.get("keywords", ""), r.raw, {k: v for k, v in r.fields.items()
                                                         if k in ("url", "doi", "lostlink", "urldate")})
            for r in result.references]


def test_html_episode_page(seed_path, fake_tagger):
    page = (seed_path.parent / "episode.html").read_text(encoding="utf-8")
    result = parse_text(page, source="episode.html", tagger=fake_tagger)
    assert _summary(result) == [
        (14, "Media \\& Blogs",
         "Penny, E. (13 December 2016). Solidarity cities (external link). The Conversation.",
         {"url": "https://theconversation.com/solidarity-cities-70132"}),
        (15, "Media \\& Blogs", "What makes a city solidary? (external link) Podcast. Salto.",
         {"lostlink": "external link"}),
        (19, "Scholarly Articles",
         "Hausman, D. K. (2020). Sanctuary policies reduce deportations without increasing crime. "
         "Proceedings of the National Academy of Sciences, 117(44), 27262\u201327267. "
         "https://doi.org/10.1073/pnas.2014673117",
         {"doi": "10.1073/pnas.2014673117"}),
        (22, "Scholarly Articles",
         "Bauder, H. (2017). Sanctuary cities: Policies and practices in international perspective [PDF]. "
         "International Migration, 55(2), 174-187.",
         {"lostlink": "PDF"}),
    ]
    podcast = result.references[1]
    assert (podcast.type, podcast.fields["title"], podcast.fields["howpublished"], podcast.fields["organization"]) == (
        "online", "What makes a city solidary?", "Podcast", "Salto")
    assert result.references[3].fields["title"].endswith("international perspective")  # "[PDF]" is gone
    codes = [d.code for d in result.diagnostics if d.severity == "info"]
    assert codes.count("skipped-prose") == 1 and "skipped-preamble" in codes and "skipped-after-list" in codes


def test_paper_numbered_list_with_hanging_lines(seed_path, fake_tagger):
    text = (seed_path.parent / "paper-references.txt").read_text(encoding="utf-8")
    result = parse_text(text, source="paper.txt", tagger=fake_tagger)
    assert _summary(result) == [
        (7, "", 'H. Bauder, "Sanctuary cities: Policies and practices in international perspective," '
                "International Migration, vol. 55, no. 2, pp. 174-187, 2017.", {}),
        (9, "", 'T. Lacroix, "Migration-related city networks: A global overview," Local Government '
                "Studies, vol. 48, no. 6, pp. 1027-1047, 2022, doi: 10.1080/03003930.2021.1938553.",
         {"doi": "10.1080/03003930.2021.1938553"}),
        (11, "", 'UNHCR, "Cities of solidarity in the Americas," 2022. [Online]. Available: '
                 "https://www.unhcr.org/cities. [Accessed: 3 May 2023].",
         {"url": "https://www.unhcr.org/cities", "urldate": "2023-05-03"}),
    ]
