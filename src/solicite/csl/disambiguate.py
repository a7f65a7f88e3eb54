"""CSL disambiguation: add names, add given names, year suffixes, then the ``disambiguate`` condition.

Ambiguity is judged on each item's first cite rendered alone (as citeproc-js does); the
results live in the processor's per-item state, so every cite and the bibliography agree.
"""

from __future__ import annotations

from collections import defaultdict

from solicite.richtext import plain
from solicite.styles.base import _letters  # year-suffix letters: a..z, aa.. (written once)


def _text(proc, item_id: str) -> str:
    part, _ctx = proc.render_cite(item_id, {"id": item_id, "position": "first"})
    return plain(part)


def _groups(proc, ids: list[str]) -> list[list[str]]:
    by_text = defaultdict(list)
    for i in ids:
        by_text[_text(proc, i)].append(i)
    return [g for t, g in by_text.items() if len(g) > 1 and t]


def _max_names(proc, item_id: str) -> int:
    item = proc.items[item_id]
    return max((len(v) for v in item.values() if isinstance(v, list) and v and isinstance(v[0], dict)
                and ("family" in v[0] or "literal" in v[0] or "given" in v[0])), default=0)


def disambiguate(proc) -> None:
    """Fill the processor's per-item state so that no two items' cites print the same."""
    style = proc.style
    opt = lambda name: style.option("citation", name) == "true"  # noqa: E731
    ids = proc.cited or proc.order
    if style.citation.el is None:
        return
    rule = style.option("citation", "givenname-disambiguation-rule", "by-cite")
    if opt("disambiguate-add-givenname") and rule != "by-cite":
        _global_givennames(proc, ids, rule)
    ambiguous = _groups(proc, ids)
    if opt("disambiguate-add-names"):
        ambiguous = [g2 for g in ambiguous for g2 in _add_names(proc, g)]
    if opt("disambiguate-add-givenname") and rule in ("by-cite", "all-names", "primary-name"):
        ambiguous = [g2 for g in ambiguous for g2 in _add_given(proc, g)]
    if opt("disambiguate-add-year-suffix"):
        todo = {i for g in ambiguous for i in g}
        if todo:
            proc.numbers = proc.numbers or {}
            order = [i for i in proc.bib_order() if i in todo]
            for n, i in enumerate(order):
                proc.state[i].year_suffix = _letters(n)
            ambiguous = _groups(proc, list(todo))
            # Suffixes sort with the bibliography once assigned (2000a before 2000b).
    for g in ambiguous:
        for i in g:
            proc.state[i].disambiguate = True


def _add_names(proc, group: list[str]) -> list[list[str]]:
    pending = list(group)
    top = max(_max_names(proc, i) for i in group)
    for n in range(1, top + 1):
        for i in pending:
            proc.state[i].add_names = n
        remaining = {i for g in _groups(proc, group) for i in g}
        pending = [i for i in pending if i in remaining]
        if not pending:
            break
    if pending:
        for i in pending:
            proc.state[i].add_names = 0
    return _groups(proc, group)


def _add_given(proc, group: list[str]) -> list[list[str]]:
    for level in (1, 2):
        remaining = {i for g in _groups(proc, group) for i in g}
        if not remaining:
            break
        for i in remaining:
            proc.state[i].given_default = level
    return _groups(proc, group)


def _global_givennames(proc, ids: list[str], rule: str) -> None:
    """Expand names whose family name is shared by different people, everywhere."""
    by_family = defaultdict(set)
    for i in ids:
        for var, names in _name_lists(proc.items[i]):
            for n in names[: 1 if rule.startswith("primary") else None]:
                if n.get("family"):
                    by_family[n["family"]].add(n.get("given") or "")
    for i in ids:
        st = proc.state[i]
        for var, names in _name_lists(proc.items[i]):
            for k, n in enumerate(names[: 1 if rule.startswith("primary") else None]):
                givens = by_family.get(n.get("family"), set())
                if len(givens) > 1:
                    initials = {"".join(w[:1] for w in g.split()) for g in givens}
                    full = not rule.endswith("with-initials") and len(initials) < len(givens)
                    st.given_level[(var, k)] = 2 if full else 1


def _name_lists(item: dict):
    for k, v in item.items():
        if isinstance(v, list) and v and isinstance(v[0], dict) and ("family" in v[0] or "given" in v[0]):
            yield k, v
