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


def is_news_site(ref: Reference) -> bool:
    """True when a web page's publisher (organization or journaltitle) is a newspaper or news site."""
    return bool(_NEWSPAPER.search(to_unicode(ref.fields.get("organization") or ref.fields.get("journaltitle", ""))))
