"""The tag that the README, action.yml and the pre-commit hooks tell users to pin is this release's, and exists.

pre-commit installs a hook from `rev:` and GitHub runs an action from `@ref`: a tag that does
not exist (the README once said v0.1.0 while action.yml said v0.2.0) fails for every user.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PINS = re.compile(r"(?:solicite/solicite@|rev:\s*)(v\d+\.\d+\.\d+)")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def _pins() -> dict[str, set[str]]:
    return {name: set(PINS.findall((ROOT / name).read_text(encoding="utf-8")))
            for name in ("README.md", "action.yml", ".pre-commit-hooks.yaml")}


def test_every_document_pins_this_release() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    pins = _pins()
    assert all(pins.values()), f"a document lost its pinned tag: {pins}"
    assert set().union(*pins.values()) == {f"v{version}"}, pins


def test_the_pinned_tag_exists_in_a_checkout_with_history() -> None:
    # A git checkout that holds tags must hold this one (an export without .git has none to check).
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return
    tags = subprocess.run(["git", "-C", str(ROOT), "tag", "--list"], capture_output=True, text=True, check=True).stdout.split()
    if tags:
        assert set().union(*_pins().values()) <= set(tags), f"pinned {_pins()}, tags {tags}"
