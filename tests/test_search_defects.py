"""The search as a reader with an error message uses it (issue 10's browser defects).

- Pasting an indexed message lists its page once: the first three results are three
  different pages (the recognised-error card used to sit above Material's own result for the
  same page).
- A paste that fires no key event (context menu, a phone keyboard) still gets Material's
  full-text results, not only the card, and never "No matching documents" above the card.
- The share and clear icons at the end of the box do not cover the end of a long query.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from harness import search

pytestmark = pytest.mark.site

ITEMS = ".md-search-result__list > .md-search-result__item:visible"


def _page_of(href: str) -> str:
    return urlsplit(href).path


def _open_search(page: Page, site_url: str):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url)
    search_input = page.locator("input.md-search__input")
    search_input.click()
    search.wait_for_search_index(page)
    return search_input


def test_pasted_error_lists_its_page_once_in_the_top_three(site_url: str, page: Page) -> None:
    messages = [(url, text) for url, text in search.pasted_messages() if text]
    assert messages
    search_input = _open_search(page, site_url)
    problems = []
    for url, text in messages:
        search_input.fill("")
        page.evaluate("text => navigator.clipboard.writeText(text)", text)
        search_input.press("Control+V")
        first = page.locator(ITEMS).first.locator("a").first
        expect(first).to_have_attribute("href", re.compile(re.escape(url) + "$"), timeout=5000)
        # Material's own results arrive after the card; wait until it has drawn them.
        page.wait_for_function(
            "() => document.querySelectorAll('.md-search-result__item:not(.error-search-match)').length"
        )
        top = [
            _page_of(item.locator("a").first.get_attribute("href"))
            for item in page.locator(ITEMS).all()[:3]
        ]
        meta = page.locator(".md-search-result__meta").inner_text()
        if len(set(top)) != len(top):
            problems.append(f"{url}: the top three results list a page twice: {top}")
        if "No matching" in meta:
            problems.append(f"{url}: {meta!r} above the recognised page")
    print(f"{len(messages) - len(problems)} of {len(messages)} pasted messages: no duplicate")
    assert not problems, "\n".join(problems)


def test_paste_without_a_key_event_gets_full_text_results(site_url: str, page: Page) -> None:
    search_input = _open_search(page, site_url)
    # A word inserted the way a context-menu paste inserts it: an input event, no key.
    page.keyboard.insert_text("autoflush")
    expect(page.locator(ITEMS).first).to_be_visible(timeout=5000)

    # A reader types something, finds nothing, then pastes the error over it from the menu.
    url, text = next((u, t) for u, t in search.pasted_messages() if t)
    search_input.fill("")
    search_input.press_sequentially("zzqxj")
    expect(page.locator(".md-search-result__meta")).to_contain_text("No matching")
    search_input.select_text()
    page.keyboard.insert_text(text)
    first = page.locator(ITEMS).first.locator("a").first
    expect(first).to_have_attribute("href", re.compile(re.escape(url) + "$"), timeout=5000)
    own = page.locator(".md-search-result__item:not(.error-search-match):visible")
    expect(own.first).to_be_visible(timeout=5000)
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("No matching")


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_share_icon_does_not_cover_a_long_query(
    site_url: str, page: Page, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url)
    if width < 960:
        page.locator("label.md-header__button[for=__search]").click()
    search_input = page.locator("input.md-search__input")
    search_input.click()
    search_input.fill("sqlalchemy.orm.exc.DetachedInstanceError: " + "x" * 200)
    share = page.locator("[data-md-component=search-share]")
    expect(share).to_be_visible()
    page.wait_for_timeout(300)  # the icons scale in
    text_end = search_input.evaluate(
        "e => e.getBoundingClientRect().right - parseFloat(getComputedStyle(e).paddingRight)"
    )
    icons = page.locator(".md-search__options > .md-icon:visible").all()
    leftmost = min(icon.bounding_box()["x"] for icon in icons)
    assert text_end <= leftmost, (
        f"at {width}x{height} the query's text runs to x={text_end:.0f}, under the icons "
        f"that start at x={leftmost:.0f}"
    )
