"""Property test: any edit of an entry reads back as intended and leaves no stray blank line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from solicite import bibfile

NAMES = ["title", "journal", "year", "volume", "pages", "note", "url", "keywords", "lostlink", "x-custom"]
values = st.text(alphabet="abc XYZ-12", min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def entries(draw):
    names = draw(st.lists(st.sampled_from(NAMES), min_size=0, max_size=6, unique=True))
    fields = {n: draw(values) for n in names}
    style = draw(st.sampled_from(["canonical", "aligned", "no-trailing-comma", "one-line"]))
    if style == "one-line":
        body = ", ".join(f"{n} = {{{v}}}" for n, v in fields.items())
        text = f"@misc{{k, {body}}}" if fields else "@misc{k}"
    else:
        width = max((len(n) for n in fields), default=0)
        items = [f"    {n.ljust(width)} = {{{v}}}" if style == "aligned" else f"  {n} = {{{v}}}" for n, v in fields.items()]
        sep = ",\n"
        body = sep.join(items) + ("" if style == "no-trailing-comma" or not items else ",")
        text = "@misc{k,\n" + body + "\n}" if items else "@misc{k,\n}"
    return text, fields


@settings(max_examples=300, deadline=None)
@given(entries(), st.data())
def test_any_edit_reads_back_and_keeps_the_entry_tidy(entry, data) -> None:
    text, fields = entry
    lib = bibfile.loads(text + "\n\n@misc{other, title = {untouched}}\n")
    ref = lib["k"].copy()
    expected = dict(fields)
    for name in data.draw(st.lists(st.sampled_from(NAMES), max_size=4, unique=True)):
        action = data.draw(st.sampled_from(["remove", "set"]))
        if action == "remove":
            ref.fields.pop(name, None)
            expected.pop(name, None)
        else:
            value = data.draw(values)
            ref.fields[name] = value
            expected[name] = value
    lib.replace(ref)
    out = lib.dumps()
    again = bibfile.loads(out)
    assert again["k"].fields == expected
    assert again["other"].raw == "@misc{other, title = {untouched}}"
    raw = again["k"].raw
    assert "\n\n" not in raw, raw
    assert "{k,,"  not in raw and ",," not in raw.replace(" ", ""), raw
