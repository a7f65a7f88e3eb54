"""Remove the debris that copy-paste leaves in references, and record what it said.

Web pages lose their links when copied as text and leave markers behind: "(external link)",
"(PDF file)", "[PDF]", "Link". Reference styles add access phrases: "Retrieved from",
"Available at:", "Accessed 3 May 2020". :func:`clean` removes them all, and

* keeps any URL or DOI written in the text or carried by a hyperlink, as ``url`` / ``doi``
  (DOIs bare, as the model requires);
* sets ``lostlink`` (:data:`solicite.model.LOST_LINK_FIELD`) to the marker text when a link
  marker stood but no URL survived, so ``resolve`` and ``check`` can act on it;
* sets ``urldate`` from an "Accessed ..." or "Retrieved ... from" date it can read;
* repairs the punctuation the markers displaced: "repression (external link) ?." becomes
  "repression?", "( 2024)" becomes "(2024)", "L.." becomes "L.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from solicite import doi as doi_text
from solicite.dates import month_number
from solicite.model import LOST_LINK_FIELD
from solicite.parse.extract import Link
from solicite.parse.roles import take_annotations
from solicite.urls import trim_url

# Markers left where a hyperlink was. Group "name" is what lostlink records.
_LINK_MARKERS = re.compile(
    r"\((?P<a>\s*(?:external link|link is external|opens in (?:a )?new (?:window|tab))\s*)\)"
    r"|\((?P<b>\s*PDF(?: file| document)?(?:,?\s*\d[\d.,]*\s*[KMG]i?B)?\s*)\)"
    r"|\[(?P<c>\s*(?:PDF|link|external link|web link|online)\s*)\]"
    r"|\((?P<d>\s*link\s*)\)"
    r"|(?<![\w-])(?P<e>(?-i:Link))(?:\s*:)?(?=\s*$)"  # "Link" capitalised only: "the missing link" stays
    r"|(?<![\w-])(?P<f>(?-i:Link)):",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"]+", re.IGNORECASE)
_DOI = re.compile(rf"{doi_text.LABEL}?({doi_text.IN_TEXT})", re.IGNORECASE)  # one DOI pattern: solicite.doi
_DATE = r"(?:\d{4}-\d\d-\d\d|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|[A-Za-z]{3,9}\.?\s+\d{4})"
_ACCESSED = re.compile(
    rf"[\[(]?\s*\b(?:last\s+)?(?:accessed|viewed|consulted)(?:\s+on)?\s*:?\s*(?P<date>{_DATE})\s*[\])]?",
    re.IGNORECASE,
)
_RETRIEVED = re.compile(
    rf"\b(?-i:Retrieved)(?:\s+on)?\s*(?:(?P<date>{_DATE}),?\s*)?(?:,\s*)?(?:from\b\s*:?)?", re.IGNORECASE
)
_AVAILABLE = re.compile(r"\bAvailable(?:\s+online)?(?:\s+(?:at|from))?\s*:|\bAvailable(?:\s+online)?\s+(?:at|from)\b")
_NOISE_WORDS = ("link", "pdf", "retriev", "availab", "access", "viewed", "consulted", "http", "ftp:", "www.", "10.")


def _maybe_noise(text: str) -> bool:
    """Cheap test for anything the removals below could match (plain substring tests are fastest)."""
    low = text.lower()
    return any(word in low for word in _NOISE_WORDS)
# Phrases that, standing without a URL, still tell that the reference had a link.
_LINK_PHRASES = {"retrieved": "Retrieved from", "available": "Available at"}


@dataclass
class Cleaned:
    """A reference's text without markers, the fields they yielded, and what was removed."""

    text: str
    fields: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    # Texts that were hyperlinks (before a link marker, or inside <a>/[..](..)), cleaned: in
    # show notes the linked text is the reference's title, which the tagger cannot see.
    anchors: list[str] = field(default_factory=list)


def clean(text: str, links: list[Link] | None = None) -> Cleaned:
    """Strip link markers, access phrases, URLs and DOIs from ``text``; return them as fields."""
    text, fields = take_annotations(text)
    original = text
    removed: list[str] = []
    anchors = [text[lk.start:lk.end] for lk in links or [] if 0 <= lk.start < lk.end <= len(text)]
    if not links and not _maybe_noise(text):
        return Cleaned(repair(text), fields, removed, [])  # the common case, kept fast
    urls: list[str] = []
    dois: list[str] = []

    # Identifiers first: "Retrieved from https://..." must lose its URL before the phrase goes.
    def take_doi(m: re.Match) -> str:
        doi = doi_text.trim(m.group(1))
        dois.append(doi)
        return " " + m.group(1)[len(doi):]  # punctuation after the DOI stays in the text

    text = _DOI.sub(take_doi, text)

    def take_url(m: re.Match) -> str:
        url = trim_url(m.group(0))
        urls.append(url if not url.lower().startswith("www.") else "https://" + url)
        return " " + m.group(0)[len(url):]

    text = _URL.sub(take_url, text)
    for link in links or []:
        doi = doi_text.doi_of_url(link.url)
        (dois if doi else urls).append(doi or link.url)

    link_markers: list[str] = []

    def take_phrase(m: re.Match) -> str:
        removed.append(" ".join(m.group(0).split()))
        date = m.groupdict().get("date")
        if date and "urldate" not in fields:
            iso = _iso_date(date)
            if iso:
                fields["urldate"] = iso
        word = m.group(0).strip(" [(").split()[0].lower()
        if word in _LINK_PHRASES:
            link_markers.append(_LINK_PHRASES[word])
        return " "

    text = _ACCESSED.sub(take_phrase, text)
    text = _RETRIEVED.sub(take_phrase, text)
    text = _AVAILABLE.sub(take_phrase, text)

    def take_marker(m: re.Match) -> str:
        removed.append(m.group(0).strip())
        anchors.append(_anchor_before(m.string, m.start(), m.end()))
        name = next(v for v in m.groupdict().values() if v)
        link_markers.append(" ".join(name.split()))
        return " "

    text = _LINK_MARKERS.sub(take_marker, text)

    if dois:
        fields["doi"] = dois[0]
    web = [u for u in urls if not doi_text.doi_of_url(u)]
    if web:
        fields["url"] = web[0]
    elif urls and not dois:
        fields["url"] = urls[0]
    if link_markers and not urls and not dois:
        # In the order they stand in the text (the removals above ran phrase kind by kind).
        lowered = original.lower()
        ordered = sorted(dict.fromkeys(link_markers), key=lambda m: (lowered.find(m.lower()) % (len(lowered) + 1)))
        fields[LOST_LINK_FIELD] = ", ".join(ordered)
    anchors = [a for a in (_clean_anchor(a) for a in anchors) if len(a.split()) >= 2]
    return Cleaned(repair(text), fields, removed, list(dict.fromkeys(anchors)))


# Where linked text can begin: the start, or after ")" / "]" (a date, another marker) and space.
_ANCHOR_START = re.compile(r"(?:^|[)\]]\.?\s*)")


def _anchor_before(text: str, start: int, end: int) -> str:
    """The text a marker at [start, end) stood after: back to the last date or marker, plus a displaced "?"/"!"."""
    begin = 0
    for m in _ANCHOR_START.finditer(text, 0, start):
        begin = m.end()
    after = re.match(r"\s*([?!])", text[end:])
    return text[begin:start] + (after.group(1) if after else "")


def _clean_anchor(anchor: str) -> str:
    anchor = _LINK_MARKERS.sub(" ", anchor)
    return repair(anchor).rstrip(" .,;:")


def _iso_date(text: str) -> str:
    """"3 March 2020", "March 3, 2020", "2020-03-03", "March 2020" as ISO 8601, or ""."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text)
    if m:
        return text
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if m:
        return ""  # day/month order is ambiguous: keep nothing rather than guess
    words = re.findall(r"[A-Za-z]+|\d+", text)
    numbers = [w for w in words if w.isdigit()]
    months = [month_number(w) for w in words if w.isalpha() and w.lower() not in ("st", "nd", "rd", "th")]
    if not numbers or len(numbers[-1]) != 4 or not months or months[0] is None:
        return ""
    year, month = numbers[-1], months[0]
    day = next((int(n) for n in numbers[:-1] if 1 <= int(n) <= 31), None)
    return f"{year}-{month:02d}-{day:02d}" if day else f"{year}-{month:02d}"


_FIXES = (
    (re.compile(r"\s+"), " "),
    (re.compile(r"([(\[])\s+"), r"\1"),  # "( 2024)" -> "(2024)"
    (re.compile(r"\s+([)\]])"), r"\1"),
    (re.compile(r"\(\s*\)|\[\s*\]"), " "),  # brackets emptied by a removal
    (re.compile(r"([.?!])(?:\s+\.)+"), r"\1"),  # "Title. ." left by a removed URL
    (re.compile(r"\s+([.,;:?!])"), r"\1"),  # "migration ." -> "migration."
    (re.compile(r"([?!])[.,]+"), r"\1"),  # "repression?." -> "repression?"
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "."),  # "Goldring, L.." -> "Goldring, L." (an ellipsis stays)
    (re.compile(r"[,;:]+\."), "."),
    (re.compile(r"\)\.(?=[\w‘“\"'])"), "). "),  # "(2017).‘Sanctuary" -> "(2017). ‘Sanctuary"
    (re.compile(r"^[\s.,;:|]+"), ""),
    (re.compile(r"\s*[,;:|\-–—]+\s*$"), ""),
    (re.compile(r"\s+"), " "),
)


# Anything at all that one of the fixes above could change (most references need none).
_NEEDS_REPAIR = re.compile(r"\s[\s.,;:?!)\]]|[(\[]\s|[?!][.,]|\.\.|[,;:]\.|\)\.[\w‘“\"']|^[\s.,;:|]|[,;:|\-–—]\s*$|\(\s*\)|\[\s*\]|[\t\n\r\f\v]")


def repair(text: str) -> str:
    """Fix spacing and punctuation left broken by removals ("title (x) ?." -> "title?")."""
    if not _NEEDS_REPAIR.search(text):
        return text.strip()
    for pattern, replacement in _FIXES:
        text = pattern.sub(replacement, text)
    return text.strip()
