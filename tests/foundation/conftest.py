"""Fixtures shared by the foundation tests."""

import pytest
from click.testing import CliRunner

from solicite.cli.main import cli


@pytest.fixture()
def run(tmp_path, request):
    """Invoke the CLI on a library holding the test module's ``BIB``; output of a successful run."""
    lib = tmp_path / "lib.bib"
    lib.write_text(request.module.BIB, encoding="utf-8")

    def invoke(*args: str) -> str:
        result = CliRunner().invoke(cli, ["--library", str(lib), *args])
        assert result.exit_code == 0, result.output
        return result.stdout
    return invoke
