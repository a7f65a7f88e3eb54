"""HTML and Markdown output are safe to publish: only http(s)/DOI links, no raw HTML from fields.

Markdown is checked by rendering it with markdown-it-py (a CommonMark implementation,
independent of solicite) with raw HTML allowed, then reading the HTML as below; HTML is read
with the standard library's html.parser.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite.cli.main import cli
from solicite.render import linkable

EVIL = r"""
@online{a,
  author = {<script>alert(1)</script>},
  title = {Title <img src=x onerror=alert(1)> & "q" [x](javascript:alert(1))},
  url = {javascript:alert(1)},
  year = {2020},
  keywords = {Sec <b onclick=alert(1)>tion</b>},
}
@online{b,
  title = {B},
  url = {https://example.org/a>b<img src=x onerror=alert(1)>},
  year = {2020},
}
@article{c,
  title = {C},
  author = {Doe, J},
  journal = {J},
  doi = {10.1000/x><img src=x onerror=alert(2)>},
  year = {2020},
}
@online{d,
  title = {D},
  url = {  JaVaScRiPt:alert(3)},
  year = {2020},
}
@online{e,
  title = {E},
  url = {data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==},
  year = {2020},
}
@online{f,
  title = {F <a href="javascript:alert(4)">x</a>},
  url = {vbscript:msgbox(1)},
  year = {2020},
}
@online{g,
  title = {G},
  url = {https://example.org/ok?a=1&b=(2)},
  year = {2020},
}
"""

ALLOWED_TAGS = {"ul", "li", "i", "em", "a", "h2", "p", "strong", "br", "span"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def _assert_safe_html(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    hrefs = []
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (tag, html)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "a":
            assert attrs["href"].startswith(("http://", "https://")), attrs
            hrefs.append(attrs["href"])
    return hrefs


def _outputs(tmp_path: Path, to: str) -> list[str]:
    lib = tmp_path / "evil.bib"
    lib.write_text(EVIL, encoding="utf-8")
    out = []
    for args in (["format", "--to", to], ["format", "--style", "ieee", "--to", to],
                 ["format", "--style", "mla", "--to", to], ["shownotes", "--to", to]):
        result = CliRunner().invoke(cli, ["--library", str(lib), *args])
        assert result.exit_code == 0, result.output
        out.append(result.output)
    return out


def test_html_links_only_http_and_escapes_everything(tmp_path: Path) -> None:
    for html in _outputs(tmp_path, "html"):
        hrefs = _assert_safe_html(html)
        assert "javascript:alert(1)" in html and "data:text/html" in html  # shown as text, not dropped
        assert "https://example.org/ok?a=1&amp;b=(2)" in hrefs[-1] or any("example.org/ok" in h for h in hrefs)


def test_markdown_opens_no_raw_html_and_no_script_link(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})  # raw HTML allowed: the test is that none gets through
    for text in _outputs(tmp_path, "markdown"):
        html = md.render(text)
        hrefs = _assert_safe_html(html)
        assert "javascript:alert(1)" in html  # the text is kept
        assert any("example.org/a%3Eb%3Cimg" in h for h in hrefs), hrefs


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/x", "https://example.org/x"),
    ("HTTP://Example.org/x y", "HTTP://Example.org/x%20y"),
    ("doi:10.1000/182", "https://doi.org/10.1000/182"),
    ("javascript:alert(1)", None), (" javascript:alert(1)", None), ("vbscript:x", None),
    ("data:text/html,x", None), ("file:///etc/passwd", None), ("//evil.example/x", None), ("http:x", None),
])
def test_linkable(url: str, expected: str | None) -> None:
    assert linkable(url) == expected
