"""Lossless .bib read and write: every command that reads or writes a library goes through here.

Loading then saving an unmodified file gives identical bytes; editing an entry rewrites only
that entry; comments, @string macros, field order and the user's formatting are kept. Saves
are atomic, keep the previous version as ``<file>.bak``, and refuse to lose an entry.
"""

from solicite.bibfile.library import Library, load, loads
from solicite.bibfile.writer import FIELD_ORDER, atomic_write, format_entry

__all__ = ["FIELD_ORDER", "Library", "atomic_write", "format_entry", "load", "loads"]
