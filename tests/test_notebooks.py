"""Each notebook is built from its snippet, executes without error, and shows current output.

``pytest --update-examples`` rewrites docs/notebooks/*.ipynb from a fresh execution.
"""

from __future__ import annotations

import difflib

import nbformat
import pytest

from harness import notebooks, snippets

SOURCES = notebooks.notebook_sources()


def test_there_is_a_notebook():
    assert SOURCES, "no notebook source under snippets/notebooks/"


@pytest.mark.parametrize("source", SOURCES, ids=snippets.relative)
def test_notebook_is_current(source, request):
    target = notebooks.notebook_for(source)
    failure = None
    try:
        fresh = notebooks.execute(source)
    except notebooks.NotebookCellError as exc:
        failure = str(exc)
    if failure:
        pytest.fail(failure, pytrace=False)

    if notebooks.installed_version() != notebooks.PRIMARY_VERSION:
        # Executed without error above; this version's output is checked through the
        # version-tagged #> lines of the source (test_snippets.py).
        return
    if request.config.getoption("update_examples"):
        nbformat.write(fresh, target)
        return
    if not target.exists():
        pytest.fail(
            f"{snippets.relative(source)}:1: {target.relative_to(snippets.ROOT)} does not exist; "
            "run 'scripts/test -- --update-examples' to build it",
            pytrace=False,
        )
    stored = nbformat.read(target, as_version=4)
    want, got = notebooks.comparable(stored), notebooks.comparable(fresh)
    if want == got:
        return
    for index, (old, new) in enumerate(zip(want, got, strict=False)):
        if old != new:
            line = notebooks.source_line(source, index)
            what = "source" if old[:2] != new[:2] else "output"
            diff = "\n".join(
                difflib.unified_diff(
                    "\n".join(old[1:]).splitlines(),
                    "\n".join(new[1:]).splitlines(),
                    "notebook on the site",
                    "fresh execution",
                    lineterm="",
                )
            )
            pytest.fail(
                f"{snippets.relative(source)}:{line}: the {what} of cell {index + 1} in "
                f"{target.relative_to(snippets.ROOT)} no longer matches a fresh execution "
                f"(run 'scripts/test -- --update-examples')\n{diff}",
                pytrace=False,
            )
    pytest.fail(
        f"{snippets.relative(source)}:1: {target.relative_to(snippets.ROOT)} has "
        f"{len(want)} cells, its source has {len(got)} (run 'scripts/test -- --update-examples')",
        pytrace=False,
    )
