"""An error page's title gets the class ``guide-error-title``.

An error page's title is the error message itself (``error:`` in its front matter), so that
search finds it; such a title is long and starts with a long class name. The class lets
``docs/assets/stylesheets/extra.css`` set it smaller, so that on a phone it does not fill
the screen or break inside ``DetachedInstanceError:``. ``tests/test_reader_look.py``
measures it in Chromium at 390x844.
"""

from __future__ import annotations

import re

H1 = re.compile(r"<h1(?P<attrs>[^>]*)>")


def on_page_content(html: str, page, config, files, **kwargs) -> str:
    if not page.meta.get("error"):
        return html
    return H1.sub(lambda m: f'<h1 class="guide-error-title"{m["attrs"]}>', html, count=1)
