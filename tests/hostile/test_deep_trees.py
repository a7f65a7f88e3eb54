"""Rendering a rich-text tree never recurses as deep as the tree: 100,000 nested nodes render.

Field text from a library is read no deeper than 64 braces (solicite.depth), but a renderer
takes trees from styles and plugins as well; its walk is a loop with its own stack.
"""

from __future__ import annotations

import gc
import sys
import time

import pytest

from solicite.richtext import Italic, Link, NoCase, Node, Quoted
from solicite.styles import get_renderer

DEEP = 100_000


def _chain(depth: int, make) -> object:
    """A tree ``depth`` nodes deep, built from the leaf up (no recursion here either)."""
    tree: object = "x"
    for i in range(depth):
        tree = make(i, tree)
    return tree


@pytest.mark.parametrize("renderer", ["text", "html", "markdown", "latex"])
def test_a_hundred_thousand_nested_nodes_render(renderer: str) -> None:
    plain = _chain(DEEP, lambda i, inner: [NoCase(inner), [inner], Node(inner), Quoted(inner)][i % 4])
    assert DEEP > 10 * sys.getrecursionlimit()
    out = get_renderer(renderer).render(plain)
    assert out.count("x") == 1
    assert len(out) - 1 >= DEEP // 4 * 2 * 0.9  # every Quoted wrote its two marks (escaped or not)


def test_deep_mixed_tree_matches_a_hand_worked_rendering() -> None:
    small = _chain(12, lambda i, inner: [NoCase(inner), [inner], Quoted(inner)][i % 3])
    # 12 levels, outermost first: Quoted, list, NoCase, Quoted, ... four quotes in all.
    assert get_renderer("text").render(small) == "\u201c\u2018\u201c\u2018x\u2019\u201d\u2019\u201d"
    assert get_renderer("html").render(Italic(Quoted(Italic("a")), " b")) == "<i>\u201c<i>a</i>\u201d b</i>"


def test_nested_wrapping_nodes_render_at_depth() -> None:
    # Italics and links wrap what they hold: each level's text is made once, the walk is flat.
    tree = _chain(DEEP, lambda i, inner: Italic(inner) if i % 2 else Link("https://example.org/", inner))
    assert get_renderer("text").render(tree) == "x"


def test_the_walk_is_linear_in_the_number_of_nodes() -> None:
    renderer = get_renderer("html")
    times = []
    for depth in (DEEP // 4, DEEP):
        tree = _chain(depth, lambda i, inner: [NoCase(inner), [inner, "y"], Quoted(inner)][i % 3])
        # The cyclic collector's full passes walk the whole (live) tree at times of its choosing:
        # they are noise for this measure of the walk itself.
        gc.disable()
        try:
            start = time.process_time()
            renderer.render(tree)
            times.append(time.process_time() - start)
        finally:
            gc.enable()
    assert times[1] < 8 * max(times[0], 0.01), times  # 4x expected; a quadratic walk gives 16x
