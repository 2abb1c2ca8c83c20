"""Implicit IO: a new object's collection that was never set is lazy-loaded
once the object is flushed, even with expire_on_commit=False."""

import asyncio
import warnings

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, event, inspect
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
)

# SQLAlchemy 2.1 with aiosqlite leaves an un-awaited coroutine behind when it
# raises (see the RuntimeWarning section of the page); silenced here.
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
    posts: Mapped[list["Post"]] = relationship()


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    statements: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement.split("\n")[0])

    # --8<-- [end:setup]

    # --8<-- [start:never_set]
    session_factory = async_sessionmaker(engine, expire_on_commit=False)
    async with session_factory() as session:
        user = User(name="ada")  # posts never set
        session.add(user)
        await session.flush()  # INSERT: user is persistent now
        print(f"{driver}: {sorted(inspect(user).unloaded)=}")
        #> aiosqlite: sorted(inspect(user).unloaded)=['posts']
        #> asyncpg: sorted(inspect(user).unloaded)=['posts']
        # expire_on_commit=False: nothing expired, nothing loaded
        await session.commit()
        try:
            user.posts
        except (MissingGreenlet, StatementError) as exc:
            print(
                f"{driver}: {type(exc).__name__}: {str(exc).splitlines()[0]}"
            )
            #>[2.1] aiosqlite: StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] asyncpg: MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] aiosqlite: MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            #>[2.0] asyncpg: MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:never_set]

    # --8<-- [start:set_empty]
    async with session_factory() as session:
        user = User(name="bob", posts=[])  # the collection exists, empty
        session.add(user)
        await session.commit()
        statements.clear()
        print(
            f"{driver}: {sorted(inspect(user).unloaded)=} {user.posts=} "
            f"{statements=}"
        )
        #> aiosqlite: sorted(inspect(user).unloaded)=[] user.posts=[] statements=[]
        #> asyncpg: sorted(inspect(user).unloaded)=[] user.posts=[] statements=[]
    # --8<-- [end:set_empty]

    # --8<-- [start:read_before_flush]
    async with session_factory() as session:
        user = User(name="cy")
        session.add(user)
        # pending: no lazy load, an empty list
        print(f"{driver}: pending {user.posts=}")
        #> aiosqlite: pending user.posts=[]
        #> asyncpg: pending user.posts=[]
        await session.commit()
        print(f"{driver}: after commit {sorted(inspect(user).unloaded)=}")
        #> aiosqlite: after commit sorted(inspect(user).unloaded)=['posts']
        #> asyncpg: after commit sorted(inspect(user).unloaded)=['posts']
        try:
            user.posts
        except (MissingGreenlet, StatementError) as exc:
            print(f"{driver}: {type(exc).__name__} all the same")
            #>[2.1] aiosqlite: StatementError all the same
            #>[2.0] aiosqlite: MissingGreenlet all the same
            #> asyncpg: MissingGreenlet all the same
    # --8<-- [end:read_before_flush]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        await demo(engine)
        await engine.dispose()


asyncio.run(main())
