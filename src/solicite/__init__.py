"""solicite: turn loose reference lists into a clean BibTeX library, then resolve, check, format and export it.

The package is a library first; ``solicite.cli`` is a thin command-line layer over it.
Nothing outside ``solicite.cli`` imports click or rich, and the core never prints.
"""

__version__ = "0.1.0"
# Sent by every HTTP client of solicite (resolve's session, the link checker). It lives here,
# in a module with no imports, so the checker can use it without loading requests.
USER_AGENT = f"solicite/{__version__} (+https://github.com/solicite/solicite)"
