"""Roles, bracketed descriptions and screen names written beside a reference's names and title.

APA and show notes put things next to the names and the title that are neither: a role
("Roman Mars (host)", "Mars, R. [Producer]", "Carlo Ratti — Speaker"), a description of the
medium in brackets ("[Video]", "[Audio podcast episode]", "[Film]", "[Tweet]") and a screen
name ("Cutts, S. [@SarahCutts]", "Fogarty, M. [Grammar Girl]"). Left in, the tagger read them
as parts of names ("(host)" became an organisation, "[Audio" a given name, "Girl], M. [Grammar"
a family name). :func:`take_annotations` takes them out before tagging and keeps each in its
biblatex field: the role in ``authortype``, the description in ``type`` (CSL's ``genre``, which
APA prints in brackets after the title), the screen name in ``nameaddon``.
"""

from __future__ import annotations

import re

_ROLE_WORDS = (r"(?:co-?)?hosts?|(?:executive\s+)?producers?|speakers?|guests?|narrators?|directors?|presenters?|"
               r"interview(?:er|ee)s?|moderators?|panel(?:l)?ists?|performers?")
# "Roman Mars (host)", "Mars, R. [Producer]", "Carlo Ratti — Speaker." near the start, where the names are.
_ROLE = re.compile(rf"\s*[(\[]\s*({_ROLE_WORDS})\s*[)\]]|\s+[\u2014\u2013]\s*({_ROLE_WORDS})(?=\s*[.,;(]|$)", re.I)
_NAMES_SPAN = 100  # characters: the names part of a reference, not its title

# Words APA's bracketed descriptions are made of (APA 7 §9.21 and chapter 10's examples): a
# description is one to six of them, so "[Video]" and "[Audio podcast episode]" are, and a
# bracketed title word or a number ("[1]") is not.
_DESCRIPTION_WORDS = frozenset("""
    audio video podcast podcasts episode film motion picture tweet post photo photograph image recording song
    album television tv radio series broadcast webcast webinar file slides powerpoint infographic map data set
    dataset computer software mobile app application blog interview speech lecture notes presentation
    conference poster manuscript unpublished brochure fact sheet press release web page webpage documentary
    status update thread facebook instagram tiktok twitter youtube linkedin livestream live stream streaming
    highlight reel story editorial letter to the editor abstract transcript score sheet music clip channel
    short shorts video-recording audiobook e-book ebook preprint
""".split())
# The link checker's and IEEE's "[Online]", "[PDF]", "[link]" are link markers (noise.py), not descriptions.
_NOT_DESCRIPTIONS = frozenset({"online", "pdf", "link", "external link", "web link", "web", "the", "to", "data", "set"})
# Words that name a medium other than print: "Podcast. Salto." (fixups.py), "[Video]", "[Tweet]".
MEDIA = frozenset(
    "youtube video videos podcast podcasts blog website web webpage webinar twitter facebook instagram "
    "linkedin tiktok vimeo film documentary audio radio television tv interview newsletter online "
    "tweet recording song album broadcast webcast livestream motion".split()
)
_NOT_ALIASES = _NOT_DESCRIPTIONS | {"ed", "eds", "trans", "comp", "dir", "prod", "n.d", "in press"}
# The few of them the field tagger's rule labels as the medium when one stands alone ("Podcast.",
# "[Video]"): not "Film." or "Radio.", which also end journal names (with all of MEDIA the gold
# set's author and container precision fell by 0.1).
TAGGED_MEDIA = frozenset("podcast youtube video vimeo webinar blog audio tweet website online".split())
_BRACKET = re.compile(r"\s*\[\s*([^\[\]]{2,60}?)\s*\]")
# "Cutts, S. [@SarahCutts]. (2020" at the start: the names, a bracket, then the date in parentheses.
_SCREEN_NAME = re.compile(r"^(?P<names>[^\[\]()]{2,100}?)\s*\[\s*(?P<alias>@\w[\w.]*|[^\W\d][^\[\]()\d]{0,40}?)\s*\]"
                          r"(?=[.,]?\s*\()")
# What stands before a screen name: "Cutts, S." (APA) or a name in capitalised words ("Harvard University").
_NAMES = re.compile(r"^(?:[^\W\d][\w'’-]+,(?:\s*[^\W\d]\.)+(?:\s*[^\W\d]\.|-[^\W\d]\.)*"
                    r"|[^\W\d_][\w'’.-]*(?:\s+(?:[^\W\d_][\w'’.-]*))*)$")


def take_role(text: str) -> tuple[str, str]:
    """Remove the role written beside the names ("(host)", "— Speaker"); return the text and the role.

    The role is the person's (biblatex ``authortype``), never part of a name.
    """
    m = _ROLE.search(text, 0, _NAMES_SPAN) if "(" in text or "[" in text or "\u2014" in text or "\u2013" in text else None
    if m is None or m.start() > _NAMES_SPAN:
        return text, ""
    role = " ".join((m.group(1) or m.group(2)).lower().split())
    return text[:m.start()] + text[m.end():], role


def is_description(words: str) -> bool:
    """True for the text inside an APA bracketed description: "Video", "Audio podcast episode", "Film"."""
    low = " ".join(words.lower().split())
    parts = low.split()
    return (0 < len(parts) <= 6 and low not in _NOT_DESCRIPTIONS
            and all(p in _DESCRIPTION_WORDS for p in parts))


def is_medium(description: str) -> bool:
    """True when a description names a medium other than print ("Video", "Tweet"; not "Editorial")."""
    return any(w in MEDIA and w not in ("online", "web", "interview") for w in description.lower().split())


def take_description(text: str) -> tuple[str, str]:
    """Remove the first bracketed description ("[Video]"); return the text and the description as written."""
    if "[" not in text:
        return text, ""
    for m in _BRACKET.finditer(text):
        if is_description(m.group(1)):
            return text[:m.start()] + text[m.end():], " ".join(m.group(1).split())
    return text, ""


def take_screen_name(text: str) -> tuple[str, str]:
    """Remove a screen name in brackets right after the names ("Cutts, S. [@SarahCutts]."); return both."""
    if "[" not in text[:_NAMES_SPAN]:
        return text, ""
    m = _SCREEN_NAME.match(text[:_NAMES_SPAN + 60])
    if m is None or m.group("alias").lower().rstrip(".") in _NOT_ALIASES or not _NAMES.match(m.group("names").strip()):
        return text, ""
    if not m.group("names").split(",")[0].strip()[:1].isupper():
        return text, ""
    return m.group("names") + text[m.end():], m.group("alias")


def take_annotations(text: str) -> tuple[str, dict[str, str]]:
    """Take the role, the bracketed description and the screen name out of ``text``, as biblatex fields."""
    fields: dict[str, str] = {}
    text, role = take_role(text)
    if role:
        fields["authortype"] = role
    text, description = take_description(text)
    if description:
        fields["type"] = description
    text, alias = take_screen_name(text)
    if alias:
        fields["nameaddon"] = alias
    return text, fields
