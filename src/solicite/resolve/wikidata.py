"""Wikidata: the official website (P856) of an organisation or project, found by its name."""

from __future__ import annotations

import re

from solicite.model import Reference
from solicite.resolve.client import Client
from solicite.resolve.csl import bibtex_text

NAME = "wikidata"
OFFICIAL_WEBSITE = "P856"


def name_variants(title: str) -> list[str]:
    """The name and its parts: "OCASI | Ontario Council of ..." gives both sides too."""
    names = [title.strip()]
    for part in re.split(r"\s+[|\u2013\u2014-]\s+|\s*\(([^)]*)\)\s*", title):
        if part and part.strip() and part.strip() not in names:
            names.append(part.strip())
    return names[:3]


def _website(entity: dict) -> str:
    claims = (entity.get("claims") or {}).get(OFFICIAL_WEBSITE) or []
    ranked = sorted((c for c in claims if c.get("rank") != "deprecated"), key=lambda c: c.get("rank") != "preferred")
    for claim in ranked:
        value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return ""


def search(client: Client, ref: Reference) -> tuple[list[tuple[Reference, list[str]]], str]:
    """Entities named like the entry's title that have an official website, with all their names."""
    opts = client.options
    title = ref.text("title") or ref.text("organization")
    if not title:
        return [], "no name to search for"
    base = opts.url(NAME)
    ids: list[str] = []
    for name in name_variants(title)[:2]:
        got = client.get(base, params={"action": "wbsearchentities", "search": name, "language": "en", "uselang": "en",
                                       "type": "item", "limit": opts.rows, "format": "json"})
        if got.error or not got.ok:
            return [], got.error or f"wikidata answered HTTP {got.status}"
        ids += [h["id"] for h in (got.data or {}).get("search") or [] if isinstance(h, dict) and h.get("id") not in ids]
    if not ids:
        return [], ""
    got = client.get(base, params={"action": "wbgetentities", "ids": "|".join(ids[:50]), "props": "labels|aliases|claims",
                                   "languages": "en", "format": "json"})
    if got.error or not got.ok:
        return [], got.error or f"wikidata answered HTTP {got.status}"
    out = []
    for qid in ids:
        entity = ((got.data or {}).get("entities") or {}).get(qid) or {}
        label = ((entity.get("labels") or {}).get("en") or {}).get("value", "")
        aliases = [a.get("value", "") for a in (entity.get("aliases") or {}).get("en") or []]
        website = _website(entity)
        if not website or not label:
            continue
        rec = Reference(type="online", key="", fields={"title": bibtex_text(label), "url": website, "wikidata": qid})
        rec.source = NAME
        out.append((rec, [label, *aliases]))
    return out, ""
