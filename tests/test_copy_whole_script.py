"""What you copy is what ran: "Copy whole script" on every included block, run as a reader.

For every page, in Chromium (clipboard permissions granted to the context), each block with a
title bar is checked as a reader meets it:

- its bar names the snippet the page includes, in page order, offers "Whole script" (the
  site holds the file and its highlighted copy) and "Copy whole script", and says "needs
  PostgreSQL" / "needs PostgreSQL with SSL" / "needs Redis" exactly when the script's
  ``guide_support`` imports start such a server;
- its "Copy whole script" button is clicked (a tab or a collapsed block holding it is opened
  first, as a reader would) and ``navigator.clipboard.readText()`` must give the snippet's
  file exactly, byte for byte;
- the run of those bytes, saved under the snippet's file name in a new, empty directory and
  run there with the project's python in a reader's environment, must have finished without
  an error and printed exactly its ``#>`` lines for the installed SQLAlchemy, normalised as
  the snippet test normalises them. The lines are read top to bottom; for a script whose
  prints run in another order (a function called later, a loop), the order comes from the
  recorded ``print()`` calls of the same run, the text still from the ``#>`` lines.

That run is the snippet test's own (``snippet_runs``, keyed by the file's content hash and
shared across xdist workers: ``harness.snippets.run`` runs every snippet as a copied script),
so each script runs once per SQLAlchemy version, whichever test asks first. Every block's
clipboard is checked. One test per page, so xdist spreads them. A failure names the page,
the block (index and snippet path) and the first differing line.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from harness import docs
from harness.reader_runs import expected_stdout, first_difference, stdout_lines
from harness.snippets import ROOT

pytestmark = pytest.mark.site

# Which guide_support helper starts which server (snippets/_support/guide_support): the
# label a block must show. Helpers that start nothing are listed too, so a new helper has
# to be placed in one group or the other before this test passes.
STARTS = {
    "postgres_url": "PostgreSQL",
    "postgres_ssl_url": "PostgreSQL with SSL",
    "redis_url": "Redis",
    "celery_queue": "Redis",
    "worker": "Redis",
}
STARTS_NOTHING = {"run_script"}
NOT_YET_COPIED = "copy_whole_script test: nothing copied yet"


PAGES = docs.included_files_by_page()


def expected_needs(source: str, file: str) -> list[str]:
    """What the bar must say the script needs, read from its guide_support imports."""
    needs: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
            "guide_support"
        ):
            continue
        for alias in node.names:
            if alias.name in STARTS_NOTHING:
                continue
            assert alias.name in STARTS, (
                f"{file} imports guide_support's {alias.name}: add it to STARTS or "
                "STARTS_NOTHING in tests/test_copy_whole_script.py (and to NEEDS in "
                "hooks/snippet_blocks.py if it starts a server)"
            )
            if STARTS[alias.name] not in needs:
                needs.append(STARTS[alias.name])
    return sorted(needs)


def whole_view_text(highlighted: Path) -> str | None:
    """The text of the code the "Whole script" view shows (its <code> element)."""
    if not highlighted.is_file():
        return None
    code = re.search(r"<code>(.*)</code>", highlighted.read_text(encoding="utf-8"), re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", code[1])) if code else None


# Marks what a reader clicks to bring a block into view: closed <details> summaries and the
# labels of inactive content tabs, outermost first; returns how many.
MARK_REVEAL = """bar => {
    const clicks = [];
    for (let node = bar.parentElement; node; node = node.parentElement) {
        if (node.tagName === "DETAILS" && !node.open) clicks.push(node.querySelector(":scope > summary"));
        if (node.classList && node.classList.contains("tabbed-block")) {
            const set = node.closest(".tabbed-set");
            const index = [...node.parentElement.children].indexOf(node);
            const input = set.querySelectorAll(":scope > input")[index];
            if (!input.checked) clicks.push(set.querySelector(`:scope > .tabbed-labels > label[for="${input.id}"]`));
        }
    }
    document.querySelectorAll("[data-copy-test-reveal]").forEach(e => e.removeAttribute("data-copy-test-reveal"));
    clicks.reverse().forEach((element, n) => element.setAttribute("data-copy-test-reveal", String(n)));
    return clicks.length;
}"""

COPIED_OR_FAILED = """button => button.dataset.guideCopied !== undefined
    || button.textContent === "Copy failed" ? button.textContent : false"""


@pytest.mark.parametrize("page_path", list(PAGES), ids=lambda p: p or "home")
def test_copy_whole_script_runs_as_shown(
    page_path: str,
    built_site,
    site_url: str,
    context: BrowserContext,
    page: Page,
    snippet_runs,
) -> None:
    files = PAGES[page_path]
    where = page_path or "home page"
    origin = re.match(r"https?://[^/]+", site_url)[0]  # type: ignore[index]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    warnings: list[str] = []
    page.on(
        "console", lambda m: warnings.append(m.text) if m.type in ("warning", "error") else None
    )
    page.goto(page_path)

    # The bars: one per included block, in page order, with both actions and the needs label.
    bars = page.locator(".guide-block__bar")
    shown = bars.evaluate_all("bars => bars.map(b => b.dataset.guideFile)")
    assert shown == files, (
        f"{where}: the title bars name {len(shown)} files, the page includes {len(files)} "
        f"blocks; first difference: "
        + next(
            (
                f"block {i}: bar {a!r}, page {b!r}"
                for i, (a, b) in enumerate(zip(shown, files, strict=False))
                if a != b
            ),
            "(one list is longer)",
        )
    )
    bar_facts = bars.evaluate_all(
        """bars => bars.map(b => ({
            name: (b.querySelector(".guide-block__file") || {}).textContent,
            whole: (b.querySelector("[data-guide-action=whole]") || {}).textContent,
            copy: (b.querySelector("[data-guide-action=copy-whole]") || {}).textContent,
            needs: (b.querySelector(".guide-block__needs") || {textContent: ""}).textContent,
        }))"""
    )
    problems: list[str] = []
    for index, (file, facts) in enumerate(zip(files, bar_facts, strict=True)):
        block = f"{where}: block {index} ({file})"
        source = (ROOT / file).read_text(encoding="utf-8")
        label = facts["needs"].removeprefix("needs ")
        needs = sorted(label.split(" and ")) if label else []
        wanted = expected_needs(source, file)
        if (facts["name"], facts["whole"], facts["copy"]) != (
            file,
            "Whole script",
            "Copy whole script",
        ):
            problems.append(f"{block}: title bar reads {facts}")
        if needs != wanted:
            problems.append(
                f"{block}: the bar says needs {needs or 'nothing'}, the script needs "
                f"{wanted or 'nothing'}"
            )
        if whole_view_text(built_site.directory / (file + ".html")) != source:
            problems.append(f"{block}: the site's whole-script view {file}.html is not the file")
    assert not problems, "\n".join(problems)

    # Copy each block's whole script as a reader does; its bytes are what the snippet test ran.
    texts: set[str] = set()
    reordered: set[str] = set()
    for index, file in enumerate(files):
        block = f"{where}: block {index} ({file})"
        bar = bars.nth(index)
        for n in range(bar.evaluate(MARK_REVEAL)):
            page.locator(f'[data-copy-test-reveal="{n}"]').click()
        page.evaluate("text => navigator.clipboard.writeText(text)", NOT_YET_COPIED)
        button = bar.locator("[data-guide-action=copy-whole]")
        button.click()
        outcome = page.wait_for_function(COPIED_OR_FAILED, arg=button.element_handle()).json_value()
        assert outcome != "Copy failed", f"{block}: the button says 'Copy failed': {warnings}"
        copied = page.evaluate("navigator.clipboard.readText()")
        source = (ROOT / file).read_text(encoding="utf-8")
        if copied != source:
            problems.append(
                f"{block}: the clipboard does not hold the file ({len(copied)} characters, "
                f"the file has {len(source)}): {copied[:80]!r}"
            )
            continue
        texts.add(copied)
        ran = snippet_runs.get(ROOT / file)
        if ran.error is not None:
            problems.append(
                f"{block}: 'python {Path(file).name}' in a new directory failed at line "
                f"{ran.error['line']}: {ran.error['type']}: {ran.error['message']}"
            )
            continue
        got = stdout_lines(ran.stdout)
        difference = first_difference(expected_stdout(copied), got)
        if difference is not None:
            # Prints that do not run top to bottom: order the #> lines as the run made them.
            reordered.add(file)
            difference = first_difference(expected_stdout(copied, ran.prints), got)
        if difference is not None:
            line, want, have = difference
            problems.append(
                f"{block}: stdout line {line} differs from the #> lines:\n"
                f"  expected {want!r}\n  got      {have!r}"
            )
    print(
        f"{where}: {len(files) - len(problems)} of {len(files)} blocks copied and ran as shown; "
        f"{len(texts)} distinct scripts, {len(reordered)} checked in recorded order"
    )
    assert not problems, "\n".join(problems)
