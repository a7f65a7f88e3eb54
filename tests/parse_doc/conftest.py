"""Fixtures for the document half of parsing: a tiny stand-in tagger and the seed's path."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

from solicite.model import Diagnostic, Person, Reference

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "parse_doc"
ROOT = HERE.parent.parent

_APA = re.compile(r"^(?P<author>[^()]+?)\s*\((?P<year>\d{4})\)\.\s*(?P<title>[^.?!]+[.?!]?)\s*(?P<rest>.*)$")


def fake_parse_references(texts: list[str]) -> list[tuple[Reference, list[Diagnostic]]]:
    """A stand-in for the field tagger: "Family, G. (2020). Title. Rest" only; "???" reads as nothing."""
    out = []
    for text in texts:
        if text.startswith("???"):
            out.append((Reference("misc", ""), []))
            continue
        m = _APA.match(text)
        if not m:
            out.append((Reference("misc", "", {"title": text}), []))
            continue
        family, _, given = m.group("author").partition(",")
        ref = Reference("article", "", {"title": m.group("title").rstrip("."), "year": m.group("year")},
                        {"author": [Person(family=family.strip(), given=given.strip())]})
        if m.group("rest"):
            ref.fields["journal"] = m.group("rest").rstrip(".")
        out.append((ref, [Diagnostic("info", "fake", "tagged by the fake tagger")]))
    return out


@pytest.fixture
def fake_tagger():
    """The stand-in tagger as a function, for ``parse_text(..., tagger=...)``."""
    return fake_parse_references


@pytest.fixture
def fake_tagger_module(monkeypatch):
    """Install the stand-in tagger as ``solicite.parse.tagger`` (for CLI tests that must not depend on the model)."""
    module = types.ModuleType("solicite.parse.tagger")
    module.parse_references = fake_parse_references
    module.parse_reference = lambda text: fake_parse_references([text])[0]
    monkeypatch.setitem(sys.modules, "solicite.parse.tagger", module)
    return module


@pytest.fixture
def seed_path() -> Path:
    """The show-notes seed, copied from ../shared/seeds so the tests stand alone."""
    return DATA / "show-notes.txt"
