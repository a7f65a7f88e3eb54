"""Input checks every bench script runs first: say in one line what is missing, exit 2, no traceback."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"  # ../shared beside the checkout, never an absolute path
ORACLE = ROOT.parent / "oracle-build"  # built by ../shared/oracle/setup.sh (tests/golden/README.md)


def require(*needed: tuple[Path, str]) -> None:
    """Exit 2 with one line naming the first (path, what it is) that does not exist."""
    for path, what in needed:
        if not Path(path).exists():
            script = Path(sys.argv[0]).name
            print(f"{script}: missing {path} ({what})", file=sys.stderr)
            raise SystemExit(2)
