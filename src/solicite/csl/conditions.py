"""CSL conditions (``<if>``/``<else-if>``) compiled into predicates over a rendering context."""

from __future__ import annotations

from solicite.csl.context import DATE_VARIABLES
from solicite.csl.numbers import is_numeric

_POSITIONS = {
    "first": {"first"},
    "subsequent": {"subsequent", "ibid", "ibid-with-locator"},
    "ibid": {"ibid", "ibid-with-locator"},
    "ibid-with-locator": {"ibid-with-locator"},
}


def _type(ctx, value):
    return ctx.item.get("type") == value


def _any_type(ctx, values):
    return ctx.item.get("type") in values


def _variable(ctx, value):
    if value == "locator":
        return bool(ctx.cite.get("locator"))
    # A variable already printed by <substitute> is still present for conditions (citeproc-js).
    v = ctx.value(value, substituted=True)
    return v is not None if value in DATE_VARIABLES else v not in (None, "", [])


def _numeric(ctx, value):
    v = ctx.value(value)
    return v is not None and is_numeric(v)


def _uncertain(ctx, value):
    v = ctx.value(value)
    return isinstance(v, dict) and bool(v.get("circa"))


def _locator(ctx, value):
    if not ctx.cite.get("locator"):
        return False
    label = ctx.cite.get("label") or "page"
    return label == value or (value == "sub-verbo" and label == "sub verbo")


def _position(ctx, value):
    if ctx.mode != "citation":
        return False
    if value == "near-note":
        return bool(ctx.cite.get("near-note"))
    return ctx.position in _POSITIONS.get(value, ())


def _disambiguate(ctx, value):
    return ctx.disambiguate == (value == "true")


_TESTS = {"type": _type, "variable": _variable, "is-numeric": _numeric, "is-uncertain-date": _uncertain,
          "locator": _locator, "position": _position, "disambiguate": _disambiguate}


def compile_condition(el):
    """A predicate for the element's tests combined by its ``match`` (all, any or none)."""
    tests = []
    types: set = set()  # type tests, one set membership test instead of one call each
    match = el.get("match", "all")
    for attr, fn in _TESTS.items():
        if el.get(attr):
            values = [el.get(attr)] if attr == "disambiguate" else el.get(attr).split()
            if attr == "type" and len(values) > 1 and match == "all":
                # citeproc-js tests several types as one "any" test, even under match="all".
                tests.append(_one_of(frozenset(values)))
                continue
            if attr == "type" and match != "all":
                types.update(values)
                continue
            tests += [_bound(fn, v) for v in values]
    if types:
        # An "any"/"none" test: the type tests, in any order, as one.
        tests.insert(0, _one_of(frozenset(types)))
    if match == "any":
        return _any(tests)
    if match == "none":
        test = _any(tests)
        return lambda ctx: not test(ctx)
    return _all(tests)


def _bound(fn, value):
    if fn is _type:
        return lambda ctx: ctx.item.get("type") == value
    return lambda ctx: fn(ctx, value)


def _one_of(values: frozenset):
    return lambda ctx: ctx.item.get("type") in values


def _any(tests: list):
    if len(tests) == 1:
        return tests[0]

    def run(ctx):
        for test in tests:
            if test(ctx):
                return True
        return False
    return run


def _all(tests: list):
    if len(tests) == 1:
        return tests[0]

    def run(ctx):
        for test in tests:
            if not test(ctx):
                return False
        return True
    return run
