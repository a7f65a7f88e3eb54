"""A podcast episode (CSL type ``broadcast``) laid out as its style's own sources lay it out.

APA: the APA 7 manual, §10.13, and APA Style's "Podcast episode references" page
(apastyle.apa.org/style-grammar-guidelines/references/examples/podcast-episode-references),
whose example is copied here: "Glass, I. (Host). (2011, August 12). Amusement park (No. 443)
[Audio podcast episode]. In *This American Life*. WBEZ Chicago. URL" (the episode title roman,
the show italic). The other styles: citeproc-js 2.4.63 (citation-js 0.8.2) with the official
CSL style on the entry exported as CSL-JSON (type broadcast), read by hand; the same layouts are
in tests/golden/review.tsv for the corpus's two podcast episodes. (With ``authortype = {host}``
the official MLA and Chicago styles add "hosted by Ira Glass" after the show; the built-in ones
do not print a host who is already the author.)
"""

from __future__ import annotations

import re

from solicite import bibfile
from solicite.styles import bibliography, get_renderer

BIB = r"""@audio{glass2011,
  author = {Glass, Ira},
  title = {Amusement park},
  number = {443},
  booktitle = {This American Life},
  publisher = {WBEZ Chicago},
  date = {2011-08-12},
  url = {https://www.thisamericanlife.org/443/amusement-park},
  entrysubtype = {podcast},
}
"""
URL = "https://www.thisamericanlife.org/443/amusement-park"
EXPECTED = {
    "apa": f"Glass, I. (Host). (2011, August 12). Amusement park (No. 443) [Audio podcast episode]. In "
           f"<i>This American Life</i>. WBEZ Chicago. {URL}",
    "mla": f"Glass, Ira. \u201cAmusement Park.\u201d <i>This American Life</i>, episode 443, WBEZ Chicago, "
           f"12 Aug. 2011, {URL}.",
    "chicago": f"Glass, Ira. 2011. <i>This American Life</i>. Episode 443, \u201cAmusement Park.\u201d WBEZ Chicago, "
               f"August 12. {URL}.",
    "ieee": f"[1] I. Glass, \u201cAmusement park,\u201d <i>This American Life</i>, WBEZ Chicago, Aug. 12, 2011. "
            f"[Online]. Available: {URL}",
    "harvard": f"Glass, I. (2011) \u201cAmusement park,\u201d <i>This American Life</i>. WBEZ Chicago. Available at: {URL}.",
    "vancouver": f"1. Glass I. Amusement park. This American Life [Internet]. WBEZ Chicago; 2011. Available from: {URL}",
}


def _entry(tmp_path, style: str) -> str:
    path = tmp_path / "pod.bib"
    path.write_text(BIB, encoding="utf-8")
    refs = list(bibfile.load(path).references)
    html = bibliography(refs, style)[0].render(get_renderer("html"))
    # Compare the words and the italics only: the renderer's link markup is not the layout.
    return re.sub(r"<a href=\"[^\"]*\">([^<]*)</a>", r"\1", html)


def test_every_style_lays_out_the_episode_in_its_show(tmp_path) -> None:
    for style, expected in EXPECTED.items():
        assert _entry(tmp_path, style) == expected, style
