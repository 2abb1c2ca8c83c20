"""What a reader's run of a copied script should print, and where it differs.

The run itself is the snippet test's (``harness.snippets.run`` runs every snippet as a copied
script: its bytes under its own name in a new, empty directory, ``python <name>.py`` there).

``expected_stdout(text)`` is what the ``#>`` lines of ``text`` say the run prints on the
installed SQLAlchemy, top to bottom; ``expected_stdout(text, prints)`` puts the same lines in
the order a recorded run (``harness.snippets.Run.prints``) made its ``print()`` calls, for a
script whose prints do not run top to bottom (a function called later, a loop).
``first_difference`` compares two outputs normalised as the snippet test does
(``harness.snippets.normalise``).
"""

from __future__ import annotations

from collections import defaultdict

from harness import snippets


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
