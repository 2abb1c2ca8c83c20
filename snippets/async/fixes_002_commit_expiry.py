"""Async fixes: a commit expires what selectinload() loaded, unless
expire_on_commit=False."""

import asyncio
import warnings

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, event, inspect, select
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
)

# SQLAlchemy 2.1 with aiosqlite leaves an un-awaited coroutine behind when it
# raises MissingGreenlet (see the implicit IO page); its RuntimeWarning is
# silenced here.
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
    title: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


async def demo(url) -> None:
    engine = create_async_engine(url)
    driver = engine.dialect.driver
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with async_sessionmaker(engine)() as session:
        session.add(
            User(
                id=1,
                name="ada",
                posts=[Post(title="first"), Post(title="second")],
            )
        )
        await session.commit()
    statements: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    # --8<-- [end:setup]

    # --8<-- [start:lost]
    # expire_on_commit=True, the default
    SessionLocal = async_sessionmaker(engine)
    async with SessionLocal() as session:
        stmt = (
            select(User).where(User.id == 1).options(selectinload(User.posts))
        )
        user = (await session.scalars(stmt)).one()
        print(f"{driver}: before commit {len(user.posts)=}")
        #> aiosqlite: before commit len(user.posts)=2
        #> asyncpg: before commit len(user.posts)=2
        user.name = "ada lovelace"
        await session.commit()
        print(f"{driver}: after commit {sorted(inspect(user).unloaded)=}")
        #> aiosqlite: after commit sorted(inspect(user).unloaded)=['id', 'name', 'posts']
        #> asyncpg: after commit sorted(inspect(user).unloaded)=['id', 'name', 'posts']
        try:
            user.posts
        except (MissingGreenlet, StatementError) as exc:
            # 2.1 on aiosqlite lists the parameters under a name that changes
            # every run.
            head = str(exc).split("\n[parameters")[0]
            print(
                f"{driver}: {type(exc).__module__}.{type(exc).__name__}: "
                f"{head}"
            )
            #>[2.1] aiosqlite: sqlalchemy.exc.StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT users.id, users.name
            #>[2.1] FROM users
            #>[2.1] WHERE users.id = ?]
            #>[2.1] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] aiosqlite: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            #>[2.0] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:lost]

    # --8<-- [start:kept]
    SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
    async with SessionLocal() as session:
        stmt = (
            select(User).where(User.id == 1).options(selectinload(User.posts))
        )
        user = (await session.scalars(stmt)).one()
        user.name = "ada king"
        await session.commit()
        statements.clear()
        print(f"{driver}: after commit {sorted(inspect(user).unloaded)=}")
        #> aiosqlite: after commit sorted(inspect(user).unloaded)=[]
        #> asyncpg: after commit sorted(inspect(user).unloaded)=[]
        print(f"{driver}: {user.name=} {[post.title for post in user.posts]}")
        #> aiosqlite: user.name='ada king' ['first', 'second']
        #> asyncpg: user.name='ada king' ['first', 'second']
        print(f"{driver}: {statements=}")
        #> aiosqlite: statements=[]
        #> asyncpg: statements=[]
    # --8<-- [end:kept]
    await engine.dispose()


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        await demo(url)


asyncio.run(main())
