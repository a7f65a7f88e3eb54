"""Text written piece by piece: long outputs (exports, lists) are produced entry by entry, never held whole."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import orjson


def separated(texts: Iterable[str], sep: str, end: str = "") -> Iterator[str]:
    """The texts with sep between them and end after the last (nothing at all when there are none)."""
    first = True
    for text in texts:
        yield text if first else sep + text
        first = False
    if not first and end:
        yield end


def batched(texts: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """The texts joined into batches of a little over ``size`` characters (fewer, larger writes)."""
    batch: list[str] = []
    length = 0
    for text in texts:
        batch.append(text)
        length += len(text)
        if length > size:
            yield "".join(batch)
            batch, length = [], 0
    if batch:
        yield "".join(batch)


def indented_json(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, made by orjson's C encoder.

    The standard library writes indented JSON in pure Python (its C encoder only writes compact
    JSON): a quarter of a CSL-JSON export's time. orjson writes the same text for strings,
    whole numbers, lists, dicts, booleans and null (tests/scale/test_json.py compares them);
    what it refuses (a lone surrogate, an integer beyond 64 bits, a key that is not a string)
    goes to the standard library. Floats are written in their shortest form either way, which
    may differ in spelling (``1e+16`` and ``1e16``), not in value.
    """
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    except orjson.JSONEncodeError:
        return json.dumps(value, indent=2, ensure_ascii=False)


def json_array(items: Iterable) -> Iterator[str]:
    """``json.dumps(list(items), indent=2, ensure_ascii=False)``, one item at a time."""
    # JSON text never holds a raw line break, so indenting an item is replacing its breaks.
    first = True
    for item in items:
        yield ("[\n  " if first else ",\n  ") + indented_json(item).replace("\n", "\n  ")
        first = False
    yield "[]" if first else "\n]"
