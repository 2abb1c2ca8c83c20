"""When a yield dependency's exit code runs, on several FastAPI releases.

docs/fastapi/session-dependency.md shows a table of the order of events (endpoint,
serialisation, response sent, background task, code after ``yield``) per FastAPI release and
dependency scope. This test runs tests/fastapi_probe/probe.py on each release, builds the
table from what the probe recorded, and fails if the page shows anything else.
``--update-examples`` rewrites the table on the page.

Each release runs with every package a fresh install of it resolves to, at that version
(RELEASES pins each one): this interpreter, with those it lacks or has in another version
(FastAPI, Starlette, httpx, anyio, ...) first on PYTHONPATH, each installed once by uv into
.cache/fastapi-overlays/<venv>/<package>-<version> (git-ignored). A child with that PYTHONPATH
checks, once, that it sees every pin and that their requirements hold (harness/throwaway.py).
Only the first run installs; the probes run every time, two at once. A release that cannot be
installed fails the test with uv's message: the page must not show a row that no run produced.

What a clean environment would not have stays importable (this environment's own packages,
e.g. httpx2, which Starlette 1.x's TestClient then uses instead of httpx). On 2026-12-02 the
probe printed the same JSON for every release here as in a fresh venv per release (pip, no
pins), and the table did not change.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from harness import snippets, throwaway

ROOT = snippets.ROOT
PAGE = ROOT / "docs" / "fastapi" / "session-dependency.md"
PROBE = ROOT / "tests" / "fastapi_probe" / "probe.py"
CACHE = ROOT / ".cache" / "fastapi-overlays"
TABLE_START = "<!-- fastapi-order:start -->"
TABLE_END = "<!-- fastapi-order:end -->"

# One release on each side of every change the issue names (0.106, 0.118, 0.121), and the
# current one. Each with every package that
#     printf 'fastapi==X\nsqlalchemy==2.1.9\nhttpx==Y\n' | python -m uv pip compile -
# resolved to on 2026-12-02 (the same set pip installed into a fresh venv that day), so a
# rerun probes the same releases; edit a set only with what that command prints.
# Older Starlette TestClients pass app= to httpx.Client, which httpx 0.28 dropped.
COMMON = {
    "sqlalchemy": "2.1.9",
    "pydantic": "2.14.4",
    "pydantic-core": "2.50.5",
    "annotated-types": "0.8.0",
    "typing-extensions": "4.16.0",
    "typing-inspection": "0.4.5",
    "httpcore": "1.0.9",
    "h11": "0.16.0",
    "certifi": "2026.10.19.post1",
    "idna": "3.20",
}
OLD_HTTPX = {"httpx": "0.27.2", "sniffio": "1.3.1"}
RELEASES: dict[str, dict[str, str]] = {
    "0.105.0": {**COMMON, **OLD_HTTPX, "starlette": "0.27.0", "anyio": "3.7.1"},
    "0.106.0": {**COMMON, **OLD_HTTPX, "starlette": "0.27.0", "anyio": "3.7.1"},
    "0.117.1": {**COMMON, **OLD_HTTPX, "starlette": "0.48.0", "anyio": "4.16.0"},
    "0.118.0": {**COMMON, **OLD_HTTPX, "starlette": "0.48.0", "anyio": "4.16.0"},
    "0.120.4": {
        **COMMON,
        **OLD_HTTPX,
        "starlette": "0.49.3",
        "anyio": "4.16.0",
        "annotated-doc": "0.0.7",
    },
    "0.121.0": {
        **COMMON,
        **OLD_HTTPX,
        "starlette": "0.49.3",
        "anyio": "4.16.0",
        "annotated-doc": "0.0.7",
    },
    "0.165.0": {
        **COMMON,
        "httpx": "0.28.1",
        "starlette": "1.10.0",
        "anyio": "4.16.0",
        "annotated-doc": "0.0.7",
        "opentelemetry-api": "1.45.2",
    },
}
PROBE_TIMEOUT = 60
WORKERS = 2  # probes at once


def probe(version: str) -> dict:
    pins = {"fastapi": version, **RELEASES[version]}
    where = throwaway.line_of(Path(__file__), f'"{version}": ')
    # Per interpreter: .venv and .venv-sqlalchemy-2.0 lack different packages.
    env = throwaway.overlay(CACHE / Path(sys.prefix).name.lstrip("."), pins, where)
    proc = subprocess.run(
        [sys.executable, str(PROBE)],
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT,
        cwd=ROOT,
        env=env,
    )
    if proc.returncode != 0:
        pytest.fail(
            f"{PROBE.relative_to(ROOT)} failed on FastAPI {version}:\n{proc.stderr}", pytrace=False
        )
    result = json.loads(proc.stdout)
    assert (result["fastapi"], result["starlette"]) == (version, pins["starlette"]), result
    return result


def describe(run: dict) -> tuple[str, str]:
    """(order of events, what the background task saw) for one probe run."""
    events = [e for e in run["events"] if e != "TestClient returns"]
    order = " → ".join(events)
    task = run["task"]
    name = task["user.name"]
    seen = (
        f"{task['state']}; `user.name` {'raises ' + name if name.isidentifier() else '= ' + name}"
    )
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
        for scope, label in (
            ("default", "`Depends(get_session)`"),
            ("function", '`Depends(get_session, scope="function")`'),
        ):
            runs = result["runs"][scope]
            if runs == "not available":
                row = [result["fastapi"], result["starlette"], label, "not available", ""]
            else:
                sync, async_ = describe(runs["sync"]), describe(runs["async"])
                if sync == async_:
                    row = [result["fastapi"], result["starlette"], label, *sync]
                else:  # never seen so far; the table then says so
                    row = [
                        result["fastapi"],
                        result["starlette"],
                        label,
                        f"sync: {sync[0]}; async: {async_[0]}",
                        f"sync: {sync[1]}; async: {async_[1]}",
                    ]
            lines.append("| " + " | ".join(row) + " |")
    lines += ["", TABLE_END]
    return "\n".join(lines)


@pytest.mark.once
def test_fastapi_order_table(request):
    started = time.monotonic()
    results = []
    with ThreadPoolExecutor(WORKERS) as pool:  # results in RELEASES order
        probed = list(pool.map(probe, RELEASES))
    for version, result in zip(RELEASES, probed, strict=True):
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
