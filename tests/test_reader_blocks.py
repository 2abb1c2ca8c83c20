"""Included code blocks as a reader meets them: a file name, the whole script, output lines.

- Every ``--8<--`` block of every page has a title bar naming its snippet and linking to the
  file in the repository at the commit the site was built from; the built site carries the
  file byte for byte at the same path (that is what "Copy whole script" copies).
- In Chromium: "Whole script" shows the complete file in place of the section; the
  SQLAlchemy version switch hides the other version's ``#>`` lines and is remembered on the
  next page; ``#>`` lines, version tags and the "needs" label meet WCAG AA contrast (4.5:1)
  in the light and the dark scheme.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter

import pytest
from playwright.sync_api import Page

from harness import docs
from harness.snippets import ROOT

pytestmark = pytest.mark.site

BAR = re.compile(
    r'<span class="filename guide-block__bar" data-guide-file="(?P<file>[^"]+)"[^>]*>'
    r'<a class="guide-block__file" href="(?P<href>[^"]+)"'
)


def included_blocks() -> Counter[str]:
    """How many code blocks of the pages include each snippet file."""
    found: Counter[str] = Counter()
    for page_file in docs.pages():
        for block in docs.fenced_blocks(page_file):
            if block.includes:
                found[block.includes[0].split(":", 1)[0]] += 1
    return found


def test_every_included_block_names_and_links_its_file(built_site) -> None:
    expected = included_blocks()
    assert expected, "no page includes a snippet"
    seen: Counter[str] = Counter()
    hrefs = set()
    for path in built_site.pages():
        for match in BAR.finditer(built_site.html(path)):
            seen[html.unescape(match["file"])] += 1
            hrefs.add((html.unescape(match["file"]), html.unescape(match["href"])))
    missing = expected - seen
    print(f"{sum(seen.values())} of {sum(expected.values())} included blocks have a file name")
    assert not missing, f"blocks without a title bar, by file: {dict(missing)}"
    assert seen == expected

    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as config_file:
        repo_url = yaml_load(config_file)["repo_url"].rstrip("/")
    wrong = [(file, href) for file, href in hrefs if href != f"{repo_url}/blob/{commit}/{file}"]
    assert not wrong, f"links that are not {repo_url}/blob/<HEAD>/<file>: {wrong[:5]}"

    for file in expected:
        copy = built_site.directory / file
        assert copy.is_file(), f"the built site has no copy of {file}"
        assert copy.read_bytes() == (ROOT / file).read_bytes(), f"site's {file} differs"


def test_whole_script_shows_the_file_in_place(built_site, site_url: str, page: Page) -> None:
    page.goto(site_url + "lifecycle/flush/")
    block = page.locator("div.highlight:has(> .guide-block__bar)").nth(1)
    file = block.locator(".guide-block__bar").get_attribute("data-guide-file")
    section_text = block.locator(":scope > pre code").inner_text()
    block.locator("[data-guide-action=whole]").click()
    whole = block.locator(".guide-block__whole code")
    whole.wait_for(state="visible")
    assert block.locator(":scope > pre").is_hidden(), "the section is still shown"
    source = (ROOT / file).read_text(encoding="utf-8")
    assert whole.text_content() == source, f"the whole-script view is not {file}"
    marked = block.locator(".guide-block__section-line")
    assert marked.count() > 0, "the section's lines are not marked in the whole script"
    assert section_text.strip().splitlines()[0].strip() in marked.first.inner_text()
    block.locator("[data-guide-action=whole]").click()
    assert block.locator(":scope > pre").is_visible(), "pressed again, the section is back"


def test_version_switch_hides_the_other_version_and_is_remembered(
    built_site, site_url: str, page: Page
) -> None:
    pages = [p for p in built_site.pages() if 'data-sqla="2.0"' in built_site.html(p)]
    assert len(pages) >= 2, "fewer than two pages show version-tagged #> lines"
    page.goto(site_url + pages[0])
    lines_20 = page.locator('.guide-output[data-sqla="2.0"]')
    assert lines_20.first.is_visible() or lines_20.first.evaluate(
        "e => !!e.closest('details,.tabbed-block')"
    )
    # The first switch may sit in a collapsed "Setup" block: use the first one on show.
    switch = (
        page.locator('.guide-block__versions button[data-guide-sqla="2.1"]')
        .filter(visible=True)
        .first
    )
    switch.scroll_into_view_if_needed()
    switch.click()
    assert all(line.is_hidden() for line in lines_20.all()), "2.0 lines still shown on 2.1"
    # The next page opens with the same choice.
    page.goto(site_url + pages[1])
    assert page.evaluate("document.documentElement.dataset.guideSqla") == "2.1"
    assert all(line.is_hidden() for line in page.locator('.guide-output[data-sqla="2.0"]').all())
    pressed = page.locator('.guide-block__versions button[aria-pressed="true"]')
    assert {b.get_attribute("data-guide-sqla") for b in pressed.all()} == {"2.1"}
    page.locator('.guide-block__versions button[data-guide-sqla="both"]').filter(
        visible=True
    ).first.click()
    shown = "[...document.querySelectorAll('.guide-output[data-sqla]')]" + (
        ".every(e => getComputedStyle(e).display !== 'none')"
    )
    assert page.evaluate(shown), "with both versions chosen, some tagged #> lines stay hidden"


CONTRAST = """selector => {
    const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1] }
    const blend = (top, bottom) => { const a = top[3]; return [0,1,2].map(i => top[i]*a + bottom[i]*(1-a)).concat([1]) }
    const background = element => {
        const layers = []
        for (let node = element; node; node = node.parentElement) {
            const c = parse(getComputedStyle(node).backgroundColor)
            if (c[3] > 0) layers.push(c)
            if (c[3] === 1) break
        }
        let colour = [255, 255, 255, 1]
        for (const layer of layers.reverse()) colour = blend(layer, colour)
        return colour
    }
    const luminance = c => {
        const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 })
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    const element = [...document.querySelectorAll(selector)].find(e => e.getClientRects().length)
    if (!element) return null
    const fg = blend(parse(getComputedStyle(element).color), background(element))
    const [a, b] = [luminance(fg), luminance(background(element))].sort((x, y) => y - x)
    return (a + 0.05) / (b + 0.05)
}"""

CONTRAST_TARGETS = {
    "#> line": ".guide-output .c1",
    "2.0 tag": '.guide-output[data-sqla="2.0"] .guide-output__tag',
    "2.1 tag": '.guide-output[data-sqla="2.1"] .guide-output__tag',
    "needs label": ".guide-block__needs",
    "file name": ".guide-block__file",
    "bar button": ".guide-block__actions button",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_output_lines_and_title_bar_meet_wcag_aa(
    built_site, site_url: str, page: Page, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    # A page with tagged lines and a block that needs PostgreSQL.
    candidates = [
        p
        for p in built_site.pages()
        if 'data-sqla="2.0"' in built_site.html(p) and "guide-block__needs" in built_site.html(p)
    ]
    assert candidates
    page.goto(site_url + candidates[0])
    scheme_attr = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme_attr == ("slate" if scheme == "dark" else "default"), scheme_attr
    low = {}
    for name, selector in CONTRAST_TARGETS.items():
        ratio = page.evaluate(CONTRAST, selector)
        assert ratio is not None, f"{candidates[0]}: nothing visible matches {selector}"
        print(f"{scheme}: {name} {ratio:.2f}:1")
        if ratio < 4.5:
            low[name] = round(ratio, 2)
    assert not low, f"{scheme} scheme: below WCAG AA 4.5:1: {low}"
