"""The pasted-error search knows every error message a page prints, not only the error pages.

tests/test_site.py pastes each message of the error index (the error pages and the related
Celery, FastAPI and driver messages). This file pastes every other message that
error-search.json indexes: each error a snippet prints on a lifecycle, async, FastAPI, Celery
or checked page (tests/harness/errors.py `printed_messages`). The pasted text is the
snippet's real output line for the installed SQLAlchemy, from the exception's class to the
end of the line, as a reader copies it from a traceback; the page that prints it must be the
first result.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from harness import errors, search, snippets

pytestmark = pytest.mark.site


def test_search_data_covers_the_chapter_messages() -> None:
    """The messages the issue named, printed on async/concurrency.md, are indexed."""
    matches = {m.match: m.url for m in errors.printed_messages()}
    for wanted in (
        "This session is provisioning a new connection; concurrent operations are not permitted",
        "Session is already flushing",
    ):
        assert matches.get(wanted) == "async/concurrency/", f"{wanted!r} -> {matches.get(wanted)}"


def test_pasted_chapter_messages_find_their_page_first(site_url: str, page: Page) -> None:
    current = snippets.installed_version()
    messages = errors.printed_messages()
    assert len(messages) >= 10, f"only {len(messages)} printed messages found outside docs/errors/"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url)
    search_input = page.locator("input.md-search__input")
    search_input.click()
    search.wait_for_search_index(page)
    misses, hits, pasted = [], 0, 0
    for message in messages:
        text = message.pasted.get(current) or message.pasted.get("")
        if not text:  # printed on the other SQLAlchemy version only
            continue
        pasted += 1
        search_input.fill("")
        page.evaluate("text => navigator.clipboard.writeText(text)", text)
        search_input.press("Control+V")
        first = page.locator(".md-search-result__item a").first
        try:
            expect(first).to_have_attribute(
                "href", re.compile(re.escape(message.url) + "$"), timeout=5000
            )
            hits += 1
        except AssertionError:
            href = first.get_attribute("href") if first.count() else None
            misses.append(
                f"docs/{message.page}:1: pasting {text[:90]!r}... gave first result {href}"
            )
    print(f"{hits} of {pasted} pasted chapter error messages found their page first")
    assert pasted, "no printed message has a line for this SQLAlchemy version"
    assert not misses, "\n".join(misses)
