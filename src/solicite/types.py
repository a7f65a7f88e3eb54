"""Entry-type readings shared by styles and exporters, so that both classify an entry the same way."""

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


_VIDEO = re.compile(r"\b(youtube|vimeo|video|film|motion picture)\b")


def medium_hints(ref: Reference) -> str:
    """What an entry says of its kind beyond its type: entrysubtype, type and howpublished, lower-cased."""
    get = ref.fields.get
    sub, kind, how = get("entrysubtype"), get("type"), get("howpublished")
    if not (sub or kind or how):
        return "  "  # the usual case: nothing to decode
    return (f"{to_unicode(sub) if sub else ''} {to_unicode(kind) if kind else ''} "
            f"{to_unicode(how) if how else ''}").lower()


def medium(ref: Reference) -> str:
    """"podcast", "video" or "": the medium an entry names (show notes' "Youtube", APA's "[Video]", "[Film]")."""
    return medium_of(medium_hints(ref))


def medium_of(hints: str) -> str:
    """The medium that :func:`medium_hints` text names: "podcast", "video" or ""."""
    if "podcast" in hints:
        return "podcast"
    return "video" if _VIDEO.search(hints) else ""
