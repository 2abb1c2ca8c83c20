"""Helpers that the guide's snippets import. Installed (editable) by ``pip install -e .``, which
``scripts/test`` and ``scripts/serve`` run after installing the lock file.

Only what a snippet cannot do in a line or two lives here: a PostgreSQL database for the
snippets whose behaviour depends on a real server (isolation levels, concurrent sessions),
and a real Redis plus real Celery worker processes for the Celery chapter. In your own code you pass your own URL to ``create_engine()`` instead.
"""

from guide_support.celery_support import celery_queue, redis_url, worker
from guide_support.postgres import postgres_ssl_url, postgres_url

__all__ = ["celery_queue", "postgres_ssl_url", "postgres_url", "redis_url", "worker"]
