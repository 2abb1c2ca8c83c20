"""Async code in tasks: fix 3, one event loop per worker process, so the
pooled engine can stay."""

import asyncio
from pathlib import Path

from celery import Celery
from celery.signals import worker_process_init, worker_process_shutdown
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

# --8<-- [start:setup]
app = Celery(
    "async_tasks_004_loop_per_process",
    broker=redis_url(),
    backend=redis_url(),
)
app.conf.task_default_queue = celery_queue()
# --8<-- [end:setup]

# --8<-- [start:task]
# no connection is made before the fork
engine = create_async_engine(postgres_url("async"))
loop: asyncio.AbstractEventLoop | None = None


@worker_process_init.connect
def start_loop(**kwargs) -> None:  # runs in each pool process, after the fork
    global loop
    loop = asyncio.new_event_loop()


@worker_process_shutdown.connect
def stop_loop(**kwargs) -> None:
    loop.run_until_complete(engine.dispose())
    loop.close()


async def server_pid() -> int:
    async with engine.connect() as conn:
        return await conn.scalar(text("SELECT pg_backend_pid()"))


@app.task
def report() -> int:
    # the same loop for every task
    return loop.run_until_complete(server_pid())


# --8<-- [end:task]


if __name__ == "__main__":
    here = Path(__file__).parent
    with worker(
        "async_tasks_004_loop_per_process", directory=here, concurrency=1
    ):
        # --8<-- [start:run]
        results = [report.delay() for _ in range(3)]
        pids = [r.get(timeout=20) for r in results]
        print([r.state for r in results])
        #> ['SUCCESS', 'SUCCESS', 'SUCCESS']
        print("server connections opened:", len(set(pids)))
        #> server connections opened: 1
        # --8<-- [end:run]
