"""Concurrency: one AsyncSession per task, all from one async_sessionmaker, on
aiosqlite and asyncpg."""

import asyncio
import tempfile
from pathlib import Path

from guide_support import postgres_url
from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def demo(url) -> None:
    engine = create_async_engine(url)
    driver = engine.dialect.driver
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with async_sessionmaker(engine)() as session:
        session.add_all(
            [
                User(id=1, name="ada"),
                User(id=2, name="bob"),
                User(id=3, name="cy"),
            ]
        )
        await session.commit()
    await engine.dispose()  # an empty pool again, as in the failing examples

    # --8<-- [start:per_task]
    SessionLocal = async_sessionmaker(engine, expire_on_commit=False)

    async def rename(user_id: int) -> str:
        async with SessionLocal() as session:  # this task's own session
            user = await session.get(User, user_id)
            user.name = user.name.upper()
            await session.commit()
            return user.name

    results = await asyncio.gather(rename(1), rename(2), rename(3))
    print(f"{driver}: {results}")
    #> aiosqlite: ['ADA', 'BOB', 'CY']
    #> asyncpg: ['ADA', 'BOB', 'CY']
    async with SessionLocal() as session:
        names = await session.scalars(select(User.name).order_by(User.id))
        print(f"{driver}: {list(names)}")
        #> aiosqlite: ['ADA', 'BOB', 'CY']
        #> asyncpg: ['ADA', 'BOB', 'CY']
    # --8<-- [end:per_task]
    await engine.dispose()


async def main(sqlite_url: str) -> None:
    for url in (sqlite_url, postgres_url("async")):
        await demo(url)


with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(f"sqlite+aiosqlite:///{Path(tmp) / 'app.db'}"))
