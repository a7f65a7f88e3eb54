"""Small builders for the resolve tests."""

from __future__ import annotations

from pathlib import Path

from solicite.config import Settings
from solicite.model import Reference, parse_names

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "resolve"


def entry(kind: str, key: str, title: str, authors: str = "", year: str = "", **fields: str) -> Reference:
    """A Reference as the parser would make it from a show-notes line."""
    values = {"title": title, **fields}
    if year:
        values["year"] = year
    persons = {"author": parse_names(authors)} if authors else {}
    return Reference(type=kind, key=key, fields=values, persons=persons)


HAUSMAN = dict(kind="article", key="hausman2020sanctuary", title="Sanctuary policies reduce deportations without increasing crime",
               authors="Hausman, D. K.", year="2020", journal="Proceedings of the National Academy of Sciences",
               volume="117", number="44", pages="27262--27267", lostlink="external link")
BAUDER2017 = dict(kind="article", key="bauder2017sanctuary", title="Sanctuary cities: Policies and practices in international perspective",
                  authors="Bauder, H.", year="2017", journal="International Migration", volume="55", number="2", pages="174--187")
BAUDER2016 = dict(kind="article", key="bauder2016possibilities", title="Possibilities of urban belonging", authors="Bauder, H.",
                  year="2016", journal="Antipode", volume="48", number="2", pages="252--271")
LACROIX = dict(kind="article", key="lacroix2022migration", title="Migration-related city networks: A global overview",
               authors="Lacroix, T.", year="2022", journal="Local Government Studies", volume="48", number="6", pages="1027--1047")
PAIK = dict(kind="book", key="paik2020bans", title="Bans, walls, raids, sanctuary: Understanding US immigration for the twenty-first century",
            authors="Paik, A. N.", year="2020", publisher="University of California Press")
OBRIEN = dict(kind="article", key="obrien2019politics",
              title="The politics of refuge: Sanctuary cities, crime, and undocumented immigration",
              authors="O'Brien, B. G. and Collingwood, L. and El-Khatib, S. O.", year="2019", journal="Urban Affairs Review",
              volume="55", number="1", pages="3--40", lostlink="external link")
KUGE = dict(kind="incollection", key="kuge2022countering",
            title="Countering illiberal geographies through local policy? The political effects of sanctuary cities",
            authors="Kuge, J.", year="2022", booktitle="Questioning Planetary Illiberal Geographies", pages="54--75",
            publisher="Routledge", lostlink="external link")
SAB = dict(kind="online", key="solidarityacrossborders", title="Solidarity Across Borders", lostlink="external link")
SOLICITY = dict(kind="online", key="solidaritycity", title="Solidarity City", lostlink="external link")
MIASA = dict(kind="techreport", key="bauder2019urban",
             title="Urban sanctuary and solidarity in a global context: How does Africa contribute to the debate?",
             authors="Bauder, H.", year="2019", institution="MIASA", number="2019(1)", lostlink="external link")


def make(spec: dict) -> Reference:
    """An entry from one of the specs above."""
    spec = dict(spec)
    return entry(spec.pop("kind"), spec.pop("key"), spec.pop("title"), spec.pop("authors", ""), spec.pop("year", ""), **spec)


def make_settings(server, cache: Path, **extra) -> Settings:
    """Settings whose [resolve] base URLs all point at the replay server."""
    table = {
        "crossref_url": server.url + "/crossref",
        "openalex_url": server.url + "/openalex",
        "openlibrary_url": server.url + "/openlibrary",
        "wikidata_url": server.url + "/wikidata/w/api.php",
        "datacite_url": server.url + "/datacite",
        "doi_url": server.url + "/doi",
        "mailto": "tests@example.org",
        "cache_dir": str(cache),
        "backoff": 0.01,
        "retries": 2,
        "rate_limits": {s: 1000.0 for s in ("crossref", "openalex", "openlibrary", "wikidata", "datacite", "doi", "web")},
    }
    table.update(extra)
    return Settings(tables={"resolve": table})
