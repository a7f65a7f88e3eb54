"""A CSL 1.0.2 processor: styles compiled once into callables, rendering CSL-JSON items to rich text.

Use :func:`load_style` (a ``.csl`` path) or :func:`parse_style` (XML text), then a
:class:`Processor` over CSL-JSON items for citations and a bibliography.
"""

from solicite.csl.processor import Processor
from solicite.csl.style import Style, StyleError, load_style, parse_style

__all__ = ["Processor", "Style", "StyleError", "load_style", "parse_style"]
