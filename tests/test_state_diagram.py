"""The object-states diagram shows exactly the transitions SQLAlchemy reports for its snippets.

Every snippet run records the Session's object lifecycle events (see harness/child.py); this
test reads the runs of the page's snippets from ``snippet_runs``, the same runs that
test_snippets.py checks, so no snippet runs twice. Each event names a transition, for example
``pending_to_persistent``; ``loaded_as_persistent`` is drawn as ``[*] --> Persistent``.
"""

from __future__ import annotations

import re

import pytest

from harness import snippets
from harness.docs import DOCS, mermaid_blocks

PAGE = DOCS / "lifecycle" / "object-states.md"
PAGE_SNIPPETS = sorted((snippets.SNIPPETS / "lifecycle").glob("object_states_*.py"))
EDGE = re.compile(r"^\s*(?P<src>\[\*\]|\w+)\s*-->\s*(?P<dst>\w+)\s*(?::\s*(?P<label>.*))?$")
# Creating an object is not an event: the constructor arrow is drawn but never reported.
NOT_AN_EVENT = {("[*]", "Transient")}


def diagram_edges() -> dict[tuple[str, str], int]:
    """Arrows of the state diagram on the page, with the page line each is drawn on."""
    blocks = [b for b in mermaid_blocks(PAGE) if "stateDiagram" in b.body]
    assert len(blocks) == 1, f"{PAGE}: expected one stateDiagram, found {len(blocks)}"
    edges = {}
    for offset, line in enumerate(blocks[0].body.splitlines()):
        match = EDGE.match(line)
        if match:
            edges[(match["src"], match["dst"])] = blocks[0].body_line + offset
    return edges


def edge_of(event: str) -> tuple[str, str]:
    if event == "loaded_as_persistent":
        return ("[*]", "Persistent")
    src, dst = event.split("_to_")
    return (src.capitalize(), dst.capitalize())


def observed_edges(snippet_runs) -> dict[tuple[str, str], str]:
    """Transitions reported while the page's snippets run, with where each was first seen."""
    seen: dict[tuple[str, str], str] = {}
    for path in PAGE_SNIPPETS:
        result = snippet_runs.get(path)
        snippets.raise_for_error(result)
        for record in result.lifecycle:
            seen.setdefault(edge_of(record["event"]), f"{snippets.relative(path)}:{record['line']}")
    return seen


def test_diagram_matches_recorded_lifecycle_events(snippet_runs):
    assert PAGE_SNIPPETS, "no snippets/lifecycle/object_states_*.py found"
    drawn = diagram_edges()
    failure = None
    try:
        seen = observed_edges(snippet_runs)
    except snippets.SnippetFailure as exc:
        failure = str(exc)
    if failure:
        pytest.fail(failure, pytrace=False)
    problems = []
    page = PAGE.relative_to(snippets.ROOT)
    for edge, line in sorted(drawn.items()):
        if edge not in seen and edge not in NOT_AN_EVENT:
            problems.append(
                f"{page}:{line}: {edge[0]} --> {edge[1]} is drawn, but no snippet "
                "of the page triggers that transition"
            )
    for edge, where in sorted(seen.items()):
        if edge not in drawn:
            problems.append(
                f"{where}: the snippet triggers {edge[0]} --> {edge[1]}, "
                f"which the diagram in {page} does not draw"
            )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
