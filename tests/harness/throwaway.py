"""Throwaway environments for the tests that run releases this environment does not have.

tests/test_fastapi_versions.py, tests/test_refresh_versions.py and tests/test_sqlalchemy_14.py
run a probe on other releases of FastAPI or SQLAlchemy. Each names every package its probe
needs, pinned (``name==version``: what a fresh install of that release resolved to), and uv
(from requirements.in) installs exactly those, with ``--no-deps`` and compiled bytecode, so
nothing unpinned gets in and a rerun next month probes the same releases.

- ``venv()``: a virtual environment with the pins and nothing else (SQLAlchemy 1.4, and the
  two 2.0 releases of the refresh probe: two or four packages each).
- ``overlay()``: this interpreter, with the pins it lacks (or has in another version) first
  on ``PYTHONPATH``, each installed once into a directory of its own and shared by every
  probe that pins it (the FastAPI probe: its seven releases share pydantic, SQLAlchemy 2.1
  and the rest with this environment). A child with that ``PYTHONPATH`` checks that it sees
  every pin at its version and that each pinned package's requirements hold there.

Each is cached in .cache/ (git-ignored) with a stamp of what it holds, and built under a file
lock, so two pytest-xdist workers (or two pytest runs) never build one at once. An install
that fails fails the test with uv's message.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from contextlib import AbstractContextManager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from harness import locks

ROOT = Path(__file__).resolve().parents[2]
INSTALL_TIMEOUT = 300  # seconds for one uv install

# Run in a child with the overlay's PYTHONPATH: which pins does it not see as pinned, and which
# requirement of a pinned package does not hold there? Prints a JSON list of sentences.
CHECK = r"""
import json, sys
from importlib.metadata import PackageNotFoundError, distribution
from packaging.requirements import Requirement

def seen(name):
    try:
        return distribution(name)
    except PackageNotFoundError:
        return None

problems = []
for name, pinned in json.loads(sys.argv[1]).items():
    dist = seen(name)
    if dist is None or dist.version != pinned:
        where = f"{dist.version} in {dist.locate_file('')}" if dist else "nothing"
        problems.append(f"{name}=={pinned} is pinned, but the child sees {where}")
        continue
    for text in dist.requires or []:
        req = Requirement(text)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        other = seen(req.name)
        if other is None or not req.specifier.contains(other.version, prereleases=True):
            got = other.version if other else "nothing"
            problems.append(f"{name} {pinned} requires {text}, but the child sees {got}")
print(json.dumps(problems))
"""


def line_of(path: Path, text: str) -> str:
    """``path:line`` of the first line of ``path`` that contains ``text``: where pins are."""
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next((i for i, found in enumerate(lines, 1) if text in found), 1)
    return f"{path.relative_to(ROOT)}:{line}"


def locked(directory: Path) -> AbstractContextManager[None]:
    """An exclusive lock on ``<directory>.lock``: other workers wait, they do not race."""
    return locks.held(directory.parent / f"{directory.name}.lock")


def uv_install(args: list[str], pins: list[str], where: str) -> None:
    """``uv pip install --no-deps`` (run from this environment); a failure fails the test."""
    command = [
        sys.executable,
        "-m",
        "uv",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--compile-bytecode",
        *args,
        *pins,
    ]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"{where}: installing {' '.join(pins)} took more than {INSTALL_TIMEOUT} s",
            pytrace=False,
        )
    if proc.returncode != 0:
        pytest.fail(
            f"{where}: cannot install {' '.join(pins)} (uv pip install --no-deps); uv said:\n"
            f"{proc.stdout[-2000:]}{proc.stderr[-3000:]}",
            pytrace=False,
        )


def _stamped(directory: Path, stamp: str) -> bool:
    path = directory / "throwaway-stamp.json"
    return path.exists() and path.read_text(encoding="utf-8") == stamp


def venv(directory: Path, pins: list[str], where: str) -> Path:
    """The Python of a virtual environment in ``directory`` with exactly ``pins``.

    ``where`` (file:line of the pins) starts the failure message when they cannot be
    installed or do not fit together (``uv pip check``).
    """
    python = directory / "bin" / "python"
    # The venv's Python is the base interpreter under this one (.venv or .venv-sqlalchemy-2.0).
    stamp = json.dumps({"python": [sys.base_prefix, sys.version], "pins": pins})
    with locked(directory):
        if python.exists() and _stamped(directory, stamp):
            return python
        shutil.rmtree(directory, ignore_errors=True)
        subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", str(directory)], check=True, timeout=60
        )
        try:
            uv_install(["--python", str(python)], pins, where)
            check = subprocess.run(
                [sys.executable, "-m", "uv", "pip", "check", "--quiet", "--python", str(python)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            if check.returncode != 0:
                pytest.fail(
                    f"{where}: the pins do not fit together; uv pip check said:\n"
                    f"{check.stdout}{check.stderr}",
                    pytrace=False,
                )
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        (directory / "throwaway-stamp.json").write_text(stamp, encoding="utf-8")
    return python


def _has(name: str, pinned: str) -> bool:
    try:
        return version(name) == pinned
    except PackageNotFoundError:
        return False


def overlay(directory: Path, pins: dict[str, str], where: str) -> dict[str, str]:
    """The environment variables under which this interpreter (``sys.executable``) imports
    exactly ``pins`` ({name: version}).

    Each pin it lacks (or has in another version) is installed on its own into
    ``directory/<name>-<version>``, shared by every caller that pins the same release, and
    those directories go first on ``PYTHONPATH``. Checked in a child the first time (and
    whenever which pins come from the overlay changes); ``where`` (file:line of the pins)
    starts the failure message.
    """
    paths = []
    for name, pinned in pins.items():
        if _has(name, pinned):
            continue
        target = directory / f"{name}-{pinned}"
        stamp = json.dumps({"python": sys.executable, "pin": f"{name}=={pinned}"})
        with locked(target):
            if not _stamped(target, stamp):
                shutil.rmtree(target, ignore_errors=True)
                try:
                    uv_install(
                        ["--python", sys.executable, "--target", str(target)],
                        [f"{name}=={pinned}"],
                        where,
                    )
                except BaseException:
                    shutil.rmtree(target, ignore_errors=True)
                    raise
                (target / "throwaway-stamp.json").write_text(stamp, encoding="utf-8")
        paths.append(str(target))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [*paths, env.get("PYTHONPATH")]))
    # The check's answer depends only on the interpreter, the pins and which of them come
    # from the overlay (this environment's version of a pin decides that), so one pass per
    # combination is enough: a warm run does not pay ~0.3 s of CPU per probe for it again.
    key = json.dumps([sys.executable, pins, paths, env["PYTHONPATH"]])
    checked = directory / "checked" / hashlib.sha256(key.encode()).hexdigest()[:20]
    if checked.exists():
        return env
    proc = subprocess.run(
        [sys.executable, "-c", CHECK, json.dumps(pins)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if proc.returncode != 0 or json.loads(proc.stdout):
        problems = json.loads(proc.stdout) if proc.returncode == 0 else [proc.stderr[-3000:]]
        pytest.fail(
            f"{where}: the pinned set does not hold where the probe runs "
            f"(PYTHONPATH={env['PYTHONPATH']}):\n  " + "\n  ".join(problems),
            pytrace=False,
        )
    checked.parent.mkdir(parents=True, exist_ok=True)
    checked.write_text(key, encoding="utf-8")
    return env
