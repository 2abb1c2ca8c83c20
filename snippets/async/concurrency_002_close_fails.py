"""Concurrency: with a plain gather(), the first error escapes while a task
still runs, and close() fails."""

import asyncio
import tempfile
from pathlib import Path

from guide_support import postgres_url
from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


def describe(exc: BaseException) -> str:
    return f"{type(exc).__module__}.{type(exc).__name__}: {exc}"


async def name_of(session: AsyncSession, user_id: int) -> str:
    return (
        await session.execute(select(User.name).where(User.id == user_id))
    ).scalar_one()


async def main(sqlite_url: str) -> None:
    for url in (sqlite_url, postgres_url("async")):
        engine = create_async_engine(url)
        driver = engine.dialect.driver
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        SessionLocal = async_sessionmaker(engine)
        async with SessionLocal() as session:
            session.add_all([User(id=1, name="ada"), User(id=2, name="bob")])
            await session.commit()
        # an empty pool, as right after the application starts
        await engine.dispose()
        # --8<-- [end:setup]

        # --8<-- [start:plain_gather]
        tasks: list[asyncio.Task] = []
        try:
            async with SessionLocal() as session:
                tasks = [
                    asyncio.create_task(name_of(session, i)) for i in (1, 2)
                ]
                await asyncio.gather(*tasks)
        except Exception as exc:
            print(f"{driver}: raised   {describe(exc)}")
            #> aiosqlite: raised   sqlalchemy.exc.IllegalStateChangeError: Method 'close()' can't be called here; method '_connection_for_bind()' is already in progress and this would cause an unexpected state change to <SessionTransactionState.CLOSED: 5> (Background on this error at: https://sqlalche.me/e/21/isce)
            #> asyncpg: raised   sqlalchemy.exc.IllegalStateChangeError: Method 'close()' can't be called here; method '_connection_for_bind()' is already in progress and this would cause an unexpected state change to <SessionTransactionState.CLOSED: 5> (Background on this error at: https://sqlalche.me/e/21/isce)
            print(f"{driver}: while    {describe(exc.__context__)}")
            #> aiosqlite: while    sqlalchemy.exc.InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
            #> asyncpg: while    sqlalchemy.exc.InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
        # gather() did not wait for the first task: it was still running.
        for task in tasks:
            await asyncio.wait([task])
            outcome = task.exception() or task.result()
            shown = outcome if isinstance(outcome, str) else describe(outcome)
            print(f"{driver}: task     {shown}")
            #> aiosqlite: task     ada
            #> aiosqlite: task     sqlalchemy.exc.InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
            #> asyncpg: task     ada
            #> asyncpg: task     sqlalchemy.exc.InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
        # now that nothing runs, the session can be closed
        await session.close()
        # --8<-- [end:plain_gather]
        await engine.dispose()


with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(f"sqlite+aiosqlite:///{Path(tmp) / 'app.db'}"))
