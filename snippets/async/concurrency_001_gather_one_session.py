"""Concurrency: asyncio.gather() over one AsyncSession, on aiosqlite and
asyncpg."""

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


def describe(result: object) -> str:
    if isinstance(result, Exception):
        return f"{type(result).__module__}.{type(result).__name__}: {result}"
    return str(result)


# --8<-- [end:setup]


# --8<-- [start:task]
async def name_of(session: AsyncSession, user_id: int) -> str:
    return (
        await session.execute(select(User.name).where(User.id == user_id))
    ).scalar_one()


# --8<-- [end:task]


# --8<-- [start:setup_cold]
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
        # an empty pool, as right after the application starts
        await engine.dispose()
        # --8<-- [end:setup_cold]

        # --8<-- [start:cold]
        async with SessionLocal() as session:
            results = await asyncio.gather(
                name_of(session, 1),
                name_of(session, 2),
                name_of(session, 3),
                return_exceptions=True,
            )
            for result in results:
                print(f"{driver}: {describe(result)}")
                #> aiosqlite: ada
                #> aiosqlite: sqlalchemy.exc.InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
                #> aiosqlite: sqlalchemy.exc.InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
                #> asyncpg: ada
                #> asyncpg: sqlalchemy.exc.InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
                #> asyncpg: sqlalchemy.exc.InvalidRequestError: This session is provisioning a new connection; concurrent operations are not permitted (Background on this error at: https://sqlalche.me/e/21/isce)
        # --8<-- [end:cold]

        # --8<-- [start:warm]
        # The pool now holds the connection the first session returned.
        async with SessionLocal() as session:
            results = await asyncio.gather(
                name_of(session, 1),
                name_of(session, 2),
                name_of(session, 3),
                return_exceptions=True,
            )
            print(f"{driver}: {[describe(result) for result in results]}")
            #> aiosqlite: ['ada', 'bob', 'cy']
            #> asyncpg: ['ada', 'bob', 'cy']
        # --8<-- [end:warm]
        await engine.dispose()


with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(f"sqlite+aiosqlite:///{Path(tmp) / 'app.db'}"))
