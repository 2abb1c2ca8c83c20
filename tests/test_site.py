"""The built site, checked the way a reader meets it: in Chromium.

The build, its server and the browser are fixtures of tests/conftest.py (`built_site`,
`site_url`, and pytest-playwright's `page`/`context` on the system Chromium): one strict build
per test run, served on 127.0.0.1 under the path of `site_url` (for example
http://127.0.0.1:PORT/guide/), which is where GitHub Pages serves it and where 404.html
expects its assets. One browser per worker, one fresh page per check.

What is checked:
- every page loads with no request to another host, no failed request and no console
  error or uncaught exception;
- every mermaid diagram becomes an SVG, drawn with the site's own mermaid, on a full page
  load and after instant navigation, and pages without a diagram do not load mermaid;
- 404.html, sent for a missing address several folders deep, says the page is missing,
  opens the search with the cursor in it and links home;
- the search finds a word, the light/dark toggle switches, code blocks get a copy button.

Chromium is Debian's `chromium` (or any Chrome named by the CHROMIUM environment
variable); `playwright install` is never needed. Without a browser these tests fail, they
do not skip: a green run must mean the site was looked at.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    expect,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from harness import search
from harness.browser import NoBrowser, chromium_executable, sitemap_at
from harness.site import BuiltSite

# Every test in this file builds the site or drives the browser; scripts/test runs them once
# per command, not once per SQLAlchemy version (`-m "not site"`).
pytestmark = pytest.mark.site

TABS = 4  # pages loading at once in test_every_page_is_self_contained

# Addresses a page may use without a network request to anyone.
LOCAL_SCHEMES = {"data", "blob", "about"}


# --- Helpers ----------------------------------------------------------------------------


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname == "127.0.0.1"


def _pages_matching(built_site: BuiltSite, pattern: str) -> list[str]:
    regex = re.compile(pattern)
    return [page for page in built_site.pages() if regex.search(built_site.html(page))]


# --- Tests ------------------------------------------------------------------------------


def test_a_browser_is_available() -> None:
    """Without Chromium this fails by name (the browser tests then error at setup)."""
    try:
        executable = chromium_executable()
    except NoBrowser as exc:
        pytest.fail(str(exc), pytrace=False)
    assert Path(executable).is_file()


def test_site_builds_strict(built_site: BuiltSite, record_property) -> None:
    """The strict build passes (the fixture fails with its output otherwise)."""
    record_property("build_seconds", round(built_site.seconds, 2))
    print(f"mkdocs build --strict: {built_site.seconds:.2f} s")
    for expected in ("index.html", "404.html", "search/search_index.json", "sitemap.xml"):
        assert (built_site.directory / expected).is_file(), f"the build has no {expected}"


def _watch(page: Page, report: Callable[[str], None]) -> None:
    """Report what makes a page not self-contained."""

    def on_request(request: Request) -> None:
        if not _is_local(request.url):
            report(f"request to another host: {request.method} {request.url}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            report(f"HTTP {response.status} for {response.url}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            report(f"console error: {message.text} ({message.location.get('url', '')})")

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: report(f"uncaught exception: {error}"))


@dataclass
class _Tab:
    """A browser tab that checks one page after another."""

    page: Page
    url: str = ""
    found: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        _watch(self.page, lambda line: self.found.append(line))

    def open(self, url: str) -> None:
        if self.url:
            # Material remembers some answers (the repository facts, for one) in the tab's
            # storage; forgetting them makes every page a first visit that asks again.
            self.page.evaluate("() => { sessionStorage.clear(); localStorage.clear() }")
        self.url, self.found = url, []
        self.page.goto(url, wait_until="commit")

    def settle(self) -> None:
        self.page.wait_for_load_state("load")
        # Material starts its fetches (diagrams, repository facts) once the document is
        # ready; waiting for a quiet network makes sure a late request is still seen.
        self.page.wait_for_load_state("networkidle")


def test_every_page_is_self_contained(
    built_site: BuiltSite, site_url: str, context: BrowserContext
) -> None:
    """No page asks another host for anything, fails to load a file, or logs an error."""
    paths = built_site.pages()
    assert paths, "the build produced no HTML pages"
    to_check = deque(site_url + path for path in paths)
    problems: dict[str, list[str]] = {}
    # A few tabs load pages side by side, so that one page's wait for a quiet network
    # overlaps the others' work; a tab moves on to the next page when its page is done.
    loading: deque[_Tab] = deque()
    for _ in range(min(TABS, len(to_check))):
        tab = _Tab(context.new_page())
        tab.open(to_check.popleft())
        loading.append(tab)
    while loading:
        tab = loading.popleft()
        tab.settle()
        if tab.found:
            problems[tab.url] = tab.found
        if to_check:
            tab.open(to_check.popleft())
            loading.append(tab)
    report = "\n".join(
        f"{url}\n" + "\n".join(f"    {line}" for line in lines) for url, lines in problems.items()
    )
    if problems:
        pytest.fail(f"pages that are not self-contained:\n{report}", pytrace=False)


def _expect_diagrams(page: Page, url: str, expected: int) -> None:
    """Wait until `expected` diagrams on the page are SVG drawings, not mermaid's error."""
    rendered = page.locator("div.mermaid svg")
    try:
        rendered.nth(expected - 1).wait_for(state="attached")
        complete = True
    except PlaywrightTimeoutError:
        complete = False
    if not complete:
        pytest.fail(
            f"{url}: {expected} mermaid diagram(s) in the HTML, {rendered.count()} drawn as SVG",
            pytrace=False,
        )
    kinds = [svg.get_attribute("aria-roledescription") for svg in rendered.all()]
    assert "error" not in kinds, f"{url}: mermaid drew an error diagram: {kinds}"


def test_mermaid_diagrams_render_as_svg(built_site: BuiltSite, site_url: str, page: Page) -> None:
    """Every diagram is drawn, and only pages with a diagram load mermaid.

    overrides/main.html gives a page with a diagram the site's mermaid with a script tag,
    and every other page a stand-in that loads it on the first diagram. Both are checked:
    a full load of every page with diagrams, and Material's instant navigation from a page
    without one, where the stand-in has to load it.
    """
    diagram_pages = _pages_matching(built_site, r'<pre class="mermaid"')
    assert diagram_pages, (
        'no built page has a mermaid diagram (<pre class="mermaid">): the diagram test has '
        "nothing to check; is the mermaid custom fence still configured in mkdocs.yml?"
    )

    def count(path: str) -> int:
        return built_site.html(path).count('<pre class="mermaid"')

    for path in diagram_pages:
        page.goto(site_url + path)
        _expect_diagrams(page, site_url + path, count(path))

    plain = [path for path in built_site.pages() if path not in diagram_pages]
    plain = [path for path in plain if path != "404.html"]
    if not plain:
        return
    assert built_site.site_url, "site_url is not set: Material's instant navigation needs it"
    sitemap_at(page, built_site, site_url)
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url))
    page.goto(site_url + plain[0])
    page.wait_for_load_state("networkidle")
    mermaid_loads = [url for url in scripts if re.search(r"mermaid[^/]*\.js", url)]
    assert not mermaid_loads, f"{site_url + plain[0]} has no diagram but loaded {mermaid_loads}"
    # Instant navigation keeps the window: mark it, follow a link, and check that the mark
    # survived (no full load) and the diagram was drawn all the same. Material handles
    # clicks on any link in the page, so one is added rather than hoping the page has one.
    target = diagram_pages[0]
    page.evaluate(
        """url => {
            window.__stillTheSameWindow = true
            const link = Object.assign(document.createElement("a"), {href: url, id: "to-diagram"})
            link.textContent = "a page with a diagram"
            document.querySelector("article").prepend(link)
        }""",
        site_url + target,
    )
    page.locator("#to-diagram").click()
    page.wait_for_url(site_url + target)
    _expect_diagrams(page, site_url + target, count(target))
    assert page.evaluate("window.__stillTheSameWindow === true"), (
        "following a link reloaded the page: navigation.instant is not in effect"
    )


def test_404_page_offers_search_and_home(built_site: BuiltSite, site_url: str, page: Page) -> None:
    """404.html, as a host sends it for a missing address at any depth.

    http.server answers a missing path with its own error page, so the browser is handed
    the built 404.html for a made-up address three folders deep, the way GitHub Pages
    does; its styles, scripts and search index still come from the server.
    """
    missing = site_url + "no/such/page/"
    not_found_html = (built_site.directory / "404.html").read_text(encoding="utf-8")
    page.route(
        missing,
        lambda route: route.fulfill(status=404, content_type="text/html", body=not_found_html),
    )
    found: list[str] = []
    _watch(page, found.append)
    page.goto(missing)
    article = page.locator("article.md-content__inner")
    assert "does not exist" in article.locator("h1").inner_text()
    assert "Paste the error message into the search" in article.inner_text()
    home = article.locator("a[data-guide=home]")
    assert home.evaluate("a => a.href") == site_url, "the 404 page's home link does not lead home"
    # The button opens the search with the cursor in it; the index loads from the site root.
    article.locator("[data-guide=open-search]").click()
    search_input = page.locator("input.md-search__input")
    expect(search_input).to_be_focused()
    search.wait_for_search_index(page)
    search_input.press_sequentially("Session")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(state="visible")
    assert first.evaluate("a => a.href").startswith(site_url)
    page.wait_for_load_state("networkidle")
    # The page's own 404 status is the point; anything else that failed is not.
    others = [line for line in found if not line.endswith((missing, f"({missing})"))]
    assert not others, "\n".join(others)


def test_search_finds_a_word(site_url: str, page: Page) -> None:
    page.goto(site_url)
    search_input = page.locator("input.md-search__input")
    search_input.click()
    search.wait_for_search_index(page)
    search_input.press_sequentially("Session")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    assert page.locator(".md-search-result__item").count() >= 1


def test_colour_scheme_toggle_switches(site_url: str, page: Page) -> None:
    page.goto(site_url)
    toggles = page.locator("form[data-md-component=palette] label.md-header__button")
    assert toggles.count() >= 2, "no light/dark toggle in the header"
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    seen = [page.evaluate(scheme)]
    # The palette cycles automatic -> light -> dark; the visible label moves to the next.
    for _ in range(toggles.count()):
        page.locator("form[data-md-component=palette] label.md-header__button:visible").click()
        seen.append(page.evaluate(scheme))
    assert {"default", "slate"} <= set(seen), f"data-md-color-scheme went through {seen}"


def test_code_blocks_have_a_copy_button(built_site: BuiltSite, site_url: str, page: Page) -> None:
    # Prefer a Markdown page: notebook cells carry mkdocs-jupyter's own copy button.
    with_code = _pages_matching(built_site, r"<pre[^>]*>(?:<span></span>)?<code")
    with_code.sort(key=lambda path: path.startswith("notebooks/"))
    assert with_code, "no built page has a code block (pre > code) to check the copy button on"
    page.goto(site_url + with_code[0])
    page.locator("pre > code").first.wait_for(state="attached")
    # The first block may sit in a collapsed "Setup" block: take the first one on show.
    copy = page.locator("button.md-code__button[data-md-type=copy]").filter(visible=True).first
    copy.wait_for(state="visible")
    copy.scroll_into_view_if_needed()
    copy.click()
    page.locator(".md-dialog", has_text="Copied").wait_for(state="visible")


def test_pasted_error_messages_find_their_page_first(site_url: str, page: Page) -> None:
    """Paste each indexed message, raw, into the search: its page must be the first result."""
    messages = search.pasted_messages()
    assert messages, "no error pages found under docs/errors/"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url)
    search_input = page.locator("input.md-search__input")
    search_input.click()
    search.wait_for_search_index(page)
    misses, hits = [], 0
    for url, text in messages:
        if not text:
            misses.append(f"{url}: its snippet prints no line containing the message's match")
            continue
        search_input.fill("")
        page.evaluate("text => navigator.clipboard.writeText(text)", text)
        search_input.press("Control+V")
        first = page.locator(".md-search-result__item a").first
        try:
            expect(first).to_have_attribute("href", re.compile(re.escape(url) + "$"), timeout=5000)
            hits += 1
        except AssertionError:
            href = first.get_attribute("href") if first.count() else None
            misses.append(
                f"docs/{url.rstrip('/')}.md: pasting {text[:90]!r}... gave first result {href}"
            )
    print(f"{hits} of {len(messages)} pasted error messages found their page first")
    assert not misses, "\n".join(misses)
