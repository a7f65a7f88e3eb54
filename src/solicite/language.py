"""Languages: a BibLaTeX ``langid`` (a babel or polyglossia name) as a BCP 47 tag, the form CSL and Zotero read.

CSL processors change a title's case only for items whose ``language`` is English or unset
(CSL 1.0.2 specification, "Title case conversion"; citeproc-js and Zotero's citation engine
test the tag's ``en`` prefix), so a German title exported without its language gets title-cased.
"""

from __future__ import annotations

# The language names biblatex's manual lists for langid (babel and polyglossia spellings), as BCP 47 tags.
# Language subtags only (pandoc adds a region, ngerman -> de-DE; tests/export/test_export_pandoc.py
# checks that the languages agree for every name pandoc knows).
BABEL_TO_BCP47: dict[str, str] = {
    "english": "en", "american": "en-US", "usenglish": "en-US", "australian": "en-AU", "british": "en-GB",
    "ukenglish": "en-GB", "canadian": "en-CA", "newzealand": "en-NZ",
    "german": "de", "ngerman": "de", "austrian": "de-AT", "naustrian": "de-AT", "swissgerman": "de-CH",
    "nswissgerman": "de-CH",
    "french": "fr", "francais": "fr", "acadian": "fr-CA", "canadien": "fr-CA",
    "spanish": "es", "mexican": "es-MX", "catalan": "ca", "galician": "gl", "basque": "eu",
    "italian": "it", "latin": "la", "portuguese": "pt", "portuges": "pt", "brazil": "pt-BR", "brazilian": "pt-BR",
    "dutch": "nl", "danish": "da", "norwegian": "nb", "norsk": "nb", "nynorsk": "nn", "swedish": "sv",
    "finnish": "fi", "icelandic": "is", "polish": "pl", "czech": "cs", "slovak": "sk", "slovene": "sl",
    "slovenian": "sl", "croatian": "hr", "serbian": "sr", "bulgarian": "bg", "russian": "ru", "ukrainian": "uk",
    "belarusian": "be", "greek": "el", "ancientgreek": "grc", "hungarian": "hu", "magyar": "hu", "romanian": "ro",
    "turkish": "tr", "estonian": "et", "latvian": "lv", "lithuanian": "lt", "hebrew": "he", "arabic": "ar",
    "persian": "fa", "hindi": "hi", "japanese": "ja", "chinese": "zh", "korean": "ko", "vietnamese": "vi",
    "thai": "th", "indonesian": "id", "malay": "ms", "afrikaans": "af", "welsh": "cy", "irish": "ga",
    "scottish": "gd", "breton": "br", "esperanto": "eo",
}


def bcp47(name: str) -> str:
    """The BCP 47 tag for a langid or language value ("ngerman" -> "de"); anything unknown as given."""
    value = name.strip()
    tag = BABEL_TO_BCP47.get(value.lower().replace(" ", "").replace("-", ""))
    if tag:
        return tag
    return value  # already a tag ("de-CH"), or a name Zotero keeps as free text


def is_english(language: str) -> bool:
    """True for an English langid or tag ("british", "en-GB"), or none: the titles whose case may change."""
    return not language.strip() or bcp47(language).lower().startswith("en")


def entry_language(fields) -> str:
    """The language an entry's fields name: ``langid``, else ``language`` (its first, "english and german"), else ``hyphenation``."""
    for name in ("langid", "language", "hyphenation"):
        value = fields.get(name, "")
        if value.strip():
            return value.replace("{", "").replace("}", "").split(" and ")[0].split(",")[0].strip()
    return ""
