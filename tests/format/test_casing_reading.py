"""solicite.casing's one reading of a title gives what the word-by-word reading gives.

The reading was made fast (issue 12's speed figures): word kinds learnt once per word and summed,
sentence starts found from the stops alone, an ASCII word pattern, titles with nothing free to
change returned at once. Each shortcut is checked here against the plain word-by-word reading it
replaced (``_reference_*`` below, the rules of issue 13 written out one word at a time), on
generated titles and on every title of the repository's corpora.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from solicite import bibfile, casing, codec
from solicite.casing import PROTECTED, Title, case_risks, sentence_case, sentence_starts
from solicite.csl.textcase import STOP_WORDS
from solicite.lexicon import WORD, Lexicon, ambiguous_words, base, english_words, is_capitalised, shipped

ROOT = Path(__file__).resolve().parents[2]
_CHARS = "aBcZé É.:?!;- \t'\u2019\u201c(\u00a0[1_"
_WORDS = ["The", "the", "U", "S", "vs", "etc", "New", "York", "South", "Sudan", "Bill", "Canada's", "Bauder",
          "iPhone", "NASA", "A", "a", "of", "Model", "model", "Zolberg", "in", "Toronto", "é", "Émile", "x"]
_PIECE = st.tuples(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(alphabet=_CHARS, max_size=3)), max_size=8)
                   .map(" ".join), st.booleans())
_LEXICON = Lexicon(["Bauder", "Sudan", "Zolberg"], [("New", "York")])


def _reference_starts(text: str, words: list) -> set[int]:
    starts: set[int] = set()
    prev = 0
    for i, m in enumerate(words):
        gap = text[prev:m.start()]
        prev = m.end()
        if i == 0 and not any(c.isalnum() for c in gap):
            starts.add(0)
            continue
        end = gap.rstrip(casing._OPENING)
        if len(end) == len(gap) or not any(c.isspace() for c in gap[len(end):]):
            continue
        abbreviation = end.strip() == "." and i and (len(words[i - 1].group()) == 1
                                                     or words[i - 1].group().lower() in casing._ABBREVIATIONS)
        if end[-1:] in (":", "?", "!") or end[-1:] == "." and i and not abbreviation:
            starts.add(i)
    return starts


def _reference_guarded(pieces, words) -> set[int]:
    spans, pos = [], 0
    for t, protected in pieces:
        if protected and t:
            spans.append((pos, pos + len(t)))
        pos += len(t)
    return {i for i, m in enumerate(words) if any(s < m.end() and m.start() < e for s, e in spans)}


def _reference_sentence(text: str, words: list, skip: set[int], starts: set[int]) -> bool:
    caps = lows = 0
    for i, m in enumerate(words):
        w = m.group()
        if i in starts or i in skip or text[m.start() - 1:m.start()] == "-":
            continue
        if w.islower():
            lows += len(w) >= 3 and w not in STOP_WORDS
        elif len(w) > 1 and is_capitalised(w):
            caps += 1
    return lows > 0 and lows * 3 >= caps


def _reference_kept(text: str, words: list, lexicon: Lexicon) -> set[int]:
    texts = [m.group() for m in words]
    keep = {i for i, w in enumerate(texts) if lexicon.is_proper(w)}
    for i, w in enumerate(texts):
        for phrase in lexicon.phrases.get(w, ()):
            n = len(phrase)
            if tuple(texts[i:i + n]) == phrase and all(
                    not text[words[k].end():words[k + 1].start()].strip(" -") for k in range(i, i + n - 1)):
                keep.update(range(i, i + n))
    for i in range(len(texts) - 2, -1, -1):
        if (texts[i] in casing._NAME_PREFIXES or texts[i] in ambiguous_words()) and i + 1 in keep \
                and text[words[i].end():words[i + 1].start()] == " ":
            keep.add(i)
    return keep


def _reference_sentence_case(pieces, lexicon) -> list[str]:
    flat = "".join(t for t, _ in pieces)
    words = list(WORD.finditer(flat))
    guarded, starts = _reference_guarded(pieces, words), _reference_starts(flat, words)
    as_written = _reference_sentence(flat, words, guarded, starts)
    keep = set() if as_written else _reference_kept(flat, words, lexicon)
    chars = list(flat)
    for i, m in enumerate(words):
        w, at = m.group(), m.start()
        if i in guarded:
            continue
        if i in starts:
            if w[0].islower() and len(w[0].upper()) == 1:
                chars[at] = w[0].upper()
        elif not as_written and i not in keep and is_capitalised(w) and (len(w) > 1 or w == "A"):
            chars[at] = w[0].lower()
    out, pos = [], 0
    for t, _ in pieces:
        out.append("".join(chars[pos:pos + len(t)]))
        pos += len(t)
    return out


def _reference_risks(pieces, lexicon) -> list[str]:
    flat = "".join(t for t, _ in pieces)
    words = list(WORD.finditer(flat))
    guarded, starts = _reference_guarded(pieces, words), _reference_starts(flat, words)
    if not words or _reference_sentence(flat, words, guarded, starts):
        return []
    keep = _reference_kept(flat, words, lexicon)
    return [m.group() for i, m in enumerate(words) if i not in guarded | starts | keep and len(base(m.group())) >= 2
            and is_capitalised(base(m.group())) and base(m.group()).lower() not in english_words()]


def _check(pieces, lexicon) -> None:
    flat = "".join(t for t, _ in pieces)
    words = list(WORD.finditer(flat))
    title = Title(flat)
    assert title.words == [m.group() for m in words]  # the ASCII pattern reads ASCII text as WORD does
    assert sentence_starts(flat, title.words) == _reference_starts(flat, words)
    assert not words or title.sentence == _reference_sentence(flat, words, set(), _reference_starts(flat, words))
    assert sentence_case(pieces, lexicon) == _reference_sentence_case(pieces, lexicon)
    assert case_risks(pieces, lexicon) == _reference_risks(pieces, lexicon)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=4))
def test_generated_titles_read_as_word_by_word(pieces):
    _check(pieces, _LEXICON)
    _check(pieces, shipped())


def test_every_corpus_title_reads_as_word_by_word():
    files = [ROOT / "tests" / "golden" / "corpus.bib", ROOT / "data" / "references.bib",
             ROOT.parent / "shared" / "bib" / "plume-all.bib"]
    seen = 0
    for path in files:
        if not path.exists():
            continue  # ../shared is not part of a clone
        for ref in bibfile.load(path, lenient=True).references:
            for name in ("title", "booktitle"):
                if ref.fields.get(name):
                    _check(tuple((t, bool(f & PROTECTED)) for t, f in codec.parse(ref.fields[name])), shipped())
                    seen += 1
    assert seen > 100


def test_a_hostile_vocabulary_only_restarts_the_table(monkeypatch):
    # Past its bound the table of word kinds starts again: words are still read right.
    monkeypatch.setattr(casing, "_KINDS_MAX", 5)
    words = [f"Word{chr(97 + i)}x" for i in range(12)]
    pieces = [(" ".join(["The"] + words + ["in", "Toronto"]), False)]
    assert sentence_case(pieces) == _reference_sentence_case(pieces, shipped())
    assert len(casing._kinds) <= 5 + len(words) + 3


def test_a_title_of_many_sentences():
    # Words before each stop are counted on from the last stop, never from the start again.
    text = "A. B: " * 20000 + "Next"
    words = list(WORD.finditer(text))
    assert Title(text).starts == _reference_starts(text, words) and len(Title(text).starts) == 20001
