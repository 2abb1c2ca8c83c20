"""Implicit IO: on SQLAlchemy 2.1 with aiosqlite the error also leaves a
"coroutine was never awaited" RuntimeWarning."""

import asyncio
import gc
import warnings

from guide_support import postgres_url
from sqlalchemy import String
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    async with AsyncSession(engine) as session:
        user = User(id=1, name="ada")
        session.add(user)
        await session.commit()  # expires user
        # --8<-- [start:warning]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                user.name
            except (MissingGreenlet, StatementError) as exc:
                print(f"{driver}: {type(exc).__name__}")
                #>[2.1] aiosqlite: StatementError
                #>[2.0] aiosqlite: MissingGreenlet
                #> asyncpg: MissingGreenlet
            # the warning comes when the leftover coroutine is collected
            gc.collect()
        print(
            f"{driver}: "
            f"{[f'{w.category.__name__}: {w.message}' for w in caught]}"
        )
        #>[2.1] aiosqlite: ["RuntimeWarning: coroutine 'Connection.cursor' was never awaited"]
        #>[2.0] aiosqlite: []
        #> asyncpg: []
        # --8<-- [end:warning]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        await demo(engine)
        await engine.dispose()


asyncio.run(main())
