"""Turn a text, Markdown or HTML document into plain lines that remember their links.

Every later stage (sections, splitting, noise removal) works on :class:`Line` objects, so the
three input formats meet here: Markdown ``[text](url)`` and HTML ``<a href>`` become the link
text in the line plus a :class:`Link` that keeps the URL; Markdown ``#`` headings and HTML
``<h1>``-``<h6>`` are flagged as headings; HTML ``<li>`` are flagged as list items.
HTML is read with the standard library's ``html.parser``: it is lenient with real-world pages
and needs no dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

FORMATS = ("text", "markdown", "html")


@dataclass
class Link:
    """A hyperlink found in the source: where its text sits in the line, and its target."""

    start: int
    end: int
    url: str


@dataclass
class Line:
    """One line of the document as plain text, with its 1-based line number and its links."""

    text: str
    lineno: int
    links: list[Link] = field(default_factory=list)
    heading: bool = False  # marked up as a heading (Markdown "#", HTML <h1>-<h6>)
    item: bool = False  # marked up as a list item (HTML <li>); text bullets are found by split

    @property
    def blank(self) -> bool:
        """True for an empty or whitespace-only line."""
        return not self.text.strip()


def detect_format(text: str, name: str = "") -> str:
    """Guess "html", "markdown" or "text" from the file name, then from the content."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    if lower.endswith(".txt"):
        return "text"
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(p|li|h[1-6]|div|body|a\s+href)\b", head):
        return "html"
    if re.search(r"\[[^\]\n]+\]\([^)\s]+\)|^#{1,6}\s", text, re.M):
        return "markdown"
    return "text"


def extract(text: str, fmt: str | None = None, name: str = "") -> list[Line]:
    """Split a document into Lines; ``fmt`` is "text", "markdown", "html" or None to guess."""
    fmt = fmt or detect_format(text, name)
    if fmt == "html":
        return extract_html(text)
    if fmt == "markdown":
        return extract_markdown(text)
    return extract_text(text)


def extract_text(text: str) -> list[Line]:
    """Plain text: one Line per physical line, indentation kept for the splitter."""
    return [Line(_clean_line(raw), n) for n, raw in enumerate(text.splitlines(), 1)]


def _clean_line(raw: str) -> str:
    # Non-breaking and zero-width spaces come from copy-paste of web pages; tabs count as indentation.
    return raw.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "").expandtabs(4).rstrip()


# --- Markdown -------------------------------------------------------------------------------

_MD_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_REFLINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\[([^\]]*)\]")
_MD_REFDEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+[\"'(].*[\"')])?\s*$")
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_MD_ANY_LINK = re.compile("|".join(f"(?:{p.pattern})" for p in (_MD_LINK, _MD_REFLINK, _MD_AUTOLINK)))
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
# Emphasis only where a delimiter touches a word on the inside and not on the outside, so that
# names such as "Soli*City" keep their asterisk.
_MD_STRONG = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_EM = re.compile(r"(?<![\w*\\])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_\\])\1(?![\w*])")
_MD_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?=\S)([^*_]{1,80}?)(?<=\S)\1\s*:?\s*$")
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def extract_markdown(text: str) -> list[Line]:
    """Markdown: links become their text plus a Link, headings are flagged, emphasis is dropped."""
    raw_lines = text.splitlines()
    refdefs: dict[str, str] = {}
    for raw in raw_lines:
        m = _MD_REFDEF.match(raw)
        if m:
            refdefs[m.group(1).strip().lower()] = m.group(2)
    lines: list[Line] = []
    for n, raw in enumerate(raw_lines, 1):
        raw = _clean_line(raw)
        if _MD_REFDEF.match(raw):
            lines.append(Line("", n))  # a link definition is not content
            continue
        setext = _MD_SETEXT.match(raw)
        if setext and lines and not lines[-1].blank and not lines[-1].heading:
            # "Title\n=====" makes the previous line a heading; a lone "---" is a rule.
            lines[-1].heading = True
            lines.append(Line("", n))
            continue
        if setext and set(raw.strip()) == {"-"} and len(raw.strip()) >= 3:
            lines.append(Line("", n))
            continue
        heading = bool(_MD_BOLD_LINE.match(raw))  # "**Media & Blogs**" alone on its line
        m = _MD_HEADING.match(raw)
        if m:
            raw, heading = m.group(2), True
        line_text, links = _markdown_inline(raw, refdefs)
        lines.append(Line(line_text, n, links, heading=heading))
    return lines


def _markdown_inline(raw: str, refdefs: dict[str, str]) -> tuple[str, list[Link]]:
    """Resolve links in one Markdown line into plain text and Links (positions in the plain text)."""
    # Emphasis and code first: they never contain a URL we need, and removing them shifts offsets.
    raw = _MD_CODE.sub(r"\1", raw)
    for _ in range(2):
        raw = _MD_STRONG.sub(r"\2", raw)
    raw = _MD_EM.sub(r"\2", raw)
    out: list[str] = []
    links: list[Link] = []
    pos = 0
    length = 0
    for m in _MD_ANY_LINK.finditer(raw):
        before = _unescape(raw[pos:m.start()])
        out.append(before)
        length += len(before)
        inline = _MD_LINK.fullmatch(m.group(0))
        ref = _MD_REFLINK.fullmatch(m.group(0)) if not inline else None
        if inline:
            label, url = _unescape(inline.group(2)), inline.group(3)
            if inline.group(1):  # an image: keep its alt text, not its source
                url = ""
        elif ref:
            label = _unescape(ref.group(1))
            url = refdefs.get((ref.group(2) or ref.group(1)).strip().lower(), "")
        else:
            label = url = m.group(0)[1:-1]
        out.append(label)
        if url:
            links.append(Link(length, length + len(label), url))
        length += len(label)
        pos = m.end()
    out.append(_unescape(raw[pos:]))
    return "".join(out), links


def _unescape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text)


# --- HTML -----------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table tbody thead blockquote section article "
    "main pre hr figure figcaption caption address details summary".split()
)
# Page chrome and code: never reference text.
_SKIP_TAGS = frozenset("script style noscript template head nav footer aside form button select svg iframe".split())
_VOID_TAGS = frozenset("br hr img input meta link wbr area base col embed source track".split())


class _HtmlLines(HTMLParser):
    """Collects block-level text runs of an HTML page as Lines, keeping <a href> targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.base = ""
        self._parts: list[str] = []
        self._links: list[Link] = []
        self._open_link: tuple[int, str] | None = None
        self._skip = 0
        self._lineno = 0
        self._heading = False
        self._item = False
        self._bold = 0  # depth of <strong>/<b>
        self._bold_chars = 0  # characters of the current block written in bold

    # Text accumulates in _parts; a block boundary flushes it as one Line.
    def _text(self) -> str:
        return "".join(self._parts)

    def flush(self, blank_after: bool = True) -> None:
        text = self._text()
        stripped = text.strip()
        if stripped:
            offset = len(text) - len(text.lstrip())
            links = [Link(max(0, lk.start - offset), min(len(stripped), lk.end - offset), lk.url) for lk in self._links]
            # A short block written wholly in bold is a heading in all but name.
            bold = self._bold_chars >= len(stripped.replace(" ", "")) and len(stripped.split()) <= 10
            self.lines.append(Line(stripped, self._lineno, links, heading=self._heading or bold, item=self._item))
            if blank_after:
                self.lines.append(Line("", self._lineno))
        self._parts, self._links = [], []
        self._heading = self._item = False
        self._bold_chars = 0
        self._lineno = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "base":
            self.base = dict(attrs).get("href") or ""
        if tag in _SKIP_TAGS:
            if tag not in _VOID_TAGS:
                self._skip += 1
            return
        if self._skip:
            return
        if tag == "br":
            # Browsers wrap lines themselves: a <br> is the author's own break between items.
            self.flush()
            return
        if tag in _BLOCK_TAGS:
            self.flush()
            self._heading = tag in ("h1", "h2", "h3", "h4", "h5", "h6")
            self._item = tag == "li"
            self._lineno = self.getpos()[0]
            return
        if tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            self._open_link = (len(self._text()), href)
        elif tag in ("strong", "b"):
            self._bold += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag in _BLOCK_TAGS:
            self.flush()
        elif tag in ("strong", "b"):
            self._bold = max(0, self._bold - 1)
        elif tag == "a" and self._open_link:
            start, href = self._open_link
            self._open_link = None
            url = self._absolute(href)
            text = self._text()
            # A link whose text is only spaces still marks its place (an icon link).
            if url:
                self._links.append(Link(start, max(start, len(text.rstrip())), url))

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._lineno:
            self._lineno = self.getpos()[0]
        # HTML collapses runs of white space; so do we, keeping one space between runs.
        data = re.sub(r"\s+", " ", data.replace("\u00a0", " ").replace("\u200b", ""))
        if not self._text() or self._text().endswith(" "):
            data = data.lstrip()
        self._parts.append(data)
        if self._bold:
            self._bold_chars += len(data.replace(" ", ""))

    def _absolute(self, href: str) -> str:
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            return ""
        if re.match(r"[a-z][a-z0-9+.-]*:", href, re.I):
            return href
        if self.base:
            return urljoin(self.base, href)
        if href.startswith("//"):
            return "https:" + href
        return ""  # a relative link without <base> cannot be followed from elsewhere


def extract_html(text: str) -> list[Line]:
    """HTML: one Line per block (paragraph, list item, heading), a blank Line after each block."""
    # html.parser asserts on "<![...]" sections other than CDATA; in a web page they are junk.
    text = re.sub(r"<!\[(?!CDATA\[)", "&lt;![", text)
    parser = _HtmlLines()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup the parser gives up on: read it as text
        return extract_text(re.sub(r"<[^>]*>", " ", text))
    parser.flush()
    return parser.lines
