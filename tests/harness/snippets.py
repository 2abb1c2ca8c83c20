"""Find, run and check the snippets under ``snippets/``.

A snippet is a Python script. Each ``print()`` in it is followed by ``#>`` comment lines
holding what that call printed on a real run. The check runs the script in a fresh
interpreter (``child.py``), rebuilds the ``#>`` lines from what really printed, and compares
the result with the file. ``pytest --update-examples`` writes the rebuilt file back.

Placement of the ``#>`` lines reuses pytest-examples (``find_print_location`` finds where a
possibly multi-line ``print(...)`` call ends and at which column it starts).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pytest_examples import CodeExample
from pytest_examples.run_code import find_print_location

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"
CHILD = Path(__file__).resolve().with_name("child.py")
TIMEOUT_SECONDS = 180

OUTPUT_LINE = re.compile(r"^[ \t]*#>(?: |$)")
REQUIRES = re.compile(r"^# requires: (?P<spec>.+)$", re.M)

# Text that differs from run to run (or between SQLAlchemy 2.0 and 2.1 where the difference
# is not interesting) is compared in a normalised form. The file keeps the real text, so the
# page still shows what a reader's terminal shows.
NORMALISERS: list[tuple[re.Pattern[str], str]] = [
    # memory addresses: <User at 0x7f3a2c1b5d90>
    (re.compile(r"0x[0-9a-fA-F]{4,16}"), "0x…"),
    # session counters: "is already attached to session '3' (this is '4')"
    (re.compile(r"(session|this is) '\d+'"), r"\1 'N'"),
    # the version token of error links: https://sqlalche.me/e/21/bhk3
    (re.compile(r"sqlalche\.me/e/\d+/"), "sqlalche.me/e/XX/"),
]


def normalise(text: str) -> str:
    for pattern, replacement in NORMALISERS:
        text = pattern.sub(replacement, text)
    return text


def relative(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def snippet_files() -> list[Path]:
    """Every snippet: ``snippets/**/*.py`` except support code in ``_``-prefixed folders/files."""
    found = []
    for path in sorted(SNIPPETS.rglob("*.py")):
        parts = path.relative_to(SNIPPETS).parts
        if any(part.startswith(("_", ".")) for part in parts):
            continue
        found.append(path)
    return found


def requirement(path: Path) -> str | None:
    """The ``# requires: sqlalchemy>=2.1`` header of a version-specific snippet, if any."""
    match = REQUIRES.search(path.read_text(encoding="utf-8"))
    return match["spec"].strip() if match else None


def applies_here(path: Path) -> bool:
    """Whether a snippet is meant for the SQLAlchemy version installed in this environment."""
    spec = requirement(path)
    if spec is None:
        return True
    from importlib.metadata import version

    from packaging.requirements import Requirement

    req = Requirement(spec)
    return req.specifier.contains(version(req.name), prereleases=True)


@dataclass
class Run:
    path: Path
    prints: list[dict] = field(default_factory=list)
    error: dict | None = None
    lifecycle: list[dict] = field(default_factory=list)
    stderr: str = ""


class SnippetFailure(Exception):
    """A failure whose first line names the file and line: ``path:line: what happened``."""


def run(path: Path, *, record_lifecycle: bool = False) -> Run:
    """Run one snippet in a fresh interpreter, from the project root, as a reader would."""
    with tempfile.TemporaryDirectory() as tmp:
        result_file = Path(tmp) / "result.json"
        cmd = [sys.executable, str(CHILD), str(path.resolve()), str(result_file)]
        if record_lifecycle:
            cmd.append("--record-lifecycle")
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        try:
            proc = subprocess.run(
                cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS
            )
        except subprocess.TimeoutExpired as exc:
            raise SnippetFailure(
                f"{relative(path)}:1: TimeoutError: did not finish in {TIMEOUT_SECONDS} s"
            ) from exc
        if not result_file.exists():
            raise SnippetFailure(
                f"{relative(path)}:1: the snippet's interpreter died (exit status "
                f"{proc.returncode}) before reporting:\n{proc.stderr[-3000:]}"
            )
        data = json.loads(result_file.read_text(encoding="utf-8"))
    return Run(path, data["prints"], data["error"], data["lifecycle"], proc.stderr)


def check_standalone(result: Run) -> None:
    """``python snippets/<path>.py`` from the project root prints what the harness recorded."""
    proc = subprocess.run(
        [sys.executable, relative(result.path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    if proc.returncode != 0:
        raise SnippetFailure(
            f"{relative(result.path)}:1: 'python {relative(result.path)}' failed on its own "
            f"(exit status {proc.returncode}):\n{proc.stderr[-3000:]}"
        )
    recorded = "".join(call["text"] + "\n" for call in result.prints)
    if normalise(proc.stdout) != normalise(recorded):
        diff = "\n".join(
            difflib.unified_diff(
                recorded.splitlines(),
                proc.stdout.splitlines(),
                "harness run",
                "plain run",
                lineterm="",
            )
        )
        raise SnippetFailure(
            f"{relative(result.path)}:1: run on its own, the snippet prints something else "
            f"than under the harness:\n{diff}"
        )


def raise_for_error(result: Run) -> None:
    error = result.error
    if error is None:
        return
    line = error["line"] or 1
    message = f"{relative(result.path)}:{line}: {error['type']}: {error['message']}"
    if error.get("traceback"):
        message += "\n\n" + error["traceback"]
    raise SnippetFailure(message)


def with_real_output(source: str, prints: list[dict], path: Path) -> str:
    """``source`` with every ``#>`` line removed, then rebuilt from what really printed."""
    lines = source.splitlines()
    kept: list[str] = []
    new_number: dict[int, int] = {}  # old line number -> line number once #> lines are gone
    for number, line in enumerate(lines, start=1):
        if OUTPUT_LINE.match(line):
            continue
        kept.append(line)
        new_number[number] = len(kept)
    bare = "\n".join(kept) + "\n"

    outputs: dict[int, list[str]] = defaultdict(list)
    for call in prints:
        outputs[new_number[call["line"]]].append(call["text"])

    example = CodeExample.create(bare, path=path)
    for call_line in sorted(outputs, reverse=True):
        end_line, column = find_print_location(example, call_line)
        comment = []
        for text in outputs[call_line]:
            for out in text.split("\n"):
                comment.append(f"{' ' * column}#> {out}".rstrip())
        kept[end_line:end_line] = comment
    return "\n".join(kept) + "\n"


def check(result: Run, *, update: bool) -> None:
    """Compare the snippet's ``#>`` lines with a real run; rewrite them when ``update``."""
    raise_for_error(result)
    path = result.path
    source = path.read_text(encoding="utf-8")
    real = with_real_output(source, result.prints, path)

    def comparable(text: str) -> list[str]:
        return [normalise(line.rstrip()) for line in text.splitlines()]

    expected_lines, real_lines = comparable(source), comparable(real)
    if expected_lines == real_lines:
        return
    if update:
        path.write_text(real, encoding="utf-8")
        return

    matcher = difflib.SequenceMatcher(a=expected_lines, b=real_lines, autojunk=False)
    first = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    line = first[1] + 1
    diff = "\n".join(
        difflib.unified_diff(
            source.splitlines(),
            real.splitlines(),
            fromfile=f"{relative(path)} (on the page)",
            tofile=f"{relative(path)} (real run)",
            lineterm="",
        )
    )
    raise SnippetFailure(
        f"{relative(path)}:{line}: output drifted: the #> lines no longer match a real run "
        f"(run 'scripts/test -- --update-examples' to accept the new output)\n{diff}"
    )
