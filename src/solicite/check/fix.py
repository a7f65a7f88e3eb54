"""Rewrite permanent redirects in a library, through the lossless writer, and show what changed."""

from __future__ import annotations

import difflib

from solicite.check.result import REDIRECTED, URL, LinkResult


def fix_redirects(lib, results: list[LinkResult]) -> tuple[list[tuple[str, str, str]], str]:
    """Point every permanently redirected URL of ``lib`` at its final address; return changes and a diff.

    Only chains made entirely of 301/308 are rewritten: a temporary redirect says the old
    address is still the right one. The library is changed in memory; the caller saves it.
    """
    before = lib.dumps()
    changes: list[tuple[str, str, str]] = []
    for r in results:
        link = r.link
        if r.verdict != REDIRECTED or not r.permanent or not r.final_url or link.kind != URL or not link.key:
            continue
        ref = lib.get(link.key)
        if ref is None or link.url not in ref.fields.get(link.field, ""):
            continue
        fields = dict(ref.fields)
        fields[link.field] = fields[link.field].replace(link.url, r.final_url)
        lib.replace(ref.copy(fields=fields))
        changes.append((link.key, link.url, r.final_url))
    after = lib.dumps()
    name = str(getattr(lib, "source", "library"))
    diff = "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True), name, name))
    return changes, diff
