"""Concurrency: flush() and commit() from several tasks on one AsyncSession,
on aiosqlite and asyncpg."""

import asyncio
import tempfile
import warnings
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


def describe(result: object) -> str:
    if isinstance(result, Exception):
        return f"{type(result).__module__}.{type(result).__name__}: {result}"
    return str(result)


async def names(SessionLocal) -> list[str]:
    async with SessionLocal() as session:
        return list(
            await session.scalars(select(User.name).order_by(User.id))
        )


async def main(sqlite_url: str) -> None:
    for url in (sqlite_url, postgres_url("async")):
        engine = create_async_engine(url)
        driver = engine.dialect.driver
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        SessionLocal = async_sessionmaker(engine)
        async with SessionLocal() as session:
            session.add_all(
                [
                    User(id=1, name="ada"),
                    User(id=2, name="bob"),
                    User(id=3, name="cy"),
                ]
            )
            await session.commit()
        # --8<-- [end:setup]

        # --8<-- [start:flush]
        async def rename_and_flush(session: AsyncSession, user: User) -> str:
            user.name = user.name.upper()
            await session.flush()
            return f"flushed {user.name}"

        async with SessionLocal() as session:
            users = (
                await session.scalars(select(User).order_by(User.id))
            ).all()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                results = await asyncio.gather(
                    *(rename_and_flush(session, user) for user in users),
                    return_exceptions=True,
                )
            for result in results:
                print(f"{driver}: {describe(result)}")
                #> aiosqlite: flushed ADA
                #> aiosqlite: sqlalchemy.exc.InvalidRequestError: Session is already flushing
                #> aiosqlite: sqlalchemy.exc.InvalidRequestError: Session is already flushing
                #> asyncpg: flushed ADA
                #> asyncpg: sqlalchemy.exc.InvalidRequestError: Session is already flushing
                #> asyncpg: sqlalchemy.exc.InvalidRequestError: Session is already flushing
            for warning in caught:
                print(
                    f"{driver}: {warning.category.__name__}: "
                    f"{warning.message}"
                )
                #> aiosqlite: SAWarning: Attribute history events accumulated on 2 previously clean instances within inner-flush event handlers have been reset, and will not result in database updates. Consider using set_committed_value() within inner-flush event handlers to avoid this warning.
                #> asyncpg: SAWarning: Attribute history events accumulated on 2 previously clean instances within inner-flush event handlers have been reset, and will not result in database updates. Consider using set_committed_value() within inner-flush event handlers to avoid this warning.
            print(
                f"{driver}: in memory {[user.name for user in users]} "
                f"{session.dirty=}"
            )
            #> aiosqlite: in memory ['ADA', 'BOB', 'CY'] session.dirty=IdentitySet([])
            #> asyncpg: in memory ['ADA', 'BOB', 'CY'] session.dirty=IdentitySet([])
            await session.commit()
        print(f"{driver}: in the database {await names(SessionLocal)}")
        #> aiosqlite: in the database ['ADA', 'bob', 'cy']
        #> asyncpg: in the database ['ADA', 'bob', 'cy']
        # --8<-- [end:flush]

        # --8<-- [start:commit]
        async def rename_and_commit(session: AsyncSession, user: User) -> str:
            user.name = user.name.lower() + "!"
            await session.commit()
            return f"committed {user.name}"

        async with SessionLocal() as session:
            users = (
                await session.scalars(select(User).order_by(User.id))
            ).all()
            results = await asyncio.gather(
                *(rename_and_commit(session, user) for user in users),
                return_exceptions=True,
            )
            for result in results:
                print(f"{driver}: {describe(result)}")
                #> aiosqlite: sqlalchemy.exc.ResourceClosedError: This transaction is closed
                #> aiosqlite: sqlalchemy.exc.IllegalStateChangeError: Method 'commit()' can't be called here; method '_prepare_impl()' is already in progress and this would cause an unexpected state change to <SessionTransactionState.CLOSED: 5> (Background on this error at: https://sqlalche.me/e/21/isce)
                #> aiosqlite: sqlalchemy.exc.IllegalStateChangeError: Method 'commit()' can't be called here; method '_prepare_impl()' is already in progress and this would cause an unexpected state change to <SessionTransactionState.CLOSED: 5> (Background on this error at: https://sqlalche.me/e/21/isce)
                #> asyncpg: sqlalchemy.exc.ResourceClosedError: This transaction is closed
                #> asyncpg: sqlalchemy.exc.IllegalStateChangeError: Method 'commit()' can't be called here; method '_prepare_impl()' is already in progress and this would cause an unexpected state change to <SessionTransactionState.CLOSED: 5> (Background on this error at: https://sqlalche.me/e/21/isce)
                #> asyncpg: sqlalchemy.exc.IllegalStateChangeError: Method 'commit()' can't be called here; method '_prepare_impl()' is already in progress and this would cause an unexpected state change to <SessionTransactionState.CLOSED: 5> (Background on this error at: https://sqlalche.me/e/21/isce)
        print(f"{driver}: in the database {await names(SessionLocal)}")
        #> aiosqlite: in the database ['ADA', 'bob', 'cy']
        #> asyncpg: in the database ['ADA', 'bob', 'cy']
        # --8<-- [end:commit]
        await engine.dispose()


with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(f"sqlite+aiosqlite:///{Path(tmp) / 'app.db'}"))
