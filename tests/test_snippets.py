"""Every snippet runs, and every #> line under its print() calls matches a real run."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from harness import snippets

SNIPPETS = snippets.snippet_files()


@pytest.mark.parametrize("path", SNIPPETS, ids=snippets.relative)
def test_snippet_output(path, request, snippet_runs):
    """One run: its #> lines match, plain `python` would print exactly the same, and it
    leaves nothing in its temporary folder. With GUIDE_PLAIN_RUN=1, a second, plain run must
    print the same too."""
    try:
        result = snippet_runs.get(path)
        snippets.check(result, update=request.config.getoption("update_examples"))
        snippets.check_plain_output(result)
        snippets.check_no_leftovers(result)
        if os.environ.get(snippets.PLAIN_RUN) == "1":
            snippets.check_second_plain_run(result)
    except snippets.SnippetFailure as failure:
        message = str(failure)
    else:
        return
    pytest.fail(message, pytrace=False)


def test_snippets_exist():
    assert SNIPPETS, "no snippet found under snippets/"


def test_ruff():
    """The project's Python passes the linter, and all but the snippets are formatted.

    Snippets, tests, hooks and scripts: ``ruff check``, file:line in each message. Tests, hooks
    and scripts: ``ruff format --check``. (Snippets are not checked with plain 'ruff format':
    it rewrites the '#>' output comments to '# >'; test_formatted runs it with them kept.)
    """
    problems = ""
    for command in (
        ["check", "--output-format", "concise", "snippets", "tests", "hooks", "scripts"],
        ["format", "--check", "tests", "hooks", "scripts"],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "ruff", *command],
            cwd=snippets.ROOT,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            problems += f"ruff {' '.join(command)}:\n{proc.stdout}{proc.stderr}"
    if problems:
        pytest.fail(f"ruff found problems:\n{problems}", pytrace=False)


@pytest.mark.once
def test_formatted():
    """Every snippet is as scripts/format leaves it: ruff format at 78 columns, #> lines kept.

    78 columns is what a code block holds at 1280x800 (tests/test_no_sideways_scroll.py
    measures the pages). A failure lists file:line of the first line that would change.
    """
    from harness import formatting

    try:
        results = formatting.format_files()
    except formatting.FormatFailure as exc:
        pytest.fail(str(exc), pytrace=False)
    changed = [r for r in results if r.changed]
    if changed:
        pytest.fail(
            f"{len(changed)} snippet(s) not formatted; run scripts/format:\n"
            + "\n".join(
                f"{snippets.relative(r.path)}:{r.first_changed_line()}: not formatted"
                for r in changed
            ),
            pytrace=False,
        )
