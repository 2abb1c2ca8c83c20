"""docs/async/fixes.md says refresh(obj, ["posts"]) loads a lazy relationship only from
SQLAlchemy 2.0.4 on: run that on 2.0.3 and 2.0.4, in throwaway environments cached in
.cache/refresh-venvs/ (built on first use from PyPI), and keep the sentence true.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "data" / "refresh_lazy_probe.py"
CACHE = ROOT / ".cache" / "refresh-venvs"
PAGE = ROOT / "docs" / "async" / "fixes.md"


def venv_python(version: str) -> Path:
    venv = CACHE / version
    python = venv / "bin" / "python"
    stamp = venv / "installed"
    wanted = f"sqlalchemy[asyncio]=={version} aiosqlite==0.22.1"
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
         "--disable-pip-version-check", *wanted.split()],
        capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        pytest.fail(f"could not install {wanted}:\n{proc.stderr[-3000:]}", pytrace=False)
    stamp.write_text(wanted, encoding="utf-8")
    return python


def probe(version: str) -> dict:
    proc = subprocess.run(
        [str(venv_python(version)), str(PROBE)], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_refresh_loads_a_lazy_relationship_from_2_0_4_on() -> None:
    before, after = probe("2.0.3"), probe("2.0.4")
    assert before == {"version": "2.0.3", "unloaded": ["posts"], "read": "MissingGreenlet"}, before
    assert after == {"version": "2.0.4", "unloaded": [], "read": ["first"]}, after
    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert "Not before SQLAlchemy 2.0.4" in text and "tests/test_refresh_versions.py" in text
