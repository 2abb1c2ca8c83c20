"""Concurrent operations: two tasks execute on one AsyncSession while it is
still getting its connection."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import text
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine


async def main():
    engine = create_async_engine(postgres_url("async"))

    # --8<-- [start:concurrent_execute]
    session = AsyncSession(engine)
    first, exc = await asyncio.gather(
        session.execute(text("SELECT 1")),
        session.execute(text("SELECT 2")),
        return_exceptions=True,
    )
    print(f"first: {first.scalar_one()}")
    #> first: 1
    assert isinstance(exc, InvalidRequestError)
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
    # --8<-- [end:concurrent_execute]
    await session.close()
    await engine.dispose()


asyncio.run(main())
