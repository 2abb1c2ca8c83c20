"""A connection opened before the prefork pool forks is shared by the
children: one transaction for two processes."""

import os
import time
from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import create_engine, text

# --8<-- [start:setup]
app = Celery(Path(__file__).stem, broker=redis_url(), backend=redis_url())
app.conf.task_default_queue = celery_queue()
# --8<-- [end:setup]

# --8<-- [start:engine]
engine = create_engine(postgres_url())

# Module-level code that touches the database, e.g. reading settings at import
# time. In the worker it runs in the main process, before the pool processes
# are forked: the connection goes back to the pool, and every child inherits
# that pool and its socket.
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
# --8<-- [end:engine]

# --8<-- [start:helpers]
# a Redis client: the parent tells the writer when to go on
flags = app.backend.client
INSERTED, GO = f"{celery_queue()}:inserted", f"{celery_queue()}:go"


def collect_warnings(conn) -> list[str]:
    """The warnings PostgreSQL sends on this connection from now on (psycopg
    notices)."""
    received: list[str] = []
    conn.connection.driver_connection.add_notice_handler(
        lambda d: received.append(d.message_primary)
    )
    return received


# --8<-- [end:helpers]


# --8<-- [start:tasks]
@app.task
def writer() -> dict:
    with engine.connect() as conn:
        warned = collect_warnings(conn)
        backend = conn.scalar(text("SELECT pg_backend_pid()"))
        conn.execute(
            text("INSERT INTO notes (body) VALUES ('written by the writer')")
        )
        flags.set(INSERTED, 1)  # not committed yet: let the reader run now
        for _ in range(200):
            if flags.get(GO):
                break
            time.sleep(0.05)
        conn.commit()
    return {"process": os.getpid(), "backend": backend, "warnings": warned}


@app.task
def reader() -> dict:
    # returned to the pool with a ROLLBACK at the end
    with engine.connect() as conn:
        warned = collect_warnings(conn)
        backend = conn.scalar(text("SELECT pg_backend_pid()"))
        rows = conn.scalar(text("SELECT count(*) FROM notes"))
    return {
        "process": os.getpid(),
        "backend": backend,
        "rows": rows,
        "warnings": warned,
    }


# --8<-- [end:tasks]


if __name__ == "__main__":
    with engine.begin() as conn:
        conn.execute(
            text("CREATE TABLE notes (id serial PRIMARY KEY, body text)")
        )

    with worker(
        Path(__file__).stem, directory=Path(__file__).parent, concurrency=2
    ):
        # --8<-- [start:run]
        w = writer.delay()
        # until the writer has inserted its row (it has not committed)
        for _ in range(200):
            if flags.get(INSERTED):
                break
            time.sleep(0.05)
        # the other child: the writer's child is busy
        r = reader.delay().get(timeout=10)
        flags.set(GO, 1)
        w = w.get(timeout=10)
        print(f"two processes: {w['process'] != r['process']}")
        #> two processes: True
        print(f"same PostgreSQL backend: {w['backend'] == r['backend']}")
        #> same PostgreSQL backend: True
        print(f"rows the reader saw: {r['rows']}")
        #> rows the reader saw: 1
        print(f"PostgreSQL warned the reader: {r['warnings']}")
        #> PostgreSQL warned the reader: ['there is already a transaction in progress']
        print(f"PostgreSQL warned the writer: {w['warnings']}")
        #> PostgreSQL warned the writer: ['there is no transaction in progress']
        with engine.connect() as conn:
            print(
                "rows after the writer committed: "
                f"{conn.scalar(text('SELECT count(*) FROM notes'))}"
            )
            #> rows after the writer committed: 0
        # --8<-- [end:run]
    engine.dispose()
