"""Citation keys: generate "bauder2017sanctuary"-style keys from a pattern, unique in a library."""

from __future__ import annotations

import re
from collections.abc import Container

from solicite.model import Reference
from solicite.codec import to_unicode
from solicite.text import fold

DEFAULT_PATTERN = "{auth}{year}{title}"
STOPWORDS = frozenset(
    "a an the and or of on in at to for from by with without about as is are what why how when where who "
    "which does do it its this that these those they la le les el los las der die das des du de et und".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(to_unicode(text)))


def _significant(title: str) -> list[str]:
    return [w for w in _words(title) if w not in STOPWORDS] or _words(title)


def _name_word(p) -> str:
    # A corporate name without spaces stays whole ("H.B.C." -> "hbc", "UNHCR" -> "unhcr");
    # a longer one gives its first word ("World Economic Forum" -> "world").
    words = _words(p.literal or p.family)
    if p.literal and " " in p.literal.strip():
        words = words[:1]
    return "".join(words)


def key_parts(ref: Reference) -> dict[str, str]:
    """The values the placeholders of a key pattern stand for.

    Without authors or editors, ``{auth}`` is empty and ``{title}`` widens to the short
    title, so "Lawyers Without Borders" gives "lawyerswithoutborders" rather than a word twice.
    A missing year is left out rather than spelled "nd".
    """
    year = ref.year if ref.year.isdigit() else ""
    title = [w for w in _significant(ref.fields.get("title", "")) if w != year]  # "Charta of Palermo, 2015"
    people = ref.authors or ref.editors
    fams = [_name_word(p) for p in people[:2]]
    auth = fams[0] if fams else ""
    return {
        "auth": auth,
        "authors": "".join(fams),
        "year": year,
        "title": (title[0] if title else "") if auth else "".join(title[:3]),
        "shorttitle": "".join(title[:3]),
        "type": ref.type,
    }


def format_key(ref: Reference, pattern: str = DEFAULT_PATTERN) -> str:
    """The key a pattern gives for ref, before de-duplication ("{auth}{year}{title}" -> "bauder2017sanctuary")."""
    parts = key_parts(ref)

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in parts:
            from solicite.errors import UsageError

            raise UsageError(f"unknown placeholder {{{name}}} in key pattern {pattern!r}",
                             hint="use " + ", ".join("{" + p + "}" for p in parts))
        return parts[name]

    key = _PLACEHOLDER.sub(sub, pattern)
    key = re.sub(r"[\s,{}\\#%~\"'()=]", "", key)
    if parts["year"] and not parts["auth"] and key.startswith(parts["year"]):
        key = key[len(parts["year"]):] + parts["year"]  # "2012sanctuary..." reads badly: "sanctuary...2012"
    return key or identifier_key(ref) or "ref"


def identifier_key(ref: Reference) -> str:
    """A key from the entry's DOI, ISBN or URL, for entries with neither names nor title ("doipnas2014673117")."""
    doi, isbn, url = (ref.fields.get(f, "").strip() for f in ("doi", "isbn", "url"))
    if doi:
        return "doi" + re.sub(r"[^a-z0-9]", "", doi.split("/", 1)[-1].lower())[:30]
    if isbn:
        return "isbn" + re.sub(r"[^0-9xX]", "", isbn).lower()
    if url:
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        host = parts.netloc.lower().removeprefix("www.")
        return re.sub(r"[^a-z0-9]", "", (host + parts.path).lower())[:30]
    return ""


def assign_keys(references: list[Reference], taken: set[str] | None = None) -> list[Reference]:
    """Give every reference a unique citation key (:func:`generate_key`), in place."""
    taken = set(taken or ())
    for ref in references:
        ref.key = generate_key(ref, taken)  # the caller's own References: keyed in place
        taken.add(ref.key)
    return references


def generate_key(ref: Reference, taken: Container[str], pattern: str = DEFAULT_PATTERN) -> str:
    """A key for ref that is not in ``taken``: the pattern's key, then with a, b, c... appended."""
    return unique_key(format_key(ref, pattern), taken)


def unique_key(base: str, taken: Container[str]) -> str:
    """base, or base with a, b, c... (then _2, _3...) appended, whichever is first not in ``taken``."""
    if base not in taken:
        return base
    for suffix in "abcdefghijklmnopqrstuvwxyz":
        if base + suffix not in taken:
            return base + suffix
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


def regenerate_keys(lib, keys: list[str], pattern: str = DEFAULT_PATTERN, *,
                    rename: bool = True) -> list[tuple[str, str]]:
    """Give each entry of ``keys`` in the Library its pattern's key, renaming in place; return (old, new) pairs.

    One set of taken keys is kept up to date as entries are renamed, so that a run over the
    whole library is linear in its size (copying every key for each entry made it quadratic).
    Without ``rename`` the library is left as it is and only the pairs are given (a dry run).
    """
    taken = set(lib.keys())
    changes = []
    for key in keys:
        base = format_key(lib.read(key), pattern)  # not kept: 100,000 References held cost 200 MB
        if base == key:
            continue
        taken.discard(key)  # an entry may keep its own key
        new = unique_key(base, taken)
        taken.add(new)
        if new != key:
            if rename:
                lib.rename(key, new)
            changes.append((key, new))
    return changes
