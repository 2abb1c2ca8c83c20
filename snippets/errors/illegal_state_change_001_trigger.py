"""IllegalStateChangeError: one AsyncSession shared by two tasks; one closes
it while the other connects."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import text
from sqlalchemy.exc import IllegalStateChangeError, InvalidRequestError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine


# --8<-- [start:setup]
async def main():
    engine = create_async_engine(postgres_url("async"))
    # --8<-- [end:setup]

    # --8<-- [start:trigger]
    session = AsyncSession(engine)

    async def query():
        # needs a connection: waits for PostgreSQL
        await session.execute(text("SELECT 1"))

    async def cleanup():
        await session.close()  # runs while query() is still connecting

    # return_exceptions=True: wait for both tasks, and hand back what each one
    # raised
    query_outcome, exc = await asyncio.gather(
        query(), cleanup(), return_exceptions=True
    )
    print(f"query(): {query_outcome!r}")
    #> query(): None
    assert isinstance(exc, IllegalStateChangeError)
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.IllegalStateChangeError: Method 'close()' can't be called here; method '_connection_for_bind()' is already in progress and this would cause an unexpected state change to <SessionTransactionState.CLOSED: 5> (Background on this error at: https://sqlalche.me/e/21/isce)
    # --8<-- [end:trigger]

    # --8<-- [start:mro]
    print(issubclass(IllegalStateChangeError, InvalidRequestError))
    #> True
    # --8<-- [end:mro]
    await session.close()
    await engine.dispose()


asyncio.run(main())
