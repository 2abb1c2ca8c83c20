"""Async code in tasks: fix 2, a module-level async engine with NullPool keeps
no connection between tasks."""

import asyncio
from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

# --8<-- [start:setup]
app = Celery(
    "async_tasks_003_nullpool", broker=redis_url(), backend=redis_url()
)
app.conf.task_default_queue = celery_queue()
# --8<-- [end:setup]

# --8<-- [start:task]
engine = create_async_engine(postgres_url("async"), poolclass=NullPool)


async def server_pid() -> int:
    # a new connection, closed when the block ends
    async with engine.connect() as conn:
        return await conn.scalar(text("SELECT pg_backend_pid()"))


@app.task
def report() -> int:
    return asyncio.run(server_pid())


# --8<-- [end:task]


if __name__ == "__main__":
    with worker(
        "async_tasks_003_nullpool",
        directory=Path(__file__).parent,
        concurrency=1,
    ):
        # --8<-- [start:run]
        results = [report.delay() for _ in range(3)]
        pids = [r.get(timeout=20) for r in results]
        print([r.state for r in results])
        #> ['SUCCESS', 'SUCCESS', 'SUCCESS']
        print("server connections opened:", len(set(pids)))
        #> server connections opened: 3
        # --8<-- [end:run]
