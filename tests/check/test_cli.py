"""``solicite check`` end to end with CliRunner: formats, exit statuses, library mode, fixes, settings."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest
from click.testing import CliRunner

from solicite.cli.main import cli


def run(*args, cwd=None):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def service_args(server):
    return ["--doi-api", server.url("/api/handles/"), "--doi-resolver", server.url("/doi/"), "--archive-url", server.url("/web/"), "--retries", "0",
            "--timeout", "2"]


def library(tmp_path, server):
    path = tmp_path / "refs.bib"
    path.write_text(
        "% my library\n"
        "@article{moved,\n"
        "  title = {Moved},\n"
        f"  url = {{{server.url('/redirect/2/moved?code=301')}}}\n"
        "}\n\n"
        "@article{fine,\n"
        "  title = {Fine},\n"
        "  doi = {10.5555/good}\n"
        "}\n\n"
        "@misc{lost,\n"
        "  title = {Lost},\n"
        "  lostlink = {external link}\n"
        "}\n",
        encoding="utf-8",
    )
    return path


def test_library_mode_json_and_exit_0_with_warnings(server, tmp_path):
    path = library(tmp_path, server)
    result = run("--library", str(path), "check", "--format", "json", *service_args(server))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_key = {l.get("key"): l for l in data["links"]}
    assert by_key["moved"]["verdict"] == "redirected" and by_key["moved"]["source"] == f"{path}:4"
    assert by_key["moved"]["final_url"] == server.url("/ok")
    assert by_key["fine"]["verdict"] == "ok" and by_key["fine"]["source"] == f"{path}:9"
    assert by_key["lost"]["verdict"] == "warn" and "missing link" in by_key["lost"]["reason"]
    assert data["summary"]["broken"] == 0


def test_require_links_turns_missing_links_into_errors(server, tmp_path):
    path = library(tmp_path, server)
    result = run("--library", str(path), "check", "--require-links", *service_args(server))
    assert result.exit_code == 1
    assert f"{path}:14: broken @lost: missing link (lostlink marker)" in result.stdout


def test_broken_link_in_markdown_exits_1_with_github_annotation(server, tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text(f"# Notes\n\nSee [gone]({server.url('/status/404')}) and <{server.url('/ok')}>.\n")
    result = run("check", str(doc), "--format", "github", "--no-cache", *service_args(server))
    assert result.exit_code == 1
    assert f"::error file={doc},line=3,title=broken link::{server.url('/status/404')}: HTTP 404" in result.stdout


def test_global_json_flag_and_output_file(server, tmp_path):
    doc = tmp_path / "page.html"
    doc.write_text(f'<a href="{server.url("/ok")}">x</a>\n')
    out = tmp_path / "report.xml"
    result = run("check", str(doc), "--format", "junit", "--output", str(out), *service_args(server))
    assert result.exit_code == 0
    assert out.read_text().startswith("<?xml")
    result = run("--json", "check", str(doc), *service_args(server))
    assert json.loads(result.stdout)["summary"]["ok"] == 1


def test_fix_redirects_rewrites_the_library_and_shows_a_diff(server, tmp_path):
    path = library(tmp_path, server)
    before = path.read_text()
    result = run("--library", str(path), "check", "--fix-redirects", *service_args(server))
    assert result.exit_code == 0, result.output
    after = path.read_text()
    old, new = server.url("/redirect/2/moved?code=301"), server.url("/ok")
    assert f"-  url = {{{old}}}" in result.stdout and f"+  url = {{{new}}}" in result.stdout
    assert old not in after and f"url = {{{new}}}" in after
    # only the edited entry is rewritten (in canonical form); every other byte stays
    assert after.startswith("% my library\n@article{moved,\n")
    assert after.split("@article{fine")[1] == before.split("@article{fine")[1]
    assert (tmp_path / "refs.bib.bak").read_text() == before


def test_temporary_redirects_are_not_rewritten(server, tmp_path):
    path = tmp_path / "t.bib"
    text = f"@misc{{temp,\n  url = {{{server.url('/redirect/1/t?code=302')}}}\n}}\n"
    path.write_text(text)
    result = run("check", str(path), "--fix-redirects", *service_args(server))
    assert result.exit_code == 0
    assert path.read_text() == text


def test_suggest_archive_in_json(server, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(server.url("/status/410") + "\n")
    result = run("check", str(doc), "--format", "json", "--suggest-archive", *service_args(server))
    link = json.loads(result.stdout)["links"][0]
    assert link["verdict"] == "broken"
    assert link["archive_url"] == server.url("/web/20200101000000/" + server.url("/status/410"))


@pytest.mark.parametrize("args", [
    ["--accept", "200-299"],
    ["--exclude", "(unclosed"],
    ["--timeout", "soon"],
    ["--max-concurrency", "0"],
    ["--format", "xml"],
    ["--offline", "--no-cache"],
])
def test_usage_errors_exit_2(server, tmp_path, args):
    doc = tmp_path / "a.txt"
    doc.write_text(server.url("/ok") + "\n")
    result = run("check", str(doc), *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_bad_config_exits_2(server, tmp_path, monkeypatch):
    (tmp_path / "solicite.toml").write_text("[check]\nno-such-option = 1\n")
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "a.txt"
    doc.write_text(server.url("/ok") + "\n")
    result = run("check", str(doc))
    assert result.exit_code == 2
    assert "no-such-option" in result.output


def test_missing_file_is_an_input_error(tmp_path):
    result = run("check", str(tmp_path / "nope.md"))
    assert result.exit_code == 3
    assert "no such file" in result.output


def test_base_urls_and_defaults_come_from_settings(server, tmp_path, monkeypatch):
    (tmp_path / "solicite.toml").write_text(
        "[check]\n"
        f"doi-api = \"{server.url('/api/handles/')}\"\n"
        "accept = \"200..299,404\"\n"
        "retries = 0\n"
        "cache-max-age = \"2h\"\n")
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "a.txt"
    doc.write_text(f"doi:10.5555/good and {server.url('/status/404')}\n")
    result = run("--json", "check", str(doc))
    assert result.exit_code == 0, result.output
    assert [l["verdict"] for l in json.loads(result.stdout)["links"]] == ["ok", "ok"]


def test_include_and_exclude(server, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(f"{server.url('/status/404')}\n{server.url('/ok')}\n")
    result = run("--json", "check", str(doc), "--exclude", "/status/")
    assert [l["verdict"] for l in json.loads(result.stdout)["links"]] == ["skipped", "ok"]
    result = run("--json", "check", str(doc), "--include", "/ok$", "--exclude", "127")
    assert [l["verdict"] for l in json.loads(result.stdout)["links"]] == ["skipped", "ok"]


def test_offline_second_run_uses_the_cache(server, tmp_path):
    name = uuid.uuid4().hex[:8]
    doc = tmp_path / "a.txt"
    doc.write_text(server.url(f"/ok/{name}") + "\n")
    assert run("check", str(doc)).exit_code == 0
    result = run("--json", "check", str(doc), "--offline")
    link = json.loads(result.stdout)["links"][0]
    assert link["verdict"] == "ok" and link["cached"] is True
    assert len(server.state.paths(f"/ok/{name}")) == 1


def test_core_never_imports_click_or_rich():
    code = ("import sys, solicite.check, solicite.check.report, solicite.check.fix, solicite.check.cache;"
            "bad = [m for m in ('click', 'rich') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stdout + done.stderr


def test_follow_doi_from_the_command_line(server, tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("doi:10.5555/good\ndoi:10.5555/gone-landing\n")
    result = run("--json", "check", str(doc), "--follow-doi", "--min-interval", "0", *service_args(server))
    assert result.exit_code == 1
    assert [l["verdict"] for l in json.loads(result.stdout)["links"]] == ["ok", "broken"]


def test_no_files_and_no_library_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 2
    assert "no library given" in result.output


def test_malformed_library_is_an_input_error(tmp_path):
    path = tmp_path / "bad.bib"
    path.write_text("@article{broken,\n  title = {unclosed\n")
    result = run("--library", str(path), "check")
    assert result.exit_code == 3
    assert "bad.bib" in result.output and "Traceback" not in result.output


def test_soft_404_is_on_by_default_and_can_be_turned_off(server, tmp_path):
    page = tmp_path / "notes.md"
    page.write_text(f"- <{server.soft_url('/gone/' + uuid.uuid4().hex[:8], 'de')}>\n")
    on = run("check", str(page), "--no-cache", "--format", "json", *service_args(server))
    assert json.loads(on.stdout)["links"][0]["verdict"] == "warn"
    off = run("check", str(page), "--no-cache", "--format", "json", "--no-soft-404", *service_args(server))
    assert json.loads(off.stdout)["links"][0]["verdict"] == "ok"


def test_max_redirects_option(server, tmp_path):
    page = tmp_path / "notes.md"
    page.write_text(f"- <{server.url('/redirect/3/' + uuid.uuid4().hex[:8] + '?code=301')}>\n")
    result = run("check", str(page), "--no-cache", "--format", "json", "--max-redirects", "2", *service_args(server))
    assert result.exit_code == 1
    assert "more than 2 redirects" in json.loads(result.stdout)["links"][0]["reason"]
