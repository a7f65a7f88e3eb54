"""The one entry-type classifier: an entry's CSL type, read once for styles, exporters and lint.

``csl_type(ref)`` is the only place an entry's kind is decided (CSL 1.0.2's vocabulary, the BibTeX
type kept on the Reference). Styles group CSL types into the few kinds they lay out
(``styles.core.KIND_OF``); exporters write the CSL type or map it on (RIS, Zotero).
"""

from __future__ import annotations

import re

from solicite.codec import to_unicode
from solicite.model import Reference

# Mastheads of newspapers and news sites: an @online entry published by one is a newspaper article.
# (The reliable signal is ``entrysubtype = {newspaper}``; this catches what the parser cannot mark.)
_NEWSPAPER = re.compile(r"\b(times|post|guardian|tribune|herald|gazette|telegraph|chronicle|economist|daily|"
                        r"newspaper|news|journal|observer|independent|globe and mail|le monde|die zeit|conversation)\b",
                        re.IGNORECASE)


# The fields that name a web page's site, first given first: what the CSL-JSON export writes as its
# container-title and reads back as ``organization``, so a page reads the same after a round trip.
SITE_FIELDS = ("journaltitle", "journal", "booktitle", "maintitle", "organization")


def is_news_site(ref: Reference) -> bool:
    """True when a web page's site (the first of SITE_FIELDS it has) is a newspaper or news site."""
    site = next((value for name in SITE_FIELDS if (value := ref.fields.get(name, "")).strip()), "")
    return bool(_NEWSPAPER.search(to_unicode(site)))


# BibTeX/BibLaTeX entry type -> CSL type (refined by entrysubtype, type and howpublished in csl_type()),
# as the CSL schema's BibLaTeX mapping and CSL 1.0.2 read them (@misc is a document, @audio a song).
TYPE_TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book", "proceedings": "book",
    "mvproceedings": "book", "reference": "book", "mvreference": "book", "manual": "book",
    "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter", "suppbook": "chapter",
    "suppcollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "inreference": "entry-encyclopedia",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report",
    "online": "webpage", "www": "webpage", "electronic": "webpage",
    "misc": "document",
    "unpublished": "manuscript",
    "patent": "patent",
    "dataset": "dataset", "data": "dataset",
    "software": "software",
    "audio": "song", "music": "song",
    "video": "motion_picture", "movie": "motion_picture",
    "podcast": "broadcast",
    "artwork": "graphic", "image": "graphic",
    "letter": "personal_communication",
    "legislation": "legislation", "jurisdiction": "legal_case",
    "periodical": "periodical", "standard": "standard", "performance": "performance",
    "review": "review", "interview": "interview",
}

# Fields that name where a document appeared: with one of them, a @misc with a link is no web page.
_PUBLISHED_IN = ("journal", "journaltitle", "booktitle", "publisher", "institution", "school")
_REFINED = frozenset(("article-journal", "document", "song", "webpage", "motion_picture"))  # types hints refine
_URL_ESCAPES = re.compile(r"\\([_%&#~$])")


def csl_type(ref: Reference) -> str:
    """The CSL type of an entry: its BibTeX type, refined by entrysubtype, type, howpublished and its site.

    CSL 1.0.2's definitions decide the refinements: a podcast episode is a ``broadcast``, a page
    that is only a link (a ``@misc`` with a URL and nothing it appeared in: BibTeX's idiom for a web
    page, and what Zotero's BibTeX export writes for one) is a ``webpage``, a news site's article an
    ``article-newspaper``, a YouTube video a ``motion_picture``, a blog post a ``post-weblog``.
    """
    btype = ref.type.lower()
    base = TYPE_TO_CSL.get(btype, "document")
    if base not in _REFINED:
        return base  # most entries (reports, books, chapters...): nothing below can change them
    hints = medium_hints(ref)
    if btype == "article":
        if "newspaper" in hints:
            return "article-newspaper"
        return "article-magazine" if "magazine" in hints else base
    if base in ("document", "song", "webpage", "motion_picture") and "podcast" in hints:
        return "broadcast"
    if base in ("document", "webpage") and _VIDEO.search(hints):
        return "motion_picture"
    if base == "webpage" and is_news_site(ref):
        return "article-newspaper"  # a news site's article: Zotero's Newspaper Article
    if base in ("document", "webpage"):
        if "blog" in hints:
            return "post-weblog"
        if "working paper" in hints or "workingpaper" in hints:
            return "report"
    if base == "document" and (ref.fields.get("url") or howpublished_url(ref)) and not any(
            ref.fields.get(name, "").strip() for name in _PUBLISHED_IN):
        return "webpage"
    return base


def howpublished_url(ref: Reference) -> str:
    """The link when ``howpublished`` holds only a URL (``\\url{...}``, ``{\\tt http...}``), else ""."""
    value = ref.fields.get("howpublished")
    if not value or not re.match(r"https?://", to_unicode(value)):
        return ""
    m = re.search(r"https?://[^\s{}]+", value)
    return _URL_ESCAPES.sub(r"\1", m.group(0)) if m else ""


_VIDEO = re.compile(r"\b(youtube|vimeo|video|film|motion picture)\b")


def medium_hints(ref: Reference) -> str:
    """What an entry says of its kind beyond its type: entrysubtype, type and howpublished, lower-cased."""
    f = ref.fields
    given = [f[name] for name in ("entrysubtype", "type", "howpublished") if f.get(name)]
    return " ".join(to_unicode(value) for value in given).lower() if given else ""


def medium(ref: Reference) -> str:
    """"podcast", "video" or "": the medium an entry names (show notes' "Youtube", APA's "[Video]", "[Film]")."""
    hints = medium_hints(ref)
    if "podcast" in hints:
        return "podcast"
    return "video" if _VIDEO.search(hints) else ""
