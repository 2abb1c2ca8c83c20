"""The claims page's summary counts equal its per-post verdict tables, and every claim is answered.

docs/checked/blog-claims.md has one table per post (a row per claim: number, claim, verdict)
and a summary table of counts typed by hand; these checks keep the two in step, and make sure
each claim number in a table gets its verdict in the text below it.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from harness import snippets

PAGE = snippets.ROOT / "docs" / "checked" / "blog-claims.md"
VERDICTS = ("holds", "wrong", "condition omitted", "does not run")
CLAIM_ROW = re.compile(r"^\| \[(\d+)\.(\d+)\]\(#([\w-]+)\) \| .+ \| (?P<verdict>[a-z ]+) \|$", re.M)
SUMMARY_ROW = re.compile(r"^\| \[(\d+)\]\(#post-\d+\) \| .+? \|((?: \d+ \|){5})$", re.M)
TOTAL_ROW = re.compile(r"^\| \| \*\*All four\*\* \|((?: \*\*\d+\*\* \|){5})$", re.M)


def claims() -> dict[str, list[tuple[str, str]]]:
    """Post number -> [(claim number, verdict)], from the per-post tables."""
    found: dict[str, list[tuple[str, str]]] = {}
    for match in CLAIM_ROW.finditer(PAGE.read_text(encoding="utf-8")):
        found.setdefault(match[1], []).append((f"{match[1]}.{match[2]}", match["verdict"]))
    return found


def test_every_row_has_a_known_verdict():
    rows = [row for rows in claims().values() for row in rows]
    assert len(rows) > 0, f"{PAGE}: no claim rows found"
    unknown = [f"{number}: {verdict!r}" for number, verdict in rows if verdict not in VERDICTS]
    assert not unknown, f"{PAGE}: verdicts must be one of {VERDICTS}: {unknown}"


def test_summary_counts_equal_the_tables():
    text = PAGE.read_text(encoding="utf-8")
    problems = []
    total = Counter()
    for match in SUMMARY_ROW.finditer(text):
        post = match[1]
        typed = [int(n) for n in re.findall(r"\d+", match[2])]
        counted = Counter(verdict for _, verdict in claims().get(post, []))
        total += counted
        wanted = [sum(counted.values()), *(counted[v] for v in VERDICTS)]
        if typed != wanted:
            problems.append(f"post {post}: summary says {typed}, its table has {wanted}")
    typed_total = TOTAL_ROW.search(text)
    wanted_total = [sum(total.values()), *(total[v] for v in VERDICTS)]
    if not typed_total or [int(n) for n in re.findall(r"\d+", typed_total[1])] != wanted_total:
        problems.append(f"the 'All four' row should read {wanted_total}")
    if problems:
        pytest.fail(f"{PAGE.relative_to(snippets.ROOT)}: " + "; ".join(problems), pytrace=False)


def test_every_claim_is_answered_in_its_section():
    text = PAGE.read_text(encoding="utf-8")
    missing = []
    for _post, rows in claims().items():
        for number, _ in rows:
            # The section quotes the claim as **N.M** and gives its verdict as **Verdict...
            if not re.search(rf"\*\*{re.escape(number)}\*\*", text):
                missing.append(number)
    assert not missing, f"{PAGE}: claims in a table but never quoted as **N.M** below: {missing}"
