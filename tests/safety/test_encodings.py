"""Non-UTF-8 libraries: detected once, shown and exported as valid UTF-8, saved byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from solicite import bibfile
from solicite.bibfile.encoding import MIXED, decode, detect, encode

from .conftest import solicite

LATIN1 = ("@article{mueller2020,\n  author = {M\u00fcller, J\u00fcrgen and \u00c5str\u00f6m, Karl},\n"
          "  title = {\u00dcber Stra\u00dfen},\n  journal = {Zeitschrift},\n  year = {2020},\n}\n\n"
          "@book{other2019,\n  author = {Caf\u00e9, Ren\u00e9},\n  title = {Cr\u00e8me},\n  publisher = {P},\n"
          "  year = {2019},\n}\n").encode("latin-1")
CP1252 = "@misc{dash2021,\n  title = {A \u2014 B costs 5 \u20ac},\n  year = {2021},\n}\n".encode("cp1252")
MIXED_BYTES = ("@misc{utf2022,\n  author = {M\u00fcller, Anna},\n  title = {UTF-8 part},\n  year = {2022},\n}\n\n"
               ).encode("utf-8") + LATIN1
STRICT = {"PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}


def _library(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "lib.bib"
    path.write_bytes(data)
    return path


def test_the_encoding_is_detected_from_the_bytes() -> None:
    assert detect(LATIN1) == "cp1252"  # no byte 0x80-0x9F: Windows-1252 and Latin-1 agree here
    assert detect(CP1252) == "cp1252"
    assert detect(bytes(range(256))) == "latin-1"  # 0x81 is undefined in Windows-1252
    assert detect(MIXED_BYTES) == MIXED
    assert detect("caf\u00e9".encode("utf-8")) == detect(b"plain") == "utf-8"
    # A multi-byte character cut by the 4 MiB validation pieces is still UTF-8.
    assert detect(b"a" * ((1 << 22) - 1) + "\u00e9".encode("utf-8")) == "utf-8"


@pytest.mark.parametrize("data", [LATIN1, CP1252, bytes(range(256)), MIXED_BYTES], ids=["latin1", "cp1252", "all-bytes", "mixed"])
def test_reading_then_writing_gives_the_same_bytes(data: bytes) -> None:
    encoding = detect(data)
    assert encode(decode(data, encoding), encoding) == data


@pytest.mark.parametrize("data", [LATIN1, MIXED_BYTES], ids=["latin1", "mixed"])
def test_every_output_is_valid_utf8_under_a_strict_stdout(tmp_path: Path, data: bytes) -> None:
    lib = _library(tmp_path, data)
    runs = [["--json", "list"], ["list"], ["show", "mueller2020"], ["--json", "show", "mueller2020"],
            ["search", "stra\u00dfen"], ["format"], ["format", "--to", "html"], ["--json", "format"],
            ["cite", "mueller2020"], ["shownotes"], ["lint"], ["--json", "lint"], ["dupes"]]
    runs += [["export", "--to", fmt] for fmt in ("bibtex", "biblatex", "csl-json", "ris", "zotero")]
    for args in runs:
        result = solicite("--library", str(lib), *args, env=STRICT)
        assert result.returncode in (0, 1), (args, result.stderr)
        # text=True decoded the output as UTF-8, strictly: an invalid byte would have raised there.
        assert "\ufffd" not in result.stdout, args
    listed = json.loads(solicite("--library", str(lib), "--json", "list", env=STRICT).stdout)
    authors = json.dumps(listed, ensure_ascii=False)
    assert "M\u00fcller" in authors and "\u00dcber Stra\u00dfen" in authors and "Ren\u00e9" in authors
    exported = solicite("--library", str(lib), "export", "--to", "csl-json", "-o", str(tmp_path / "out.json"), env=STRICT)
    assert exported.returncode == 0
    assert "\u00dcber Stra\u00dfen" in (tmp_path / "out.json").read_bytes().decode("utf-8")
    assert lib.read_bytes() == data


def test_resolve_does_not_crash_on_a_latin1_library(tmp_path: Path) -> None:
    lib = _library(tmp_path, LATIN1)
    env = {**STRICT, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    for command in ("resolve", "enrich"):
        result = solicite("--library", str(lib), command, "--offline", env=env)
        assert result.returncode in (0, 1, 4), result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert lib.read_bytes() == LATIN1


def test_lint_reports_the_encoding(tmp_path: Path) -> None:
    lib = _library(tmp_path, LATIN1)
    result = solicite("--library", str(lib), "--json", "lint", env=STRICT)
    data = json.loads(result.stdout)
    assert data["summary"]["encoding"] == "cp1252"
    assert any(f["code"] == "encoding" and "Windows-1252" in f["message"] for f in data["findings"])
    text = solicite("--library", str(lib), "lint", env=STRICT)
    assert "Windows-1252" in text.stdout + text.stderr
    utf8 = _library(tmp_path, LATIN1.decode("latin-1").encode("utf-8"))
    assert json.loads(solicite("--library", str(utf8), "--json", "lint").stdout)["summary"]["encoding"] == "utf-8"


def test_saves_keep_the_libraries_own_bytes(tmp_path: Path) -> None:
    lib = _library(tmp_path, LATIN1)
    new = tmp_path / "new.bib"
    new.write_text("@misc{neu2024,\n  author = {\u0141ukasz, \u00c9mile},\n  title = {Neu},\n  year = {2024},\n}\n",
                   encoding="utf-8")
    assert solicite("--library", str(lib), "add", str(new)).returncode == 0
    saved = lib.read_bytes()
    assert saved.startswith(LATIN1.rstrip(b"\n"))
    assert b"{\\L}ukasz, \xc9mile" in saved  # Latin-1 holds \u00c9; \u0141 is written as LaTeX
    shown = json.loads(solicite("--library", str(lib), "--json", "list", env=STRICT).stdout)
    assert any(r["key"] == "neu2024" for r in shown)
    assert solicite("--library", str(lib), "rm", "neu2024").returncode == 0
    assert lib.read_bytes() == LATIN1


def test_a_character_the_encoding_and_latex_cannot_hold_stops_the_save(tmp_path: Path) -> None:
    lib = _library(tmp_path, LATIN1)
    new = tmp_path / "new.bib"
    new.write_text("@misc{zh2024,\n  title = {\u4e2d\u6587},\n  year = {2024},\n}\n", encoding="utf-8")
    result = solicite("--library", str(lib), "add", str(new))
    assert result.returncode == 3 and result.stderr.count("\n") == 1 and "iconv" in result.stderr
    assert lib.read_bytes() == LATIN1


def test_a_mixed_library_keeps_its_stray_bytes(tmp_path: Path) -> None:
    lib = _library(tmp_path, MIXED_BYTES)
    assert solicite("--library", str(lib), "rm", "other2019").returncode == 0
    assert b"M\xfcller, J\xfcrgen" in lib.read_bytes()  # the stray Latin-1 bytes, unchanged
    loaded = bibfile.load(lib)
    assert loaded.encoding == MIXED
    assert loaded["mueller2020"].fields["title"] == "\u00dcber Stra\u00dfen"
    assert loaded["utf2022"].persons["author"][0].family == "M\u00fcller"
