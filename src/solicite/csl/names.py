"""CSL ``<names>``: name lists with et-al, initials, sort order, labels and substitution."""

from __future__ import annotations

import re

from solicite.csl.locale import tag
from solicite.csl.markup import parse_markup
from solicite.csl.output import NamesMark, formatter, is_empty
from solicite.csl.textcase import apply_case
from solicite.richtext import last_char, plain

# Name options a style, citation or bibliography element may set for all its names.
INHERITED = ("and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min", "et-al-use-first",
             "et-al-use-last", "et-al-subsequent-min", "et-al-subsequent-use-first", "initialize",
             "initialize-with", "name-as-sort-order", "sort-separator", "name-form", "name-delimiter")
_ROMAN = re.compile(r"^[\s\u0000-\u024f\u1e00-\u1eff\u2000-\u206f'\u2019.\-]*$")


def is_roman(name: dict) -> bool:
    """True for names in Latin (or Cyrillic/Greek) script, written given-name first."""
    text = (name.get("family") or "") + (name.get("given") or "")
    return bool(_ROMAN.match(text)) or bool(re.match(r"^[\u0370-\u04ff\s.\-]*$", text))


_PARTICLE = re.compile(r"^((?:(?:[a-z\u00e0-\u00ff][\w]*|[\'\u2019][a-z]+)(?:[\s]+|[\-\'\u2019]))+)(?=[^\s])")


def split_particles(name: dict) -> dict:
    """The name with lowercase particles moved out of given and family ("van", "de", "al-", "d’")."""
    if name.get("literal") or name.get("parse-names") in (False, "false"):
        return name
    name = {k: (v.replace("'", "\u2019") if isinstance(v, str) else v) for k, v in name.items()}
    family = name.get("family") or ""
    if family.startswith('"') and family.endswith('"'):
        name["family"] = family[1:-1]
    elif family and "non-dropping-particle" not in name:
        m = _PARTICLE.match(family)
        if m and m.group(1).strip() != family.strip():
            particle = m.group(1)
            name["non-dropping-particle"] = particle.rstrip()
            name["family"] = family[len(particle):]
    given = name.get("given") or ""
    if "," in given and not name.get("suffix"):
        given, _, suffix = given.partition(",")
        suffix = suffix.strip()
        if suffix.startswith("!"):
            suffix = suffix[1:].strip()
            name["comma-suffix"] = True
        name["given"], name["suffix"] = given.strip(), suffix
        given = name["given"]
    if given and "dropping-particle" not in name:
        m = re.search(r"\s+((?:[a-z\u00e0-\u00ff][\w\u2019]*\s*)+)$", given)
        if m and m.start() > 0:
            name["dropping-particle"] = m.group(1).strip()
            name["given"] = given[: m.start()]
    return name


def initialize(given: str, initial: str, hyphen: bool = True, initialize_names: bool = True) -> str:
    """Given names as initials: "John Paul" -> "J. P." (with ``initial`` ". ").

    With ``initialize_names`` false only existing initials are normalised ("M.E" -> "M. E.").
    Abbreviations ("Ph.") keep their letters; lowercase words (particles) stay whole.
    """
    text = ""
    for word in re.split(r"\s+", given.strip()):
        for piece, is_initial in _tokens(word, initial, hyphen, initialize_names):
            if is_initial:
                text += piece + initial
            else:
                text += ("" if not text or text.endswith(" ") else " ") + piece + " "
    return text.rstrip()


def _tokens(word: str, initial: str, hyphen: bool, initialize_names: bool) -> list[tuple[str, bool]]:
    """(text, is_initial) tokens of one word; "M.E" is two initials, "Jean-Paul" one compound."""
    if not word:
        return []
    if not word[0].isalpha():
        return [(word, False)]  # "(Daphne)": a nickname in brackets stays as written (citeproc-js)
    if "." in word.rstrip(".") and "-" not in word:
        return [(p, True) for p in word.split(".") if p]
    if "-" in word.strip("-"):  # "Jean-Paul", "J.-L."
        pieces = [p for p in word.split("-") if p]
        if initialize_names:
            inits = [_one(p) for p in pieces if not p[0].islower()]
            sep = (initial.rstrip() + "-") if hyphen else initial
            return [(sep.join(inits), True)] if inits else []
        if all(len(p) == 1 for p in pieces):
            return [("-".join(pieces), True)]
        return [(word, False)]
    bare = word.rstrip(".")
    if not bare:
        return []
    if word.endswith(".") or len(bare) == 1:
        return [(bare, True)]
    if bare[0].islower():
        return [(bare, False)]
    if not initialize_names:
        return [(bare, False)]
    return [(_one(bare), True)]


def _one(word: str) -> str:
    """The initial of a word ("Ts" for a Mongolian "TSerendorjiin")."""
    if len(word) > 2 and word[1].isupper() and word[2].islower():
        return word[0] + word[1].lower()
    return word[0]


class NameOpts:
    """The effective options of one ``<name>`` (own attributes over inherited ones)."""

    def __init__(self, attrs: dict) -> None:
        self.attrs = attrs
        g = attrs.get
        self.and_ = g("and")
        self.delimiter = g("delimiter", ", ")
        self.dpea = g("delimiter-precedes-et-al", "contextual")
        self.dpl = g("delimiter-precedes-last", "contextual")
        self.et_al_min = int(g("et-al-min") or 0)
        self.zero_first = g("et-al-use-first") == "0"  # et-al with no name shown: nothing at all
        self.et_al_first = int(g("et-al-use-first") or 0)
        self.sub_min = int(g("et-al-subsequent-min") or self.et_al_min or 0)
        self.sub_first = int(g("et-al-subsequent-use-first") or self.et_al_first or 0)
        self.use_last = g("et-al-use-last") == "true"
        self.form = g("form", "long")
        self.initialize = g("initialize", "true") == "true"
        self.initial = g("initialize-with")
        self.sort_order = g("name-as-sort-order")
        self.sort_sep = g("sort-separator", ", ")


def compile_names(compiler, el):
    """The callable for a ``<names>`` element."""
    style = compiler.style
    variables = (el.get("variable") or "").split()
    name_el = next((c for c in el if tag(c) == "name"), None)
    etal_el = next((c for c in el if tag(c) == "et-al"), None)
    label_el = next((c for c in el if tag(c) == "label"), None)
    subst_el = next((c for c in el if tag(c) == "substitute"), None)
    label_after = name_el is None  # with no <name>, the label follows the names (citeproc-js)
    if label_el is not None and name_el is not None:
        kids = list(el)
        label_after = kids.index(label_el) > kids.index(name_el)
    inherited = compiler.names_inherit
    if len(el) == 0 and inherited is not None:
        # A bare <names> anywhere inside <substitute> (even in a <choose>) takes the outer one's options.
        name_el, etal_el, label_el, label_after = inherited
    spec = _NamesSpec(compiler, name_el, etal_el, label_el, label_after)
    saved = inherited
    compiler.names_inherit = (name_el, etal_el, label_el, label_after)
    try:
        substitute = _substitutes(compiler, subst_el, lambda: _NamesSpec(compiler, name_el, etal_el, label_el,
                                                                          label_after))
    finally:
        compiler.names_inherit = saved
    delimiter = el.get("delimiter")
    main = _variables_fn(compiler, variables, spec, delimiter)

    def run(ctx):
        if ctx.names_done:
            return _names(ctx)
        ctx.names_done = True
        ctx.name_bodies = []
        part = _names(ctx)
        bodies, ctx.name_bodies = ctx.name_bodies, None
        if is_empty(part):
            return ""
        ctx.first_names = part
        ctx.first_names_key = "\x1f".join(bodies) if bodies else plain(part)
        if ctx.suppress_author:
            return ""
        if "substitute" in ctx.cite and not bodies:
            return NamesMark(ctx.cite["substitute"]) if ctx.cite["substitute"] else ""
        return NamesMark(part)

    def _names(ctx):
        part = main(ctx)
        if not is_empty(part):
            return part
        for fn, final in substitute:
            seen: set = set()
            ctx.tracking.append(seen)
            called, rendered = ctx.called, ctx.rendered
            part = fn(ctx)
            ctx.tracking.pop()
            ctx.called, ctx.rendered = called, rendered
            if final and is_empty(part):
                return ""
            if not is_empty(part):
                ctx.suppressed |= seen
                ctx.rendered += 1
                ctx.called += 1
                return part
        return ""
    del style
    return compiler.decorate(el, run)


def _substitutes(compiler, subst_el, make_spec) -> list:
    """(callable, final) for each child of ``<substitute>``; a bare ``<names>`` inherits the spec."""
    out: list = []
    for child in subst_el if subst_el is not None else ():
        if tag(child) == "names" and len(child) == 0:
            out.append((_variables_fn(compiler, (child.get("variable") or "").split(), make_spec(),
                                      child.get("delimiter")), False))
            continue
        fn = compiler.element(child)
        if fn is not None:
            # A term ends the substitution even when empty (citeproc-js).
            out.append((fn, tag(child) == "text" and bool(child.get("term"))))
    return out


class _NamesSpec:
    def __init__(self, compiler, name_el, etal_el, label_el, label_after) -> None:
        self.own = dict(name_el.attrib) if name_el is not None else {}
        self.fmt = formatter(self.own)
        self.prefix, self.suffix = self.own.get("prefix", ""), self.own.get("suffix", "")
        self.parts = {}
        if name_el is not None:
            for p in name_el:
                if tag(p) == "name-part":
                    self.parts[p.get("name")] = (dict(p.attrib), formatter(p.attrib))
        self.etal_term = etal_el.get("term", "et-al") if etal_el is not None else "et-al"
        self.etal_fmt = formatter(etal_el.attrib) if etal_el is not None else None
        self.etal_prefix = etal_el.get("prefix") if etal_el is not None else None
        self.label = compiler.decorate(label_el, lambda ctx: ctx._names_label) if label_el is not None else None
        self.label_el = label_el
        self.label_after = label_after
        self.joiner = compiler.joiner
        self._opts: dict = {}

    def opts(self, ctx) -> NameOpts:
        key = ctx.mode
        if key not in self._opts:
            merged = dict(ctx.style.name_options(ctx.mode))
            merged.update(self.own)
            self._opts[key] = NameOpts(merged)
        return self._opts[key]


def _variables_fn(compiler, variables, spec: _NamesSpec, delimiter):
    joiner = compiler.joiner

    def run(ctx):
        outputs = []
        present = []
        for var in variables:
            ctx.called += 1
            names = ctx.value(var)
            if names and isinstance(names, list):
                present.append(var)
        if "editor" in present and "translator" in present and ctx.value("editor") == ctx.value("translator") \
                and ctx.locale.term("editortranslator"):
            present.remove("translator")
            combined = "editortranslator"
        else:
            combined = None
        opts = spec.opts(ctx)
        if opts.form == "count":
            total = sum(_shown_count(ctx, spec, opts, ctx.value(v)) for v in present)
            for v in present:
                ctx.note(v)
            if total:
                ctx.rendered += 1
                return str(total)
            return ""
        for var in present:
            names = ctx.value(var)
            ctx.note(var)
            ctx.rendered += 1
            ctx.shown_names = []
            body = render_list(ctx, spec, opts, var, names)
            if ctx.name_bodies is not None and not ctx.sorting:
                # The first <names> of an entry: its names (not their label, "and" or "et al.") are
                # what subsequent-author-substitute compares (citeproc-js), and the list it replaces.
                ctx.name_bodies.append("\x1e".join(plain(n) for n in ctx.shown_names))
                if "substitute" in ctx.cite:
                    body = ctx.cite["substitute"]
            if spec.label is not None and not ctx.sorting:  # sort keys compare names, not labels
                term_name = combined if (combined and var == "editor") else var
                form = spec.label_el.get("form", "long")
                plural = spec.label_el.get("plural", "contextual")
                many = plural == "always" or (plural == "contextual" and len(names) > 1)
                ctx._names_label = ctx.locale.term(term_name, form, many) or ""
                label = spec.label(ctx)
                body = joiner.join([body, label] if spec.label_after else [label, body])
            outputs.append(body)
        d = delimiter if delimiter is not None else ctx.style.name_options(ctx.mode).get("names-delimiter", "")
        return joiner.join(outputs, d)
    return run


def _limits(ctx, opts: NameOpts) -> tuple[int, int]:
    if ctx.sort_names:
        return (int(ctx.sort_names.get("names-min") or opts.et_al_min),
                int(ctx.sort_names.get("names-use-first") or opts.et_al_first))
    if ctx.mode == "citation" and ctx.position != "first" and ctx.cite:
        return opts.sub_min, opts.sub_first
    return opts.et_al_min, opts.et_al_first


def _shown_count(ctx, spec, opts, names) -> int:
    et_min, first = _limits(ctx, opts)
    if et_min and first and len(names) >= et_min:
        return min(len(names), first + ctx.add_names)
    return len(names)


def render_list(ctx, spec: _NamesSpec, opts: NameOpts, var: str, names: list):
    """One variable's names joined with delimiters, "and" and et-al."""
    joiner = spec.joiner
    et_min, first = _limits(ctx, opts)
    truncated = bool(et_min and first and len(names) >= et_min)
    if et_min and not first and opts.zero_first and len(names) >= et_min:
        return ""
    count = min(len(names), first + ctx.add_names) if truncated else len(names)
    if count >= len(names):
        truncated = False
    shown = names[:count]
    rendered = [render_name(ctx, spec, opts, var, i, n) for i, n in enumerate(shown)]
    if ctx.name_bodies is not None:
        ctx.shown_names = rendered  # what subsequent-author-substitute compares: the names, not "et al."
    if ctx.sorting:
        use_last = opts.use_last or ctx.sort_names.get("names-use-last") == "true"
        if truncated and use_last and len(names) > count:
            rendered.append(render_name(ctx, spec, opts, var, len(names) - 1, names[-1]))
        return "  ".join(plain(r) for r in rendered)
    ctx.names_seen.append((var, [dict(n) for n in shown]))
    inverted = [_inverted(opts, i, n) for i, n in enumerate(shown)]
    and_term = None
    if opts.and_ == "text":
        and_term = ctx.locale.term("and") or "and"
    elif opts.and_ == "symbol":
        and_term = "&"
    acc: list = []
    for i, part in enumerate(rendered):
        if i == 0:
            acc.append(part)
            continue
        last = i == len(rendered) - 1
        if last and and_term and not truncated:
            use_delim = _use_delim(opts.dpl, len(rendered), inverted[i - 1], 3)
            acc.append((opts.delimiter if use_delim else " ") + and_term + " ")
        else:
            acc.append(opts.delimiter)
        acc.append(part)
    if truncated:
        if opts.use_last and len(names) > count + 1:
            acc.append(opts.delimiter + "\u2026 ")
            acc.append(render_name(ctx, spec, opts, var, len(names) - 1, names[-1]))
        else:
            term = ctx.locale.term(spec.etal_term) or ""
            if term:
                use = _use_delim(opts.dpea, count, inverted[count - 1], 2)
                etal = spec.etal_fmt(term) if spec.etal_fmt else term
                acc.append(opts.delimiter if use else " ")
                acc.append(etal)
    out = joiner.join(acc)
    if spec.fmt:
        out = spec.fmt(out)
    return joiner.affix(spec.prefix, out, spec.suffix)


def _use_delim(rule: str, count: int, prev_inverted: bool, threshold: int) -> bool:
    if rule == "always":
        return True
    if rule == "never":
        return False
    if rule == "after-inverted-name":
        return prev_inverted
    return count >= threshold


def _inverted(opts: NameOpts, i: int, name: dict) -> bool:
    if name.get("literal") or not name.get("given") or not is_roman(name):
        return False
    return opts.sort_order == "all" or (opts.sort_order == "first" and i == 0)


def _level(ctx, var, i) -> int:
    return ctx.given_level.get((var, i), ctx.given_default)


def render_name(ctx, spec: _NamesSpec, opts: NameOpts, var: str, i: int, raw: dict):
    """One name in the style's form (long, short), order and initials."""
    joiner = spec.joiner
    if raw.get("literal") is not None or (not raw.get("family") and not raw.get("given")):
        text = raw.get("literal") or raw.get("family") or ""
        return _part(spec, "family", parse_markup(str(text)), ctx)
    name = split_particles(raw)
    if not name.get("family"):
        return _part(spec, "given", name.get("given") or "", ctx)
    if ctx.sorting:
        if opts.form == "short":
            return _words([name.get("non-dropping-particle") or "", name.get("family") or ""])
        if opts.initial is not None and name.get("given") and _level(ctx, var, i) < 2:
            # The key is what the style prints: initials when it initialises (citeproc-js).
            name = dict(name, given=initialize(name["given"], opts.initial, ctx.style.initialize_with_hyphen,
                                               opts.initialize))
        return sort_name(name, ctx.style.demote_particle)
    level = _level(ctx, var, i)
    form = opts.form
    if level and form == "short":
        form = "long"
    initial = opts.initial
    do_init = opts.initialize
    if level >= 2:
        initial = None
    family = name.get("family") or ""
    given = name.get("given") or ""
    ndp = name.get("non-dropping-particle") or ""
    dp = name.get("dropping-particle") or ""
    suffix = name.get("suffix") or ""
    if given and initial is not None:
        given = initialize(given, initial, ctx.style.initialize_with_hyphen, do_init)
    roman = is_roman(name)
    if form == "short" or not given and not dp:
        fam = _part(spec, "family", family, ctx, before=[ndp], ndp=ndp) if roman else _part(spec, "family", ndp + family, ctx)
        if form == "short":
            return fam
        if not given:
            return joiner.join([fam, suffix], " ")
    if not roman:
        return joiner.join([_part(spec, "family", family, ctx), _part(spec, "given", given, ctx)], "")
    demote = ctx.style.demote_particle
    if _inverted(opts, i, name):
        if demote == "display-and-sort":
            fam = _part(spec, "family", family, ctx)
            giv = _part(spec, "given", given, ctx, trail=[dp, ndp])
        else:
            fam = _part(spec, "family", family, ctx, before=[ndp], ndp=ndp)
            giv = _part(spec, "given", given, ctx, trail=[dp])
        return joiner.join([fam, giv, suffix], opts.sort_sep)
    sep = ", " if (name.get("comma-suffix") or raw.get("comma-suffix")) else " "
    fam = _part(spec, "family", family, ctx, before=[dp, ndp], after=sep + suffix if suffix else "", ndp=ndp)
    return joiner.join([_part(spec, "given", given, ctx), fam], " ")


def _words(pieces: list[str]) -> str:
    out = ""
    for p in pieces:
        if not p:
            continue
        out = p if not out else (out + p if out.endswith(("'", "\u2019", "-")) else out + " " + p)
    return out


def sort_name(name: dict, demote: str = "display-and-sort") -> str:
    """The name as a sort key: family (with its particle unless demoted) first, then given."""
    ndp = name.get("non-dropping-particle") or ""
    family = name.get("family") or ""
    if demote == "never":
        family, ndp = _words([ndp, family]), ""
    return " ".join(p for p in (family, name.get("given") or "", name.get("dropping-particle") or "", ndp,
                                name.get("suffix") or "") if p)


def _part(spec: _NamesSpec, which: str, text, ctx, before=(), trail=(), after: str = "", ndp: str = ""):
    """A name part in its ``name-part`` formatting: the text cased and formatted, the particles
    ``before``/``trail`` formatted but not cased, ``after`` (a suffix) plain, affixes around all."""
    if is_empty(text):
        return ""
    if isinstance(text, str) and "<" in text:
        text = parse_markup(text)
    attrs, fmt = spec.parts.get(which, ({}, None))
    case = attrs.get("text-case")
    if case:
        # The non-dropping particle takes the family name's case; a dropping one does not.
        text = apply_case(text, case)
        before = [apply_case(p, case) if p and p == ndp else p for p in before]
    pieces = [p for p in before if p] + [text] + [p for p in trail if p]
    if fmt:
        pieces = [fmt(p) for p in pieces]
    out: list = []
    for k, piece in enumerate(pieces):
        if k:
            out.append("" if last_char(pieces[k - 1]) in ("'", "\u2019", "-") else " ")
        out.append(piece)
    if after:
        out.append(after)
    if attrs.get("prefix") or attrs.get("suffix"):
        return spec.joiner.affix(attrs.get("prefix", ""), out, attrs.get("suffix", ""))
    return out if len(out) > 1 else out[0]
