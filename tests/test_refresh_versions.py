"""docs/async/fixes.md says refresh(obj, ["posts"]) loads a lazy relationship only from
SQLAlchemy 2.0.4 on: run that on 2.0.3 and 2.0.4, in throwaway environments that hold exactly
the pinned packages below (harness/throwaway.py: built with uv on first use, cached in
.cache/refresh-venvs/), and keep the sentence true.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from harness import throwaway

pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "data" / "refresh_lazy_probe.py"
CACHE = ROOT / ".cache" / "refresh-venvs"
PAGE = ROOT / "docs" / "async" / "fixes.md"
# What `python -m uv pip compile` resolved `sqlalchemy[asyncio]==V aiosqlite==0.22.1` to on
# 2026-12-02, for V = 2.0.3 and 2.0.4.
PINS = ["greenlet==3.5.6", "typing-extensions==4.16.0", "aiosqlite==0.22.1"]


def venv_python(version: str) -> Path:
    return throwaway.venv(
        CACHE / version,
        [f"sqlalchemy=={version}", *PINS],
        throwaway.line_of(Path(__file__), "PINS = "),
    )


def probe(version: str) -> dict:
    proc = subprocess.run(
        [str(venv_python(version)), str(PROBE)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_refresh_loads_a_lazy_relationship_from_2_0_4_on() -> None:
    before, after = probe("2.0.3"), probe("2.0.4")
    assert before == {"version": "2.0.3", "unloaded": ["posts"], "read": "MissingGreenlet"}, before
    assert after == {"version": "2.0.4", "unloaded": [], "read": ["first"]}, after
    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert "Not before SQLAlchemy 2.0.4" in text and "tests/test_refresh_versions.py" in text
