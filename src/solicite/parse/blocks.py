"""Label repairs for the shapes of scientific reference lists: abbreviated journals and NLM chapters.

The CRF reads "P. Ginsparg, Nucl. Phys. B 295, 153" with "Nucl." as a second author: an
abbreviated word ends the author list the way an initial does. The rules here move such
words back to the journal they begin, and read NLM's "In: Editors, editors. Book. Place:
Publisher; Year." where the CRF lost the book title. Each rule needs the text's own shape
(the comma that ends the authors, the "In:" and "editors." around the book), never a guess.
"""

from __future__ import annotations

import re

# "Nucl.", "Phys.", "Rev.", "Lett.", "Astrophys.": a capitalised word cut short with a full stop;
# never an initial ("J.", "Ch.") or a word that ends a sentence as a whole ("Press.").
_ABBREV = re.compile(r"^[A-Z][a-z]{2,8}\.$")
# "Nucl. Phys. B": the section letter after the abbreviations belongs to the journal too.
_SECTION = re.compile(r"^[A-Z]\.?$")


def journal_abbreviations(words: list[str], labels: list[str]) -> list[str]:
    """Give back to the journal the abbreviated words the author list took ("Ginsparg, Nucl. | Phys. B")."""
    for start in range(1, len(labels)):
        if labels[start] != "journal" or labels[start - 1] not in ("author", "title"):
            continue
        i = start
        while i > 1 and labels[i - 1] == "author" and _ABBREV.match(words[i - 1]):
            i -= 1
        # The authors must end with a comma right before the abbreviations, and keep a name.
        if i < start and words[i - 1].endswith(",") and labels[i - 1] == "author" and i >= 2:
            labels = labels[:i] + ["journal"] * (start - i) + labels[start:]
        elif labels[start - 1] == "title" and _ABBREV.match(words[start]):  # "Phys. | Rev. D", never "Review. | Nature"
            labels = _title_of_abbreviations(words, labels, start)
    return labels


def _title_of_abbreviations(words: list[str], labels: list[str], start: int) -> list[str]:
    """A "title" that is only abbreviations before the journal ("Weinberg, Phys. | Rev. D 85") begins the journal."""
    i = start
    while i > 0 and labels[i - 1] == "title" and _ABBREV.match(words[i - 1]):
        i -= 1
    if i < start and i > 0 and labels[i - 1] != "title":
        return labels[:i] + ["journal"] * (start - i) + labels[start:]
    return labels


_INITIAL = re.compile(r"^(?:[A-Z]\.-?)+$")
PARTICLE = frozenset({"'t", "’t", "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "ten", "ter", "la", "le"})


def particle_after_initial(words: list[str], labels: list[str]) -> list[str]:
    """Keep "G. 't Hooft," whole: a particle after an author's initials begins the family name, not the title."""
    for i in range(len(words) - 2):
        if labels[i] != "author" or labels[i + 1] == "author" or not _INITIAL.match(words[i]) or words[i + 1] not in PARTICLE:
            continue
        j = i + 1
        while j < len(words) - 1 and words[j] in PARTICLE:
            j += 1
        if words[j][:1].isupper() and words[j].endswith(","):
            labels = labels[: i + 1] + ["author"] * (j - i) + labels[j + 1:]
    return labels


# Vancouver's "Singh JP, Weber WD, Gupta A." and its last initials with the full stop ending the list.
_VANCOUVER_INITIALS = re.compile(r"^[A-Z]{1,3},$")
_LIST_END = re.compile(r"^(?:[A-Z]{1,3}|al)\.$")


def vancouver_author_end(words: list[str], labels: list[str]) -> list[str]:
    """End a Vancouver author list at its full stop: "Gupta A. SPLASH: Stanford..." starts the title at "SPLASH:"."""
    if "author" not in labels or not any(w[-1] == "," and len(w) <= 4 and _VANCOUVER_INITIALS.match(w) for w in words[:12]):
        return labels
    for i, word in enumerate(words[:-1]):
        if labels[i] != "author" or not _LIST_END.match(word):
            continue
        j = i + 1
        while j < len(words) and labels[j] == "author":
            j += 1
        if j > i + 1 and j < len(words) and labels[j] == "title" and j - i <= 4:
            labels = labels[: i + 1] + ["title"] * (j - i - 1) + labels[j:]
        break
    return labels


_IN_EDITORS_BOOK = re.compile(
    r"\bIn:\s+(?P<eds>[^.]*?(?:[A-Z]{1,3}|et al\.?)),?\s+(?:editors?|eds?\.?)\.\s+(?P<book>[^.;]+?)\.\s")
_IN_BOOK = re.compile(r"^(?P<title>.+?[^A-Z])[.,]\s+(?P<in>[Ii]n):?\s+(?P<book>[A-Z0-9].+)$")
# What follows a book's title and nothing else: its editors ("(Ed.: R. K. Guy)", "(Guy, R. K. (ed.))",
# ". Peter Lee, ed.", "edited by"), or the chapter's pages ("Pp. 89-100").
_AFTER_BOOK = re.compile(
    r"^[.,]?\s*(?:\(\s*(?:eds?\.|editors?|edited\s+by|[^()]{2,120}\(eds?\.?\))|edited\s+by\s|ed\.\s+by\s|"
    r"(?-i:[A-Z])[^()]{0,80}?,\s*eds?\.(?:\s|$)|pp?\.\s*\d)", re.IGNORECASE)


def nlm_book(raw: str) -> str:
    """The book title of an NLM chapter, "In: Gray J, editor. The Benchmark Handbook. ...", or ""."""
    if "In:" not in raw:
        return ""
    m = _IN_EDITORS_BOOK.search(raw)
    return m.group("book").strip() if m else ""


def raw_has(raw: str, text: str) -> bool:
    """True when text occurs in raw, spaces aside."""
    return " ".join(text.split()) in " ".join(raw.split())


def split_in_book(title: str, raw: str) -> tuple[str, str]:
    """("Run-time verification", "Model-based Testing") from a title that ran on into "In: Book" or ", in Book (Ed.: X)"."""
    m = _IN_BOOK.match(title) if ". In" in title or ". in" in title or ", in " in title else None
    if not m:
        return title, ""
    book = m.group("book")
    # "In Book" without the colon only where what follows the book is certain to follow a book:
    # ACS's semicolon, its editors or its pages.
    if "In:" in m.group(0) or raw_has(raw, f"In {book};") or _editors_after(book, raw):
        return m.group("title"), book.strip(" .")
    return title, ""


def _editors_after(book: str, raw: str) -> bool:
    """True when the book's title is followed in ``raw`` by its editors or the chapter's pages."""
    flat = " ".join(raw.split())
    at = flat.find(" ".join(book.split()))
    return at >= 0 and bool(_AFTER_BOOK.match(flat[at + len(" ".join(book.split())):]))
