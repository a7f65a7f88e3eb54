"""``shownotes`` with any CSL style, the library's order per section, and year suffixes over the page.

Expected lines are written by hand from the styles' rules (APA: "Author, A. (Year). Title. *Journal*.";
the small numbered style below: "N. Family, G. Title."), not taken from the engine's output.
"""

from __future__ import annotations

from click.testing import CliRunner

from solicite.cli.main import cli

BIB = """@article{zeta, author={Bauder, Harald}, title={Zeta paper}, journal={J}, year={2021}, keywords={Migration}}
@misc{org, title={Some Org}, url={https://org.example/}, keywords={Migration}}
@article{alpha, author={Bauder, Harald}, title={Alpha paper}, journal={J}, year={2021}, keywords={Migration}}
@article{crane, author={Crane, Ann}, title={Cities}, journal={K}, year={2019}, keywords={Cities}}
"""

NUMBERED = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography><layout suffix=".">
    <text variable="citation-number" suffix=". "/>
    <group delimiter=". "><names variable="author"><name name-as-sort-order="all" initialize-with=". "/></names>
    <text variable="title"/></group>
  </layout></bibliography>
</style>
"""


def _run(tmp_path, bib: str, *args: str):
    path = tmp_path / "lib.bib"
    path.write_text(bib, encoding="utf-8")
    return CliRunner().invoke(cli, ["--library", str(path), "shownotes", *args])


def test_sections_keep_the_library_order_unless_sort(tmp_path):
    r = _run(tmp_path, BIB)
    assert r.exit_code == 0, r.output
    lines = [line for line in r.output.splitlines() if line.startswith("- ")]
    assert lines == ["- [Some Org](https://org.example/)",
                     "- Bauder, H. (2021b). Zeta paper. *J*.",
                     "- Bauder, H. (2021a). Alpha paper. *J*.",
                     "- Crane, A. (2019). Cities. *K*."]
    r = _run(tmp_path, BIB, "--sort")
    lines = [line for line in r.output.splitlines() if line.startswith("- ")]
    assert lines[1:3] == ["- Bauder, H. (2021a). Alpha paper. *J*.", "- Bauder, H. (2021b). Zeta paper. *J*."]


def test_any_csl_style_file_runs_through_the_engine(tmp_path):
    csl = tmp_path / "numbered.csl"
    csl.write_text(NUMBERED, encoding="utf-8")
    r = _run(tmp_path, BIB, "--style", str(csl))
    assert r.exit_code == 0, r.output
    # Numbered over what the page prints as references (the link-only entry has no number).
    assert "## Migration\n\n- [Some Org](https://org.example/)\n- 1. Bauder, H. Zeta paper.\n" \
           "- 2. Bauder, H. Alpha paper.\n\n## Cities\n\n- 3. Crane, A. Cities." == r.output.rstrip()


def test_unknown_style_is_one_error_line(tmp_path):
    r = _run(tmp_path, BIB, "--style", "no-such-style-anywhere")
    assert r.exit_code == 2
    assert r.output.startswith("solicite: error: cannot use the CSL style no-such-style-anywhere")
    assert "Traceback" not in r.output


def test_year_suffixes_count_only_printed_references(tmp_path):
    # Two undated "Some Org" entries share APA's author position; one is printed as a plain link,
    # so the other is "(n.d.)", not "(n.d.-b)" without an "(n.d.-a)" on the page.
    bib = ("@misc{org, title={Some Org}, url={https://org.example/}, keywords={Groups}}\n"
           "@misc{rep, title={Some Org}, publisher={Org Press}, url={https://org.example/r}, keywords={Groups}}\n")
    r = _run(tmp_path, bib, "--titles", "as-written")  # "Org" is no word a sentence-case reading knows
    assert r.exit_code == 0, r.output
    assert "- *Some Org*. (n.d.). Org Press. <https://org.example/r>" in r.output
    assert "n.d.-" not in r.output
