"""Resolve missing DOIs and URLs, enrich entries that have a DOI, add references by identifier.

One module per service (``crossref``, ``openalex``, ``openlibrary``, ``wikidata``,
``datacite``), plus ``doi`` (content negotiation), ``page`` (a web page's own metadata),
``match`` (scoring), ``diff`` (proposed changes and the ``provenance`` field) and
``engine`` (one entry at a time). All HTTP goes through ``solicite.net``'s session.
"""

from __future__ import annotations

from solicite.resolve.identifier import IdentifierError, IdentifierNotFoundError, fetch_identifier

__all__ = ["fetch_identifier", "IdentifierError", "IdentifierNotFoundError"]
