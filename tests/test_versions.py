"""The page of 2.0 -> 2.1 differences is generated from the snippets' version-tagged lines.

- docs/checked/sqlalchemy-2.0-to-2.1.md holds, between its markers, one entry for every print()
  whose #> lines differ between SQLAlchemy 2.0 and 2.1 (--update-examples rewrites it).
- Every entry whose exception class changes carries a sentence in tests/data/version-notes.yml
  saying what that means for an except clause: the generator cannot write that sentence.
"""

from __future__ import annotations

import re

import pytest

from harness import snippets, versions


def test_version_page_is_current(request):
    page = versions.PAGE
    where = page.relative_to(snippets.ROOT)
    text = page.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(versions.START) + ".*?" + re.escape(versions.END), re.S)
    match = pattern.search(text)
    if not match:
        pytest.fail(f"{where}:1: no {versions.START} marker", pytrace=False)
    wanted = versions.render(versions.differences())
    if match.group(0) == wanted:
        return
    if request.config.getoption("update_examples"):
        page.write_text(pattern.sub(lambda _: wanted, text), encoding="utf-8")
        return
    line = text[: match.start()].count("\n") + 1
    pytest.fail(
        f"{where}:{line}: the list of 2.0/2.1 differences is out of date with the snippets' "
        "#>[2.0]/#>[2.1] lines (run 'scripts/test -- --update-examples' to regenerate it)",
        pytrace=False,
    )


def test_every_tagged_line_is_on_the_page():
    """Completeness, independent of the renderer: wherever 2.0 and 2.1 print different things,
    each of their tagged lines appears on the page."""
    text = versions.PAGE.read_text(encoding="utf-8")
    missing = []
    for path in snippets.snippet_files():
        _, blocks, _ = snippets.parse(path.read_text(encoding="utf-8"))
        for block in blocks.values():
            if block.view("2.0") == block.view("2.1"):
                continue  # tags for other releases only (1.4), or none
            for offset, line in enumerate(block.lines):
                if line.version in ("2.0", "2.1") and line.text not in text:
                    number = block.first_line + offset
                    missing.append(f"{snippets.relative(path)}:{number}: {line.text}")
    if missing:
        pytest.fail(
            f"{versions.PAGE.relative_to(snippets.ROOT)}:1: tagged lines missing from the page:\n"
            + "\n".join(missing),
            pytrace=False,
        )


def test_exception_changes_are_explained():
    notes = versions.load_notes()
    problems = []
    for diff in versions.differences():
        if diff.kind == "exception" and diff.snippet not in notes:
            problems.append(
                f"{diff.snippet}:{diff.line}: the exception class differs between 2.0 and 2.1; "
                f"add a sentence for {diff.snippet} to {versions.NOTES.relative_to(snippets.ROOT)} "
                "saying what that means for an except clause"
            )
    for snippet in notes:
        if not (snippets.ROOT / snippet).is_file():
            problems.append(
                f"{versions.NOTES.relative_to(snippets.ROOT)}:1: {snippet} does not exist"
            )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
