from __future__ import annotations

import os
from importlib.metadata import version

import pytest


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [f"SQLAlchemy {version('sqlalchemy')}"]


def pytest_sessionstart(session: pytest.Session) -> None:
    # scripts/test says which SQLAlchemy it meant to test; a run against another one would
    # be a pass for the wrong version, so it stops here instead.
    expected = os.environ.get("EXPECT_SQLALCHEMY")
    installed = version("sqlalchemy")
    if expected and not installed.startswith(expected + "."):
        raise pytest.UsageError(
            f"EXPECT_SQLALCHEMY={expected} but this environment has SQLAlchemy {installed}"
        )
