"""Find the reference list inside a page and the section headings that group it.

A show-notes page holds more than references: site chrome, an episode title, an intro
sentence ("Below, you will find links..."), and often a transcript. This module keeps the
part that is a reference list and labels every line with its section:

* the list starts after a heading such as "Show notes", "References" or "Bibliography" when
  nothing before that heading looks like a reference (otherwise at the top);
* it stops at a heading such as "Transcript" or "Comments";
* prose inside it (a long sentence with no year, link or identifier, written to the reader)
  is skipped, and every skipped line is reported as an ``info`` diagnostic;
* a heading is a line marked up as one (Markdown, HTML), a short line ending with ":", or a
  short line made only of the words such headings use ("Media & Blogs", "Books & Book
  Chapters", "Donate or Get Involved!"). Names that are entries ("Soli*City Blog") contain
  words outside that vocabulary and so stay entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from solicite.model import Diagnostic
from solicite.parse.extract import Line

# Headings that open the reference list; they name the list itself, not a section of it.
START_HEADINGS = frozenset(
    {
        "show notes", "shownotes", "episode notes", "notes", "references", "reference list", "bibliography",
        "works cited", "literature cited", "cited works", "sources", "literature", "references and notes",
        "notes and references", "resources", "links", "further reading", "references and further reading",
        "resources mentioned", "links mentioned", "mentioned in this episode", "referenced in this episode",
    }
)
# Headings after which nothing is a reference any more.
STOP_HEADINGS = frozenset(
    {
        "transcript", "episode transcript", "full transcript", "read the transcript", "show transcript",
        "transcription", "comments", "leave a comment", "leave a reply", "share this", "share this episode",
        "share", "related episodes", "related posts", "about the author", "about the authors", "credits",
        "subscribe", "newsletter", "footer", "cookie settings",
    }
)
# Words that section headings of reference lists are made of (singular and plural forms).
HEADING_WORDS = frozenset(
    """
    article articles academic additional audio background bibliography blog blogs book books case cases
    chapter chapters cited conference data dataset datasets digital dissertation dissertations document
    documents donate donation donations edited essay essays event events external film films further
    general get government grey gray guest guests involved journal journals key law laws legal
    legislation link links literature mentioned media more multimedia news newspaper newspapers online
    organisation organisations organization organizations other page pages paper papers peer-reviewed
    podcast podcasts policy policies popular press primary proceedings project projects publication
    publications reading readings recommended related report reports research resource resources
    review reviews scholarly scientific secondary selected series social software source sources
    statistics support take action theses thesis tool tools video videos volunteer web website websites
    work works working interviews interview open access materials material initiatives campaigns
    campaign reference references notes note show episode publications grey
    """.split()
)
_STOPWORDS = frozenset("and or & the of in on for to by with a an from about + / | - – —".split())
_DEICTIC_STARTS = frozenset(
    "below above here this these we you our thanks thank listen click please find check see".split()
)
_PRONOUNS = frozenset("i we you our your us my me i'm we're you'll we've you're we'll let's".split())
_EVIDENCE = re.compile(
    r"(?<![\d/.-])(1[5-9]\d\d|20\d\d)(?![\d/])|\bn\.\s?d\.|https?://|www\.|\b10\.\d{4,9}/|\bdoi\b|\(external link\)|\(pdf|\[pdf\]",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\s&|/+]+")


@dataclass
class Chunk:
    """The lines of one section of the reference list (``section`` is "" before any heading)."""

    section: str
    lines: list[Line] = field(default_factory=list)


def normalise_heading(text: str) -> str:
    """The heading as it is written, without list bullets, trailing colons and surrounding space."""
    text = re.sub(r"^\s*(?:[-*•#]+\s+)", "", text).strip()
    return text.rstrip(":").strip()


def _key(text: str) -> str:
    return " ".join(text.lower().replace("&", " & ").split())


def _is_marker_heading(lines: list[Line], index: int, names: frozenset[str]) -> bool:
    """A heading such as "Transcript" or "References": its whole text, standing on its own line.

    Marked up as a heading, or with blank lines (or the document's edge) around it, so that a
    wrapped "(transcript)." or "References" inside a reference is never taken for one.
    """
    line = lines[index]
    if _key(normalise_heading(line.text)) not in names:
        return False
    if line.heading:
        return True
    before = index == 0 or lines[index - 1].blank
    after = index + 1 >= len(lines) or lines[index + 1].blank
    return before and after


def has_evidence(line: Line) -> bool:
    """True when a line carries something only references carry: a year, a link, a DOI, a marker."""
    return bool(line.links) or bool(_EVIDENCE.search(line.text))


_ENDS_ITEM = re.compile(r"(?:[.?!)\]]|\d|\(external link\))\s*$", re.IGNORECASE)
_LAST_WORD_CONTINUES = frozenset("of in and or the for to by with from at on a an & et und de la le".split())


def is_heading(line: Line, before: Line | None = None, after: Line | None = None) -> bool:
    """True for a section heading: marked up as one, or short and made of heading words.

    An unmarked heading must stand apart from the lines around it (``before``/``after``,
    None or blank for none): a blank line, or a line before that ends a reference, so that
    a fragment of a wrapped reference ("Proceedings of") is never taken for one.
    """
    text = line.text.strip()
    if not text or has_evidence(line):
        return False
    if line.heading:
        return True
    words = _WORD.findall(text)
    if not words or len(words) > 8 or len(text) > 70 or text.endswith((".", "?", ",", ";")):
        return False
    if words[-1].lower().strip(":") in _LAST_WORD_CONTINUES:
        return False
    if before is not None and not before.blank and not _ENDS_ITEM.search(before.text):
        return False
    if after is not None and not after.blank and after.text[:1].islower():
        return False
    if text.endswith(":") and len(words) <= 6:
        # "Further reading:" after a blank line; "Endometrial cancer:" inside a list is a title's start.
        return before is None or before.blank
    content = [w.strip("!:,.()'\"’").lower() for w in words]
    content = [w for w in content if w and w not in _STOPWORDS]
    return bool(content) and all(w in HEADING_WORDS for w in content)


def is_prose(line: Line) -> bool:
    """True for a sentence addressed to the reader, or a long paragraph, with no reference evidence."""
    if has_evidence(line) or line.heading:
        return False
    words = line.text.split()
    if len(words) < 8:
        return False
    if len(words) >= 40:
        # A long reference (forty authors, a long title) is dense with commas and periods;
        # running prose is not.
        marks = sum(line.text.count(c) for c in ",.;:")
        return marks / len(words) < 0.2 and not _starts_like_reference(line.text)
    lowered = [w.strip(",.;:!?\"'()").lower() for w in words]
    return lowered[0] in _DEICTIC_STARTS or sum(w in _PRONOUNS for w in lowered) >= 2


def _starts_like_reference(text: str) -> bool:
    from solicite.parse.split import AUTHOR_START, list_marker

    text = text.strip()
    return bool(list_marker(text) or AUTHOR_START.match(text))


def find_sections(lines: list[Line], source: str = "-") -> tuple[list[Chunk], list[Diagnostic]]:
    """Cut the document down to its reference list and group its lines by section."""
    diagnostics: list[Diagnostic] = []
    start = _list_start(lines)
    if start:
        skipped = [ln for ln in lines[:start] if not ln.blank]
        if skipped:
            diagnostics.append(
                Diagnostic("info", "skipped-preamble", f"skipped {len(skipped)} line(s) before the reference list",
                           source=source, line=skipped[0].lineno)
            )
    chunks = [Chunk("")]
    prose_words = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if line.blank:
            chunks[-1].lines.append(line)
            continue
        if _is_marker_heading(lines, index, STOP_HEADINGS):
            rest = sum(1 for ln in lines[index:] if not ln.blank)
            diagnostics.append(
                Diagnostic("info", "skipped-after-list",
                           f"stopped at {normalise_heading(line.text)!r}: skipped {rest} line(s)",
                           source=source, line=line.lineno)
            )
            break
        if is_heading(line, lines[index - 1] if index else None, lines[index + 1] if index + 1 < len(lines) else None):
            chunks.append(Chunk(normalise_heading(line.text)))
            continue
        if is_prose(line):
            diagnostics.append(
                Diagnostic("info", "skipped-prose", f"skipped prose: {_shorten(line.text)}", source=source, line=line.lineno)
            )
            chunks[-1].lines.append(Line("", line.lineno))  # keeps the lines around it apart
            prose_words += len(line.text.split())
            continue
        chunks[-1].lines.append(line)
    _drop_unshaped_in_prose(chunks, diagnostics, source, prose_words)
    return [c for c in chunks if any(not ln.blank for ln in c.lines)], diagnostics


def _drop_unshaped_in_prose(chunks: list[Chunk], diagnostics: list[Diagnostic], source: str, prose_words: int) -> None:
    """In a page that is mostly prose (an article), keep only lines that look like references.

    Titles, bylines and sub-headings of an article are short lines without a year or a link;
    in a list they would be entries, but among more prose than list they are the article's.
    """
    kept_words = sum(len(ln.text.split()) for c in chunks for ln in c.lines if not ln.blank)
    if prose_words <= kept_words:
        return
    for chunk in chunks:
        for i, line in enumerate(chunk.lines):
            if line.blank or _reference_shaped(line) or (has_evidence(line) and len(line.text.split()) < 30):
                continue
            diagnostics.append(Diagnostic("info", "skipped-in-prose", f"skipped (the page is mostly prose): "
                                          f"{_shorten(line.text)}", source=source, line=line.lineno))
            chunk.lines[i] = Line("", line.lineno)


def _list_start(lines: list[Line]) -> int:
    """Index just after the heading that opens the list, or 0 when there is none.

    The first opening heading ("Show notes", "References") counts when what comes before it
    reads less like references than what follows: a page's chrome and intro, or a paper's
    body, come before; a list that merely has a "References" section does not.
    """
    for index, line in enumerate(lines):
        if line.blank:
            continue
        if _is_marker_heading(lines, index, START_HEADINGS):
            before = _reference_share(lines[:index])
            after = _reference_share(lines[index + 1:])
            return index + 1 if before is None or before < 0.5 * (after or 0) else 0
    return 0


def _reference_share(lines: list[Line]) -> float | None:
    """The share of content lines that look like references (None when there are none)."""
    content = [ln for ln in lines if not ln.blank]
    if not content:
        return None
    return sum(1 for ln in content if _reference_shaped(ln)) / len(content)


_APA_YEAR = re.compile(r"\(\s*(?:1[5-9]\d\d|20\d\d)[a-z]?\s*\)\.|\(n\.\s?d\.\)")


def _reference_shaped(line: Line) -> bool:
    """A line that begins like a reference (author list, list number) or has an APA "(2017)." date.

    A paper's body cites years too ("as Lacroix (2022) shows"), so a year alone is not enough.
    """
    from solicite.parse.split import AUTHOR_START, list_marker

    text = line.text.strip()
    return bool(list_marker(text) or AUTHOR_START.match(text) or _APA_YEAR.search(text)) and not is_prose(line)


def _is_link_only_chrome(line: Line) -> bool:
    # A menu entry in an HTML page is a short link and no reference.
    return bool(line.links) and not _EVIDENCE.search(line.text) and len(line.text.split()) <= 3


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
