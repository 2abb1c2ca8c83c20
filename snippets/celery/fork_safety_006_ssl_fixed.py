"""With dispose(close=False) in worker_process_init, the SSL errors of the
shared connection are gone."""

from pathlib import Path

from celery import Celery
from celery.signals import worker_process_init
from guide_support import celery_queue, postgres_ssl_url, redis_url, worker
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

app = Celery(Path(__file__).stem, broker=redis_url(), backend=redis_url())
app.conf.task_default_queue = celery_queue()

# PostgreSQL with ssl=on; the URL says sslmode=require
url = postgres_ssl_url()
engines = {
    "psycopg2": create_engine(url.set(drivername="postgresql+psycopg2")),
    "psycopg": create_engine(url.set(drivername="postgresql+psycopg")),
}
for engine in engines.values():  # the same import-time query as before
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


# --8<-- [start:fix]
@worker_process_init.connect
def fresh_pools_in_each_child(**kwargs):
    for engine in engines.values():
        engine.dispose(close=False)


# --8<-- [end:fix]


@app.task
def ping() -> dict[str, str]:
    seen = {}
    for driver, engine in engines.items():
        try:
            with engine.connect() as conn:
                ssl = conn.scalar(
                    text(
                        "SELECT ssl FROM pg_stat_ssl"
                        " WHERE pid = pg_backend_pid()"
                    )
                )
                seen[driver] = f"ok, ssl={ssl}"
        except OperationalError as exc:
            seen[driver] = (
                f"{type(exc).__module__}.{type(exc).__name__}: "
                f"{str(exc).splitlines()[0]}"
            )
    return seen


if __name__ == "__main__":
    # --8<-- [start:run]
    with worker(
        Path(__file__).stem,
        directory=Path(__file__).parent,
        concurrency=1,
        extra_args=("--max-tasks-per-child", "1"),
    ):
        for n in (1, 2, 3):
            for driver, outcome in ping.delay().get(timeout=20).items():
                print(f"task {n}, {driver}: {outcome}")
                #> task 1, psycopg2: ok, ssl=True
                #> task 1, psycopg: ok, ssl=True
                #> task 2, psycopg2: ok, ssl=True
                #> task 2, psycopg: ok, ssl=True
                #> task 3, psycopg2: ok, ssl=True
                #> task 3, psycopg: ok, ssl=True
    # --8<-- [end:run]
    for engine in engines.values():
        engine.dispose()
