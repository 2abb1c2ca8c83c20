"""AsyncSession basics: `async with session.begin()` commits at the end of the
block, or rolls back."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import String, event, select
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
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


events: list[str] = []


def watch(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        events.append(statement.split(" (")[0])

    @event.listens_for(engine.sync_engine, "commit")
    def remember_commit(conn):
        events.append("COMMIT")

    @event.listens_for(engine.sync_engine, "rollback")
    def remember_rollback(conn):
        events.append("ROLLBACK")


async def names(session_factory: async_sessionmaker) -> list[str]:
    async with session_factory() as check:
        return list(await check.scalars(select(User.name).order_by(User.id)))


async def demo(
    engine: AsyncEngine, session_factory: async_sessionmaker
) -> None:
    driver = engine.dialect.driver
    # --8<-- [end:setup]
    # --8<-- [start:begin]
    async with session_factory() as session, session.begin():
        session.add(User(name="ada"))
    # session.begin() committed at the end of the block, then the session was
    # closed
    print(f"{driver}: {events}")
    #> aiosqlite: ['INSERT INTO users', 'COMMIT']
    #> asyncpg: ['INSERT INTO users', 'COMMIT']
    print(f"{driver}: rows afterwards: {await names(session_factory)}")
    #> aiosqlite: rows afterwards: ['ada']
    #> asyncpg: rows afterwards: ['ada']
    # --8<-- [end:begin]

    # --8<-- [start:failure]
    events.clear()
    try:
        # session and transaction in one line
        async with session_factory.begin() as session:
            session.add(User(name="grace"))
            await session.flush()
            raise ValueError("something went wrong after the INSERT")
    except ValueError as exc:
        print(f"{driver}: {exc!r}")
        #> aiosqlite: ValueError('something went wrong after the INSERT')
        #> asyncpg: ValueError('something went wrong after the INSERT')
    print(f"{driver}: {events}")
    #> aiosqlite: ['INSERT INTO users', 'ROLLBACK']
    #> asyncpg: ['INSERT INTO users', 'ROLLBACK']
    print(f"{driver}: rows afterwards: {await names(session_factory)}")
    #> aiosqlite: rows afterwards: ['ada']
    #> asyncpg: rows afterwards: ['ada']
    # --8<-- [end:failure]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        watch(engine)
        events.clear()
        await demo(engine, async_sessionmaker(engine, expire_on_commit=False))
        await engine.dispose()


asyncio.run(main())
