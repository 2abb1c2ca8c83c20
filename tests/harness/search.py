"""The site's search as the browser tests drive it (tests/test_site.py, test_error_search.py,
test_search_defects.py).

- ``wait_for_search_index(page)``: wait until Material's search index has loaded.
- ``pasted_messages()``: every message the error index lists, as a reader pastes it.
"""

from __future__ import annotations

from playwright.sync_api import Page

from harness import errors, snippets
from harness.site import ROOT


def wait_for_search_index(page: Page) -> None:
    """The index loads in a web worker; typing before it is ready shows no results."""
    page.locator(".md-search-result__meta").wait_for(state="visible")
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta')"
        ".textContent.includes('Initializing')"
    )


def pasted_messages() -> list[tuple[str, str]]:
    """(the page's path in the site, the message as a reader pastes it) for every message the
    error index lists: its error pages, and the related messages from Celery, FastAPI and
    the drivers.

    The text is the snippet's real output for this SQLAlchemy version: the print() whose
    output contains the message's `match`, all its lines joined as a single-line search box
    joins them, with the memory addresses, session numbers and error link of that run.
    """
    current = snippets.installed_version()
    wanted = [(f"errors/{p.slug}/", p.trigger, p.match) for p in errors.error_pages()]
    wanted += [(r.url, r.snippet, r.match) for r in errors.related_messages()]
    found = []
    for url, snippet, match in wanted:
        source = (ROOT / snippet).read_text(encoding="utf-8")
        _, blocks, _ = snippets.parse(source)
        text = ""
        for block in blocks.values():
            lines = block.view(current)
            joined = " ".join(lines)
            if " ".join(match.split()) in " ".join(joined.split()):
                # the line with the message and the lines after it, as in a traceback
                start = next(i for i, x in enumerate(lines) if match.split()[0] in x)
                text = " ".join(lines[start:]) if start else joined
                break
        found.append((url, text))
    return found
