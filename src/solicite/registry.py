"""Entry-point registries for styles, renderers and exporters; built-ins register the same way.

A plugin package adds, in its pyproject.toml::

    [project.entry-points."solicite.styles"]
    mystyle = "mypkg.style:STYLE"
"""

from __future__ import annotations

import functools
from importlib.metadata import entry_points
from typing import Any

from solicite.errors import UnknownNameError

GROUPS = {"style": "solicite.styles", "renderer": "solicite.renderers", "exporter": "solicite.exporters"}


@functools.lru_cache(maxsize=None)
def _points(group: str) -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=group)}


def names(kind: str) -> list[str]:
    """Every registered name of one kind ("style", "renderer", "exporter"), sorted."""
    return sorted(_points(GROUPS[kind]))


def load(kind: str, name: str) -> Any:
    """The object registered under ``name``; an unknown name raises an error listing the known ones."""
    points = _points(GROUPS[kind])
    if name not in points:
        raise UnknownNameError(kind, name, list(points))
    return points[name].load()
