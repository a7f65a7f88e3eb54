"""The GitHub Action (action.yml) and the pre-commit hooks, run here as far as a runner is not needed.

The Action's own shell steps are taken from action.yml and run with bash, with the variables
a runner sets (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY...) pointing at files, against the loopback
server; the steps that are other actions (setup-python, cache) are checked for their wiring.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the Action's steps are bash")


def step(name_part: str) -> dict:
    return next(s for s in STEPS if name_part in s.get("name", ""))


def run_step(s: dict, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    """Run one `run:` step as a runner would (bash -e), ${{ }} expressions already given in env."""
    assert "${{" not in s["run"], "inputs must reach the script through env, never pasted into it"
    path = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s["run"]], cwd=cwd,
                          env={**os.environ, "PATH": path, **env}, capture_output=True, text=True, timeout=60)


def check_env(tmp_path: Path, server, files: str, args: str = "", fmt: str = "json", output: str = "") -> dict:
    (tmp_path / "out").write_text("")
    (tmp_path / "summary.md").write_text("")
    services = f"--doi-api {server.url('/api/handles/')} --retries 0 --timeout 2"
    return {"INPUT_FILES": files, "INPUT_ARGS": f"{args} {services}", "INPUT_FORMAT": fmt, "INPUT_OUTPUT": output,
            "SOLICITE_CACHE_DIR": str(tmp_path / "cache"), "GITHUB_OUTPUT": str(tmp_path / "out"),
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "GITHUB_ACTION_PATH": str(ROOT)}


def outputs(tmp_path: Path) -> dict:
    return dict(line.split("=", 1) for line in (tmp_path / "out").read_text().splitlines())


def test_inputs_and_composite_shape():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) >= {"files", "args", "fail", "format", "output"}
    assert all(s.get("shell") == "bash" for s in STEPS if "run" in s)


def test_installs_solicite_from_the_actions_own_path():
    install = step("Install")
    assert '"$GITHUB_ACTION_PATH"' in install["run"] and "pip install" in install["run"]


def test_cache_is_restored_and_saved_even_when_links_are_broken():
    restore, save = step("Restore"), step("Save")
    assert restore["uses"].startswith("actions/cache/restore@") and save["uses"].startswith("actions/cache/save@")
    assert save["if"] == "always()"
    assert restore["with"]["path"] == save["with"]["path"] == step("Check links")["env"]["SOLICITE_CACHE_DIR"]
    assert restore["with"]["key"] == save["with"]["key"]
    assert STEPS.index(restore) < STEPS.index(step("Check links")) < STEPS.index(save) < STEPS.index(step("Pass or"))
    assert step("Pass or")["if"] == "always()"


def test_check_step_writes_annotations_summary_and_report(server, tmp_path):
    page = tmp_path / "notes.md"
    page.write_text(f"# Notes\n\n- [good]({server.url('/ok/a1')})\n- [gone]({server.url('/status/404')})\n")
    env = check_env(tmp_path, server, "*.md", fmt="junit", output="links.xml")
    done = run_step(step("Check links"), env, tmp_path)
    assert done.returncode == 0, done.stderr  # the step records the status; the last step decides
    assert outputs(tmp_path)["exit-code"] == "1"
    assert re.search(r"^::error file=notes\.md,line=4,title=broken link::", done.stdout, re.M), done.stdout
    summary = (tmp_path / "summary.md").read_text()
    assert summary.startswith("## Link check") and "| broken |" in summary
    assert (tmp_path / "links.xml").read_text().startswith("<?xml")
    assert any((tmp_path / "cache").iterdir())  # verdicts kept for the next run


def test_check_step_passes_on_good_links(server, tmp_path):
    (tmp_path / "a.md").write_text(f"<{server.url('/ok/a2')}>\n")
    done = run_step(step("Check links"), check_env(tmp_path, server, "a.md"), tmp_path)
    assert done.returncode == 0 and outputs(tmp_path)["exit-code"] == "0", done.stderr


@pytest.mark.parametrize("code, fail, expected", [("0", "true", 0), ("1", "true", 1), ("1", "false", 0),
                                                   ("4", "false", 4), ("2", "true", 2), ("", "true", 70)])
def test_pass_or_fail_step(tmp_path, code, fail, expected):
    done = run_step(step("Pass or"), {"CODE": code, "FAIL": fail}, tmp_path)
    assert done.returncode == expected
    if expected:
        assert done.stdout.startswith("::error::")


def test_pre_commit_hooks_run_solicite_check_with_a_deadline():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["solicite-check", "solicite-check-library"]
    for hook in hooks:
        assert hook["entry"] == "solicite check" and hook["language"] == "python"
        assert hook["args"][:2] == ["--deadline", "60s"]
        assert {"name", "entry", "language"} <= set(hook)
