"""Concurrent operations, fixed: one AsyncSession, operations awaited one
after the other."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine


async def main():
    engine = create_async_engine(postgres_url("async"))

    # --8<-- [start:sequential]
    async with AsyncSession(engine) as session:
        first = (await session.execute(text("SELECT 1"))).scalar_one()
        # after the first ended
        second = (await session.execute(text("SELECT 2"))).scalar_one()
        print(first, second)
        #> 1 2
    # --8<-- [end:sequential]
    await engine.dispose()


asyncio.run(main())
