"""Async code in tasks: asyncio.run() in every task with one module-level
async engine breaks on the second task."""

import asyncio
import re
from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

# --8<-- [start:setup]
app = Celery(
    "async_tasks_001_shared_engine", broker=redis_url(), backend=redis_url()
)
app.conf.task_default_queue = celery_queue()
# --8<-- [end:setup]

# --8<-- [start:task]
# one pool for the whole process
engine = create_async_engine(postgres_url("async"))


async def active_connections() -> int:
    async with engine.connect() as conn:
        return await conn.scalar(
            text("SELECT count(*) FROM pg_stat_activity")
        )


@app.task
def report() -> str:
    asyncio.run(active_connections())  # a new event loop for every task
    return "ok"


# --8<-- [end:task]


if __name__ == "__main__":
    with worker(
        "async_tasks_001_shared_engine",
        directory=Path(__file__).parent,
        concurrency=1,
    ):
        # --8<-- [start:run]
        first = report.delay()
        print("first:", first.get(timeout=20))
        #> first: ok

        second = report.delay()
        second.get(timeout=20, propagate=False)
        print("second:", second.state, type(second.result).__name__)
        #> second: FAILURE RuntimeError
        message = str(second.result)
        # the start names the task and a path
        print(message[message.index("got Future") :])
        #> got Future <Future pending cb=[BaseProtocol._on_waiter_completed()]> attached to a different loop
        print("raised in:", re.findall(r", in (\w+)", second.traceback)[-3:])
        #> raised in: ['start', 'execute', 'query']
        # --8<-- [end:run]
