"""What a reader sees, measured in Chromium: defects seen in screenshots stay fixed.

- the object-states diagram: no edge label overlaps another label or a state (1280x800 and
  390x844);
- error-page titles (the error message, hooks/error_titles.py) on a phone (390x844): at most
  four lines, and no line starts with punctuation (it broke inside "DetachedInstanceError:");
- the notebook page (mkdocs-jupyter, docs/assets/stylesheets/notebook.css): its code cells
  have the font, size, colours and width of a code block on a Markdown page, and its outputs
  the colours of the #> output lines, in the light and the dark scheme.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from harness import errors
from harness.browser import OPEN_SHADOW_ROOTS

pytestmark = pytest.mark.site

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
MAX_TITLE_LINES = 4

OVERLAPS = """() => {
  const root = document.querySelector('div.mermaid').shadowRoot
  const box = e => { const r = e.getBoundingClientRect(); return {t: e.textContent.trim(), x: r.x, y: r.y, w: r.width, h: r.height} }
  const labels = [...root.querySelectorAll('g.edgeLabel')].map(box).filter(b => b.t && b.w)
  const nodes = [...root.querySelectorAll('g.node')].map(box)
  const hit = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
  const found = []
  labels.forEach((a, i) => {
    labels.slice(i + 1).forEach(b => { if (hit(a, b)) found.push(`label "${a.t}" covers label "${b.t}"`) })
    nodes.forEach(n => { if (hit(a, n)) found.push(`label "${a.t}" covers state "${n.t}"`) })
  })
  return [labels.length, found]
}"""

# The rendered lines of an element's text (its permalink excluded).
LINES = """(h1) => {
  const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT, {acceptNode: n =>
    n.parentElement.closest('a.headerlink') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT})
  const lines = []; let top = null
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1)
      const rect = [...range.getClientRects()].find(r => r.width > 0)
      if (!rect) continue
      if (top === null || rect.top > top + rect.height / 2) { lines.push(''); top = rect.top }
      lines[lines.length - 1] += node.data[i]
    }
  }
  return lines
}"""


def _page(browser: Browser, site_url: str, viewport: dict, scheme: str = "light"):
    context = browser.new_context(
        base_url=site_url, viewport=viewport, color_scheme=scheme, service_workers="block"
    )
    context.add_init_script(OPEN_SHADOW_ROOTS)
    return context, context.new_page()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x800", "390x844"])
def test_state_diagram_labels_do_not_overlap(browser: Browser, site_url: str, viewport) -> None:
    context, page = _page(browser, site_url, viewport)
    try:
        page.goto(site_url + "lifecycle/object-states/")
        page.locator("div.mermaid svg").first.wait_for(state="attached")
        count, found = page.evaluate(OVERLAPS)
    finally:
        context.close()
    assert count >= 10, f"only {count} edge labels drawn on lifecycle/object-states/"
    assert not found, "docs/lifecycle/object-states.md diagram:\n" + "\n".join(found)


def test_error_titles_fit_a_phone(browser: Browser, site_url: str) -> None:
    slugs = [p.slug for p in errors.error_pages()]
    assert slugs, "no error pages"
    context, page = _page(browser, site_url, PHONE)
    problems = []
    try:
        for slug in slugs:
            page.goto(site_url + f"errors/{slug}/")
            title = page.locator("article h1").first
            assert "guide-error-title" in (title.get_attribute("class") or ""), slug
            lines = page.evaluate(LINES, title.element_handle())
            bad = [line for line in lines if line.strip()[:1] in ":;,.)"]
            if len(lines) > MAX_TITLE_LINES or bad:
                problems.append(f"docs/errors/{slug}.md: title in {len(lines)} lines {lines}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


CODE_STYLE = """([code, token, out]) => {
  const pick = (sel, props) => { const e = document.querySelector(sel); if (!e) return sel + ' missing';
    const c = getComputedStyle(e); return props.map(p => c.getPropertyValue(p)) }
  const box = document.querySelector(code)
  return {
    code: pick(code, ['font-family', 'font-size', 'line-height', 'background-color', 'color']),
    keyword: pick(token, ['color', 'font-weight']),
    output: out ? pick(out, ['color']) : null,
    width: box ? Math.round(box.getBoundingClientRect().width) : null,
  }
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_notebook_looks_like_the_other_pages(browser: Browser, site_url: str, scheme) -> None:
    context, page = _page(browser, site_url, DESKTOP, scheme)
    try:
        page.goto(site_url + "lifecycle/object-states/")
        markdown = page.evaluate(
            CODE_STYLE,
            # a block in the text column (not one inside an admonition, set smaller)
            [
                "article > .highlight pre > code",
                "article .highlight pre > code .kn",
                "article > .highlight .guide-output .c1",
            ],
        )
        page.goto(site_url + "notebooks/object-states-tour/")
        notebook = page.evaluate(
            CODE_STYLE,
            [
                ".jupyter-wrapper .highlight-ipynb pre",
                ".jupyter-wrapper .highlight-ipynb .kn",
                ".jupyter-wrapper .jp-OutputArea-output pre",
            ],
        )
        prompts = page.locator(".jp-InputPrompt:visible", has_text="In [").count()
    finally:
        context.close()
    assert notebook == markdown, f"{scheme}: notebook {notebook} != Markdown page {markdown}"
    assert prompts == 0, f"{scheme}: the notebook shows {prompts} 'In [n]:' prompts"
