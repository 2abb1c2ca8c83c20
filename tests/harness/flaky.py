"""Run every test that starts a server, a worker or a browser N times; report failures per test.

Usage (scripts/flaky sets up the environment and calls this):

    python tests/harness/flaky.py [--count 20] [--out DIR] [-- PYTEST_ARGS...]

Each repetition is a separate ``pytest -m processes`` run (fresh servers, fresh browser), so a
failure that only shows on a cold start is seen too. The ``processes`` marker is set by
tests/conftest.py on every test that asks for the browser, the served site, a database or
Redis, and on every snippet that needs PostgreSQL, Redis or Celery workers. Each repetition
runs on pytest-xdist's workers (``-n auto --dist worksteal``, as scripts/test does), so tests
also meet each other's load; ``-n 0`` among PYTEST_ARGS runs them one at a time. PYTEST_ARGS
narrow the selection (``-k load``) or change how it runs. The table at the end lists each
test with its failures out of N and the first line of its first failure; the JUnit files of
every repetition stay in DIR. Exit status 1 if any test failed at least once.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
XDIST = ["-n", "auto", "--dist", "worksteal"]  # unless PYTEST_ARGS say -n


def main(argv: list[str]) -> int:
    if "--" in argv:
        cut = argv.index("--")
        argv, pytest_args = argv[:cut], argv[cut + 1 :]
    else:
        pytest_args = []
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20, help="repetitions (default 20)")
    parser.add_argument("--out", type=Path, help="folder for the JUnit files (default: a temp dir)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="flaky-"))
    out.mkdir(parents=True, exist_ok=True)

    runs: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    first_failure: dict[str, str] = {}
    seconds: dict[str, list[float]] = defaultdict(list)
    parallel = [] if any(a.startswith("-n") for a in pytest_args) else XDIST
    for n in range(1, args.count + 1):
        junit = out / f"run-{n:03d}.xml"
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "-m",
            "processes",
            "-q",
            "-p",
            "no:cacheprovider",
            *parallel,
            f"--junitxml={junit}",
            *pytest_args,
        ]
        started = time.monotonic()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        wall = time.monotonic() - started
        (out / f"run-{n:03d}.log").write_text(proc.stdout + proc.stderr)
        if not junit.exists():
            print(
                f"run {n}: pytest wrote no report (exit {proc.returncode}):\n{proc.stdout[-2000:]}"
            )
            return 2
        failed_now = 0
        for case in ET.parse(junit).iter("testcase"):
            name = f"{case.get('classname')}::{case.get('name')}"
            problem = case.find("failure")
            if problem is None:
                problem = case.find("error")
            if case.find("skipped") is not None:
                continue
            runs[name] += 1
            seconds[name].append(float(case.get("time") or 0))
            if problem is not None:
                failed_now += 1
                failures[name] += 1
                message = (problem.get("message") or problem.text or "").strip().splitlines()
                first_failure.setdefault(name, f"run {n}: {message[0][:160] if message else '?'}")
        print(
            f"run {n}/{args.count}: {len(runs)} tests, {failed_now} failed, {wall:.0f} s",
            flush=True,
        )

    if not runs:
        print("no test selected: nothing starts a server, worker or browser under these arguments")
        return 2
    width = max(len(name) for name in runs)
    print(f"\n{'test':<{width}}  failed/runs  median s")
    for name in sorted(runs, key=lambda k: (-failures[k], k)):
        times = sorted(seconds[name])
        print(
            f"{name:<{width}}  {failures[name]:>6}/{runs[name]:<4}  {times[len(times) // 2]:8.1f}"
        )
    for name, line in first_failure.items():
        print(f"  {name}: {line}")
    print(f"\nJUnit reports and logs: {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
