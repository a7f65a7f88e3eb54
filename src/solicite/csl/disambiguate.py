"""CSL disambiguation: add names, add given names, year suffixes, then the ``disambiguate`` condition.

Ambiguity is judged on each item's first cite rendered alone (as citeproc-js does); the
results live in the processor's per-item state, so every cite and the bibliography agree.
"""

from __future__ import annotations

from collections import defaultdict

from solicite.csl.names import split_particles
from solicite.richtext import plain
from solicite.styles.base import _letters  # year-suffix letters: a..z, aa.. (written once)


def _text(proc, item_id: str) -> str:
    part, _ctx = proc.render_cite(item_id, {"id": item_id, "position": "first"})
    return plain(part)


def _groups(proc, ids: list[str]) -> list[list[str]]:
    by_text = defaultdict(list)
    for i in ids:
        by_text[_text(proc, i)].append(i)
    return [g for t, g in by_text.items() if len(g) > 1]


def _name_lists(item: dict):
    for k, v in item.items():
        if isinstance(v, list) and v and isinstance(v[0], dict) and ("family" in v[0] or "given" in v[0]
                                                                      or "literal" in v[0]):
            yield k, v


def _max_names(proc, item_id: str) -> int:
    return max((len(v) for _k, v in _name_lists(proc.items[item_id])), default=0)


def disambiguate(proc) -> None:
    """Fill the processor's per-item state so that no two items' cites print the same."""
    style = proc.style
    if style.citation.el is None:
        return

    def opt(name):
        return style.option("citation", name) == "true"

    ids = proc.cited or proc.order
    rule = style.option("citation", "givenname-disambiguation-rule", "by-cite")
    add_given = opt("disambiguate-add-givenname")
    if add_given and rule != "by-cite":
        _global_givennames(proc, ids, rule)
    year_suffix = opt("disambiguate-add-year-suffix")
    rank: dict = {}
    for group in _groups(proc, ids):
        base = {i: (proc.state[i].add_names, dict(proc.state[i].given_level)) for i in group}
        if opt("disambiguate-add-names"):
            _add_names(proc, group, add_given and rule in ("by-cite", "all-names", "primary-name"))
        if add_given and rule in ("by-cite", "all-names", "primary-name"):
            _add_given(proc, group, rule)
        remaining = _groups(proc, group)
        for sub in remaining:
            if year_suffix and set(sub) == set(group):
                # Nothing helped: back to the names as they were, the suffix does the work.
                for i in sub:
                    proc.state[i].add_names, proc.state[i].given_level = base[i][0], dict(base[i][1])
            if year_suffix:
                if not rank:
                    rank = {i: n for n, i in enumerate(proc.bib_order())}  # sorted once, when needed
                order = sorted(sub, key=rank.__getitem__)
                for n, i in enumerate(order):
                    proc.state[i].year_suffix = _letters(n)
        # Still ambiguous after the steps above (no render again when all were told apart).
        for sub in _groups(proc, group) if remaining else ():
            for i in sub:
                proc.state[i].disambiguate = True


def _add_names(proc, group: list[str], with_given: bool) -> None:
    """Give each item the fewest extra names that tell it apart from the others it can differ from."""
    top = max(_max_names(proc, i) for i in group)
    saved = {i: proc.state[i].given_default for i in group}
    if with_given:
        for i in group:
            proc.state[i].given_default = 2  # names count as different when their given names do

    def texts(n: int) -> dict:
        for i in group:
            proc.state[i].add_names = n
        return {i: _text(proc, i) for i in group}

    final = texts(top)
    others = {x: [y for y in group if y != x and final[y] != final[x]] for x in group}
    need: dict = {}
    # The fewest names first; more are rendered only while some item is still not told apart.
    for n in range(top + 1):
        if len(need) == len(group):
            break
        shown = final if n == top else texts(n)
        for x in group:
            if x not in need and all(shown[y] != shown[x] for y in others[x]):
                need[x] = n
    for i in group:
        need.setdefault(i, 0)
        proc.state[i].add_names = need[i]
        proc.state[i].given_default = saved[i]


def _add_given(proc, group: list[str], rule: str) -> None:
    """Expand, name by name, the given names that differ between items of the group."""
    shown = {}
    for i in group:
        _part, ctx = proc.render_cite(i, {"id": i, "position": "first"})
        shown[i] = ctx.names_seen
    for i in group:
        for var, names in shown[i][:1] if rule == "primary-name" else shown[i]:
            for k, name in enumerate(names[: 1 if rule == "primary-name" else None]):
                level = 0
                n = split_particles(name)
                for j in group:
                    if j == i:
                        continue
                    for var2, names2 in shown[j]:
                        for other in names2:
                            o = split_particles(other)
                            if _family(o) != _family(n) or _norm(o.get("given")) == _norm(n.get("given")):
                                continue
                            same_initials = _initials(o.get("given")) == _initials(n.get("given"))
                            level = max(level, 2 if same_initials else 1)
                if level:
                    proc.state[i].given_level[(var, k)] = max(level, proc.state[i].given_level.get((var, k), 0))


def _family(name: dict) -> tuple:
    return (name.get("non-dropping-particle") or "", name.get("family") or "")


def _norm(given) -> str:
    """A given name compared without its spacing and periods ("J. J." is "J.J.")."""
    return "".join(str(given or "").replace(".", " ").split())


def _initials(given) -> str:
    return "".join(w[:1] for w in str(given or "").replace(".", " ").replace("-", " ").split())


def _global_givennames(proc, ids: list[str], rule: str) -> None:
    """Expand names whose family name is shared by different people, everywhere."""
    primary = rule.startswith("primary")
    by_family = defaultdict(set)
    for i in ids:
        for _var, names in _name_lists(proc.items[i]):
            for n in names[: 1 if primary else None]:
                n = split_particles(n)
                if n.get("family"):
                    by_family[_family(n)].add(_norm(n.get("given")))
    for i in ids:
        st = proc.state[i]
        for var, names in _name_lists(proc.items[i]):
            for k, n in enumerate(names[: 1 if primary else None]):
                n = split_particles(n)
                givens = by_family.get(_family(n), set())
                if len(givens) > 1:
                    same = sum(1 for g in givens if _initials(g) == _initials(n.get("given")))
                    if same == 1:
                        st.given_level[(var, k)] = 1
                    elif not rule.endswith("with-initials"):
                        st.given_level[(var, k)] = 2
