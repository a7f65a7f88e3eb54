"""Text written piece by piece: long outputs (exports, lists) are produced entry by entry, never held whole."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator


def separated(texts: Iterable[str], sep: str, end: str = "") -> Iterator[str]:
    """The texts with sep between them and end after the last (nothing at all when there are none)."""
    first = True
    for text in texts:
        yield text if first else sep + text
        first = False
    if not first and end:
        yield end


def json_array(items: Iterable) -> Iterator[str]:
    """``json.dumps(list(items), indent=2, ensure_ascii=False)``, one item at a time."""
    # JSON text never holds a raw line break, so indenting an item is replacing its breaks.
    dumps = json.dumps
    first = True
    for item in items:
        yield ("[\n  " if first else ",\n  ") + dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        first = False
    yield "[]" if first else "\n]"
