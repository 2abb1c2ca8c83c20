"""Which Chromium the browser tests drive, and how.

The browser is Debian's ``chromium`` (or any Chromium or Chrome named by the ``CHROMIUM``
environment variable), driven by pytest-playwright's fixtures (``tests/conftest.py`` points
``browser_type_launch_args`` at it). ``playwright install`` is never needed. Without a browser
the tests fail with ``missing_browser_message()``; they never skip.
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

    from harness.site import BuiltSite

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
VIEWPORT = {"width": 1280, "height": 900}

# Material draws each diagram into a *closed* shadow root, which no selector can enter.
# Opening it changes nothing the reader sees and lets a test look at the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
    return attach.call(this, { ...init, mode: "open" });
};
"""


def prepare(context: BrowserContext) -> BrowserContext:
    """Every test's context: the default timeout above, and mermaid's shadow roots open."""
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    return context


class NoBrowser(RuntimeError):
    pass


def chromium_executable() -> str:
    """The Chromium binary to drive; raises ``NoBrowser`` saying how to get one."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        if not (os.path.isfile(configured) and os.access(configured, os.X_OK)):
            raise NoBrowser(f"CHROMIUM={configured} is not an executable file")
        return configured
    found = shutil.which("chromium")
    if not found:
        raise NoBrowser(
            "The browser tests need Chromium and none was found. Install it "
            "(Debian/Ubuntu: `sudo apt-get install -y chromium`; scripts/test does this "
            "itself when run as root) or set CHROMIUM to a Chromium or Chrome binary, "
            "e.g. CHROMIUM=/usr/bin/google-chrome. `playwright install` is not needed."
        )
    return found


def sitemap_at(target: Page | BrowserContext, built_site: BuiltSite, site_url: str) -> None:
    """Serve sitemap.xml to ``target`` as if the site were published at the test server's address.

    Material's instant navigation only follows links listed in sitemap.xml, whose
    addresses MkDocs writes from site_url. Material swaps in the current scheme and host
    name, not the port, so on http.server's port it finds no link in the sitemap and
    every click is a full page load. In production (port 443) they match.
    """
    sitemap = (built_site.directory / "sitemap.xml").read_text(encoding="utf-8")
    sitemap = sitemap.replace(built_site.site_url, site_url)
    target.route(
        site_url + "sitemap.xml",
        lambda route: route.fulfill(body=sitemap, content_type="application/xml"),
    )
