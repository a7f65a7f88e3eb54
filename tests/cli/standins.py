"""Loopback stand-ins for the web services the README's examples talk to.

Two real servers on 127.0.0.1 (`tests/resolve/replay.py`):

* **services**: Crossref, OpenAlex, DataCite, Open Library, Wikidata, doi.org content
  negotiation and the DOI Handle API, replaying the recorded and hand-built answers of
  `tests/data/resolve/` (its README and MANIFEST.json say where each comes from). solicite is
  pointed at it the way a user would, through the base URLs of `solicite.toml`.
* **web**: an HTTPS proxy standing in for every other host (web pages), found by solicite
  through the usual `HTTPS_PROXY` variable. It opens each tunnel itself with a certificate
  for the host asked for, signed by a throw-away CA (trustme) that `REQUESTS_CA_BUNDLE`
  names, so TLS is verified as it would be on the internet.

`netguard/sitecustomize.py`, put on the child's `PYTHONPATH`, refuses and records any name
lookup other than loopback, so an example cannot reach the internet by accident.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path

from resolve.replay import ReplayServer

SERVICES = ("crossref", "openalex", "openlibrary", "wikidata", "datacite", "doi")
NETGUARD = Path(__file__).resolve().parent / "netguard"

# Web pages the examples' files link to, answered by the proxy (the files are in tests/data/resolve).
PAGES = {
    "//theconversation.com/solidarity-cities-70132": "page_jsonld.html",
    "//www.nytimes.com/2017/10/25/nyregion/sanctuary-city-mayors.html": "page_opengraph.html",
}
# DOIs the examples name that the DOI Handle API knows.
HANDLES = ("10.1111/imig.12308", "10.1073/pnas.2014673117")


@dataclass
class World:
    """The running stand-ins and what a child process needs to use them."""

    services: ReplayServer
    web: ReplayServer
    env: dict[str, str]
    netlog: Path

    def close(self) -> None:
        self.services.close()
        self.web.close()

    def lookups_off_loopback(self) -> list[str]:
        """The host names a child tried to look up (every one was refused)."""
        return self.netlog.read_text(encoding="utf-8").split() if self.netlog.exists() else []


def _route_services(server: ReplayServer) -> None:
    """The show notes' references as the services know them; any other query finds nothing."""
    crossref = [("sanctuary policies", "crossref_hausman2020.json"), ("possibilities", "crossref_bauder2016_decoys.json"),
                ("sanctuary cities: policies", "crossref_bauder2017.json"), ("countering illiberal", "crossref_kuge2022.json"),
                ("the politics of refuge", "crossref_obrien2019.json")]
    for words, name in crossref:
        server.add_file("/crossref/works", name, params={"query.bibliographic": words})
    server.add_file("/crossref/works", "crossref_empty.json")
    server.add_file("/openalex/works", "openalex_lacroix2022.json", params={"search": "migration-related city networks"})
    server.add("/openalex/works", {"results": []})
    server.add_file("/datacite/dois", "datacite_bauder2019.json", params={"query": "urban sanctuary"})
    server.add("/datacite/dois", {"data": []})
    server.add_file("/openlibrary/search.json", "openlibrary_search_paik.json", params={"author": "paik"})
    server.add("/openlibrary/search.json", {"numFound": 0, "docs": []})
    server.add_file("/openlibrary/api/books", "openlibrary_isbn_9780520297883.json", params={"bibkeys": "ISBN:9780520297883"})
    for words, stem in (("solidarity across borders", "sab"), ("solidarity city", "solidarity_city")):
        server.add_file("/wikidata/w/api.php", f"wikidata_search_{stem}.json", params={"action": "wbsearchentities", "search": words})
    server.add("/wikidata/w/api.php", {"search": []}, params={"action": "wbsearchentities"})
    server.add_file("/wikidata/w/api.php", "wikidata_entities_sab.json", params={"action": "wbgetentities", "ids": "Q9000001"})
    server.add_file("/wikidata/w/api.php", "wikidata_entities_solidarity_city.json", params={"action": "wbgetentities"})
    server.add_file("/doi/10.1073/pnas.2014673117", "csl_hausman2020.json")
    for doi in HANDLES:
        server.add(f"/handles/{doi}", {"responseCode": 1, "handle": doi})


def start(folder: Path) -> World:
    """Start both stand-ins, write `folder/solicite.toml` pointing solicite at them, and return them."""
    import trustme  # a test dependency ([test] extra): the throw-away CA and its host certificates

    ca = trustme.CA()
    contexts: dict[str, ssl.SSLContext] = {}

    def tls(host: str) -> ssl.SSLContext:
        if host not in contexts:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ca.issue_cert(host).configure_cert(context)
            contexts[host] = context
        return contexts[host]

    services, web = ReplayServer(), ReplayServer(tls=tls)
    _route_services(services)
    for path, name in PAGES.items():
        web.add_file(path, name)
    base = services.url
    lines = ["[resolve]"] + [f'{s}_url = "{base}/{s}"' for s in SERVICES if s != "wikidata"]
    lines += [f'wikidata_url = "{base}/wikidata/w/api.php"', 'mailto = "tests@example.org"', "retries = 1", "backoff = 0.01",
              "[resolve.rate_limits]"] + [f"{s} = 1000" for s in (*SERVICES, "web")]
    lines += ["[check]", f'doi-api = "{base}/handles/"', f'doi-resolver = "{base}/doi/"', f'archive-base = "{base}/wayback/"',
              "retries = 0", 'timeout = "5s"', 'deadline = "60s"']
    (folder / "solicite.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ca_file = folder / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    netlog = folder / "lookups-off-loopback.txt"
    env = {"HTTPS_PROXY": web.url, "HTTP_PROXY": web.url, "NO_PROXY": "127.0.0.1,localhost",
           "REQUESTS_CA_BUNDLE": str(ca_file), "PYTHONPATH": str(NETGUARD), "README_TEST_NETLOG": str(netlog)}
    return World(services, web, env, netlog)
