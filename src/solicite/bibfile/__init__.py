"""Lossless .bib read and write: every command that reads or writes a library goes through here.

Loading then saving an unmodified file gives identical bytes; editing an entry rewrites only
that entry; comments, @string macros, field order and the user's formatting are kept. Saves
hold the library's lock, re-check the file by content hash, are atomic, keep the previous
version as ``<file>.bak``, and refuse to lose an entry (``safewrite``).
"""

from solicite.bibfile.library import Library
from solicite.bibfile.reading import load, loads
from solicite.bibfile.lock import LibraryLock
from solicite.bibfile.output import write_output
from solicite.bibfile.safewrite import ABSENT, replace_file, replaceable
from solicite.bibfile.writer import FIELD_ORDER, format_entry

__all__ = ["ABSENT", "FIELD_ORDER", "Library", "LibraryLock", "format_entry", "load", "loads", "replace_file",
           "replaceable", "write_output"]
