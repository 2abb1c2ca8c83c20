"""Helpers that the guide's snippets import. Installed by ``pip install -r requirements.txt``.

Only what a snippet cannot do in a line or two lives here: today, a PostgreSQL database for
the snippets whose behaviour depends on a real server (isolation levels, concurrent
sessions). In your own code you pass your own URL to ``create_engine()`` instead.
"""

from guide_support.postgres import postgres_url

__all__ = ["postgres_url"]
