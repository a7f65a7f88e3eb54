"""resolve against the replay server: right records accepted, near-miss decoys rejected."""

from __future__ import annotations

import json

from solicite.resolve import crossref
from solicite.resolve.client import Client
from solicite.resolve.engine import enrich_entry, resolve_entry
from solicite.resolve.match import score
from solicite.resolve.settings import ResolveOptions
from .resolve_helpers import (BAUDER2016, BAUDER2017, DATA_DIR as DATA, HAUSMAN, KUGE, LACROIX, MIASA, OBRIEN, PAIK, SAB, SOLICITY,
                              entry, make)


def client(settings):
    return Client(ResolveOptions.from_settings(settings))


def test_crossref_match_accepted_over_same_title_decoy(server, settings):
    server.add_file("/crossref/works", "crossref_hausman2020.json", params={"query.bibliographic": "sanctuary policies reduce"})
    with client(settings) as c:
        out = resolve_entry(c, make(HAUSMAN))
    assert out.status == "matched", out.message
    assert out.best.service == "crossref"
    new = {ch.field: ch.new for ch in out.effective if ch.action == "add"}
    assert new == {"doi": "10.1073/pnas.2014673117", "url": "https://doi.org/10.1073/pnas.2014673117"}
    # The URL restores the lost link, so the marker goes.
    assert [ch.field for ch in out.effective if ch.action == "remove"] == ["lostlink"]


def test_crossref_query_carries_author_year_window_rows_and_mailto(server, settings):
    server.add_file("/crossref/works", "crossref_hausman2020.json")
    with client(settings) as c:
        resolve_entry(c, make(HAUSMAN))
    (req,) = server.hits("/crossref/works")
    assert req.query["query.author"] == "hausman"
    assert req.query["filter"] == "from-pub-date:2019,until-pub-date:2021"
    assert req.query["rows"] == "5"
    assert req.query["mailto"] == "tests@example.org"
    assert set(req.query["select"].split(",")) >= {"DOI", "title", "author", "issued", "container-title"}
    assert "mailto:tests@example.org" in req.headers["user-agent"]


def test_same_author_different_paper_skipped_for_the_right_one(server, settings):
    server.add_file("/crossref/works", "crossref_bauder2017.json")
    with client(settings) as c:
        out = resolve_entry(c, make(BAUDER2017))
    assert out.status == "matched"
    assert out.best.record.get("doi") == "10.1111/imig.12261"


def test_only_decoys_gives_no_confident_match_with_best_candidate(server, settings):
    server.add_file("/crossref/works", "crossref_bauder2016_decoys.json")
    server.add_file("/openalex/works", "crossref_empty.json")  # wrong shape on purpose: no "results"
    server.add("/datacite/dois", {"data": []})
    with client(settings) as c:
        out = resolve_entry(c, make(BAUDER2016))
    assert out.status == "no-match"
    assert out.changes == []
    assert out.message.startswith("no confident match: best crossref candidate scores")
    assert out.best is not None and out.best.score.vetoes
    assert out.best.record.get("doi").startswith("10.5555/decoy")
    assert server.hits("/openalex") and server.hits("/datacite")  # it kept looking before giving up


def test_openalex_is_asked_when_crossref_has_nothing(server, settings):
    server.add_file("/crossref/works", "crossref_empty.json")
    server.add_file("/openalex/works", "openalex_lacroix2022.json", params={"search": "migration-related city networks"})
    with client(settings) as c:
        out = resolve_entry(c, make(LACROIX))
    assert out.status == "matched" and out.best.service == "openalex"
    assert out.best.record.get("doi") == "10.1080/03003930.2021.1938553"
    assert out.best.record.get("pages") == "1027--1047"
    assert server.hits("/openalex/works")[0].query["filter"] == "publication_year:2021-2023"


def test_open_library_book_match_and_decoy_book(server, settings):
    server.add_file("/openlibrary/search.json", "openlibrary_search_paik.json", params={"author": "paik"})
    with client(settings) as c:
        out = resolve_entry(c, make(PAIK))
    assert out.status == "matched" and out.best.service == "openlibrary"
    assert out.best.record.get("url") == server.url + "/openlibrary/works/OL9000002W"
    assert [ch.field for ch in out.effective] == ["url"]


def test_wikidata_official_website_for_an_organisation(server, settings):
    server.add_file("/wikidata/w/api.php", "wikidata_search_sab.json", params={"action": "wbsearchentities"})
    server.add_file("/wikidata/w/api.php", "wikidata_entities_sab.json", params={"action": "wbgetentities", "ids": "Q9000001"})
    with client(settings) as c:
        out = resolve_entry(c, make(SAB))
    assert out.status == "matched" and out.best.service == "wikidata"
    assert {ch.field: ch.new for ch in out.effective if ch.action == "add"} == {"url": "https://www.solidarityacrossborders.org/en"}


def test_wikidata_near_miss_names_and_missing_website_are_rejected(server, settings):
    server.add_file("/wikidata/w/api.php", "wikidata_search_solidarity_city.json", params={"action": "wbsearchentities"})
    server.add_file("/wikidata/w/api.php", "wikidata_entities_solidarity_city.json", params={"action": "wbgetentities"})
    with client(settings) as c:
        out = resolve_entry(c, make(SOLICITY))
    assert out.status == "no-match" and out.changes == []
    assert out.best.record.get("url") != ""  # a candidate was seen and reported
    assert "no confident match" in out.message


def test_datacite_working_paper_over_same_title_later_year(server, settings):
    server.add_file("/datacite/dois", "datacite_bauder2019.json", params={"query": "urban sanctuary"})
    with client(settings) as c:
        out = resolve_entry(c, make(MIASA))
    assert out.status == "matched" and out.best.service == "datacite"
    assert out.best.record.get("doi") == "10.5555/miasa.wp.2019.1"


def test_entry_with_doi_gets_its_url_without_any_request(server, settings):
    ref = make(BAUDER2017)
    ref.fields["doi"] = "10.1111/imig.12261"
    with client(settings) as c:
        out = resolve_entry(c, ref)
    assert out.status == "matched" and [c.new for c in out.effective] == ["https://doi.org/10.1111/imig.12261"]
    assert server.seen == []


def test_user_value_kept_unless_overwrite(server, settings):
    server.add_file("/crossref/works", "crossref_bauder2017.json")
    ref = make(BAUDER2017)
    ref.fields["url"] = "https://example.org/my-own-copy"
    with client(settings) as c:
        kept = resolve_entry(c, ref)
        replaced = resolve_entry(c, ref, overwrite=True)
    assert {c.field: c.action for c in kept.changes} == {"doi": "add", "url": "keep"}
    assert {c.field: c.action for c in replaced.changes} == {"doi": "add", "url": "replace"}


def test_enrich_fills_missing_fields_from_recorded_content_negotiation(server, settings):
    # Real recordings: doi.org's 302, then Crossref's CSL-JSON (habanero's cassette).
    server.add_file("/doi/10.1126/science.169.3946.635", "doi_cn_bibtex_step1_doi_org_302.html", status=302,
                    headers={"Location": "{base}/crossref/v1/works/10.1126%2Fscience.169.3946.635/transform"})
    server.add_file("/crossref/v1/works/10.1126/science.169.3946.635/transform", "crossref_transform_csljson.json")
    ref = entry("article", "frank1970", "The structure of ordinary water", "Frank, Henry S.", "1970",
                journal="Science", doi="10.1126/science.169.3946.635", volume="169")
    with client(settings) as c:
        out = enrich_entry(c, ref)
    assert out.status == "matched"
    assert {c.field: c.new for c in out.effective} == {"number": "3946", "pages": "635--641", "issn": "0036-8075"}
    assert server.hits("/doi/")[0].headers["accept"] == "application/vnd.citationstyles.csl+json"


def test_enrich_refuses_a_doi_whose_record_is_another_work(server, settings):
    server.add_file("/doi/10.1073/pnas.2014673117", "csl_hausman2020.json")
    ref = entry("article", "wrong", "Possibilities of urban belonging", "Bauder, H.", "2016", doi="10.1073/pnas.2014673117")
    with client(settings) as c:
        out = enrich_entry(c, ref)
    assert out.status == "no-match" and out.changes == [] and "is the DOI right?" in out.message


def test_service_choice_limits_the_services_asked(server, settings):
    server.add_file("/crossref/works", "crossref_empty.json")
    with client(settings) as c:
        out = resolve_entry(c, make(LACROIX), services=["crossref"])
    assert out.services == ["crossref"] and not server.hits("/openalex")
    assert out.status == "no-match" and out.message == "no confident match: no candidate found"


def test_recorded_crossref_work_by_doi(server, settings):
    server.add_file("/crossref/works/10.1371/journal.pone.0033693", "crossref_work_by_doi_public.json")
    with client(settings) as c:
        rec, error = crossref.work(c, "10.1371/journal.pone.0033693")
        missing, why = crossref.work(c, "10.1371/notarealdoi")
    assert error == "" and rec.type == "article"
    assert rec.text("title").startswith("Methylphenidate Exposure Induces Dopamine Neuron Loss")
    assert (rec.get("journal"), rec.get("volume"), rec.get("number"), rec.get("pages"), rec.year) == ("PLoS ONE", "7", "3", "e33693", "2012")
    assert [p.family for p in rec.authors][:2] == ["Sadasivan", "Pond"]
    assert missing is None and "does not know DOI 10.1371/notarealdoi" in why


def test_recorded_crossref_search_answer_is_read_and_an_unrelated_query_rejects_it(server, settings):
    # The real answer to "query=ecology": nothing in it is the work we ask for.
    server.add_file("/crossref/works", "crossref_works_query_polite.json")
    server.add("/openalex/works", {"results": []})
    server.add("/datacite/dois", {"data": []})
    with client(settings) as c:
        records, error = crossref.search(c, make(BAUDER2017))
        out = resolve_entry(c, make(BAUDER2017))
    assert error == "" and [r.get("doi") for r in records] == ["10.1093/obo/9780199830060-0238", "10.1093/obo/9780199830060-0023"]
    assert out.status == "no-match" and out.changes == []


def test_enrich_fills_a_missing_year_from_the_csl_date(server, settings):
    server.add_file("/doi/10.1126/science.169.3946.635", "crossref_transform_csljson.json")
    ref = entry("article", "frank", "The Structure of Ordinary Water", "Frank, H. S.", doi="10.1126/science.169.3946.635")
    with client(settings) as c:
        out = enrich_entry(c, ref)
    new = {c.field: c.new for c in out.effective}
    assert new["date"] == "1970-08-14" and new["journal"] == "Science" and new["volume"] == "169"


def test_article_preferred_over_its_preprint_on_equal_scores(server, settings):
    body = (DATA / "crossref_bauder2017.json").read_text(encoding="utf-8")
    data = json.loads(body)
    right = data["message"]["items"][1]
    preprint = dict(right, DOI="10.5555/preprint.bauder", type="posted-content", **{"container-title": []})
    data["message"]["items"] = [preprint, right]
    server.add("/crossref/works", data)
    with client(settings) as c:
        out = resolve_entry(c, make(BAUDER2017))
    assert out.best.record.get("doi") == "10.1111/imig.12261"


def test_same_authors_same_year_other_works_lose_to_the_article(server, settings):
    server.add_file("/crossref/works", "crossref_obrien2019.json")
    with client(settings) as c:
        out = resolve_entry(c, make(OBRIEN))
        records, _ = crossref.search(c, make(OBRIEN))
    assert out.status == "matched" and out.best.record.get("doi") == "10.1177/1078087417704974"
    decoys = [score(make(OBRIEN), r) for r in records if r.get("doi").startswith("10.5555")]
    assert len(decoys) == 2 and all(s.vetoes for s in decoys)


def test_only_same_author_decoys_of_obrien_give_no_match(server, settings):
    data = json.loads((DATA / "crossref_obrien2019.json").read_text(encoding="utf-8"))
    data["message"]["items"] = data["message"]["items"][:2]
    server.add("/crossref/works", data)
    server.add("/openalex/works", {"results": []})
    server.add("/datacite/dois", {"data": []})
    with client(settings) as c:
        out = resolve_entry(c, make(OBRIEN))
    assert out.status == "no-match" and out.changes == []


def test_chapter_matched_by_title_subtitle_and_book_title_not_the_book(server, settings):
    server.add_file("/crossref/works", "crossref_kuge2022.json", params={"query.bibliographic": "questioning planetary"})
    with client(settings) as c:
        out = resolve_entry(c, make(KUGE))
    assert out.status == "matched" and out.best.record.get("doi") == "10.5555/kuge.2022.chapter"
    assert out.best.record.type == "incollection" and out.best.score.parts["container"] == 1.0
