"""AsyncSession basics: create_async_engine, async_sessionmaker, and every
database call awaited."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import String, event, select
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# --8<-- [start:models]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


statements: list[str] = []


def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:models]


# --8<-- [start:setup]
async def set_up(url: str) -> tuple[AsyncEngine, async_sessionmaker]:
    engine = create_async_engine(url)
    async with engine.begin() as conn:  # DDL runs through a sync function
        await conn.run_sync(Base.metadata.create_all)
    session_factory = async_sessionmaker(engine, expire_on_commit=False)
    return engine, session_factory


# --8<-- [end:setup]


# --8<-- [start:use]
async def demo(
    engine: AsyncEngine, session_factory: async_sessionmaker
) -> None:
    driver = engine.dialect.driver
    async with session_factory() as session:
        session.add(User(name="ada"))
        await session.commit()

        names = (
            await session.scalars(select(User.name).order_by(User.id))
        ).all()
        print(f"{driver}: {names}")
        #> aiosqlite: ['ada']
        #> asyncpg: ['ada']


# --8<-- [end:use]


# --8<-- [start:main]
async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine, session_factory = await set_up(url)
        event.listen(engine.sync_engine, "before_cursor_execute", remember)
        statements.clear()
        await demo(engine, session_factory)
        for sql in statements:
            print(f"{engine.dialect.driver}: {sql}")
            #> aiosqlite: INSERT INTO users (name) VALUES (?) ('ada',)
            #> aiosqlite: SELECT users.name
            #> FROM users ORDER BY users.id ()
            #> asyncpg: INSERT INTO users (name) VALUES ($1::VARCHAR) RETURNING users.id ('ada',)
            #> asyncpg: SELECT users.name
            #> FROM users ORDER BY users.id ()
        await engine.dispose()


asyncio.run(main())
# --8<-- [end:main]
