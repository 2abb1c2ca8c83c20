"""Run a script the way a reader does after "Copy whole script", and say what it should print.

``ReaderRuns(directory).get(text, filename, needs)`` saves ``text`` as ``filename`` in a new,
empty temporary directory and runs ``python filename`` there with this interpreter (the
project's virtual environment: what ``pip install -r requirements.txt`` gives a reader), in
an environment without the test run's own variables, plus ``DATABASE_URL`` / ``REDIS_URL``
of the suite's servers (``harness.services``) when the block's title bar says the script
needs PostgreSQL or Redis. Each distinct text runs once per pytest run (per SQLAlchemy
version), shared by the pytest-xdist workers through ``directory`` (a lock per text, as
``harness.snippets.RunCache`` does).

``expected_stdout(text)`` is what the ``#>`` lines say the run prints on the installed
SQLAlchemy, top to bottom; ``expected_stdout(text, prints)`` puts the same lines in the
order a recorded run (``harness.snippets.Run.prints``) made its ``print()`` calls, for a
script whose prints do not run top to bottom (a function called later, a loop).
``first_difference`` compares two outputs normalised as the snippet test does
(``harness.snippets.normalise``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from harness import services, snippets

TIMEOUT_SECONDS = snippets.TIMEOUT_SECONDS
# What the test run itself sets and a reader's shell does not have.
NOT_A_READERS = ("DATABASE_URL", "REDIS_URL", "PYTEST_", "COV_", "PW_", "PLAYWRIGHT_")


@dataclass
class ReaderRun:
    filename: str
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    worker: str  # the pytest-xdist worker that ran it ("" without xdist)


def reader_env(needs: set[str]) -> dict[str, str]:
    """A reader's environment: the project's venv on PATH, and only the servers asked for."""
    env = {
        name: value
        for name, value in snippets.snippet_env().items()
        if not name.startswith(NOT_A_READERS)
    }
    venv_bin = Path(sys.executable).parent
    env["PATH"] = os.pathsep.join([str(venv_bin), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(venv_bin.parent)
    if "PostgreSQL" in needs:
        env["DATABASE_URL"] = services.ensure_postgres().render_as_string(hide_password=False)
    if "Redis" in needs:
        env["REDIS_URL"] = services.ensure_redis()
    return env


def run_as_reader(text: str, filename: str, needs: set[str]) -> ReaderRun:
    with tempfile.TemporaryDirectory(prefix="guide-copied-") as directory:
        Path(directory, filename).write_text(text, encoding="utf-8")
        started = time.perf_counter()
        try:
            proc = subprocess.run(
                [sys.executable, filename],
                cwd=directory,
                env=reader_env(needs),
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            return ReaderRun(filename, -1, out, f"did not finish in {TIMEOUT_SECONDS} s", 0, "")
        seconds = time.perf_counter() - started
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return ReaderRun(filename, proc.returncode, proc.stdout, proc.stderr, seconds, worker)


class ReaderRuns:
    """One reader's run per distinct copied text (and SQLAlchemy version) per pytest run."""

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.ran_here: list[str] = []  # keys this process ran (the others came from the cache)

    def get(self, text: str, filename: str, needs: set[str]) -> ReaderRun:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        key = f"{snippets.installed_version()}-{digest}-{filename}"
        record = self.directory / f"{key}.json"
        with open(self.directory / f"{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if record.exists():
                return ReaderRun(**json.loads(record.read_text(encoding="utf-8")))
            result = run_as_reader(text, filename, needs)
            record.write_text(json.dumps(asdict(result)), encoding="utf-8")
            self.ran_here.append(key)
            return result

    def ran(self) -> list[ReaderRun]:
        """Every distinct run of this pytest run so far (all workers)."""
        return [
            ReaderRun(**json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(self.directory.glob("*.json"))
        ]


def stdout_lines(stdout: str) -> list[str]:
    """Standard output as the snippet test splits a print's text: by newline, right-stripped."""
    if not stdout:
        return []
    return [line.rstrip() for line in stdout.removesuffix("\n").split("\n")]


def expected_stdout(text: str, prints: list[dict] | None = None) -> list[str]:
    """What the ``#>`` lines of ``text`` say it prints on the installed SQLAlchemy.

    Without ``prints``: every block top to bottom. With a recorded run's ``prints`` (line and
    text of each ``print()`` call, in the order they ran), each call takes its next lines
    from the ``#>`` block under it, as ``harness.snippets.check`` places them; the text of
    every line still comes from the ``#>`` lines, the recorded run gives only the order.
    """
    version = snippets.installed_version()
    code, blocks, new_number = snippets.parse(text)
    views = {after: block.view(version) for after, block in blocks.items()}
    if prints is None:
        return [line for after in sorted(views) for line in views[after]]
    code_text = "\n".join(code) + "\n"
    taken: dict[int, int] = defaultdict(int)
    expected: list[str] = []
    for call in prints:
        end_line, _ = snippets.find_print_location(code_text, new_number[call["line"]])
        after = end_line - 1
        count = len(call["text"].split("\n"))
        expected += views.get(after, [])[taken[after] : taken[after] + count]
        taken[after] += count
    for after in sorted(views):  # lines no call printed: shown last, so they differ
        expected += views[after][taken[after] :]
    return expected


def first_difference(expected: list[str], got: list[str]) -> tuple[int, str, str] | None:
    """(1-based line, expected, got) of the first line that differs once normalised."""
    want = [snippets.normalise(x) for x in expected]
    have = [snippets.normalise(x) for x in got]
    if want == have:
        return None
    for number, (a, b) in enumerate(zip(want, have, strict=False), start=1):
        if a != b:
            return number, expected[number - 1], got[number - 1]
    number = min(len(want), len(have)) + 1
    missing = "(no more lines)"
    if len(want) > len(have):
        return number, expected[number - 1], missing
    return number, missing, got[number - 1]
