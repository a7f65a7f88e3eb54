"""Compile CSL rendering elements once into Python callables ``fn(ctx) -> rich-text part``."""

from __future__ import annotations

from solicite.language import is_english
from solicite.csl.context import NUMBER_VARIABLES, Ctx
from solicite.csl.locale import tag
from solicite.csl.markup import parse_markup
from solicite.csl.numbers import format_number, is_numeric, is_plural
from solicite.csl.output import Display, Quoted, formatter, is_empty, strip_periods
from solicite.csl.textcase import apply_case

_EMPTY = ""
# Children that are read by their parent element, not rendered.
_IGNORED = frozenset({"name", "et-al", "substitute", "name-part", "date-part", "sort", "key", "if",
                      "else-if", "else"})


class Compiler:
    """Turns elements of one style into callables; macros are compiled once and shared."""

    def __init__(self, style) -> None:
        self.style = style
        self.joiner = style.joiner
        self.macros: dict = {}
        self.problems: list[str] = []
        self.names_inherit = None  # (name, et-al, label, label after) of the <names> whose <substitute> is compiled

    def macro(self, name: str):
        """The compiled macro (compiled on first use; recursion-safe)."""
        if name not in self.macros:
            slot: list = [None]
            # Callers compiled while the macro itself is (recursion) get this stand-in.
            self.macros[name] = lambda ctx: slot[0](ctx)
            el = self.style.macro_elements.get(name)
            # A macro is suppressed like a group: variables called and none set, nothing printed.
            slot[0] = self.counted(list(el), "") if el is not None else (lambda ctx: _EMPTY)
            self.macros[name] = slot[0]
        return self.macros[name]

    def macro_now(self, name: str):
        """The macro resolved at compile time, compiled outside any ``<substitute>`` being compiled.

        A macro is the same callable wherever it is called; a bare ``<names>`` in it does not
        take the options of the ``<names>`` whose substitute happens to call it first.
        """
        saved, self.names_inherit = self.names_inherit, None
        try:
            return self.macro(name)
        finally:
            self.names_inherit = saved

    def counted(self, elements, delimiter: str):
        """A macro or group: suppressed as a group is, and counted as one variable rendered when it prints.

        A group is suppressed when it calls variables and none of them is set. citeproc-js
        treats a macro's or nested group's output like a variable's for the enclosing group,
        so a macro printing only a term ("n.d.") keeps its group.
        """
        fns = self._children(elements, delimiter)
        join = self.joiner.join

        def run(ctx):
            called, rendered = ctx.called, ctx.rendered
            ctx.called = ctx.rendered = 0
            part = join([f(ctx) for f in fns], delimiter)
            inner_called, inner_rendered = ctx.called, ctx.rendered
            if inner_called and not inner_rendered:
                ctx.called, ctx.rendered = called + inner_called, rendered
                return _EMPTY
            if part and not is_empty(part):
                inner_called += 1
                inner_rendered += 1
            ctx.called, ctx.rendered = called + inner_called, rendered + inner_rendered
            return part
        return run

    def _children(self, elements, delimiter: str) -> list:
        # <choose> is transparent: the branch taken joins its children with the enclosing delimiter.
        fns = [self.choose(e, delimiter) if tag(e) == "choose" else self.element(e) for e in elements]
        return [f for f in fns if f is not None]

    def sequence(self, elements, delimiter: str):
        """Children rendered in order and joined with ``delimiter``."""
        fns = self._children(elements, delimiter)
        join = self.joiner.join

        def run(ctx):
            return join([f(ctx) for f in fns], delimiter)
        return run

    def element(self, el):
        """The callable for one rendering element."""
        name = tag(el)
        if name == "text":
            return self.decorate(el, self.text(el))
        if name == "group":
            return self.group(el)
        if name == "choose":
            return self.choose(el)
        if name == "number":
            return self.decorate(el, self.number(el))
        if name == "label":
            return self.decorate(el, self.label(el))
        if name == "date":
            from solicite.csl.dates import compile_date
            return compile_date(self, el)
        if name == "names":
            from solicite.csl.names import compile_names
            return compile_names(self, el)
        if name not in _IGNORED:
            self.problems.append(f"unknown CSL element <{name}> (ignored)")
        return None

    def decorate(self, el, fn, affixes: bool = True):
        """Wrap ``fn`` with the element's text-case, quotes, formatting, affixes and display."""
        case = el.get("text-case")
        strip = el.get("strip-periods") == "true"
        quotes = el.get("quotes") == "true"
        fmt = formatter(el.attrib)
        prefix, suffix = (el.get("prefix", ""), el.get("suffix", "")) if affixes else ("", "")
        display = el.get("display")
        affix = self.joiner.affix
        if not (case or strip or quotes or fmt or prefix or suffix or display):
            return fn
        # A term is the locale's text, not the item's: title case is decided by the locale alone
        # (citeproc-js checks the item's language only for variables: "Trans." in a German book).
        english = _locale_english if el.get("term") or getattr(el, "tag", "").endswith("label") else _english

        def run(ctx):
            part = fn(ctx)
            if is_empty(part):
                return _EMPTY
            if case:
                part = apply_case(part, case, english(ctx))
            if strip:
                part = strip_periods(part)
            if quotes:
                part = Quoted(*(part if isinstance(part, list) else [part]))
            if fmt:
                part = fmt(part)
            if prefix or suffix:
                part = affix(prefix, part, suffix)
            if display:
                part = Display(display, *(part if isinstance(part, list) else [part]))
            return part
        return run

    def text(self, el):
        """``<text>``: a variable, macro, term or literal value."""
        if el.get("variable"):
            var, form = el.get("variable"), el.get("form", "long")

            def run(ctx):
                if var == "year-suffix":
                    # An unset year suffix does not empty its group (citeproc-js: "n.d." stays).
                    ctx.suffix_done = True
                else:
                    ctx.called += 1
                if var in NUMBER_VARIABLES and var != "locator" and var != "page":
                    value = ctx.value(var)
                    if value is None:
                        return _EMPTY
                    ctx.note(var)
                    ctx.rendered += 1
                    return str(value)
                value = ctx.text_value(var, form)
                if value is None:
                    return _EMPTY
                ctx.rendered += 1
                return value
            return run
        if el.get("macro"):
            return self.macro_now(el.get("macro"))
        if el.get("term"):
            term, form, plural = el.get("term"), el.get("form", "long"), el.get("plural") == "true"
            def run_term(ctx):
                value = ctx.locale.term(term, form, plural) or _EMPTY
                if value and ctx.first_term is None:
                    ctx.first_term = value
                return value
            return run_term
        value = parse_markup(el.get("value", ""))
        return lambda ctx: value

    def number(self, el):
        """``<number>``: a number variable in numeric, ordinal, long-ordinal or roman form."""
        var, form = el.get("variable"), el.get("form", "numeric")

        def run(ctx):
            ctx.called += 1
            value = ctx.value(var)
            if value is None:
                return _EMPTY
            ctx.note(var)
            ctx.rendered += 1
            if not is_numeric(value):
                return str(value).replace("\\-", "-")
            gender = ctx.locale.gender_of(var)
            return format_number(value, form, ctx.locale, gender)
        return run

    def label(self, el):
        """``<label>``: the term for a number variable, singular or plural by its value."""
        var, form, plural = el.get("variable"), el.get("form", "long"), el.get("plural", "contextual")

        def run(ctx):
            if var == "locator":
                value = ctx.cite.get("locator")
                term = ctx.cite.get("label") or "page"
            else:
                value = ctx.value(var)
                term = var
            if value is None or value == "":
                return _EMPTY
            many = plural == "always" or (plural == "contextual" and _plural_value(var, value))
            if var == "locator" and "label-plural" in ctx.cite and plural == "contextual":
                many = ctx.cite["label-plural"]
            return ctx.locale.term(term, form, many) or _EMPTY
        return run

    def group(self, el):
        """``<group>``: suppressed when it calls variables and none of them is set."""
        return self.decorate(el, self.counted(list(el), el.get("delimiter", "")))

    def choose(self, el, delimiter: str = ""):
        """``<choose>``: the first branch whose condition holds, its children joined with ``delimiter``."""
        branches = []
        for branch in el:
            name = tag(branch)
            test = None if name == "else" else self.condition(branch)
            branches.append((test, self.sequence(list(branch), delimiter)))

        def run(ctx):
            for test, body in branches:
                if test is None or test(ctx):
                    return body(ctx)
            return _EMPTY
        return run

    def condition(self, el):
        """The test of an ``<if>``/``<else-if>``."""
        from solicite.csl.conditions import compile_condition
        return compile_condition(el)


def _plural_value(var: str, value) -> bool:
    if var in ("number-of-pages", "number-of-volumes"):
        try:
            return int(str(value).strip()) > 1
        except ValueError:
            return is_plural(value)
    return is_plural(value)


def _english(ctx: Ctx) -> bool:
    return is_english(str(ctx.item.get("language") or ctx.locale.lang or "en"))


def _locale_english(ctx: Ctx) -> bool:
    return is_english(str(ctx.locale.lang or "en"))
