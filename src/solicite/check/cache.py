"""A small SQLite cache of verdicts, keyed by address and the options that change a verdict.

It lives in the platformdirs user cache directory (``SOLICITE_CACHE_DIR`` or the
``cache-dir`` setting override it). Transient outcomes (429, 5xx, timeouts, connection
errors) are never stored: they say nothing about tomorrow.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from solicite.check.result import Link, LinkResult
from solicite.config import cache_dir

_SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    key TEXT PRIMARY KEY,
    verdict TEXT NOT NULL,
    status INTEGER,
    reason TEXT NOT NULL,
    final_url TEXT,
    permanent INTEGER NOT NULL,
    checked_at REAL NOT NULL
)
"""


class LinkCache:
    """Verdicts by key, with a maximum age; opened once per run and used from one thread."""

    FILENAME = "links.sqlite3"

    def __init__(self, directory: Path, max_age: float) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / self.FILENAME
        self.max_age = max_age
        self._db = sqlite3.connect(str(self.path), timeout=5.0)
        self._db.execute(_SCHEMA)
        self._db.commit()

    def get(self, key: str, link: Link, any_age: bool = False) -> LinkResult | None:
        """The stored verdict for key, if young enough (any age with ``any_age``), attached to link."""
        row = self._db.execute(
            "SELECT verdict, status, reason, final_url, permanent, checked_at FROM links WHERE key = ?", (key,)
        ).fetchone()
        if row is None or (not any_age and time.time() - row[5] > self.max_age):
            return None
        return LinkResult(link, row[0], status=row[1], reason=row[2], final_url=row[3], permanent=bool(row[4]),
                          cached=True)

    def put_many(self, items: list[tuple[str, LinkResult]]) -> None:
        """Store verdicts; transient ones (429, 5xx, timeouts) are left out."""
        now = time.time()
        rows = [(key, r.verdict, r.status, r.reason, r.final_url, int(r.permanent), now)
                for key, r in items if not r.transient and not r.cached]
        if rows:
            self._db.executemany("INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            self._db.commit()

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def open_cache(directory: Path | None, max_age: float) -> tuple[LinkCache | None, str]:
    """The cache, or None and a one-line reason when it cannot be opened (the run goes on without)."""
    directory = cache_dir(directory)
    try:
        return LinkCache(directory, max_age), ""
    except (OSError, sqlite3.Error) as exc:
        return None, f"link cache disabled: cannot open {directory / LinkCache.FILENAME}: {exc}"
