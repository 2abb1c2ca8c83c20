"""WCAG 2.2 AA, measured with axe-core in Chromium, on a dozen pages in both colour schemes.

axe-core 4.12.1 comes bundled in the pinned ``axe-playwright-python`` package and is injected
into each built page after it has loaded; the page is checked in the light scheme
(``default``) and again in the dark one (``slate``), switched the way Material's toggle does,
on the attribute of ``<body>``. Rules: WCAG 2.0/2.1/2.2 A and AA. A page fails on any
violation axe rates serious or critical, except those listed in ``ACCEPTED`` with the reason.

A failure names the page, the scheme, the rule and the first elements it flagged.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from harness import docs

pytestmark = pytest.mark.site

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ("default", "slate")

# Rule -> (CSS selector of the elements it may flag, why this is accepted for now).
ACCEPTED = {
    "target-size": (
        ".md-nav__link",
        "Material's sidebar links are 20 px high where the sidebar's scrolled edge cuts them "
        "off; the rule flags a few per page near that edge. Material's layout, not ours.",
    ),
}


ALL_PAGES = [docs.page_url(p) for p in docs.site_pages()]
# Every page is built from the same stylesheets and the same few components, and axe on all
# 59 pages in both schemes took 8 minutes of the suite; these pages hold every component
# between them (code blocks with every token colour, #> lines and version tags, tabs,
# collapsed Setup blocks, Run buttons, tables, admonitions, the diagram, error titles, the
# generated version page, the notebook, the home page's cards).
PAGES = [
    "",
    "lifecycle/object-states/",
    "lifecycle/commit/",
    "errors/",
    "errors/detached-lazy-load/",
    "async/basics/",
    "fastapi/returning-objects/",
    "flask/testing/",
    "celery/retries-and-redelivery/",
    "checked/blog-claims/",
    "checked/sqlalchemy-2.0-to-2.1/",
    "notebooks/object-states-tour/",
]


def test_the_sample_pages_exist() -> None:
    assert set(PAGES) <= set(ALL_PAGES), sorted(set(PAGES) - set(ALL_PAGES))


AXE = Axe()


@pytest.mark.parametrize("page_path", PAGES, ids=lambda p: p or "home")
def test_no_serious_wcag_violation(page_path: str, site_url: str, page: Page) -> None:
    page.goto(page_path)
    # Material fades colours over 250 ms when the scheme changes; axe must read the settled
    # colours, not a frame of the fade.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    problems = []
    for scheme in SCHEMES:
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        results = AXE.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        for violation in results.response["violations"]:
            if violation["impact"] not in ("serious", "critical"):
                continue
            targets = [" ".join(node["target"]) for node in violation["nodes"]]
            accepted = ACCEPTED.get(violation["id"])
            if accepted:
                flagged = page.evaluate(
                    "([targets, allowed]) => targets.filter(t => { const e ="
                    " document.querySelector(t); return !(e && e.closest(allowed)); })",
                    [targets, accepted[0]],
                )
                if not flagged:
                    continue
                targets = flagged
            problems.append(
                f"{page_path or 'home'} [{scheme}] {violation['id']} ({violation['impact']}): "
                f"{len(targets)} element(s), e.g. {targets[:3]}: {violation['help']}"
            )
    assert not problems, "\n".join(problems)
