"""No code block scrolls sideways at 1280x800, in Chromium, on any page.

A reader who has to scroll a block sideways misses the end of the line, often the error
message they came for. The snippets are formatted to fit (``scripts/format``, 78 columns,
checked by ``test_snippets.py::test_formatted``), and the site wraps ``#>`` output lines
under a hanging indent instead of scrolling them. This test measures what that gives, page
by page: every collapsed block is opened, every content tab shown in turn, and each code
element (``pre`` and ``pre > code``, the notebook's cells too) must not be wider inside than
its box. The "Whole script" view of each snippet file is opened and measured once, on the
first page that includes the file.

A failure names the page, the block's file (or its position) and how many pixels it
overflows by.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from harness import docs

pytestmark = pytest.mark.site

VIEWPORT = {"width": 1280, "height": 800}


PAGE_FILES = docs.site_pages()
PAGES = [docs.page_url(path) for path in PAGE_FILES]


def _first_pages() -> dict[str, str]:
    """Each included snippet file: the first page (in PAGES order) whose blocks include it."""
    first: dict[str, str] = {}
    for page, files in docs.included_files_by_page().items():
        for file in files:
            first.setdefault(file, page)
    return first


FIRST_PAGE = _first_pages()

# Every code element on show that is wider inside than its box: [label, overflow px].
OVERFLOWING = """() => {
    const found = [];
    for (const element of document.querySelectorAll(".md-content pre, .md-content pre > code")) {
        if (!element.getClientRects().length) continue;  // not on show
        const extra = element.scrollWidth - element.clientWidth;
        if (extra <= 1) continue;
        const whole = element.closest(".guide-block__whole");
        const bar = element.closest(".highlight")?.querySelector(":scope > .guide-block__bar");
        const all = [...document.querySelectorAll(".md-content pre")];
        const pre = element.tagName === "PRE" ? element : element.closest("pre");
        const label = whole ? whole.getAttribute("aria-label")
            : bar ? bar.dataset.guideFile
            : `code block ${all.indexOf(pre) + 1} of ${all.length}`;
        found.push([label, extra]);
    }
    return found;
}"""

OPEN_DETAILS = (
    """() => document.querySelectorAll("details:not([open])").forEach(d => d.open = true)"""
)

# The labels of every tab of every tab set, as [set index, tab index] pairs to click.
TAB_LABELS = """() => [...document.querySelectorAll(".tabbed-set")].flatMap((set, s) =>
    [...set.querySelectorAll(":scope > .tabbed-labels > label")].map((_, t) => [s, t]))"""

SHOW_TAB = """([s, t]) => {
    const set = document.querySelectorAll(".tabbed-set")[s];
    set.querySelectorAll(":scope > .tabbed-labels > label")[t].click();
}"""


@pytest.mark.parametrize("page_path", PAGES, ids=lambda p: p or "home")
def test_no_code_block_scrolls_sideways(page_path: str, site_url: str, page: Page) -> None:
    page.set_viewport_size(VIEWPORT)
    page.goto(page_path)
    page.evaluate(OPEN_DETAILS)
    found: dict[str, int] = {}

    def measure() -> None:
        for label, extra in page.evaluate(OVERFLOWING):
            found[label] = max(found.get(label, 0), extra)

    measure()
    for tab in page.evaluate(TAB_LABELS):
        page.evaluate(SHOW_TAB, tab)
        measure()

    # The whole-script view of each file this page is the first to include.
    mine = [file for file, first in FIRST_PAGE.items() if first == page_path]
    for file in mine:
        bar = page.locator(f'.guide-block__bar[data-guide-file="{file}"]').first
        button = bar.locator("[data-guide-action=whole]")
        # The bar may sit in an inactive tab: show that tab first.
        bar.evaluate(
            """bar => { const block = bar.closest(".tabbed-block");
                if (!block) return;
                const set = block.closest(".tabbed-set");
                const index = [...block.parentElement.children].indexOf(block);
                set.querySelectorAll(":scope > .tabbed-labels > label")[index].click(); }"""
        )
        button.click()
        whole = page.locator(f'.guide-block__whole[aria-label="The whole script {file}"]')
        whole.wait_for(state="visible")
        measure()
        button.click()  # back to the section

    where = page_path or "home page"
    assert not found, f"{where}: {len(found)} code block(s) scroll sideways at 1280x800:\n" + (
        "\n".join(f"  {label}: {extra} px too wide" for label, extra in sorted(found.items()))
    )
