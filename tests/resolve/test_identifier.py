"""fetch_identifier: DOI by content negotiation, ISBN by Open Library, URL by the page's metadata."""

from __future__ import annotations

from datetime import date

import pytest

from solicite.errors import ExitCode, NetworkError, SoliciteError
from solicite.model import Person
from solicite.resolve import IdentifierError, IdentifierNotFoundError, fetch_identifier
from solicite.resolve.identifier import classify


@pytest.mark.parametrize("text", ["10.1073/pnas.2014673117", "doi:10.1073/pnas.2014673117",
                                  "https://doi.org/10.1073/pnas.2014673117", "http://dx.doi.org/10.1073%2Fpnas.2014673117"])
def test_doi_forms(text):
    assert classify(text) == ("doi", "10.1073/pnas.2014673117")


def test_isbn_forms_and_bad_check_digit():
    assert classify("isbn:9780520297883") == ("isbn", "9780520297883")
    assert classify("ISBN 978-0-520-29788-3") == ("isbn", "9780520297883")
    with pytest.raises(IdentifierError, match="check digit"):
        classify("isbn:9780520297884")
    with pytest.raises(IdentifierError, match="cannot tell"):
        classify("sanctuary cities")


def test_doi_by_content_negotiation(server, settings):
    server.add_file("/doi/10.1073/pnas.2014673117", "csl_hausman2020.json")
    for form in ("10.1073/pnas.2014673117", "doi:10.1073/pnas.2014673117", "https://doi.org/10.1073/pnas.2014673117"):
        ref = fetch_identifier(form, settings)
        assert ref.type == "article" and ref.key == ""
        assert ref.fields["doi"] == "10.1073/pnas.2014673117"
        assert ref.fields["journal"] == "Proceedings of the National Academy of Sciences"
        assert ref.fields["pages"] == "27262--27267" and ref.year == "2020"
        assert ref.authors == [Person(family="Hausman", given="David K.")]
        assert ref.fields["provenance"].startswith("entry from doi on ")
    assert all(s.headers["accept"] == "application/vnd.citationstyles.csl+json" for s in server.seen)
    assert len(server.seen) == 1  # the two later forms were answered by the cache


def test_recorded_datacite_csl_list(server, settings):
    server.add_file("/doi/10.6084/m9.figshare.4724797", "csl_datacite_thesis_raw.json")
    ref = fetch_identifier("10.6084/m9.figshare.4724797", settings)
    assert ref.text("title").startswith("The hetnet awakens")
    assert ref.authors[0].family == "Himmelstein" and ref.year == "2017"


def test_unknown_doi_is_a_clear_error(server, settings):
    server.add_file("/doi/10.1126/foo", "doi_cn_bad_request.txt", status=404, content_type="text/html")
    with pytest.raises(IdentifierNotFoundError, match=r"10\.1126/foo.*not registered") as info:
        fetch_identifier("10.1126/foo", settings)
    assert info.value.exit_code == ExitCode.INPUT


def test_isbn_via_open_library(server, settings):
    server.add_file("/openlibrary/api/books", "openlibrary_isbn_9780520297883.json", params={"bibkeys": "ISBN:9780520297883"})
    ref = fetch_identifier("isbn:9780520297883", settings)
    assert ref.type == "book"
    assert ref.fields["title"] == "Bans, walls, raids, sanctuary: understanding U.S. immigration for the twenty-first century"
    assert ref.fields["publisher"] == "University of California Press" and ref.fields["year"] == "2020"
    assert ref.fields["isbn"] == "9780520297883" and ref.authors[0].family == "Paik"


def test_isbn_unknown(server, settings):
    server.add("/openlibrary/api/books", {})
    with pytest.raises(IdentifierNotFoundError, match="no book with ISBN 9780520297883"):
        fetch_identifier("isbn:9780520297883", settings)


def test_url_highwire(server, settings):
    server.add_file("/article", "page_highwire.html")
    ref = fetch_identifier(server.url + "/article", settings)
    assert ref.type == "article" and ref.fields["journal"] == "Urban Studies"
    assert ref.fields["title"] == "Urban migrant and refugee solidarity beyond city limits"  # not the og:title
    assert (ref.fields["volume"], ref.fields["number"], ref.fields["pages"]) == ("58", "16", "3213--3229")
    assert ref.fields["doi"] == "10.1177/0042098020976308" and ref.year == "2021"
    assert ref.authors == [Person(family="Bauder", given="Harald")]


def test_url_json_ld(server, settings):
    server.add_file("/conversation", "page_jsonld.html")
    ref = fetch_identifier(server.url + "/conversation", settings)
    assert ref.type == "online" and ref.fields["title"] == "Solidarity cities" and ref.year == "2016"
    assert ref.authors[0].family == "Penny" and ref.fields["organization"] == "The Conversation"
    assert ref.fields["urldate"] == date.today().isoformat()


def test_url_open_graph_and_dublin_core(server, settings):
    server.add_file("/economist", "page_opengraph.html")
    server.add_file("/palermo", "page_dublincore.html")
    og = fetch_identifier(server.url + "/economist", settings)
    assert (og.fields["title"], og.fields["organization"], og.year) == ("What are sanctuary cities?", "The Economist", "2016")
    dc = fetch_identifier(server.url + "/palermo", settings)
    assert dc.fields["title"] == "International human mobility: Charter of Palermo 2015"
    assert dc.authors[0].literal == "City of Palermo" and dc.fields["publisher"] == "Comune di Palermo"


def test_url_without_metadata_falls_back_to_title_site_and_access_date(server, settings):
    server.add_file("/bare", "page_bare.html")
    ref = fetch_identifier(server.url + "/bare", settings)
    assert ref.fields["title"] == r"Noone is Illegal \& Friends"
    assert ref.fields["url"] == server.url + "/bare" and ref.fields["urldate"] == date.today().isoformat()


def test_url_404_and_unreachable_are_errors(server, settings):
    with pytest.raises(IdentifierNotFoundError, match="HTTP 404"):
        fetch_identifier(server.url + "/missing", settings)
    with pytest.raises(NetworkError, match="cannot reach"):
        fetch_identifier("http://127.0.0.1:9/nothing-listens-here", settings)


def test_offline_miss_says_so(server, settings):
    with pytest.raises(NetworkError, match="offline") as info:
        fetch_identifier("10.1073/pnas.2014673117", settings, offline=True)
    assert isinstance(info.value, SoliciteError) and server.seen == []


def test_url_to_a_pdf_keeps_the_address_and_file_name(server, settings):
    server.add("/files/expanding-sanctuary.pdf", b"%PDF-1.4 not really", content_type="application/pdf")
    ref = fetch_identifier(server.url + "/files/expanding-sanctuary.pdf", settings)
    assert ref.type == "online" and ref.fields["title"] == "expanding-sanctuary.pdf"
    assert ref.fields["organization"] == server.url.split("//")[1] and ref.fields["urldate"] == date.today().isoformat()


def test_utf8_page_without_charset_header_and_json_ld_type_list(server, settings):
    html = ('<html><head><script type="application/ld+json">{"@type": ["Thing", "BlogPosting"], '
            '"headline": "Solidarité sans frontières", "datePublished": "2019-05-01"}</script></head></html>')
    server.add("/blog", html.encode("utf-8"), content_type="text/html")
    ref = fetch_identifier(server.url + "/blog", settings)
    assert ref.fields["title"] == "Solidarité sans frontières" and ref.year == "2019"


def test_latin1_page_declared_in_meta(server, settings):
    html = '<html><head><meta charset="iso-8859-1"><title>Société</title></head></html>'
    server.add("/latin", html.encode("iso-8859-1"), content_type="text/html")
    assert fetch_identifier(server.url + "/latin", settings).fields["title"] == "Société"
