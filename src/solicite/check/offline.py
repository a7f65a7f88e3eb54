"""Tell "this machine is offline" apart from "these links are broken", from the first answers.

When every host tried so far failed the same way at the network's door (the resolver
could not be asked, no route, or every name unknown) and none answered at all, the links
are not to blame: the run stops early and says so once, instead of calling each link broken.
"""

from __future__ import annotations

from solicite.check.http import DNS_DOWN, DNS_UNKNOWN, NO_ROUTE, NOT_CHECKED, host_of
from solicite.check.result import URL, LinkResult

# How many distinct hosts must fail alike before the machine, not the links, is blamed. "No
# such name" is also what one dead domain gives, so it takes three; the others say it outright.
HOSTS_NEEDED = {DNS_DOWN: 1, NO_ROUTE: 1, DNS_UNKNOWN: 3}

MESSAGES = {
    DNS_DOWN: "no DNS: names cannot be looked up",
    DNS_UNKNOWN: "no DNS: no host name could be found",
    NO_ROUTE: "no route to the network",
}


class OfflineWatch:
    """Fed every fresh result in the order they come; says when the machine looks offline."""

    def __init__(self) -> None:
        self.failed: dict[str, str] = {}  # host -> cause
        self.answered = False

    def see(self, result: LinkResult) -> str:
        """Record one result; return the one-line diagnosis once offline is certain, else ""."""
        cause = result.extra.get("cause", "")
        if not cause:
            # Any answer, or any other failure (refused, TLS, timeout), means the network is there.
            if result.status is not None or result.reason != NOT_CHECKED:
                self.answered = True
            return ""
        self.failed[host_of(result.link.url) if result.link.kind == URL else result.link.kind] = cause
        return self.verdict()

    def verdict(self) -> str:
        """The diagnosis, when every host tried failed the same way and enough of them did."""
        causes = set(self.failed.values())
        if self.answered or len(causes) != 1:
            return ""
        cause = causes.pop()
        if len(self.failed) < HOSTS_NEEDED[cause]:
            return ""
        return f"offline: {MESSAGES[cause]} ({len(self.failed)} hosts tried, none answered)"
