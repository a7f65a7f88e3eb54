"""A library's character encoding: detected once at load, decoded for display, kept byte for byte on save.

Three cases, decided from the bytes alone:

- ``utf-8``: the file is valid UTF-8 (nearly every library).
- ``cp1252`` / ``latin-1``: no valid multi-byte UTF-8 sequence at all, so the file was written
  in a one-byte encoding. It is decoded with Windows-1252 (which prints the bytes 0x80-0x9F
  that Latin-1 leaves as control codes) unless it holds a byte Windows-1252 leaves
  undefined, then with Latin-1. Both decodings are one-to-one, so encoding the text again
  gives the same bytes; new text the encoding cannot hold is written as LaTeX (``ł`` as
  ``{\\l}``), and a character LaTeX has no name for stops the save with a clear error.
- ``utf-8+cp1252``: UTF-8 with some stray one-byte-encoded bytes (two files pasted together).
  The text keeps the stray bytes as surrogate escapes, so that they are saved unchanged; the
  fields shown or exported read them as Windows-1252.

The rule is a few lines and deterministic; a statistical detector (charset-normalizer)
guesses among dozens of code pages and, on a file this small and mostly ASCII, can pick a
different one from run to run of the same library.
"""

from __future__ import annotations

import codecs
import re

from solicite.errors import InputError

UTF8 = "utf-8"
MIXED = "utf-8+cp1252"
_STRAY = re.compile("[\udc80-\udcff]+")
_PIECE = 1 << 22
_MULTIBYTE = re.compile("[\x80-\udc7f\udd00-\U0010ffff]")
_NAMES = {UTF8: "UTF-8", "cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO 8859-1)", MIXED: "UTF-8 with stray Windows-1252 bytes"}


def detect(data: bytes) -> str:
    """The encoding of a library's bytes: ``utf-8``, ``cp1252``, ``latin-1`` or ``utf-8+cp1252``.

    A UTF-8 file is validated a few MiB at a time, so that no decoded copy of a large
    file is held here (the scanner decodes it piece by piece).
    """
    if data.isascii():
        return UTF8
    decoder = codecs.getincrementaldecoder(UTF8)()
    try:
        for start in range(0, len(data), _PIECE):
            decoder.decode(data[start:start + _PIECE])
        decoder.decode(b"", final=True)
        return UTF8
    except UnicodeDecodeError:
        pass
    if _MULTIBYTE.search(data.decode(UTF8, "surrogateescape")):
        return MIXED  # real multi-byte UTF-8 next to stray bytes
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def decode(data: bytes, encoding: str) -> str:
    """The text a library holds for its bytes (one-to-one: ``encode`` gives the bytes back)."""
    if encoding in (UTF8, MIXED):
        return data.decode(UTF8, "surrogateescape")
    return data.decode(encoding)


def describe(encoding: str) -> str:
    """A human name for an encoding detect() returned."""
    return _NAMES.get(encoding, encoding)


def encode(text: str, encoding: str, *, source: str = "") -> bytes:
    """The bytes to save for a library's text (one-to-one with ``read``); new text in the file's encoding."""
    if encoding in (UTF8, MIXED):
        return text.encode(UTF8, "surrogateescape")
    try:
        return text.encode(encoding, "solicite-latex")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        raise InputError(f"the library is {describe(encoding)}, which cannot hold {bad!r}, and LaTeX has no name for it",
                         path=source or None, hint="convert the library to UTF-8 first, e.g. "
                         f"`iconv -f {encoding} -t utf-8 lib.bib > lib-utf8.bib`; nothing was written") from None


def readable(value: str) -> str:
    """A value of a ``utf-8+cp1252`` library with its stray bytes read as Windows-1252 (valid Unicode)."""
    return _STRAY.sub(lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", "replace"), value)


def _latex_for_unencodable(exc: UnicodeError) -> tuple[str, int]:
    import latexcodec  # noqa: F401 - registers the "latex" codec (pybtex depends on latexcodec)

    if not isinstance(exc, UnicodeEncodeError):  # the handler is named only by encoders
        raise exc

    out = []
    for ch in exc.object[exc.start:exc.end]:
        try:
            latex = ch.encode("latex").decode("ascii")
        except UnicodeError:
            raise exc from None
        out.append("{" + latex + "}" if "\\" in latex else latex)
    return "".join(out), exc.end


codecs.register_error("solicite-latex", _latex_for_unencodable)
