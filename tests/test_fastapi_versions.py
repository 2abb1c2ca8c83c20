"""When a yield dependency's exit code runs, on several FastAPI releases.

docs/fastapi/session-dependency.md shows a table of the order of events (endpoint,
serialisation, response sent, background task, code after ``yield``) per FastAPI release and
dependency scope. This test installs each release into a throwaway virtual environment, runs
tests/fastapi_probe/probe.py there, builds the table from what the probe recorded, and fails
if the page shows anything else. ``--update-examples`` rewrites the table on the page.

The environments are cached in .cache/fastapi-venvs/<version> (git-ignored), so only the
first run installs; the probe runs every time. A release that cannot be installed fails the
test with pip's message: the page must not show a row that no run produced.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time

import pytest

from harness import snippets

ROOT = snippets.ROOT
PAGE = ROOT / "docs" / "fastapi" / "session-dependency.md"
PROBE = ROOT / "tests" / "fastapi_probe" / "probe.py"
CACHE = ROOT / ".cache" / "fastapi-venvs"
TABLE_START = "<!-- fastapi-order:start -->"
TABLE_END = "<!-- fastapi-order:end -->"

# One release on each side of every change the issue names (0.106, 0.118, 0.121), and the
# current one. Older Starlette TestClients pass app= to httpx.Client, which httpx 0.28 dropped.
SQLALCHEMY = "sqlalchemy==2.1.9"
OLD_HTTPX = "httpx==0.27.2"
RELEASES: dict[str, list[str]] = {
    "0.105.0": [OLD_HTTPX],
    "0.106.0": [OLD_HTTPX],
    "0.117.1": [OLD_HTTPX],
    "0.118.0": [OLD_HTTPX],
    "0.120.4": [OLD_HTTPX],
    "0.121.0": [OLD_HTTPX],
    "0.165.0": ["httpx==0.28.1"],
}
INSTALL_TIMEOUT = 300  # seconds for one pip install
PROBE_TIMEOUT = 60


def venv_python(version: str) -> str:
    """The Python of a cached environment with FastAPI `version`; built on first use."""
    requirements = [f"fastapi=={version}", SQLALCHEMY, *RELEASES[version]]
    target = CACHE / version
    python = target / "bin" / "python"
    marker = target / "requirements.json"
    if python.exists() and marker.exists() and json.loads(marker.read_text()) == requirements:
        return str(python)
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(target)],
        check=True,
        timeout=60,
    )
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
             "--disable-pip-version-check", *requirements],
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        shutil.rmtree(target, ignore_errors=True)
        pytest.fail(
            f"installing {' '.join(requirements)} took more than {INSTALL_TIMEOUT} s",
            pytrace=False,
        )
    if proc.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        pytest.fail(
            f"cannot install {' '.join(requirements)} into a throwaway environment; the FastAPI "
            f"version table needs every release in RELEASES (tests/test_fastapi_versions.py). "
            f"pip said:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}",
            pytrace=False,
        )
    marker.write_text(json.dumps(requirements))
    return str(python)


def probe(version: str) -> dict:
    python = venv_python(version)
    proc = subprocess.run(
        [python, str(PROBE)], capture_output=True, text=True, timeout=PROBE_TIMEOUT, cwd=ROOT
    )
    if proc.returncode != 0:
        pytest.fail(f"{PROBE.relative_to(ROOT)} failed on FastAPI {version}:\n{proc.stderr}",
                    pytrace=False)
    result = json.loads(proc.stdout)
    assert result["fastapi"] == version, result["fastapi"]
    return result


def describe(run: dict) -> tuple[str, str]:
    """(order of events, what the background task saw) for one probe run."""
    events = [e for e in run["events"] if e != "TestClient returns"]
    order = " → ".join(events)
    task = run["task"]
    name = task["user.name"]
    seen = f"{task['state']}; `user.name` {'raises ' + name if name.isidentifier() else '= ' + name}"
    return order, seen


def render_table(results: list[dict]) -> str:
    lines = [
        TABLE_START,
        "",
        "| FastAPI | Starlette | Dependency | Order of events after the request arrives "
        "| `user` in the background task |",
        "|---|---|---|---|---|",
    ]
    for result in results:
        for scope, label in (("default", "`Depends(get_session)`"),
                             ("function", '`Depends(get_session, scope="function")`')):
            runs = result["runs"][scope]
            if runs == "not available":
                row = [result["fastapi"], result["starlette"], label, "not available", ""]
            else:
                sync, async_ = describe(runs["sync"]), describe(runs["async"])
                if sync == async_:
                    row = [result["fastapi"], result["starlette"], label, *sync]
                else:  # never seen so far; the table then says so
                    row = [result["fastapi"], result["starlette"], label,
                           f"sync: {sync[0]}; async: {async_[0]}",
                           f"sync: {sync[1]}; async: {async_[1]}"]
            lines.append("| " + " | ".join(row) + " |")
    lines += ["", TABLE_END]
    return "\n".join(lines)


@pytest.mark.once
def test_fastapi_order_table(request):
    started = time.monotonic()
    results = []
    for version in RELEASES:
        result = probe(version)
        # The probe also records that TestClient returns only after everything, on every release.
        for runs in result["runs"].values():
            if runs != "not available":
                for run in runs.values():
                    assert run["status"] == 200, (version, run)
                    assert run["events"][-1] == "TestClient returns", (version, run)
        results.append(result)
    table = render_table(results)
    text = PAGE.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.S)
    found = pattern.search(text)
    where = PAGE.relative_to(ROOT)
    if not found:
        pytest.fail(f"{where}:1: no {TABLE_START} marker", pytrace=False)
    print(f"FastAPI versions probed in {time.monotonic() - started:.1f} s")
    if found.group(0) == table:
        return
    if request.config.getoption("update_examples"):
        PAGE.write_text(pattern.sub(lambda _: table, text), encoding="utf-8")
        return
    start_line = text[: found.start()].count("\n") + 1
    current = found.group(0).splitlines()
    wanted = table.splitlines()
    offset = next(
        (i for i, (a, b) in enumerate(zip(current, wanted, strict=False)) if a != b),
        min(len(current), len(wanted)),
    )
    got = current[offset] if offset < len(current) else "(end of table)"
    want = wanted[offset] if offset < len(wanted) else "(end of table)"
    pytest.fail(
        f"{where}:{start_line + offset}: the FastAPI order table differs from the runs "
        f"(run pytest with --update-examples to rewrite it)\n  page: {got}\n  runs: {want}",
        pytrace=False,
    )
