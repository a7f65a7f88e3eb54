"""Find the links in inputs: BibTeX libraries, Markdown, HTML and plain text, with file and line.

Addresses on ``doi.org`` become DOIs, so they are checked with the Handle API instead of
being followed to publishers that block robots. Relative links are not collected: the
checker answers for the web, not for a site's own files.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable

from solicite.check.result import DOI, MISSING, URL, Link
from solicite.doi import FIND, SICI, doi_of_url, strip_doi, trim
from solicite.model import LOST_LINK_FIELD, Reference

# A URL may hold a SICI-style DOI's <...::...> (solicite.doi.SICI); any other < or > ends it.
_URL = re.compile(rf"\b(?:https?|ftp)://(?:[^\s<>\"'`{{}}|\\^]|{SICI})+", re.IGNORECASE)
# A Markdown inline link's destination and title: ](<any text but brackets>) or ](dest) with
# balanced parentheses (two levels), then an optional "title", 'title' or (title).
_MD_INLINE = re.compile(
    r"\]\(\s*(?:<(?P<angle>[^<>\n]*)>|(?P<bare>(?:[^\s()<>]|\((?:[^\s()]|\([^\s()]*\))*\))+))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
# A link reference definition, [label]: <dest> or [label]: dest, then an optional title.
_MD_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(?:<(?P<angle>[^<>\n]*)>|(?P<bare>\S+))")
# An autolink, <scheme:...>: anything but spaces and angle brackets, a | included.
_MD_AUTOLINK = re.compile(r"<(?P<angle>(?:https?|ftp)://[^\s<>]*)>", re.IGNORECASE)
_ABSOLUTE = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
_LATEX_URL = re.compile(r"\\(?:url|href)\s*\{([^{}]+)\}")
_LATEX_ESCAPE = re.compile(r"\\([_%&#$~])")
# Fields whose addresses are not links to check: local files, and the parser's lost-link marker.
_NOT_LINK_FIELDS = {LOST_LINK_FIELD, "file", "pdf", "localfile"}
_TRAILING = ".,;:!?*~'\"’”»"
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_BIB_SUFFIXES = {".bib", ".bibtex"}
_MD_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".qmd", ".rmd"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def trim_url(url: str) -> str:
    """Drop the punctuation that ends a sentence or closes a bracket around a URL in prose."""
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
        elif last == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        elif last == "]" and url.count("]") > url.count("["):
            url = url[:-1]
        elif last == ">" or last == "<":
            url = url[:-1]
        else:
            break
    return url


def classify(url: str, source: str = "", line: int = 0, key: str = "", field: str = "") -> Link:
    """A Link for a URL; ``doi.org`` addresses become DOI links."""
    doi = doi_of_url(url)
    if doi:
        return Link(doi, source, line, DOI, key, field)
    return Link(url, source, line, URL, key, field)


def links_in_text(text: str, source: str = "", first_line: int = 1, dois: bool = True) -> list[Link]:
    """Every http(s) URL and DOI in plain text, one Link per occurrence, in reading order."""
    out: list[Link] = []
    for offset, line in enumerate(text.splitlines()):
        out.extend(_links_in_line(line, source, first_line + offset, dois))
    return out


def _markdown_destinations(line: str, source: str, number: int) -> tuple[str, list[tuple[int, Link]]]:
    """The link destinations of a Markdown line (inline links, reference definitions, autolinks),
    and the line with them and their titles blanked."""
    found: list[tuple[int, Link]] = []

    def take(m: re.Match) -> str:
        dest = m.group("angle") if m.group("angle") is not None else m.group("bare")
        # CommonMark allows spaces inside <...>; in the address they are %20, as a browser sends them.
        dest = dest.strip().replace(" ", "%20")
        if _ABSOLUTE.match(dest):
            found.append((m.start(), classify(dest, source, number)))
        return " " * len(m.group(0))

    line = _MD_INLINE.sub(take, line)
    line = _MD_DEFINITION.sub(take, line, count=1)
    return _MD_AUTOLINK.sub(take, line), found


def _links_in_line(line: str, source: str, number: int, dois: bool, markdown: bool = False) -> list[Link]:
    found: list[tuple[int, Link]] = []
    seen: set[str] = set()
    if markdown:
        line, found = _markdown_destinations(line, source, number)
        seen = {link.url for _, link in found}
    for m in _URL.finditer(line):
        url = trim_url(m.group(0))
        if url and url not in seen:  # [url](url) in Markdown names one link, not two
            seen.add(url)
            found.append((m.start(), classify(url, source, number)))
    if dois:
        blanked = _URL.sub(lambda m: " " * len(m.group(0)), line)
        for m in FIND.finditer(blanked):
            doi = trim(m.group(0))
            if doi not in seen:
                seen.add(doi)
                found.append((m.start(), Link(doi, source, number, DOI)))
    found.sort(key=lambda pair: pair[0])
    return [link for _, link in found]


def links_in_markdown(text: str, source: str = "") -> list[Link]:
    """Links in Markdown (inline, reference-style, autolinks, bare), skipping fenced code blocks."""
    out: list[Link] = []
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        m = _FENCE.match(line)
        if m:
            marker = m.group(1)[0] * 3
            if fence is None:
                fence = marker
                continue
            if marker == fence:
                fence = None
                continue
        if fence is None:
            out.extend(_links_in_line(line, source, number, True, markdown=True))
    return out


class _HrefParser(HTMLParser):
    """Collects absolute href/src/cite addresses with the line of their tag."""

    ATTRS = {"href", "src", "cite", "action", "data"}

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.links: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if name in self.ATTRS and value:
                value = value.strip()
                if value.startswith("//"):
                    value = "https:" + value
                if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
                    self.links.append(classify(value, self.source, line))

    handle_startendtag = handle_starttag


def links_in_html(text: str, source: str = "") -> list[Link]:
    """Absolute links in HTML attributes (href, src, cite...), any scheme, with the tag's line."""
    parser = _HrefParser(source)
    parser.feed(text)
    parser.close()
    return parser.links


def _unlatex(text: str) -> str:
    # BibTeX authors escape _ % & # in addresses (https://a.org/x\_y); the server wants them bare.
    return _LATEX_ESCAPE.sub(r"\1", text.strip().strip("{}"))


def field_line(ref: Reference, name: str) -> int:
    """The line of field ``name`` inside the entry, from ``ref.raw``; the entry's line otherwise."""
    if not ref.line:
        return 0
    m = re.search(rf"(?i)(?<![\w-]){re.escape(name)}\s*=", ref.raw or "")
    return ref.line + (ref.raw.count("\n", 0, m.start()) if m else 0)


def links_in_references(refs: Iterable[Reference], source: str | None = None,
                        line_of: Callable[[Reference, str], int] = field_line) -> list[Link]:
    """The url, doi and \\url{...} links of entries, plus a ``missing`` Link for entries without any.

    ``line_of(ref, field)`` gives a field's line; ``Library.field_line`` knows it exactly.
    """
    out: list[Link] = []
    for ref in refs:
        src = ref.source if source is None else source
        found: list[Link] = []
        for name, value in ref.fields.items():
            if name == "url":
                for url in value.split():
                    found.append(classify(_unlatex(url), src, line_of(ref, name), ref.key, name))
            elif name == "doi":
                doi = doi_of_url(_unlatex(value)) or strip_doi(value)
                if doi:
                    found.append(Link(doi, src, line_of(ref, name), DOI, ref.key, name))
            elif name not in _NOT_LINK_FIELDS and ("://" in value or "\\url" in value or "\\href" in value):
                # \url{...}, \href{...}{...} and bare addresses in howpublished, note and the like.
                line = line_of(ref, name)
                urls = [_unlatex(m.group(1)) for m in _LATEX_URL.finditer(value)]
                urls += [trim_url(m.group(0)) for m in _URL.finditer(_unlatex(_LATEX_URL.sub(" ", value)))]
                for url in dict.fromkeys(urls):
                    found.append(classify(url, src, line, ref.key, name))
        out.extend(found)
        lost = ref.fields.get(LOST_LINK_FIELD)
        if lost is not None or not found:
            field = LOST_LINK_FIELD if lost is not None else ""
            out.append(Link("", src, line_of(ref, field) if field else ref.line, MISSING, ref.key, field))
    return out


def kind_of(path: Path) -> str:
    """``bib``, ``markdown``, ``html`` or ``text``, from the file name."""
    suffix = path.suffix.lower()
    if suffix in _BIB_SUFFIXES:
        return "bib"
    if suffix in _MD_SUFFIXES:
        return "markdown"
    if suffix in _HTML_SUFFIXES:
        return "html"
    return "text"


def links_in_file(path: Path, text: str | None = None) -> list[Link]:
    """The links of a Markdown, HTML or plain-text file (BibTeX goes through the library loader)."""
    if text is None:
        text = path.read_text(encoding="utf-8", errors="replace")
    kind = kind_of(path)
    source = str(path)
    if kind == "markdown":
        return links_in_markdown(text, source)
    if kind == "html":
        return links_in_html(text, source)
    return links_in_text(text, source)
