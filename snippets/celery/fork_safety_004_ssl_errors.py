"""The errors a shared SSL connection raises after the prefork pool forks:
real messages, two drivers."""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_ssl_url, redis_url, worker
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

app = Celery(Path(__file__).stem, broker=redis_url(), backend=redis_url())
app.conf.task_default_queue = celery_queue()

# --8<-- [start:engine]
# PostgreSQL with ssl=on; the URL says sslmode=require
url = postgres_ssl_url()
engines = {
    "psycopg2": create_engine(url.set(drivername="postgresql+psycopg2")),
    "psycopg": create_engine(url.set(drivername="postgresql+psycopg")),
}
# an import-time query: each pool keeps one SSL connection
for engine in engines.values():
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
# --8<-- [end:engine]


# --8<-- [start:task]
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
        # what the worker's log shows, first line
        except OperationalError as exc:
            seen[driver] = (
                f"{type(exc).__module__}.{type(exc).__name__}: "
                f"{str(exc).splitlines()[0]}"
            )
    return seen


# --8<-- [end:task]


if __name__ == "__main__":
    # --8<-- [start:run]
    # One pool process at a time, replaced after each task: every task runs in
    # a new process forked from the same parent, so each starts from the same
    # inherited connection.
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
                #> task 2, psycopg2: sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) SSL error: decryption failed or bad record mac
                #> task 2, psycopg: sqlalchemy.exc.OperationalError: (psycopg.OperationalError) consuming input failed: SSL error: decryption failed or bad record mac
                #> task 3, psycopg2: sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) SSL SYSCALL error: EOF detected
                #> task 3, psycopg: sqlalchemy.exc.OperationalError: (psycopg.OperationalError) consuming input failed: SSL error: unexpected eof while reading
    # --8<-- [end:run]
    # --8<-- [start:versions]
    import psycopg
    import psycopg2

    print(
        f"psycopg2 {psycopg2.__version__.split()[0]}, libpq "
        f"{psycopg2.extensions.libpq_version()}"
    )
    #> psycopg2 2.9.11, libpq 170006
    print(f"psycopg {psycopg.__version__}, libpq {psycopg.pq.version()}")
    #> psycopg 3.3.9, libpq 180006
    # --8<-- [end:versions]
    for engine in engines.values():
        engine.dispose()
