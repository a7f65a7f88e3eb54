"""One typed options reader for every table; the cache folder; no pickle in the HTTP cache."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from solicite.check.options import CheckOptions
from solicite.cli.main import cli
from solicite.config import FormatSettings, KeysSettings, Settings, cache_dir, load_settings, read_options
from solicite.errors import ConfigError
from solicite.resolve.settings import ResolveOptions

LIBRARY = "@article{a2020,\n  author = {Doe, Jane},\n  title = {T},\n  journal = {J},\n  year = {2020},\n}\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (cwd) with a library, no user config and its own cache folder."""
    (tmp_path / "lib.bib").write_text(LIBRARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOLICITE_CONFIG", str(tmp_path / "no-user-config.toml"))
    monkeypatch.setenv("SOLICITE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SOLICITE_LIBRARY", raising=False)
    return tmp_path


def _run(project: Path, toml: str, *args: str):
    (project / "solicite.toml").write_text(toml, encoding="utf-8")
    return CliRunner().invoke(cli, ["--library", str(project / "lib.bib"), *args])


@pytest.mark.parametrize("cls, table, key, value, attr", [
    (CheckOptions, "check", "max-per-host", 3, "max_per_host"),
    (CheckOptions, "check", "max_per_host", 3, "max_per_host"),
    (ResolveOptions, "resolve", "cache-days", 2, "cache_days"),
    (ResolveOptions, "resolve", "cache_days", 2, "cache_days"),
    (FormatSettings, "format", "sentence-case", True, "sentence_case"),
    (KeysSettings, "keys", "pattern", "{auth}{year}", "pattern"),
])
def test_dash_or_underscore(cls, table, key, value, attr) -> None:
    opts = read_options(cls, Settings(tables={table: {key: value}}), table)
    assert getattr(opts, attr) == value


@pytest.mark.parametrize("table, args", [
    ("check", ["check", "--offline"]), ("resolve", ["resolve", "--offline"]),
    ("format", ["format"]), ("keys", ["keys", "--dry-run"]),
])
def test_unknown_keys_are_refused_with_the_known_ones(project: Path, table: str, args: list[str]) -> None:
    result = _run(project, f"[{table}]\nbogus-key = 1\n", *args)
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert lines[0].startswith("solicite: error:") and "unknown option 'bogus-key'" in lines[0], result.output
    assert "known:" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("toml, args, words", [
    ("[resolve]\ntimeout = -1\n", ["resolve", "--offline"], "[resolve] timeout must be above 0, not -1"),
    ("[check]\ntimeout = -1\n", ["check", "--offline"], "[check] timeout must be above 0, not -1"),
    ("[check]\ntimeout = \"soon\"\n", ["check", "--offline"], "bad duration"),
    ("[check]\nmax-per-host = 0\n", ["check", "--offline"], "max-per-host must be at least 1, not 0"),
    ("[resolve]\nretries = true\n", ["resolve", "--offline"], "retries must be a whole number, not True"),
    ("[resolve]\nthreshold = 0\n", ["resolve", "--offline"], "threshold must be above 0"),
    ("[format]\nsentence_case = \"yes\"\n", ["format"], "sentence_case must be true or false"),
])
def test_types_and_ranges_are_one_line_exit_2(project: Path, toml: str, args: list[str], words: str) -> None:
    result = _run(project, toml, *args)
    assert result.exit_code == 2, result.output
    assert words in result.output, result.output
    assert result.output.startswith("solicite: error:") and "Traceback" not in result.output


def test_a_duration_string_still_reads() -> None:
    assert CheckOptions.from_settings({"timeout": "2m", "cache-max-age": "1d"}).timeout == 120.0


@pytest.mark.parametrize("table, args", [("resolve", ["resolve", "--offline"]), ("check", ["check", "--offline"])])
def test_a_projects_file_may_not_choose_the_cache_folder(project: Path, table: str, args: list[str]) -> None:
    result = _run(project, f'[{table}]\ncache-dir = "{(project / "evil").as_posix()}"\n', *args)
    assert result.exit_code == 2, result.output
    assert "cache-dir is not taken from a project's own settings" in result.output
    assert not (project / "evil").exists()


def test_the_users_own_config_may_choose_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = project / "user.toml"
    user.write_text(f'[resolve]\ncache-dir = "{(project / "mine").as_posix()}"\n', encoding="utf-8")
    monkeypatch.setenv("SOLICITE_CONFIG", str(user))
    opts = ResolveOptions.from_settings(load_settings(cwd=project))
    assert opts.cache_dir == project / "mine"


def test_one_cache_folder_honours_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from solicite.check.cache import open_cache
    from solicite.net import NetOptions, make_session

    monkeypatch.setenv("SOLICITE_CACHE_DIR", str(tmp_path / "env"))
    assert cache_dir() == tmp_path / "env" and cache_dir(tmp_path / "chosen") == tmp_path / "chosen"
    session = make_session(NetOptions())
    cache, problem = open_cache(None, 60)
    assert not problem
    cache.close()
    session.close()
    assert sorted(p.name for p in (tmp_path / "env").iterdir() if p.suffix.startswith(".sqlite")) == [
        "http-cache-json.sqlite", "links.sqlite3"]


def test_the_http_cache_holds_json_not_pickle(tmp_path: Path, server: str) -> None:
    from solicite.resolve.client import Client

    with Client(ResolveOptions(cache_dir=tmp_path, retries=0)) as client:
        got = client.get(server + "/ok")
    assert got.ok and got.data == {"ok": True}
    db = sqlite3.connect(tmp_path / "http-cache-json.sqlite")
    values = [row[0] for row in db.execute("SELECT value FROM responses")]
    db.close()
    assert len(values) == 1
    raw = values[0] if isinstance(values[0], str) else bytes(values[0]).decode("utf-8")  # pickle is not UTF-8 text
    stored = json.loads(raw)
    assert stored["status_code"] == 200


@pytest.mark.parametrize("toml, words", [
    ("[chek]\ntimeout = 5\n", "unknown table 'chek' in the top level"),
    ("[resolve]\ntimeout = 5\n[bogus.deeper]\nx = 1\n", "unknown table 'bogus'"),
    ("colour = true\n", "unknown setting 'colour'"),
    ("check = 5\n", "[check] must be a table, not 5"),
    ("library = 5\n", "library must be a string (a path), not 5"),
])
def test_unknown_or_misshapen_top_level_is_one_line_exit_2(project: Path, toml: str, words: str) -> None:
    result = _run(project, toml, "list")
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert lines[0].startswith("solicite: error:") and words in lines[0], result.output
    assert "Traceback" not in result.output


def test_the_users_own_config_is_checked_too(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = project / "user.toml"
    user.write_text("[formt]\nstyle = \"ieee\"\n", encoding="utf-8")
    monkeypatch.setenv("SOLICITE_CONFIG", str(user))
    with pytest.raises(ConfigError, match="unknown table 'formt'") as caught:
        load_settings(cwd=project)
    assert caught.value.path == str(user)


def test_a_pyproject_table_is_named_as_such(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.solicite.reslove]\ntimeout = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown table 'reslove' in \[tool.solicite\]"):
        load_settings(cwd=project)


@pytest.mark.parametrize("toml, args, words", [
    ("[save]\nlock-timeout = -1\n", ["rm", "a2020"], "[save] lock-timeout must be at least 0, not -1"),
    ("[save]\nlock_timeout = 7200\n", ["rm", "a2020"], "[save] lock_timeout must be at most 3600, not 7200"),
    ("[save]\nwait = 3\n", ["rm", "a2020"], "unknown option 'wait' in [save]"),
    ("[keys]\npattern = 3\n", ["keys", "--dry-run"], "[keys] pattern must be a string, not 3"),
])
def test_the_save_and_keys_tables_are_read_like_the_others(project: Path, toml: str, args: list[str],
                                                           words: str) -> None:
    before = (project / "lib.bib").read_bytes()
    result = _run(project, toml, *args)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("solicite: error:") and words in result.output, result.output
    assert (project / "lib.bib").read_bytes() == before


def test_every_table_has_a_reader(project: Path) -> None:
    # Each name in config.TABLES is read by read_options, and a name outside it cannot be.
    from solicite.check.options import CheckOptions
    from solicite.config import TABLES, SaveSettings

    readers = {"check": CheckOptions, "format": FormatSettings, "keys": KeysSettings, "resolve": ResolveOptions,
               "save": SaveSettings}
    assert sorted(readers) == sorted(TABLES)
    for table, cls in readers.items():
        with pytest.raises(ConfigError, match=f"unknown option 'nope' in \\[{table}\\]"):
            read_options(cls, Settings(tables={table: {"nope": 1}}), table)
    with pytest.raises(ValueError):
        read_options(FormatSettings, Settings(), "fromat")
