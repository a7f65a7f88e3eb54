"""solicite: turn loose reference lists into a clean BibTeX library, then resolve, check, format and export it.

The package is a library first; ``solicite.cli`` is a thin command-line layer over it.
Nothing outside ``solicite.cli`` imports click or rich, and the core never prints.
"""

__version__ = "0.1.0"
