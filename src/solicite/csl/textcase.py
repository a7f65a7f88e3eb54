"""CSL ``text-case``: lowercase, uppercase, capitalize-first/-all, sentence and title case.

Case changes walk the rich-text tree and never touch ``NoCase`` runs. Title case follows
the spec's English rules (stop words stay lowercase unless first or last).
"""

from __future__ import annotations

import re

from solicite.richtext import NoCase, Node, Part, SmallCaps, Subscript, Superscript

# citeproc-js's SKIP_WORDS (its one-word entries): lowercase inside a title-cased title.
STOP_WORDS = frozenset(
    "about above across afore after against al along alongside amid amidst among amongst anenst apropos apud "
    "around as aside astride at athwart atop barring before behind below beneath beside besides between beyond "
    "but by circa despite down during et except for forenenst from given in inside into lest like modulo near "
    "next notwithstanding of off on onto out over per plus pro qua sans since than through thru throughout "
    "thruout till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with "
    "within without or yet so and nor a an the de d' von van c ca".split())

_WORD = re.compile(r"[^\s\-\u2013\u2014/]+|[\s\-\u2013\u2014/]+")


def _map_strings(part: Part, fn) -> Part:
    """Apply ``fn(text, protected)`` to every string, in order; NoCase strings are passed protected."""
    return _walk(part, fn, False)


def _walk(part, fn, protected):
    if isinstance(part, str):
        return fn(part, protected)
    if isinstance(part, Node):
        new = object.__new__(type(part))
        for f in part._fields():
            setattr(new, f, getattr(part, f))
        keep = protected or isinstance(part, (NoCase, SmallCaps, Superscript, Subscript))
        new.children = [_walk(c, fn, keep) for c in part.children]
        return new
    return [_walk(c, fn, protected) for c in part]


def apply_case(part: Part, case: str, english: bool = True) -> Part:
    """The tree in the named text case."""
    if case == "lowercase":
        return _map_strings(part, lambda s, p: s if p else s.lower())
    if case == "uppercase":
        return _map_strings(part, lambda s, p: s if p else s.upper())
    if case == "capitalize-first":
        return _capitalize_first(part)
    if case == "capitalize-all":
        return _map_strings(part, lambda s, p: s if p else _each_word(s, _cap))
    if case == "sentence":
        return _sentence(part)
    if case == "title":
        return _title(part) if english else part
    return part


def _cap(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1:]
    return word


def _each_word(s: str, fn) -> str:
    return "".join(fn(w) if not w[0].isspace() else w for w in _WORD.findall(s))


def _capitalize_first(part: Part) -> Part:
    done = [False]

    def fn(s, protected):
        if done[0] or not any(c.isalpha() for c in s):
            return s
        done[0] = True
        return s if protected else _cap(s)

    return _map_strings(part, fn)


def _plain_strings(part) -> list[str]:
    out: list[str] = []

    def keep(s: str, protected: bool) -> str:
        out.append(s)
        return s

    _map_strings(part, keep)
    return out


def _sentence(part: Part) -> Part:
    """First word capitalised, other words lowercased unless in capitals ("UK") or protected."""
    done = [False]

    def word(w: str) -> str:
        letters = [c for c in w if c.isalpha()]
        if not letters:
            return w
        if not done[0]:
            done[0] = True
            return _cap(w)
        if len(letters) > 1 and all(c.isupper() for c in letters) or _named(w):
            return w
        return w.lower()

    def fn(s, protected):
        if protected:
            if any(c.isalpha() for c in s):
                done[0] = True
            return s
        return "".join(word(w) if not w.isspace() else w for w in _SPACE.findall(s))

    return _map_strings(part, fn)


_SPACE = re.compile(r"\S+|\s+")
_LETTERS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def _named(token: str) -> bool:
    """True when a capitalised word is a proper noun of the shipped word lists ("Toronto,"), kept in sentence case."""
    from solicite.lexicon import shipped

    m = _LETTERS.search(token)
    return m is not None and m.group()[:1].isupper() and shipped().is_proper(m.group())
_COMPOUND = re.compile("([-/\u2013\u2014])")
_OPENERS = "\"'\u201c\u2018([{"


def _title(part: Part) -> Part:
    """English title case: words in lowercase capitalised, stop words kept low inside the title."""
    total = sum(len(s.split()) for s in _plain_strings(part))
    state = {"seen": 0, "first": True}

    def word_case(w: str) -> str:
        state["seen"] += 1
        first = state["first"]
        state["first"] = w.rstrip("\u201d\u2019\"')]}")[-1:] in ":?!"  # not after "Proc."
        last = state["seen"] >= total
        pieces = _COMPOUND.split(w)
        out = []
        for k, piece in enumerate(pieces):
            if k % 2:
                out.append(piece)
                continue
            core = piece.strip(_OPENERS + "\u201d\u2019.,:;!?)]}")
            # A stop word opening a compound ("Pro-Environmental") is capitalised, as citeproc-js does.
            stop = core.lower() in STOP_WORDS and not (k == 0 and (first or len(pieces) > 1)) \
                and not (last and k == len(pieces) - 1)
            lead = piece.lstrip(_OPENERS)
            # A lone lowercase letter before a hyphen ("k-Induction", "n-Cube") stays as written.
            single = len(core) == 1 and k == 0 and len(pieces) > 1 and not first
            if stop or single or not lead or not lead[0].isalpha() or lead != lead.lower() \
                    or (k and len(core) == 1 and not pieces[k - 2][-1:].isalpha()):
                out.append(piece)
                continue
            i = len(piece) - len(lead)
            out.append(piece[:i] + lead[0].upper() + lead[1:])
        return "".join(out)

    def fn(s, protected):
        if protected:
            words = s.split()
            state["seen"] += len(words)
            if words:
                state["first"] = False
            return s
        return "".join(word_case(w) if not w.isspace() else w for w in _SPACE.findall(s))

    return _map_strings(part, fn)
