"""AsyncSession basics: with expire_on_commit=False an object keeps its values
after commit, even when the row changes."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import String, event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


statements: list[str] = []


def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement.replace("\n", ""))


async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    session_factory = async_sessionmaker(engine, expire_on_commit=False)
    # --8<-- [start:stale]
    async with session_factory() as session_a:
        user = User(id=1, name="ada")
        session_a.add(user)
        await session_a.commit()

        # another writer, committed
        async with session_factory.begin() as session_b:
            (await session_b.get(User, 1)).name = "ada lovelace"

        statements.clear()
        print(f"{driver}: A reads {user.name=} {statements=}")
        #> aiosqlite: A reads user.name='ada' statements=[]
        #> asyncpg: A reads user.name='ada' statements=[]

        await session_a.refresh(user)
        print(f"{driver}: after refresh, {user.name=}")
        #> aiosqlite: after refresh, user.name='ada lovelace'
        #> asyncpg: after refresh, user.name='ada lovelace'
        print(f"{driver}: {statements}")
        #> aiosqlite: ['SELECT users.id, users.name FROM users WHERE users.id = ?']
        #> asyncpg: ['SELECT users.id, users.name FROM users WHERE users.id = $1::INTEGER']
    # --8<-- [end:stale]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        event.listen(engine.sync_engine, "before_cursor_execute", remember)
        await demo(engine)
        await engine.dispose()


asyncio.run(main())
