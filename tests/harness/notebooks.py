"""Notebooks are generated from snippets, executed, and checked like everything else.

``snippets/notebooks/<name>.py`` is the source: ``# %%`` starts a code cell and
``# %% [markdown]`` a Markdown cell whose lines are ``#`` comments. Being a snippet, it also
runs under test_snippets.py with its ``#>`` lines checked. ``docs/notebooks/<name>.ipynb``
is built from it (``#>`` lines left out, since the notebook shows real outputs) and carries
the outputs of a real execution, which mkdocs-jupyter renders without re-running.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from harness.snippets import (
    OUTPUT_LINE,
    ROOT,
    SNIPPETS,
    SUPPORTED_VERSIONS,
    installed_version,
    normalise,
)

# The outputs stored in a notebook come from this version; the others are checked through the
# version-tagged #> lines of the notebook's source, and shown in a note under the cell.
PRIMARY_VERSION = SUPPORTED_VERSIONS[0]


NOTEBOOK_SOURCES = SNIPPETS / "notebooks"
NOTEBOOKS = ROOT / "docs" / "notebooks"
CELL_MARKER = re.compile(r"^# %%(?P<markdown> \[markdown\])?\s*$")


@dataclass
class Cell:
    kind: str  # "code" or "markdown"
    source: str
    line: int  # first line of the cell's content in the snippet
    # output lines that only another SQLAlchemy version prints: {"2.0": ["..."]}
    other_versions: dict[str, list[str]] = field(default_factory=dict)


def notebook_sources() -> list[Path]:
    return sorted(NOTEBOOK_SOURCES.glob("*.py")) if NOTEBOOK_SOURCES.is_dir() else []


def notebook_for(source: Path) -> Path:
    return NOTEBOOKS / (source.stem.replace("_", "-") + ".ipynb")


def cells_of(source: Path) -> list[Cell]:
    cells: list[Cell] = []
    current: Cell | None = None
    body: list[str] = []

    def close():
        if current is not None:
            text = "\n".join(body).strip("\n")
            if text:
                cells.append(Cell(current.kind, text, current.line, current.other_versions))

    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        marker = CELL_MARKER.match(line)
        output = OUTPUT_LINE.match(line)
        if marker:
            close()
            current = Cell("markdown" if marker["markdown"] else "code", "", number + 1)
            body = []
        elif output and current is not None:
            if output["version"] and output["version"] != PRIMARY_VERSION:
                current.other_versions.setdefault(output["version"], []).append(output["text"])
        elif current is None:
            continue  # the module docstring before the first cell
        elif current.kind == "markdown":
            body.append(re.sub(r"^# ?", "", line))
        else:
            body.append(line)
    close()
    return cells


class NotebookCellError(Exception):
    pass


def notebook_cells(source: Path) -> list[Cell]:
    """The notebook's cells: the source's, each followed by a note for every other SQLAlchemy
    version whose output differs (built from the tagged #> lines, so it is checked too)."""
    cells = []
    for cell in cells_of(source):
        cells.append(cell)
        for version, lines in cell.other_versions.items():
            shown = "\n".join(f"    {x}" for x in lines)
            note = f"On SQLAlchemy {version}, the lines that differ read:\n\n{shown}"
            cells.append(Cell("note", note, cell.line))
    return cells


def source_line(source: Path, index: int) -> int:
    """The snippet line where the notebook's cell ``index`` comes from."""
    cells = notebook_cells(source)
    return cells[index].line if index < len(cells) else 1


def execute(source: Path) -> nbformat.NotebookNode:
    """A fresh notebook built from ``source`` and executed with a real kernel."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "session_guide": {"outputs_from_sqlalchemy": installed_version()},
    }
    cells = notebook_cells(source)
    for cell in cells:
        if cell.kind == "code":
            nb.cells.append(nbformat.v4.new_code_cell(cell.source))
        else:
            nb.cells.append(nbformat.v4.new_markdown_cell(cell.source))
    for index, nb_cell in enumerate(nb.cells):
        nb_cell.id = f"cell-{index}"  # stable ids: regenerating changes nothing if output holds
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=120,
        allow_errors=False,
        resources={"metadata": {"path": str(ROOT)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        failed = next(
            (
                c
                for c, n in zip(cells, nb.cells, strict=True)
                if any(o.get("output_type") == "error" for o in n.get("outputs", []))
            ),
            None,
        )
        line = failed.line if failed else 1
        error = next(
            o for n in nb.cells for o in n.get("outputs", []) if o.get("output_type") == "error"
        )
        raise NotebookCellError(
            f"{source.relative_to(ROOT)}:{line}: {error['ename']}: {error['evalue']} "
            f"(in a cell of {notebook_for(source).relative_to(ROOT)})"
        ) from exc
    for nb_cell in nb.cells:
        nb_cell.metadata = {}
    return nb


def comparable(nb: nbformat.NotebookNode) -> list[tuple[str, str, str]]:
    """What a reader sees of each cell: its kind, its source, and its text outputs."""
    result = []
    for cell in nb.cells:
        shown = []
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                shown.append(output["text"])
            elif output["output_type"] in ("execute_result", "display_data"):
                shown.append(output["data"].get("text/plain", ""))
            elif output["output_type"] == "error":
                shown.append(f"{output['ename']}: {output['evalue']}")
        result.append((cell.cell_type, cell.source, normalise("".join(shown))))
    return result
