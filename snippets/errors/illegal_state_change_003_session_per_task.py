"""Concurrent operations, fixed: each task opens its own AsyncSession from an
async_sessionmaker."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine


async def main():
    engine = create_async_engine(postgres_url("async"))

    # --8<-- [start:session_per_task]
    Session = async_sessionmaker(engine)

    async def query(n: int) -> int:
        # one Session per task, closed by the task itself
        async with Session() as session:
            return (await session.execute(text(f"SELECT {n}"))).scalar_one()

    print(await asyncio.gather(query(1), query(2), query(3)))
    #> [1, 2, 3]
    # --8<-- [end:session_per_task]
    await engine.dispose()


asyncio.run(main())
