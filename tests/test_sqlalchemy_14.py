"""The snippets of docs/checked/sqlalchemy-1.4.md, run on SQLAlchemy 1.4 as well.

They also run on 2.1 and 2.0 like every snippet (tests/test_snippets.py). Here each one runs
again, through the same child harness, with the Python of a throwaway environment that has
SQLAlchemy 1.4 (requirements-sqlalchemy-1.4.txt, cached in .cache/sqlalchemy-1.4-venv), and
its ``#>`` lines for 1.4 (untagged, or tagged ``#>[1.4]``) must equal what that run printed.
``--update-examples`` writes the 1.4 lines, tagging only those 1.4 prints differently.

The page also says that every lifecycle snippet imports ``DeclarativeBase`` (which 1.4 lacks,
as the first snippet prints); the last test keeps that sentence true.
"""

from __future__ import annotations

import ast
import difflib
import json
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest

from harness import snippets, throwaway

pytestmark = pytest.mark.once

ROOT = snippets.ROOT
VERSION = "1.4"
REQUIREMENTS = ROOT / "requirements-sqlalchemy-1.4.txt"
VENV = ROOT / ".cache" / "sqlalchemy-1.4-venv"
SNIPPETS = sorted((ROOT / "snippets" / "checked").glob("sqlalchemy_14_*.py"))


def venv_python() -> Path:
    """The 1.4 environment's Python: exactly the pins of REQUIREMENTS, built once with uv
    (harness/throwaway.py; xdist workers wait on a lock, they do not race)."""
    lines = REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    pins = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return throwaway.venv(VENV, pins, throwaway.line_of(REQUIREMENTS, pins[0]))


def run_on_14(path: Path) -> list[dict]:
    """The print() calls of one run of ``path`` on SQLAlchemy 1.4, through harness/child.py."""
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        proc = subprocess.run(
            [str(venv_python()), str(snippets.CHILD), str(path), str(result)],
            cwd=ROOT,
            env=snippets.snippet_env(),
            capture_output=True,
            text=True,
            timeout=snippets.TIMEOUT_SECONDS,
        )
        if not result.exists():
            pytest.fail(
                f"{snippets.relative(path)}:1: the 1.4 interpreter died:\n{proc.stderr[-3000:]}",
                pytrace=False,
            )
        data = json.loads(result.read_text(encoding="utf-8"))
    if data["error"]:
        error = data["error"]
        pytest.fail(
            f"{snippets.relative(path)}:{error['line'] or 1}: on SQLAlchemy 1.4: "
            f"{error['type']}: {error['message']}",
            pytrace=False,
        )
    return data["prints"]


def print_ends(code: list[str]) -> dict[int, tuple[int, int]]:
    """Map each line of a print() call (1-based, code without #> lines) to the call's last
    line and its column."""
    ends = {}
    for node in ast.walk(ast.parse("\n".join(code))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
            for line in range(node.lineno, node.end_lineno + 1):
                ends[line] = (node.end_lineno, node.col_offset)
    return ends


def with_14_lines(block: snippets.Block, got: list[str]) -> list[snippets.OutputLine]:
    """The block's lines for 2.0 and 2.1 as they are, and ``got`` as the 1.4 view.

    Untagged lines mean "every version"; where 1.4 printed something else, such a line is
    split into a 2.0 and a 2.1 copy, and 1.4's own lines are tagged 1.4.
    """
    lines = [o for o in block.lines if o.version != VERSION]
    common = [i for i, o in enumerate(lines) if o.version is None]
    matcher = difflib.SequenceMatcher(
        a=[snippets.normalise(lines[i].text) for i in common],
        b=[snippets.normalise(x) for x in got],
        autojunk=False,
    )
    shared: set[int] = set()
    inserts: dict[int, list[str]] = defaultdict(list)  # before lines[index] (len = at end)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            shared.update(common[a1:a2])
        elif b2 > b1:
            at = common[a1] if a1 < len(common) else len(lines)
            inserts[at] += got[b1:b2]
    merged: list[snippets.OutputLine] = []
    for index in range(len(lines) + 1):
        merged += [snippets.OutputLine(VERSION, text) for text in inserts.get(index, [])]
        if index == len(lines):
            break
        line = lines[index]
        if line.version is None and index not in shared:
            merged += [snippets.OutputLine(v, line.text) for v in snippets.SUPPORTED_VERSIONS]
        else:
            merged.append(line)
    return merged


@pytest.mark.parametrize("path", SNIPPETS, ids=snippets.relative)
def test_output_on_sqlalchemy_14(path, request):
    source = path.read_text(encoding="utf-8")
    code, blocks, new_number = snippets.parse(source)
    ends = print_ends(code)
    real: dict[int, list[str]] = defaultdict(list)
    columns: dict[int, int] = {}
    for call in run_on_14(path):
        line = new_number[call["line"]]
        end, column = ends.get(line, (line, 0))
        real[end - 1] += [x.rstrip() for x in call["text"].split("\n")]
        columns[end - 1] = column
    drifted = []
    new_blocks = {}
    for after in sorted(set(blocks) | set(real)):
        block = blocks.get(after) or snippets.Block(after, 0, columns.get(after, 0), [])
        got = real.get(after, [])
        if [snippets.normalise(x) for x in block.view(VERSION)] == [
            snippets.normalise(x) for x in got
        ]:
            new_blocks[after] = block
            continue
        drifted.append(block)
        new_blocks[after] = snippets.Block(
            after, block.first_line, block.column, with_14_lines(block, got)
        )
    if not drifted:
        return
    updated = snippets.render(code, new_blocks)
    if request.config.getoption("update_examples"):
        path.write_text(updated, encoding="utf-8")
        return
    diff = "\n".join(
        difflib.unified_diff(
            source.splitlines(),
            updated.splitlines(),
            "on the page",
            "after a run on 1.4",
            lineterm="",
        )
    )
    pytest.fail(
        f"{snippets.relative(path)}:{drifted[0].first_line}: output drifted on SQLAlchemy "
        f"1.4 (run 'scripts/test -- --update-examples' to accept it)\n{diff}",
        pytrace=False,
    )


def test_the_page_has_snippets():
    assert SNIPPETS, "no snippets/checked/sqlalchemy_14_*.py"


def test_lifecycle_snippets_need_declarative_base():
    """docs/checked/sqlalchemy-1.4.md says every lifecycle snippet imports DeclarativeBase."""
    missing = []
    for path in sorted((ROOT / "snippets" / "lifecycle").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        if "DeclarativeBase" not in names:
            missing.append(f"{snippets.relative(path)}:1: does not import DeclarativeBase")
    if missing:
        pytest.fail(
            "docs/checked/sqlalchemy-1.4.md:1: the page says every lifecycle snippet imports "
            "DeclarativeBase, but:\n" + "\n".join(missing),
            pytrace=False,
        )
