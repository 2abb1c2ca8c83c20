"""Async fixes: await session.refresh(obj, ["relationship"]) loads a
relationship on demand, on aiosqlite and asyncpg."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, event, inspect
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
)


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
    SessionLocal = async_sessionmaker(engine)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with SessionLocal() as session:
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
        statements.append(f"{statement} {parameters}")

    # --8<-- [start:relationship]
    async with SessionLocal() as session:
        user = await session.get(User, 1)
        print(f"{driver}: {sorted(inspect(user).unloaded)=}")
        #> aiosqlite: sorted(inspect(user).unloaded)=['posts']
        #> asyncpg: sorted(inspect(user).unloaded)=['posts']
        statements.clear()
        await session.refresh(user, ["posts"])
        print(f"{driver}: {sorted(inspect(user).unloaded)=}")
        #> aiosqlite: sorted(inspect(user).unloaded)=[]
        #> asyncpg: sorted(inspect(user).unloaded)=[]
        print(f"{driver}: {[post.title for post in user.posts]}")
        #> aiosqlite: ['first', 'second']
        #> asyncpg: ['first', 'second']
        print(f"[{driver}]", *statements, sep="\n")
        #> [aiosqlite]
        #> SELECT users.id
        #> FROM users
        #> WHERE users.id = ? (1,)
        #>[2.1] SELECT posts.id, posts.title, posts.user_id
        #>[2.0] SELECT posts.id AS posts_id, posts.title AS posts_title, posts.user_id AS posts_user_id
        #> FROM posts
        #> WHERE ? = posts.user_id (1,)
        #> [asyncpg]
        #> SELECT users.id
        #> FROM users
        #> WHERE users.id = $1::INTEGER (1,)
        #>[2.1] SELECT posts.id, posts.title, posts.user_id
        #>[2.0] SELECT posts.id AS posts_id, posts.title AS posts_title, posts.user_id AS posts_user_id
        #> FROM posts
        #> WHERE $1::INTEGER = posts.user_id (1,)
    # --8<-- [end:relationship]

    # --8<-- [start:plain_refresh]
    async with SessionLocal() as session:
        user = await session.get(User, 1)
        await session.commit()  # everything expired
        await session.refresh(user)  # no attribute names
        print(f"{driver}: {sorted(inspect(user).unloaded)=}")
        #> aiosqlite: sorted(inspect(user).unloaded)=['posts']
        #> asyncpg: sorted(inspect(user).unloaded)=['posts']
    # --8<-- [end:plain_refresh]
    await engine.dispose()


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        await demo(url)


asyncio.run(main())
