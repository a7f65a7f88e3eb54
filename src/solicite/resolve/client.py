"""A thin client over the configured session: one call per request, failures as values."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import requests

from solicite.net import OFFLINE_STATUS, from_cache, make_session
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
        self.session = session or make_session(options.net(), offline=offline)
        self.network_errors = 0
        self.requests = 0

    def get(self, url: str, *, params: dict[str, Any] | None = None, accept: str = "application/json",
            want: str = "json", headers: dict[str, str] | None = None) -> Fetched:
        """GET ``url``; JSON (``want="json"``) or text is parsed; never raises for HTTP trouble."""
        hdrs = {"Accept": accept, **(headers or {})}
        self.requests += 1
        try:
            resp = self.session.get(url, params=params, headers=hdrs, timeout=self.session.timeout, allow_redirects=True)
        except requests.exceptions.RetryError as exc:
            return Fetched(url, error=f"gave up after retries: {_short(exc)}")
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            self.network_errors += 1
            return Fetched(url, error=f"cannot reach {_host(url)}: {_short(exc)}")
        except requests.exceptions.RequestException as exc:
            return Fetched(url, error=f"request failed: {_short(exc)}")
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


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) < 160 else text[:157] + "..."
