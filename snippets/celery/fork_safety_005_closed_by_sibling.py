"""A pool process that closes the inherited connection (engine.dispose()) ends
it for every other process."""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

app = Celery(Path(__file__).stem, broker=redis_url(), backend=redis_url())
app.conf.task_default_queue = celery_queue()

# --8<-- [start:engine]
url = postgres_url()  # no SSL this time
engines = {
    driver: create_engine(url.set(drivername=f"postgresql+{driver}"))
    for driver in ("psycopg2", "psycopg")
}
# an import-time query: each pool keeps one connection
for engine in engines.values():
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
# --8<-- [end:engine]


# --8<-- [start:task]
@app.task
def ping_then_dispose() -> dict[str, str]:
    seen = {}
    for driver, engine in engines.items():
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            seen[driver] = "ok"
        # what the worker's log shows, first line
        except OperationalError as exc:
            seen[driver] = (
                f"{type(exc).__module__}.{type(exc).__name__}: "
                f"{str(exc).splitlines()[0]}"
            )
        # "to be safe": closes the connections, the inherited one included
        engine.dispose()
    return seen


# --8<-- [end:task]


if __name__ == "__main__":
    # --8<-- [start:run]
    with worker(
        Path(__file__).stem,
        directory=Path(__file__).parent,
        concurrency=1,
        extra_args=("--max-tasks-per-child", "1"),
    ):
        for n in (1, 2):
            for driver, outcome in (
                ping_then_dispose.delay().get(timeout=20).items()
            ):
                print(f"task {n}, {driver}: {outcome}")
                #> task 1, psycopg2: ok
                #> task 1, psycopg: ok
                #> task 2, psycopg2: sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) server closed the connection unexpectedly
                #> task 2, psycopg: sqlalchemy.exc.OperationalError: (psycopg.OperationalError) consuming input failed: server closed the connection unexpectedly
    # --8<-- [end:run]
    for engine in engines.values():
        engine.dispose()
