"""The resolve and enrich commands end to end, on a library file, against the replay server."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from solicite import bibfile
from solicite.cli.main import cli

LIBRARY = """% Show notes of "What is a solidarity city?" (hand-written test library)
@article{hausman2020sanctuary,
  author = {Hausman, D. K.},
  title = {Sanctuary policies reduce deportations without increasing crime},
  journal = {Proceedings of the National Academy of Sciences},
  year = {2020},
  volume = {117},
  number = {44},
  pages = {27262--27267},
  lostlink = {external link},
}

@article{bauder2016possibilities,
  author = {Bauder, H.},
  title = {Possibilities of urban belonging},
  journal = {Antipode},
  year = 2016,
  volume = {48}, number = {2}, pages = {252--271}
}

@online{solidarityacrossborders,
  title = {Solidarity Across Borders},
  keywords = {Donate or Get Involved!},
  lostlink = {external link}
}

@article{frank1970,
  author = {Frank, Henry S.},
  title = {The Structure of Ordinary Water},
  journal = {Science},
  year = {1970},
  doi = {10.1126/science.169.3946.635},
  url = {https://doi.org/10.1126/science.169.3946.635},
}
"""


@pytest.fixture
def project(server, tmp_path, monkeypatch):
    """A project folder: the library and a solicite.toml pointing [resolve] at the replay server."""
    server.add_file("/crossref/works", "crossref_hausman2020.json", params={"query.bibliographic": "sanctuary policies"})
    server.add_file("/crossref/works", "crossref_bauder2016_decoys.json", params={"query.bibliographic": "possibilities"})
    server.add("/openalex/works", {"results": []})
    server.add("/datacite/dois", {"data": []})
    server.add_file("/wikidata/w/api.php", "wikidata_search_sab.json", params={"action": "wbsearchentities"})
    server.add_file("/wikidata/w/api.php", "wikidata_entities_sab.json", params={"action": "wbgetentities"})
    server.add_file("/doi/10.1126/science.169.3946.635", "crossref_transform_csljson.json")
    services = ["crossref", "openalex", "openlibrary", "wikidata", "datacite", "doi", "web"]
    (tmp_path / "solicite.toml").write_text(
        "[resolve]\n" + "".join(f'{s}_url = "{server.url}/{s}"\n' for s in services[:6] if s != "wikidata")
        + f'wikidata_url = "{server.url}/wikidata/w/api.php"\n'
        + 'mailto = "tests@example.org"\nretries = 1\n'
        + "[resolve.rate_limits]\n" + "".join(f"{s} = 1000\n" for s in services), encoding="utf-8")
    lib = tmp_path / "references.bib"
    lib.write_text(LIBRARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOLICITE_LIBRARY", raising=False)
    monkeypatch.setenv("SOLICITE_CONFIG", str(tmp_path / "no-user-config.toml"))
    monkeypatch.setenv("SOLICITE_CACHE_DIR", str(tmp_path / "cache"))  # a project's file may not choose it
    return lib


def invoke(lib, *args, input=None):
    return CliRunner().invoke(cli, ["--library", str(lib), *args], input=input)


def test_resolve_shows_diffs_and_changes_nothing(project):
    result = invoke(project, "resolve")
    assert result.exit_code == 1, result.output  # one entry found no confident match
    out = result.stdout
    assert "hausman2020sanctuary: matched (crossref, score" in out
    assert "  + doi = {10.1073/pnas.2014673117}" in out
    assert "  - lostlink = {external link}" in out
    assert "bauder2016possibilities: no-match (no confident match: best crossref candidate scores" in out
    assert "  + url = {https://www.solidarityacrossborders.org/en}" in out
    assert "frank1970" not in out  # complete: nothing to do, not listed
    assert project.read_text(encoding="utf-8") == LIBRARY


def test_resolve_apply_writes_through_the_library(project):
    result = invoke(project, "resolve", "--apply")
    assert result.exit_code == 1, result.output
    lib = bibfile.load(project)
    hausman = lib["hausman2020sanctuary"]
    assert hausman.get("doi") == "10.1073/pnas.2014673117"
    assert hausman.get("url") == "https://doi.org/10.1073/pnas.2014673117"
    assert "lostlink" not in hausman.fields
    assert hausman.get("provenance").startswith("doi, url from crossref on ")
    assert lib["solidarityacrossborders"].get("url") == "https://www.solidarityacrossborders.org/en"
    assert lib["solidarityacrossborders"].get("keywords") == "Donate or Get Involved!"
    assert "doi" not in lib["bauder2016possibilities"].fields  # a decoy never gets written
    text = project.read_text(encoding="utf-8")
    # Untouched entries keep their exact bytes (the lossless writer), and a backup is kept.
    assert LIBRARY[LIBRARY.index("@article{bauder2016"):LIBRARY.index("@online")] in text
    assert project.with_name("references.bib.bak").read_text(encoding="utf-8") == LIBRARY


def test_resolve_json(project):
    result = invoke(project, "resolve", "--json", "hausman2020sanctuary", "bauder2016possibilities")
    data = json.loads(result.stdout)
    assert data["command"] == "resolve" and data["applied"] == []
    by_key = {e["key"]: e for e in data["entries"]}
    assert by_key["hausman2020sanctuary"]["status"] == "matched"
    assert by_key["hausman2020sanctuary"]["best"]["doi"] == "10.1073/pnas.2014673117"
    miss = by_key["bauder2016possibilities"]
    assert miss["status"] == "no-match" and miss["best"]["vetoes"] and 0 < miss["best"]["score"] < 1
    assert data["summary"] == {"matched": 1, "no-match": 1, "error": 0, "nothing-to-do": 0}


def test_resolve_interactive_asks_entry_by_entry(project):
    result = invoke(project, "resolve", "--interactive", "hausman2020sanctuary", "solidarityacrossborders", input="n\ny\n")
    assert result.exit_code == 0, result.output
    lib = bibfile.load(project)
    assert "doi" not in lib["hausman2020sanctuary"].fields
    assert lib["solidarityacrossborders"].get("url") == "https://www.solidarityacrossborders.org/en"


def test_resolve_unknown_key_is_a_usage_error(project):
    result = invoke(project, "resolve", "nosuchkey")
    assert result.exit_code == 2 and "nosuchkey" in result.output


def test_resolve_offline_second_run_uses_the_cache(project, server):
    invoke(project, "resolve")
    count = len(server.seen)
    result = invoke(project, "resolve", "--offline", "--json")
    assert len(server.seen) == count
    assert json.loads(result.stdout)["summary"]["matched"] == 2


def test_enrich_fills_missing_fields(project):
    result = invoke(project, "enrich", "--apply")
    assert result.exit_code == 0, result.output
    assert "  + volume = {169}" in result.stdout and "  + pages = {635--641}" in result.stdout
    frank = bibfile.load(project)["frank1970"]
    assert (frank.get("volume"), frank.get("number"), frank.get("pages")) == ("169", "3946", "635--641")
    assert frank.get("provenance").startswith("volume, number, pages, issn from doi on ")


def test_add_by_doi_goes_through_fetch_identifier(project, server):
    server.add_file("/doi/10.1073/pnas.2014673117", "csl_hausman2020.json")
    result = invoke(project, "add", "doi:10.1073/pnas.2014673117")
    assert result.exit_code == 0, result.output
    # The library holds this work already (same title, year and first author): skipped with a note.
    assert "the library has it as hausman2020sanctuary" in result.stderr
    result = invoke(project, "add", "--allow-duplicates", "doi:10.1073/pnas.2014673117")
    assert result.exit_code == 0, result.output
    added = [r for r in bibfile.load(project).references if r.get("doi") == "10.1073/pnas.2014673117"]
    assert len(added) == 1 and added[0].key != "hausman2020sanctuary"


def test_unreachable_services_exit_with_network_status(project, monkeypatch):
    toml = project.with_name("solicite.toml")
    text = toml.read_text(encoding="utf-8")
    import re

    toml.write_text(re.sub(r"http://127\.0\.0\.1:\d+", "http://127.0.0.1:9", text), encoding="utf-8")
    result = invoke(project, "resolve", "hausman2020sanctuary", "solidarityacrossborders")
    assert result.exit_code == 4, result.output
    assert "cannot reach 127.0.0.1:9" in result.stdout


def test_missing_mailto_is_warned_about(project):
    toml = project.with_name("solicite.toml")
    toml.write_text(toml.read_text(encoding="utf-8").replace('mailto = "tests@example.org"\n', ""), encoding="utf-8")
    result = invoke(project, "resolve", "solidarityacrossborders")
    assert result.exit_code == 0 and "no [resolve] mailto configured" in result.stderr
    assert "mailto" not in invoke(project, "resolve", "--offline", "solidarityacrossborders").stderr


def test_overwrite_replaces_a_user_value_and_says_so(project):
    text = project.read_text(encoding="utf-8").replace("  lostlink = {external link},\n}", "  url = {https://example.org/old},\n}", 1)
    project.write_text(text, encoding="utf-8")
    kept = invoke(project, "resolve", "hausman2020sanctuary", "--apply")
    assert "(kept; found {https://doi.org/10.1073/pnas.2014673117}, use --overwrite to replace)" in kept.stdout
    assert bibfile.load(project)["hausman2020sanctuary"].get("url") == "https://example.org/old"
    replaced = invoke(project, "resolve", "hausman2020sanctuary", "--overwrite", "--apply")
    assert "  - url = {https://example.org/old}" in replaced.stdout
    assert bibfile.load(project)["hausman2020sanctuary"].get("url") == "https://doi.org/10.1073/pnas.2014673117"


def test_interactive_all_and_quit(project):
    invoke(project, "resolve", "-i", input="q\n")
    assert project.read_text(encoding="utf-8") == LIBRARY
    result = invoke(project, "resolve", "-i", input="a\n")
    lib = bibfile.load(project)
    assert lib["hausman2020sanctuary"].get("doi") and lib["solidarityacrossborders"].get("url")
    assert result.output.count("apply to") == 1  # asked once, then "all"
