"""Best-effort rendering with any CSL style through citeproc-py (the optional extra ``solicite[csl]``)."""

from __future__ import annotations

from solicite.errors import UsageError


def render_csl(refs, csl_path: str, to: str = "text") -> tuple[list[tuple[str, str]], list[str]]:
    """(key, entry) pairs rendered by citeproc-py, and problems reported as values (never raised)."""
    try:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
        from citeproc.source.json import CiteProcJSON
    except ImportError:
        raise UsageError("--csl needs citeproc-py", hint="pip install 'solicite[csl]'") from None
    try:
        from solicite.export.csljson import to_csl
    except ImportError:
        raise UsageError("--csl needs the CSL-JSON exporter (solicite.export.csljson), not in this build",
                         hint="use --style instead") from None
    import warnings

    problems: list[str] = []
    data = []
    for r in refs:
        try:
            item = {k: v for k, v in to_csl(r).items() if k not in _UNSUPPORTED_KEYS}
            item["id"] = r.key
            data.append(item)
        except Exception as exc:  # noqa: BLE001 - one bad entry is a finding, not a crash
            problems.append(f"{r.key}: cannot convert to CSL-JSON ({exc})")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            style = CitationStylesStyle(csl_path, validate=False)
            fmt = formatter.html if to == "html" else formatter.plain
            bib = CitationStylesBibliography(style, CiteProcJSON(data), fmt)
            for item in data:
                bib.register(Citation([CitationItem(item["id"])]))
            out = [(key, str(entry)) for key, entry in zip(bib.keys, bib.bibliography())]
        except Exception as exc:  # noqa: BLE001 - citeproc-py covers part of CSL: report, do not raise
            problems.append(f"citeproc-py could not render {csl_path} (a CSL feature it does not support?): "
                            f"{type(exc).__name__}: {exc}")
            out = []
    seen = set()
    for w in caught:
        msg = " ".join(str(w.message).split())
        if msg not in seen:
            seen.add(msg)
            problems.append(f"citeproc-py: {msg}")
    return out, problems


# CSL-JSON variables citeproc-py does not know (it would warn once per entry).
_UNSUPPORTED_KEYS = frozenset({"citation-key", "custom", "_graph"})
