"""Citation clusters: cite positions, sorting, grouping and collapsing, prefixes and suffixes."""

from __future__ import annotations

from solicite.csl.markup import parse_markup
from solicite.csl.output import formatter, is_empty
from solicite.csl.sorting import sort_entries
from solicite.csl.textcase import apply_case
from solicite.richtext import first_char, last_char, plain


NO_FORM = "[CSL STYLE ERROR: reference with no printed form.]"


def assign_positions(clusters: list[list[dict]], note_numbers: list[int], near_distance: int = 5,
                     in_text: list[bool] | None = None) -> None:
    """Set each cite's position (first, subsequent, ibid, ibid-with-locator) and note data in place.

    ``in_text`` marks citations in the running text of a note style: "ibid" there refers to the
    previous in-text citation, not to the last note (citeproc-js keeps the two apart).
    """
    first_note: dict = {}
    last_note: dict = {}
    prev_cluster: dict = {}  # stream (in text or in notes) -> (cluster, its note)
    streams = in_text or [False] * len(clusters)
    per_note: dict = {}
    for note, stream in zip(note_numbers, streams):
        if not stream:
            per_note[note] = per_note.get(note, 0) + 1
    for cluster, note, stream in zip(clusters, note_numbers, streams):
        before, before_note = prev_cluster.get(stream, (None, None))
        # The previous citation counts only when it is alone in its note (or shares this one).
        if before and (len({str(c["id"]) for c in before}) != 1
                       or not stream and before_note != note and per_note.get(before_note, 0) > 1):
            before = None
        for k, cite in enumerate(cluster):
            cid = str(cite["id"])
            if cid not in first_note:
                cite["position"] = "first"
                first_note[cid] = note
            else:
                cite["first-reference-note-number"] = first_note[cid]
                prev = cluster[k - 1] if k else (before[-1] if before else None)
                if prev is not None and str(prev["id"]) == cid:
                    if not cite.get("locator") and prev.get("locator"):
                        cite["position"] = "subsequent"
                    elif cite.get("locator") and cite.get("locator") != prev.get("locator") \
                            or cite.get("label") != prev.get("label") and cite.get("locator"):
                        cite["position"] = "ibid-with-locator"
                    else:
                        cite["position"] = "ibid"
                else:
                    cite["position"] = "subsequent"
                if cid in last_note and note - last_note[cid] <= near_distance:
                    cite["near-note"] = True
            last_note[cid] = note
        if cluster:
            prev_cluster[stream] = (cluster, note)


def render_cluster(proc, cluster: list[dict]):
    """The cluster's cites rendered, sorted, grouped, collapsed and joined by the layout."""
    style = proc.style
    layout = style.citation
    joiner = style.joiner
    cites = [c for c in cluster if str(c["id"]) in proc.items]
    if layout.sort_keys:
        cites = sort_entries(cites, lambda c: proc._keys(layout, "citation", str(c["id"]),
                                                         proc.numbers.get(str(c["id"]))),
                             [d for _, _, d, _ in layout.sort_keys])
    rendered: list[dict] = []
    for cite in cites:
        part, ctx = proc.render_cite(str(cite["id"]), cite)
        if is_empty(part) and not ctx.suppress_author:
            part = NO_FORM
        if ctx.author_only:
            part = ctx.first_names or ""
        elif style.cls == "note" and ctx.first_term and _starts_sentence(cite, not rendered) \
                and plain(part).startswith(ctx.first_term):
            part = apply_case(part, "capitalize-first")
        rendered.append({"cite": cite, "part": part, "names": plain(ctx.first_names or ""),
                         "number": proc.numbers.get(str(cite["id"]))})
    collapse = layout.options.get("collapse")
    delimiter = layout.delimiter
    if collapse in ("year", "year-suffix", "year-suffix-ranged") or layout.options.get("cite-group-delimiter"):
        pieces = _group_by_author(proc, rendered, collapse, layout, delimiter)
    elif collapse == "citation-number":
        pieces = _collapse_numbers(rendered, layout, delimiter)
    else:
        pieces = [(_affixed(joiner, r), delimiter) for r in rendered]
    acc: list = []
    prev_after = delimiter
    for part, after in pieces:
        if is_empty(part):
            continue
        if acc and first_char(part) not in (",", ";", "."):
            # A cite whose suffix ends in punctuation keeps it; the delimiter's own is dropped.
            joiner.append(acc, prev_after.lstrip(",;") if last_char(acc) in ",;:" else prev_after)
        elif acc and first_char(part) == "." and last_char(acc) not in ".?!":
            pass
        joiner.append(acc, part)
        prev_after = after
    if not acc:
        return ""
    if all(c.get("author-only") for c in cites):
        return acc  # the author alone, for narrative citations: no brackets around it
    out = joiner.affix(layout.prefix, acc, layout.suffix)
    fmt = formatter(layout.layout_attrs)
    return fmt(out) if fmt else out


def _starts_sentence(cite: dict, first: bool) -> bool:
    """True when a cite opens a sentence: first in its note, or after a prefix ending one."""
    prefix = (cite.get("prefix") or "").rstrip()
    if not prefix:
        return first
    return prefix.rstrip("\u201d\u2019\"'")[-1:] in ".?!" and " " in prefix.strip()


def _affixed(joiner, r):
    cite = r["cite"]
    part = r["part"]
    if is_empty(part):
        return ""
    prefix, suffix = cite.get("prefix", ""), cite.get("suffix", "")
    if prefix or suffix:
        prefix, suffix = parse_markup(prefix) if prefix else "", parse_markup(suffix) if suffix else ""
        acc: list = [prefix] if prefix else []
        joiner.append(acc, part)
        if suffix:
            joiner.append(acc, suffix)
        return acc
    return part


def _collapse_numbers(rendered, layout, delimiter):
    after = layout.options.get("after-collapse-delimiter", delimiter)
    pieces = []
    i = 0
    while i < len(rendered):
        j = i
        while (j + 1 < len(rendered) and _plain_cite(rendered[j + 1]) and _plain_cite(rendered[j])
               and rendered[j + 1]["number"] == rendered[j]["number"] + 1):
            j += 1
        if j - i >= 2:
            pieces.append(([rendered[i]["part"], "\u2013", rendered[j]["part"]], after))
        else:
            for k in range(i, j + 1):
                pieces.append((rendered[k]["part"], delimiter))
        i = j + 1
    return pieces


def _plain_cite(r) -> bool:
    c = r["cite"]
    return r["number"] is not None and not (c.get("locator") or c.get("prefix") or c.get("suffix"))


def _group_by_author(proc, rendered, collapse, layout, delimiter):
    joiner = proc.style.joiner
    order: list[str] = []
    groups: dict = {}
    for r in rendered:
        key = r["names"] if (r["names"] or collapse) else id(r)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(r)
    group_delim = layout.options.get("cite-group-delimiter", ", ")
    after = layout.options.get("after-collapse-delimiter", delimiter)
    suffix_delim = layout.options.get("year-suffix-delimiter", layout.options.get("cite-group-delimiter", delimiter))
    pieces = []
    for key in order:
        members = groups[key]
        if len(members) == 1:
            pieces += [(_affixed(joiner, r), delimiter) for r in members]
            continue
        acc: list = []
        prev_year = None
        run: list = []  # year-suffix letters printed after the last full cite, for ranges
        for k, r in enumerate(members):
            if k == 0:
                acc.append(_affixed(joiner, r))
                prev_year = _year_text(proc, r)
                st0 = proc.state[str(r["cite"]["id"])]
                run = [("letter", st0.year_suffix)] if st0.year_suffix else []
                continue
            if collapse:
                cite = dict(r["cite"], **{"suppress-author": True})
                part, _ctx = proc.render_cite(str(cite["id"]), cite)
                r2 = dict(r, part=part, cite=cite)
            else:
                cite, r2 = r["cite"], r
            year = _year_text(proc, r)
            st = proc.state[str(r["cite"]["id"])]
            if collapse in ("year-suffix", "year-suffix-ranged") and st.year_suffix and year == prev_year \
                    and not (cite.get("locator") or cite.get("prefix") or cite.get("suffix")):
                if collapse == "year-suffix-ranged" and run and ord(st.year_suffix[-1]) == ord(run[-1][1][-1]) + 1:
                    if len(run) >= 2 and run[-1][0] == "dash":
                        acc[-1] = st.year_suffix
                        run[-1] = ("dash", st.year_suffix)
                        prev_year = year
                        continue
                    if len(run) >= 2 and ord(run[-1][1][-1]) == ord(run[-2][1][-1]) + 1:
                        acc.pop()
                        acc.pop()
                        acc.append("\u2013")
                        acc.append(st.year_suffix)
                        run.append(("dash", st.year_suffix))
                        prev_year = year
                        continue
                joiner.append(acc, suffix_delim)
                joiner.append(acc, st.year_suffix)
                run.append(("letter", st.year_suffix))
            elif is_empty(r2["part"]):
                continue  # nothing left once the author is collapsed (no date): no delimiter either
            else:
                # After a locator or a run of collapsed year suffixes, the after-collapse delimiter.
                suffix_run = len(run) > 1
                delim = after if collapse and (members[k - 1]["cite"].get("locator") or suffix_run) else group_delim
                joiner.append(acc, delim)
                joiner.append(acc, _affixed(joiner, r2))
                run = [("letter", st.year_suffix)] if st.year_suffix else []
            prev_year = year
        pieces.append((acc, after if collapse else delimiter))
    return pieces


def _year_text(proc, r) -> str:
    issued = proc.items[str(r["cite"]["id"])].get("issued") or {}
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    return str(parts[0][0]) if parts and parts[0] else str(issued)
