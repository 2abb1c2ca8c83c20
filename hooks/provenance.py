"""MkDocs hook: a line on every page saying what its output was checked with.

The line is built from what the test run recorded in ``.cache/provenance/`` (see
``tests/harness/provenance.py``): the SQLAlchemy releases, Python, the packages the page's
snippets import, and the date and commit of the run. A build without a passing, complete run
on record says so instead of guessing. ``tests/test_site.py`` checks that every page has it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / ".cache" / "provenance"
INCLUDE = re.compile(r'--8<--\s+"(snippets/[^":]+)')
# What a snippet's text must contain for a package to matter to the page that shows it.
USES = {
    "fastapi": ("fastapi",),
    "celery": ("celery",),
    "aiosqlite": ("aiosqlite",),
    "asyncpg": ('postgres_url("async")', "asyncpg"),
    "psycopg": ("postgres_url()", "psycopg"),
    "sqlmodel": ("sqlmodel",),
    "flask": ("flask",),
    "flask-sqlalchemy": ("flask_sqlalchemy",),
}
NAMES = {
    "fastapi": "FastAPI",
    "celery": "Celery",
    "aiosqlite": "aiosqlite",
    "asyncpg": "asyncpg",
    "psycopg": "psycopg",
    "sqlmodel": "SQLModel",
    "flask": "Flask",
    "flask-sqlalchemy": "Flask-SQLAlchemy",
}


def _runs() -> list[dict]:
    runs = []
    for path in sorted(FOLDER.glob("sqlalchemy-*.json"), reverse=True):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        # Only a complete, passing run of the pinned releases (not an upstream check).
        if data.get("passed") and data.get("complete") and not data.get("tags"):
            runs.append(data)
    return runs


def _packages_used(markdown: str) -> list[str]:
    used: set[str] = set()
    for file in set(INCLUDE.findall(markdown)):
        path = ROOT / file
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for package, needles in USES.items():
            if any(needle in text for needle in needles):
                used.add(package)
    return [p for p in USES if p in used]


def line_for(markdown: str, runs: list[dict]) -> str:
    if not runs:
        return (
            '<aside class="provenance" data-search-exclude><p>No passing run of the whole test '
            "suite is on record for this build, so this page does not say which releases its "
            "output was checked with. <code>scripts/test</code> records them.</p></aside>"
        )
    releases = sorted({r["sqlalchemy"] for r in runs}, reverse=True)
    sqlalchemy = " and ".join(f"SQLAlchemy {release}" for release in releases)
    pythons = sorted({r["python"] for r in runs})
    parts = [f"{sqlalchemy} on Python {' and '.join(pythons)}"]
    packages = []
    for package in _packages_used(markdown):
        versions = sorted({r["packages"].get(package) for r in runs} - {None})
        if versions:
            packages.append(f"{NAMES[package]} {' and '.join(versions)}")
    servers = sorted({r.get("postgresql") for r in runs} - {None})
    if servers and {"asyncpg", "psycopg"} & set(_packages_used(markdown)):
        packages.append(f"PostgreSQL {' and '.join(servers)}")
    newest = max(runs, key=lambda r: r["date"])
    commit = newest.get("commit", "")[:10] or "an unknown commit"
    dirty = " (with uncommitted changes)" if any(r.get("dirty") for r in runs) else ""
    when = (
        f"by the test run of {newest['date']} at commit <code>{html.escape(commit)}</code>{dirty}"
    )
    return (
        '<aside class="provenance" data-search-exclude><p>The output on this page was checked '
        f"with {html.escape(', '.join(parts + packages))}, {when}.</p></aside>"
    )


def on_page_content(html_text: str, page, config, files) -> str:
    markdown = page.markdown or ""
    return html_text + "\n" + line_for(markdown, _runs())
