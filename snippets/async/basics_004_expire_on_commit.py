"""AsyncSession basics: after commit, the default expiry makes the next
attribute read fail; expire_on_commit=False avoids it."""

import asyncio
import warnings

from guide_support import postgres_url
from sqlalchemy import String, event, inspect
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLAlchemy 2.1 with aiosqlite leaves an un-awaited coroutine behind when it
# raises; the "never awaited" RuntimeWarning it causes is shown on the
# implicit IO page, and silenced here.
warnings.filterwarnings(
    "ignore", "coroutine .* was never awaited", RuntimeWarning
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


statements: list[str] = []


def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    # --8<-- [end:setup]
    # --8<-- [start:default]
    default_factory = async_sessionmaker(engine)  # expire_on_commit=True
    async with default_factory() as session:
        user = User(name="ada")
        session.add(user)
        await session.commit()
        print(f"{driver}: {inspect(user).expired=}")
        #> aiosqlite: inspect(user).expired=True
        #> asyncpg: inspect(user).expired=True
        try:
            user.name  # would be a SELECT in sync code
        except (MissingGreenlet, StatementError) as exc:
            print(f"{driver}: {type(exc).__module__}.{type(exc).__name__}")
            #>[2.1] aiosqlite: sqlalchemy.exc.StatementError
            #>[2.0] aiosqlite: sqlalchemy.exc.MissingGreenlet
            #> asyncpg: sqlalchemy.exc.MissingGreenlet
    # --8<-- [end:default]

    # --8<-- [start:off]
    session_factory = async_sessionmaker(engine, expire_on_commit=False)
    async with session_factory() as session:
        user = User(name="grace")
        session.add(user)
        await session.commit()
        statements.clear()
        print(
            f"{driver}: {inspect(user).expired=} {user.name=} {statements=}"
        )
        #> aiosqlite: inspect(user).expired=False user.name='grace' statements=[]
        #> asyncpg: inspect(user).expired=False user.name='grace' statements=[]
    print(f"{driver}: {inspect(user).detached=} {user.name=} {statements=}")
    #> aiosqlite: inspect(user).detached=True user.name='grace' statements=[]
    #> asyncpg: inspect(user).detached=True user.name='grace' statements=[]
    # --8<-- [end:off]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        event.listen(engine.sync_engine, "before_cursor_execute", remember)
        await demo(engine)
        await engine.dispose()


asyncio.run(main())
