"""The 2.0 -> 2.1 page lists every output that differs, rendered at each build.

An MkDocs hook (``hooks:`` in mkdocs.yml). ``docs/checked/sqlalchemy-2.0-to-2.1.md`` holds its
prose and one marker line (``MARKER`` in ``tests/harness/versions.py``); this hook replaces the
marker with the entries rendered from the snippet files on disk: their ``#>[2.0]`` and
``#>[2.1]`` lines, the ``print()`` each sits under, and ``tests/data/version-notes.yml``. A page
without the marker fails the build.

The renderer is the test suite's ``harness.versions`` (built on ``harness.snippets.parse``, the
reader of ``#>`` lines every snippet check uses), imported from ``tests/`` as ``scripts/``
does. ``tests/test_versions.py`` reads the built page and checks it against the snippets.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from harness import versions  # noqa: E402


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    if Path(page.file.abs_src_path).resolve() != versions.PAGE:
        return markdown
    try:
        return versions.fill(markdown)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
