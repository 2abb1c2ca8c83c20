"""Fetch and verify what the site's "Run" buttons run: Pyodide and the SQLAlchemy wheels.

    python scripts/browser_runtime.py           fetch what is missing or stale, then verify
    python scripts/browser_runtime.py --check   verify only; exit 1 and say what to run

Everything lands in docs/assets/pyodide/ (ignored by git), which the site serves as it is,
so a reader's browser asks no other host for anything:

- from the npm registry, the tarball of the `pyodide` package at PYODIDE_VERSION, checked
  against PYODIDE_SHA256 before anything is taken out of it (the interpreter, its standard
  library, its lock file);
- from PyPI, through pip with --require-hashes, the pure-Python wheels that
  requirements-browser.txt pins with their sha256 (SQLAlchemy as requirements.txt pins it).

runtime.json, written last, lists every file with its sha256 and the pins it came from. The
site build (hooks/run_in_browser.py) calls verify() and fails, naming this command, when a
file is missing, changed, or came from other pins. scripts/test and scripts/serve run this
script (through scripts/_env.sh); so does the docs workflow.

To update Pyodide: change PYODIDE_VERSION, take the tarball's sha256
(`npm pack pyodide@X` or download the URL below, then `sha256sum`) into PYODIDE_SHA256,
and run scripts/test: tests/test_run_in_browser.py runs every runnable snippet in Chromium.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "assets" / "pyodide"
REQUIREMENTS = ROOT / "requirements-browser.txt"
RUNTIME_JSON = "runtime.json"

PYODIDE_VERSION = "314.0.7"
PYODIDE_URL = f"https://registry.npmjs.org/pyodide/-/pyodide-{PYODIDE_VERSION}.tgz"
PYODIDE_SHA256 = "66b7949e5a0cba2250b586d7e368bf12fb482800748d182c4618254b685ffaa0"
# What the worker needs from the package (the rest is TypeScript types, source maps, demos).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "package.json",  # its "license" field: MPL-2.0
)
# The wheels are built for no platform in particular; pip is told which Python will run them.
PIP_TARGET = ["--platform", "any", "--python-version", "3.14", "--implementation", "py"]


class RuntimeProblem(Exception):
    """The runtime is missing, changed, or stale; the message says what to run."""


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pins() -> dict:
    """The pins the files must come from: Pyodide's tarball and requirements-browser.txt."""
    text = REQUIREMENTS.read_text(encoding="utf-8")
    wheels = {}
    for name, version, digest in re.findall(
        r"^([A-Za-z0-9_.-]+)==(\S+)\s*\\\s*--hash=sha256:([0-9a-f]{64})", text, re.M
    ):
        wheels[name.lower().replace("_", "-")] = {"version": version, "sha256": digest}
    if "sqlalchemy" not in wheels:
        raise RuntimeProblem(f"{REQUIREMENTS.name} pins no sqlalchemy==X --hash=sha256:...")
    return {
        "pyodide": {"version": PYODIDE_VERSION, "url": PYODIDE_URL, "sha256": PYODIDE_SHA256},
        "wheels": wheels,
    }


def verify(target: Path = TARGET) -> dict:
    """The runtime record, after checking every file against it and the record against the
    pins. Raises RuntimeProblem naming the fix."""
    fix = "run `python scripts/browser_runtime.py` (scripts/test and scripts/serve do it)"
    record_path = target / RUNTIME_JSON
    if not record_path.is_file():
        raise RuntimeProblem(
            f"the in-browser Python (Pyodide and the SQLAlchemy wheels) is missing from "
            f"{_shown(record_path.parent)}/: {fix}"
        )
    record = json.loads(record_path.read_text(encoding="utf-8"))
    if record.get("pins") != pins():
        raise RuntimeProblem(
            f"{_shown(record_path)} was fetched for other pins than "
            f"scripts/browser_runtime.py and {REQUIREMENTS.name} name now: {fix}"
        )
    for name, digest in record["files"].items():
        path = target / name
        if not path.is_file():
            raise RuntimeProblem(f"{_shown(path)} is missing: {fix}")
        if file_sha256(path) != digest:
            raise RuntimeProblem(f"{_shown(path)} does not match its sha256: {fix}")
    return record


def _download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "session-guide-setup"})
    last: Exception | None = None
    for _ in range(3):
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.read()
        except OSError as error:  # a flaky network gets two more tries
            last = error
    raise RuntimeProblem(f"could not download {url}: {last}")


def fetch(target: Path = TARGET) -> dict:
    """Download into a temporary folder, verify, then replace ``target`` with it."""
    wanted = pins()
    with tempfile.TemporaryDirectory(dir=target.parent if target.parent.exists() else None) as tmp:
        staging = Path(tmp) / "pyodide"
        staging.mkdir()

        tarball = _download(PYODIDE_URL)
        got = sha256(tarball)
        if got != PYODIDE_SHA256:
            raise RuntimeProblem(
                f"{PYODIDE_URL} has sha256 {got}, not the pinned {PYODIDE_SHA256}: refusing it"
            )
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            for name in PYODIDE_FILES:
                member = archive.extractfile(f"package/{name}")
                if member is None:
                    raise RuntimeProblem(f"the Pyodide tarball has no package/{name}")
                (staging / name).write_bytes(member.read())

        wheels = staging / "wheels"
        command = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
        ]
        command += ["--no-deps", "--only-binary=:all:", *PIP_TARGET, "--require-hashes"]
        command += ["-r", str(REQUIREMENTS), "-d", str(wheels)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeProblem(f"pip download failed:\n{result.stdout}{result.stderr}")
        wheel_files = sorted(p.name for p in wheels.glob("*.whl"))
        if len(wheel_files) != len(wanted["wheels"]):
            raise RuntimeProblem(f"expected {len(wanted['wheels'])} wheels, pip gave {wheel_files}")

        lock = json.loads((staging / "pyodide-lock.json").read_text(encoding="utf-8"))
        files = {
            p.relative_to(staging).as_posix(): file_sha256(p)
            for p in sorted(staging.rglob("*"))
            if p.is_file()
        }
        record = {
            "pins": wanted,
            "pyodide": PYODIDE_VERSION,
            "python": lock["info"]["python"],
            "sqlalchemy": wanted["wheels"]["sqlalchemy"]["version"],
            "wheels": [f"wheels/{name}" for name in wheel_files],
            "files": files,
        }
        (staging / RUNTIME_JSON).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        verify(staging)
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), str(target))
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="verify only, download nothing")
    args = parser.parse_args(argv)
    try:
        try:
            record = verify()
        except RuntimeProblem:
            if args.check:
                raise
            print(
                f"setup: fetching Pyodide {PYODIDE_VERSION} and the SQLAlchemy wheels",
                file=sys.stderr,
            )
            record = fetch()
    except RuntimeProblem as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    size = sum((TARGET / name).stat().st_size for name in record["files"])
    print(
        f"browser runtime: Pyodide {record['pyodide']} (Python {record['python']}), "
        f"SQLAlchemy {record['sqlalchemy']}, {len(record['files'])} files, "
        f"{size / 1e6:.1f} MB, sha256 verified",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
