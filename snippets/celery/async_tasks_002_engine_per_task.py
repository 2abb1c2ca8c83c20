"""Async code in tasks: fix 1, create the async engine inside the coroutine
and dispose of it."""

import asyncio
from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

# --8<-- [start:setup]
app = Celery(
    "async_tasks_002_engine_per_task", broker=redis_url(), backend=redis_url()
)
app.conf.task_default_queue = celery_queue()
# --8<-- [end:setup]


# --8<-- [start:task]
async def server_pid() -> int:
    # born in this task's loop
    engine = create_async_engine(postgres_url("async"))
    try:
        async with engine.connect() as conn:
            return await conn.scalar(text("SELECT pg_backend_pid()"))
    finally:
        # ... and its connections closed before the loop ends
        await engine.dispose()


@app.task
def report() -> int:
    return asyncio.run(server_pid())


# --8<-- [end:task]


if __name__ == "__main__":
    with worker(
        "async_tasks_002_engine_per_task",
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
