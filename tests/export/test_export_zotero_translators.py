"""The exports as Zotero's own import translators read them, from their tables copied here as data.

Outside reference: zotero/translators ``RIS.js`` (``fieldMap``, ``degenerateImportFieldMap``,
``applyValue()``), ``BibTeX.js`` (``bibtex2zoteroTypeMap``, ``fieldMap``, ``inputFieldMap``,
``processField()``), ``CSL JSON.js`` (import is ``ZU.itemFromCSLJSON()``), zotero/utilities
``utilities_item.js`` (``itemFromCSLJSON()``, ``extraToCSL()``) and zotero/zotero-schema
``schema.json`` (``csl.fields``). The tables below are the parts of those files these exports touch,
copied by hand (not generated from solicite's code); the expected values are what those tables say.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from solicite import bibfile, registry
from solicite.cli.main import cli
from solicite.export.ris import export_ris, parse_ris, read_ris
from solicite.export.zotero import export_zotero_csl, zotero_bibtex_entry, zotero_lint
from solicite.model import Reference

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT_LIBRARY = ROOT / "tests" / "data" / "export" / "references" / "references.bib"

# RIS.js: degenerateImportFieldMap.ID = "__ignore"; degenerateImportFieldMap.M2 = "extra";
# fieldMap.LA.__default = "language"; fieldMap.NV.__default = "numberOfVolumes"; fieldMap.KW = "tags".
RIS_JS_IMPORT = {"ID": None, "M2": "extra", "LA": "language", "NV": "numberOfVolumes", "KW": "tags"}
# BibTeX.js (2021-05-28, pull request 2351): bibtex2zoteroTypeMap.misc = "document".
BIBTEX_JS_TYPES = {"misc": "document", "online": "webpage", "audio": "audioRecording", "book": "book"}
# BibTeX.js: inputFieldMap.journaltitle / booktitle -> publicationTitle; fieldMap.language -> language;
# processField(): "journal" -> publicationTitle (when none yet); "note" -> a child note.
BIBTEX_JS_FIELDS = {"journal": "publicationTitle", "booktitle": "publicationTitle", "language": "language",
                    "series": "series", "type": "type", "title": "title"}
# zotero-schema schema.json: the webpage item type's websiteTitle has baseField publicationTitle;
# audioRecording has seriesTitle and no series or publicationTitle.
ZOTERO_FIELDS = {"webpage": {"title", "websiteTitle", "websiteType", "language"},
                 "audioRecording": {"title", "seriesTitle", "language"}}
BASE_FIELDS = {("webpage", "publicationTitle"): "websiteTitle", ("webpage", "type"): "websiteType"}


def _zotero_from_ris(record: dict[str, list[str]]) -> dict[str, str]:
    """What RIS.js's import keeps of the tags in RIS_JS_IMPORT: Extra is the M2 lines joined by newlines."""
    item: dict[str, str] = {}
    for tag, values in record.items():
        field = RIS_JS_IMPORT.get(tag)
        if field == "extra":
            item["extra"] = "\n".join(values)  # applyValue(): item.extra += '\n' + value
        elif field:
            item[field] = values[0]
    return item


def _zotero_from_bibtex(entry: Reference) -> tuple[str, dict[str, str]]:
    """BibTeX.js's item type and the fields it keeps (base fields mapped to the type's own, as Zotero does)."""
    ztype = BIBTEX_JS_TYPES[entry.type]
    item = {}
    for name, value in entry.fields.items():
        field = BIBTEX_JS_FIELDS.get(name)
        field = BASE_FIELDS.get((ztype, field), field)
        if field in ZOTERO_FIELDS.get(ztype, ()):
            item[field] = value
    return ztype, item


def test_ris_citation_key_lands_in_extra_for_every_entry_of_the_library() -> None:
    refs = bibfile.load(SNAPSHOT_LIBRARY).references
    records = parse_ris(export_ris(refs))
    extras = [_zotero_from_ris(r).get("extra", "") for r in records]
    landed = sum(f"Citation Key: {ref.key}" in extra.splitlines() for ref, extra in zip(refs, extras))
    assert len(refs) == 41 and landed == 41


def test_import_reads_the_ris_key_line_back_even_without_id(tmp_path: Path) -> None:
    refs = bibfile.load(SNAPSHOT_LIBRARY).references
    text = "\n".join(line for line in export_ris(refs).splitlines() if not line.startswith("ID  -")) + "\n"
    assert [r.key for r in read_ris(text)] == [r.key for r in refs]
    lib = tmp_path / "lib.bib"
    (tmp_path / "in.ris").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--json", "--library", str(lib), "import", str(tmp_path / "in.ris")])
    assert result.exit_code == 0, result.output
    assert [a["key"] for a in json.loads(result.output)["added"]] == [r.key for r in refs]


def test_zotero_csl_keeps_citation_key_for_the_schema_and_the_extra_line() -> None:
    # schema.json csl.fields.text: "citation-key": ["citationKey"]; note -> extra.
    items = json.loads(export_zotero_csl(bibfile.load(SNAPSHOT_LIBRARY).references))
    assert all(i["citation-key"] == i["id"] and f"Citation Key: {i['id']}" in i["note"].splitlines() for i in items)


def test_misc_is_a_document_for_zotero_and_lint_says_so() -> None:
    plain = Reference("misc", "m", {"title": "Guidelines", "publisher": "UNHCR", "year": "2020"})
    linked = Reference("misc", "w", {"title": "A page", "url": "https://example.org/p"})
    codes = {(d.key, d.code) for d in zotero_lint([plain, linked])}
    assert ("m", "zotero-type-mangled") not in codes  # a document read as Document
    assert ("w", "zotero-type-mangled") in codes  # a web page read as Document
    message = next(d.message for d in zotero_lint([linked]) if d.code == "zotero-type-mangled")
    assert "a document, not a webpage" in message
    entry = zotero_bibtex_entry(Reference("dataset", "d", {"title": "Data", "doi": "10.1/x", "year": "2020"}))
    assert BIBTEX_JS_TYPES[entry.type] == "document" and "url" not in entry.fields


def test_langid_travels_as_language_in_every_zotero_route() -> None:
    ref = Reference("book", "tolstoy", {"title": "Krieg und Frieden", "langid": "ngerman", "publisher": "Insel",
                                        "year": "1982"})
    assert registry.load("exporter", "csl-json").export([ref]).count('"language": "de"') == 1
    assert _zotero_from_ris(parse_ris(export_ris([ref]))[0])["language"] == "de"
    assert zotero_bibtex_entry(ref).fields["language"] == "de"


def test_podcast_without_url_keeps_its_show_through_zotero_bibtex() -> None:
    episode = Reference("podcast", "ep", {"title": "What makes a city solidary?", "journaltitle": "Salto"})
    ztype, item = _zotero_from_bibtex(zotero_bibtex_entry(episode))
    assert ztype == "webpage" and item["websiteTitle"] == "Salto" and item["websiteType"] == "Podcast"
    # The @audio route would lose it: an Audio Recording has no field BibTeX.js can fill with the show.
    assert _zotero_from_bibtex(Reference("audio", "ep", {"title": "T", "series": "Salto"}))[1] == {"title": "T"}


BIBLATEX = Reference("book", "tolstoy", {
    "title": "Krieg und Frieden", "volumes": "4", "origdate": "1869", "origpublisher": "The Russian Messenger",
    "origlocation": "Moscow", "eventdate": "2020-05-01/2020-05-03", "eprint": "2101.00001", "eprinttype": "arxiv",
    "eprintclass": "cs.CL", "publisher": "Insel", "year": "1982"})


def test_biblatex_fields_become_csl_variables_and_zotero_extra_lines() -> None:
    item = json.loads(registry.load("exporter", "csl-json").export([BIBLATEX]))[0]
    assert item["number-of-volumes"] == "4" and item["original-publisher-place"] == "Moscow"
    assert item["original-date"] == {"date-parts": [[1869]]}
    assert item["event-date"] == {"date-parts": [[2020, 5, 1], [2020, 5, 3]]}
    assert item["URL"] == "https://arxiv.org/abs/2101.00001"
    zotero = json.loads(export_zotero_csl([BIBLATEX]))[0]
    # extraToCSL(): "Original Date" -> original-date, ...; a Book has Number of Volumes (schema.json).
    assert zotero["note"].splitlines()[1:] == [
        "Original Date: 1869", "Original Publisher: The Russian Messenger", "Original Publisher Place: Moscow",
        "Event Date: 2020-05-01/2020-05-03", "arXiv: 2101.00001 [cs.CL]"]
    assert zotero["number-of-volumes"] == "4"
    ris = _zotero_from_ris(parse_ris(export_ris([BIBLATEX]))[0])
    assert ris["numberOfVolumes"] == "4" and "Original Publisher: The Russian Messenger" in ris["extra"]


def test_biblatex_fields_come_back_from_ris_and_zotero_json() -> None:
    want = {k: BIBLATEX.fields[k] for k in ("volumes", "origdate", "origpublisher", "origlocation", "eventdate",
                                            "eprint", "eprinttype", "eprintclass")}
    (from_ris,) = read_ris(export_ris([BIBLATEX]))
    assert {k: from_ris.fields.get(k) for k in want} == want
    from solicite.export.csljson import from_csl

    from_zotero = from_csl(json.loads(export_zotero_csl([BIBLATEX]))[0])
    assert {k: from_zotero.fields.get(k) for k in want} == want and "note" not in from_zotero.fields
    plain = from_csl(json.loads(registry.load("exporter", "csl-json").export([BIBLATEX]))[0])
    assert {k: plain.fields.get(k) for k in want if not k.startswith("eprint")} == {
        k: v for k, v in want.items() if not k.startswith("eprint")}  # plain CSL-JSON keeps the eprint as URL only
    assert plain.fields["url"] == "https://arxiv.org/abs/2101.00001"


def test_set_entries_are_skipped_with_a_warning_line(tmp_path: Path) -> None:
    lib = tmp_path / "lib.bib"
    lib.write_text("@book{a, title = {A}, year = {2000}}\n@set{s, entryset = {a}}\n", encoding="utf-8")
    for fmt in ("csl-json", "ris", "zotero", "zotero-bibtex"):
        result = CliRunner().invoke(cli, ["--library", str(lib), "export", "--to", fmt])
        assert result.exit_code == 0, result.output
        assert "{s," not in result.stdout and '"s"' not in result.stdout and "ID  - s" not in result.stdout
        lines = [line for line in result.stderr.splitlines() if "@set s skipped" in line]
        assert len(lines) == 1 and lines[0].startswith("solicite: warning: ") and ":2:" in lines[0]
    kept = CliRunner().invoke(cli, ["--library", str(lib), "export", "--to", "biblatex"])
    assert "@set{s," in kept.stdout and "skipped" not in kept.stderr


def test_keywords_through_zotero_csl_json_get_a_warning_pointing_to_ris_or_bibtex(tmp_path: Path) -> None:
    lib = tmp_path / "lib.bib"
    lib.write_text("@book{a, title = {A}, keywords = {Books}}\n@book{b, title = {B}}\n", encoding="utf-8")
    out = tmp_path / "z.json"
    result = CliRunner().invoke(cli, ["--json", "--library", str(lib), "export", "--to", "zotero", "-o", str(out)])
    assert result.exit_code == 0, result.output
    (diag,) = json.loads(result.stdout)["diagnostics"]
    assert diag["code"] == "cannot-carry" and "tags" in diag["message"]
    assert "--to ris" in diag["message"] and "--to zotero-bibtex" in diag["message"]
    ris = CliRunner().invoke(cli, ["--library", str(lib), "export", "--to", "ris"])
    assert "tags" not in ris.stderr and _zotero_from_ris(parse_ris(ris.stdout)[0])["tags"] == "Books"


def test_zotero_bibtex_is_registered_and_the_old_flag_is_an_alias(tmp_path: Path) -> None:
    assert "zotero-bibtex" in registry.names("exporter")
    lib = tmp_path / "lib.bib"
    lib.write_text("@misc{a, title = {A}, year = {2000}}\n", encoding="utf-8")
    new = CliRunner().invoke(cli, ["--library", str(lib), "export", "--to", "zotero-bibtex"])
    old = CliRunner().invoke(cli, ["--library", str(lib), "export", "--to", "zotero", "--bibtex"])
    assert new.exit_code == old.exit_code == 0 and new.stdout == old.stdout and "@misc{a," in new.stdout


def test_a_volume_of_a_multivolume_work_keeps_both_titles() -> None:
    ref = Reference("incollection", "v", {"title": "Chapter", "booktitle": "Volume Two", "booksubtitle": "Later",
                                          "maintitle": "Collected Works", "year": "1990"})
    item = json.loads(registry.load("exporter", "csl-json").export([ref]))[0]
    # CSL 1.0.2: the multi-volume work is the container, the volume its volume-title (as pandoc reads BibLaTeX).
    assert item["container-title"] == "Collected Works" and item["volume-title"] == "Volume Two: Later"
    zotero = json.loads(export_zotero_csl([ref]))[0]
    assert zotero["container-title"] == "Volume Two: Later" and zotero["collection-title"] == "Collected Works"
    from solicite.export.csljson import from_csl

    back = from_csl(item)
    assert back.fields["booktitle"] == "Volume Two: Later" and back.fields["maintitle"] == "Collected Works"


def test_zotero_bibtex_warns_about_keys_and_the_values_bibtex_js_has_no_field_for() -> None:
    ref = Reference("inproceedings", "k", {"title": "T", "booktitle": "P", "venue": "Denver", "eprint": "1",
                                           "eprinttype": "arxiv", "eprintclass": "cs.CL"})
    messages = [d.message for d in registry.load("exporter", "zotero-bibtex").diagnostics([ref])]
    assert any(m.endswith("left out (entries with each): eprintclass (1), venue (1)") for m in messages)
    assert any("does not keep citation keys" in m for m in messages)
    # The CSL-JSON routes keep both: the venue as event-place, the class in the Extra line.
    assert not any("left out" in d.message for d in registry.load("exporter", "zotero").diagnostics([ref]))
