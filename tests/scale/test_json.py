"""The fast indented JSON (orjson) against the standard library's, the general path it stands in for."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from solicite.stream import indented_json, json_array

# Floats are left out: both write the shortest repr of the value, spelled differently at times.
_SCALARS = st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text()
VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                      max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_indented_json_is_the_standard_librarys(value) -> None:
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=100, deadline=None)
@given(st.lists(VALUES, max_size=5))
def test_json_array_is_the_whole_list_dumped(items) -> None:
    assert "".join(json_array(iter(items))) == json.dumps(items, indent=2, ensure_ascii=False)


def test_what_orjson_refuses_goes_to_the_standard_library() -> None:
    for value in ({"s": "a\udcff"}, {"big": 2**70}, {1: "not a string key"}, ["\ud800"]):
        assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)
