"""AsyncSession basics: leaving `async with AsyncSession(...)` closes the
session and never commits."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import String, event, func, select
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
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


events: list[str] = []


def watch(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        events.append(statement.replace("\n", ""))

    @event.listens_for(engine.sync_engine, "commit")
    def remember_commit(conn):
        events.append("COMMIT")

    @event.listens_for(engine.sync_engine, "rollback")
    def remember_rollback(conn):
        events.append("ROLLBACK")


async def count_users(engine: AsyncEngine) -> int:
    async with AsyncSession(engine) as check:
        return await check.scalar(select(func.count()).select_from(User))


async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    # --8<-- [end:setup]
    # --8<-- [start:close]
    async with AsyncSession(engine) as session:
        session.add(User(name="ada"))
        await session.flush()
        inside = await session.scalar(select(func.count()).select_from(User))
        print(f"{driver}: inside the block, {inside} user")
        #> aiosqlite: inside the block, 1 user
        #> asyncpg: inside the block, 1 user
    # no commit(): leaving the block closed the session, and the close rolled
    # back
    for line in events:
        print(f"{driver}: {line}")
        #> aiosqlite: INSERT INTO users (name) VALUES (?)
        #> aiosqlite: SELECT count(*) AS count_1 FROM users
        #> aiosqlite: ROLLBACK
        #> asyncpg: INSERT INTO users (name) VALUES ($1::VARCHAR) RETURNING users.id
        #> asyncpg: SELECT count(*) AS count_1 FROM users
        #> asyncpg: ROLLBACK
    print(f"{driver}: after the block, {await count_users(engine)} users")
    #> aiosqlite: after the block, 0 users
    #> asyncpg: after the block, 0 users
    # --8<-- [end:close]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        watch(engine)
        events.clear()
        await demo(engine)
        await engine.dispose()


asyncio.run(main())
