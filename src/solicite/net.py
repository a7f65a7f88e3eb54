"""One configured HTTP session for web services: timeouts, retries, User-Agent.

Owned by the resolve stage; the link checker has its own client in ``solicite.check``
because it needs HEAD/GET fallback, streaming and per-host limits of its own.
"""

from __future__ import annotations

from solicite import __version__

USER_AGENT = f"solicite/{__version__} (+https://github.com/solicite/solicite)"
DEFAULT_TIMEOUT = (5.0, 20.0)  # connect, read (seconds)
