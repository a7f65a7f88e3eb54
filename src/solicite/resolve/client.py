"""A thin client over the configured session: one call per request, failures as values."""

from __future__ import annotations

import errno
import json
import re
import socket
from dataclasses import dataclass
from typing import Any

import requests
from urllib3.exceptions import NameResolutionError

from solicite.check.http import DNS_DOWN, DNS_UNKNOWN, NO_ROUTE
from solicite.check.offline import HOSTS_NEEDED, MESSAGES
from solicite.errors import NetworkError
from solicite.net import OFFLINE_STATUS, RunDeadline, TooLarge, TooSlow, from_cache, make_session, request_timeout
from solicite.resolve.settings import ResolveOptions


@dataclass
class Fetched:
    """The outcome of one request: a response, or why there is none."""

    url: str
    status: int = 0
    data: Any = None  # parsed JSON, or text for HTML/plain answers
    error: str = ""  # "" when the request worked (any status); else a one-line reason
    cached: bool = False
    final_url: str = ""
    content_type: str = ""

    @property
    def ok(self) -> bool:
        """True for a 2xx answer that was read."""
        return not self.error and 200 <= self.status < 300


class Client:
    """Requests to the metadata services through one cached, rate-limited session."""

    def __init__(self, options: ResolveOptions, *, offline: bool = False, session: requests.Session | None = None) -> None:
        self.options = options
        self.offline = offline
        net = options.net()
        self.session = session or make_session(net, offline=offline)
        self.timeout = request_timeout(net)
        self.network_errors = 0
        self.requests = 0
        self.answered = False  # any host answered (any status): the network is there
        self.failed: dict[str, str] = {}  # host -> why it could not be reached (check.http's causes)

    def _failed(self, url: str, cause: str) -> None:
        # Every host tried failed the same way at the network's door and none answered: the
        # machine is offline, and asking the next services would only repeat that for minutes.
        if not cause or self.answered:
            return
        self.failed[_host(url)] = cause
        causes = set(self.failed.values())
        if len(causes) == 1 and len(self.failed) >= HOSTS_NEEDED[cause]:
            raise NetworkError(f"offline: {MESSAGES[cause]} ({len(self.failed)} services tried, none answered)",
                               hint="check the connection, or answer from the cache with --offline")

    def get(self, url: str, *, params: dict[str, Any] | None = None, accept: str = "application/json",
            want: str = "json", headers: dict[str, str] | None = None) -> Fetched:
        """GET ``url``; JSON (``want="json"``) or text is parsed; never raises for HTTP trouble."""
        hdrs = {"Accept": accept, **(headers or {})}
        self.requests += 1
        try:
            resp = self.session.get(url, params=params, headers=hdrs, timeout=self.timeout, allow_redirects=True)
        except (TooSlow, TooLarge, RunDeadline) as exc:
            return Fetched(url, error=f"{_host(url)}: {exc}")
        except requests.exceptions.TooManyRedirects:
            return Fetched(url, error=f"{_host(url)}: more than {self.options.max_redirects} redirects; not followed")
        except requests.exceptions.RetryError as exc:
            return Fetched(url, error=f"gave up after retries: {_short(exc)}")
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            self.network_errors += 1
            reason, cause = _reason(exc)
            self._failed(url, cause)
            return Fetched(url, error=f"cannot reach {_host(url)}: {reason}")
        except requests.exceptions.RequestException as exc:
            return Fetched(url, error=f"request failed: {_short(exc)}")
        self.answered = True
        out = Fetched(resp.url, status=resp.status_code, cached=from_cache(resp), final_url=resp.url,
                      content_type=resp.headers.get("Content-Type", ""))
        if self.offline and resp.status_code == OFFLINE_STATUS:
            out.error = "not in the cache (offline)"
            return out
        if not 200 <= resp.status_code < 300:
            return out
        if want == "json":
            try:
                out.data = resp.json()
            except (ValueError, json.JSONDecodeError):
                out.error = f"{_host(url)} answered something that is not JSON"
        else:
            out.data = _decode(resp)
        return out

    def close(self) -> None:
        """Close the session and its cache."""
        self.session.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


def _decode(resp: requests.Response) -> str:
    """The body as text: the declared charset, else a <meta charset>, else UTF-8.

    requests falls back to ISO-8859-1 for text/* without a charset (RFC 2616), which garbles
    the UTF-8 most pages are written in.
    """
    if "charset" in resp.headers.get("Content-Type", "").lower() and resp.encoding:
        return resp.text
    body = resp.content
    m = _META_CHARSET.search(body[:4096])
    encoding = m.group(1).decode("ascii", "replace") if m else "utf-8"
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:  # an unknown charset name
        return body.decode("utf-8", errors="replace")


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url


def _reason(exc: BaseException) -> tuple[str, str]:
    """A plain reason for a connection failure, and its offline cause ("" when it is not one).

    requests wraps urllib3's MaxRetryError, which wraps the real error: name it in words, never
    by the wrappers' repr (``HTTPSConnectionPool(host=...): Max retries exceeded...``).
    """
    seen: list[BaseException] = []
    todo = [exc]
    while todo and len(seen) < 20:  # a bounded walk down the chain of wrapped errors
        e = todo.pop()
        seen.append(e)
        todo += [x for x in (getattr(e, "reason", None), e.__cause__, e.__context__, *e.args[:1])
                 if isinstance(x, BaseException) and x not in seen]
    for e in seen:
        if isinstance(e, NameResolutionError) or isinstance(e, socket.gaierror):
            gai = next((x for x in seen if isinstance(x, socket.gaierror)), None)
            return "host not found (DNS)", DNS_DOWN if gai is not None and gai.errno == socket.EAI_AGAIN else DNS_UNKNOWN
    for e in seen:
        if isinstance(e, OSError) and e.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return "no route to the network", NO_ROUTE
        if isinstance(e, ConnectionRefusedError):
            return "connection refused", ""
        if isinstance(e, (TimeoutError, requests.exceptions.Timeout)) or "timed out" in str(e):
            return "no answer in time", ""
    return "connection failed", ""


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) < 160 else text[:157] + "..."
