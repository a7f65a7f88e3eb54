"""Entries the tagger should not see, and corrections to its output from the document around it.

The field tagger reads one cleaned string. The document half knows more: which words were a
hyperlink (in show notes the linked text is the title: "Solidarity cities (external link) .
The Conversation."), and the exact text the fields came from. The rules here use that
evidence and only that evidence; none adds a word that is not in the reference:

* a bare name ("Lawyers Without Borders", "OCASI | Ontario Council ...") or a reference that
  is all link text becomes ``@online`` (a link stood there) or ``@misc`` with the name as title;
* a year-less "Title. Medium. Publisher." ("What makes a city solidary? Podcast. Salto.")
  becomes ``@online`` with ``howpublished`` and ``organization``;
* a title that runs past the link text is cut there, and the rest goes to the container it
  precedes in the text ("Ghana" + "Journal of Geography") or, with none, to ``organization``;
* a place glued to a name ("Toronto Metropolitan University") stays part of the name;
* an opening quote the title lost is restored; "In Book (pp. 5-7)" makes a chapter;
  "Journal, 59, 1703." gives the page; a field that only repeats another is dropped.
"""

from __future__ import annotations

import re

from solicite.model import LOST_LINK_FIELD, Reference
from solicite.codec import escape, to_unicode
from solicite.parse.placement import merge_glued_place
from solicite.parse.roles import MEDIA, is_medium
from solicite.text import fold

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b|\bn\.\s?d\.")
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])[.?!]\s+\S")
_AUTHOR_INITIALS = re.compile(r"\b[A-Z][\w'’\-]+,\s+[A-Z]\.")
_TRAILING_YEAR = re.compile(r"(?:,\s*|\s+\(?)(1[5-9]\d\d|20\d\d)\)?$")
_CONTAINERS = ("journal", "booktitle", "organization", "publisher", "institution", "howpublished")
def _norm(text: str) -> str:
    return " ".join(fold(to_unicode(text)).split())


def is_name_only(text: str) -> bool:
    """True for a bare name or title with no year, no author list and no second part."""
    body = text.rstrip(" .")
    return (
        len(body.split()) <= 16
        and not _YEAR.search(body)
        and not _SENTENCE_BREAK.search(body)
        and not _AUTHOR_INITIALS.search(body)
    )


def is_all_link(text: str, anchors: list[str]) -> bool:
    """True when the whole reference was link text ("Charta of Palermo, 2015 (external link)")."""
    if not anchors:
        return False
    body = _norm(text.rstrip(" ."))
    return any(_norm(a) == body for a in anchors)


# "PRAIDA (Regional Program for ...)": an acronym glossed by its expansion in brackets.
_GLOSSED_ACRONYM = re.compile(r"(?P<name>[A-Z][A-Z0-9&*-]{1,9})\s*\((?P<gloss>[^()]+\s[^()]+)\)")
# "Communities Of Solidarity - EU", "Solidarity City Vienna - Media": a short qualifier after a dash.
_QUALIFIER = re.compile(r"(?P<name>.*\S)\s+[-\u2013\u2014|]\s+(?P<tail>[\w&]+(?:\s[\w&]+)?)")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,9}")


def name_reference(text: str, fields: dict[str, str]) -> Reference:
    """A name with nothing else: @online when it had a link, else @misc; the name is the title.

    What a name carries besides itself goes to its own field: a year written after it
    ("Charta of Palermo, 2015") to ``year``, the expansion glossing an acronym to ``note``, and
    a short qualifier after a dash ("... - EU") to ``organization`` when it is an acronym (the
    body that publishes the page) or to ``note`` otherwise ("... - Media", the part of the site).
    """
    kind = "online" if fields.get("url") or fields.get(LOST_LINK_FIELD) else "misc"
    title = text.rstrip(" .")
    out: dict[str, str] = {}
    year = _TRAILING_YEAR.search(title)
    if year and year.start() > 0:
        out["year"] = year.group(1)
        title = title[:year.start()].rstrip(" ,")
    gloss = _GLOSSED_ACRONYM.fullmatch(title)
    qualifier = _QUALIFIER.fullmatch(title) if not gloss else None
    if gloss:
        title, out["note"] = gloss.group("name"), escape(gloss.group("gloss").strip())
    elif qualifier and len(qualifier.group("name").split()) >= 2:
        tail = qualifier.group("tail")
        out["organization" if _ACRONYM.fullmatch(tail) else "note"] = escape(tail)
        title = qualifier.group("name")
    return Reference(kind, "", {"title": escape(title), **out})


def web_reference(text: str, anchors: list[str], fields: dict[str, str]) -> Reference | None:
    """A year-less "Title. Medium. Publisher." as @online, or None when the text is not of that form."""
    if _YEAR.search(text) or _AUTHOR_INITIALS.search(text):
        return None
    title = next((a for a in anchors if _norm(text).startswith(_norm(a))), "")
    if title:
        rest = text[len(title):]
    else:
        m = re.search(r"[.?!]\s+", text)
        if not m:
            return None
        title, rest = text[: m.end()].strip(), text[m.end():]
    parts = [p.strip(" .") for p in re.split(r"(?<=[.?!])\s+", rest.strip(" .")) if p.strip(" .")]
    if not parts or len(parts) > 2 or any(len(p.split()) > 6 for p in parts):
        return None
    out = {"title": escape(title.rstrip(" ."))}
    if parts[0].lower() in MEDIA:
        if _PLATFORM.match(parts[0]):
            # The platform is where the video or episode is published: its container, as CSL-JSON's
            # importer and the styles read an @online/@video's booktitle ("YouTube", APA's site).
            out["booktitle"] = escape(parts[0])
        out["howpublished"] = escape(parts.pop(0))
    if len(parts) > 1:
        return None
    if parts:
        out["organization"] = escape(parts[0])
    if "howpublished" not in out and ("organization" not in out or not anchors):
        return None  # without a medium word or link text to go by, "A. B." is the tagger's to read
    return Reference("online" if fields.get("url") or fields.get(LOST_LINK_FIELD) or "howpublished" in out else "misc",
                     "", out)


def fix(ref: Reference, text: str, anchors: list[str]) -> Reference:
    """Apply every correction that the reference's own text supports (in place; returns ref)."""
    _cut_title_at_anchor(ref, text, anchors)
    _restore_opening_quote(ref, text)
    _place_back_into_title(ref, text)
    _merge_glued_place(ref, text)
    _chapter_from_in(ref, text)
    _page_after_volume(ref, text)
    _drop_repeats(ref)
    return ref


# Where a video, podcast or post is published, when a list names only that ("YouTube.").
_PLATFORM = re.compile(r"^(?:youtube|vimeo|twitter|x|facebook|instagram|tiktok|linkedin|spotify|apple podcasts|soundcloud|"
                       r"ted|ted talks?|netflix|twitch|mastodon|bluesky|threads)$", re.IGNORECASE)


def fix_medium(ref: Reference) -> None:
    """An entry with an APA medium description ("[Video]", "[Film]", "[Tweet]") is no book or article.

    The description was taken out of the text before tagging (roles.py), so the tagger may
    have read the studio or the platform as a journal or publisher: it is the organization.
    """
    f = ref.fields
    if not is_medium(to_unicode(f.get("type", ""))):
        return
    if ref.type in ("article", "book", "incollection", "inproceedings"):
        venue = next((f.pop(k) for k in ("journal", "booktitle", "publisher") if k in f), "")
        ref.type = "online" if f.get("url") or f.get(LOST_LINK_FIELD) else "misc"
        if venue:
            f.setdefault("organization", venue)
    if _PLATFORM.match(to_unicode(f.get("note", "")).strip(" .")) and "organization" not in f:
        f["organization"] = f.pop("note")


def _cut_title_at_anchor(ref: Reference, text: str, anchors: list[str]) -> None:
    if not anchors or not ref.fields.get("title"):
        return
    title = _norm(ref.fields["title"])
    for anchor in anchors:
        key = _norm(anchor)
        if not title.startswith(key) or len(title) <= len(key):
            continue
        plain = " ".join(to_unicode(ref.fields["title"]).split())
        rest = plain[len(anchor):].strip(" .,;:") if _norm(plain[: len(anchor)]) == key else ""
        if not rest:
            continue
        where = _norm(text)
        present = [c for c in _CONTAINERS if ref.fields.get(c)]
        glued = [c for c in present if f"{_norm(rest)} {_norm(ref.fields[c])}" in where]
        if glued:
            ref.fields[glued[0]] = escape(rest) + " " + ref.fields[glued[0]]
        elif not present:
            ref.fields["organization"] = escape(rest)
            if ref.type == "misc":
                ref.type = "online"
        else:
            continue
        ref.fields["title"] = escape(anchor)
        return


_OPEN_FOR = {"’": "‘", "”": "“"}


def _restore_opening_quote(ref: Reference, text: str) -> None:
    title = ref.fields.get("title", "")
    if "’" not in title and "”" not in title:
        return
    for close, open_ in _OPEN_FOR.items():
        # A closing quote not between two letters (so not an apostrophe) with no opening one.
        closes = len(re.findall(rf"{close}(?![^\W\d_])|(?<![^\W\d_]){close}", title))
        if closes > title.count(open_) and (open_ + to_unicode(title)) in text:
            ref.fields["title"] = open_ + title
            return


def _words(text: str) -> str:
    """The words of text, normalised, without punctuation (which the tagger's fields drop or move)."""
    return " ".join(re.findall(r"\w+", _norm(text)))


def _place_back_into_title(ref: Reference, text: str) -> None:
    # "The global city: New York, London, Tokyo. Princeton, NJ: ..." tagged with the title cut at
    # "New York" and "London, Tokyo. Princeton, NJ" as the place: a place holds no sentence
    # break, so what stands before the last one is the rest of the title.
    for name in ("address", "location"):
        place, title = ref.fields.get(name, ""), ref.fields.get("title", "")
        head, dot, tail = place.rpartition(". ")
        if not dot or not title or not head or f"{_words(title)} {_words(head)}" not in _words(text):
            continue
        plain = to_unicode(title).rstrip()
        joined = re.search(re.escape(plain) + r"\s*([,;:])\s*" + re.escape(to_unicode(head)[:8]), text)
        ref.fields["title"] = f"{title}{joined.group(1) if joined else ''} {head}"
        ref.fields[name] = tail


def _merge_glued_place(ref: Reference, text: str) -> None:
    merge_glued_place(ref.fields, text)


def _chapter_from_in(ref: Reference, text: str) -> None:
    journal = ref.fields.get("journal")
    if ref.type != "article" or not journal:
        return
    at = text.find("In " + to_unicode(journal))
    after = text[at + 3 + len(to_unicode(journal)):].lstrip()[:1] if at >= 0 else ""
    if at >= 0 and (at == 0 or not text[at - 1].isalnum()) and after in ("(", ",", ".", ""):
        ref.type = "incollection"
        ref.fields["booktitle"] = ref.fields.pop("journal")


def _page_after_volume(ref: Reference, text: str) -> None:
    journal, volume = ref.fields.get("journal"), ref.fields.get("volume")
    if ref.type != "article" or not journal or not volume or ref.fields.get("pages"):
        return
    m = _TRAILING_VOLUME_PAGE.search(text)
    if m and m.group(2) == volume and m.group(1).endswith(to_unicode(journal)):
        ref.fields["pages"] = re.sub(r"\s*[-–]+\s*", "--", m.group(3))


# "Boston College Law Review, 59, 1703." at the end: container, volume, (issue), page(s).
_TRAILING_VOLUME_PAGE = re.compile(r"([^,]+),\s*(\w+)(?:\s*\([^)]*\))?,\s*(\d+(?:\s*[-–]+\s*\d+)?)\s*\.?\s*$")


_REPEAT_FIELDS = ("type", "howpublished", "institution", "publisher", "journal", "booktitle")
_FIRST_SENTENCE = re.compile(r"(.+?)[.?!]\s+(?=\S)")
_DIGIT = re.compile(r"\d")
_ROMAN = re.compile(r"[ivxlcdm]+(?:\s*[-–]+\s*[ivxlcdm]+)?", re.IGNORECASE)


def _drop_repeats(ref: Reference) -> None:
    f = ref.fields
    title = ""
    for name in _REPEAT_FIELDS:
        # "Toronto Canada. Working paper" after a title ending in "Toronto Canada": the end of
        # the title was read twice; keep it only in the title.
        value = f.get(name, "")
        m = _FIRST_SENTENCE.match(value) if value else None
        if not m or not f.get("title"):
            continue
        title = title or to_unicode(f["title"]).rstrip(" .?!")
        if title.endswith(to_unicode(m.group(1)).strip()) and len(m.group(1)) < len(title):
            f[name] = value[m.end():]
    pages = f.get("pages", "")
    if pages and not _DIGIT.search(pages) and not _ROMAN.fullmatch(pages) and not any(
            f.get(n) for n in ("publisher", "institution", "organization")):
        f["publisher"] = f.pop("pages")  # "(2022). UNHCR." read as pages: a name, not a page
    if f.get("howpublished") and f.get("howpublished") == f.get("type"):
        del f["howpublished"]
    if ref.type == "techreport" and f.get("volume") and f.get("number", "").startswith(f["volume"]):
        del f["volume"]  # "Working Paper 2019(1)": the number was read twice
