"""Async fixes: AsyncAttrs adds awaitable_attrs, which loads a lazy or expired
attribute with await, on aiosqlite and asyncpg."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, event, inspect
from sqlalchemy.ext.asyncio import (
    AsyncAttrs,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
)


# --8<-- [start:models]
class Base(AsyncAttrs, DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship()  # still lazy="select"


# --8<-- [end:models]


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

    # --8<-- [start:lazy]
    async with SessionLocal() as session:
        user = await session.get(User, 1)
        statements.clear()
        posts = await user.awaitable_attrs.posts
        print(f"{driver}: {[post.title for post in posts]}")
        #> aiosqlite: ['first', 'second']
        #> asyncpg: ['first', 'second']
        print(f"[{driver}]", *statements, sep="\n")
        #> [aiosqlite]
        #>[2.1] SELECT posts.id, posts.title, posts.user_id
        #>[2.0] SELECT posts.id AS posts_id, posts.title AS posts_title, posts.user_id AS posts_user_id
        #> FROM posts
        #> WHERE ? = posts.user_id (1,)
        #> [asyncpg]
        #>[2.1] SELECT posts.id, posts.title, posts.user_id
        #>[2.0] SELECT posts.id AS posts_id, posts.title AS posts_title, posts.user_id AS posts_user_id
        #> FROM posts
        #> WHERE $1::INTEGER = posts.user_id (1,)
        statements.clear()
        posts = await user.awaitable_attrs.posts  # loaded now: no SQL
        print(f"{driver}: {len(posts)=} {statements=}")
        #> aiosqlite: len(posts)=2 statements=[]
        #> asyncpg: len(posts)=2 statements=[]
    # --8<-- [end:lazy]

    # --8<-- [start:expired]
    async with SessionLocal() as session:
        user = await session.get(User, 1)
        user.name = "ada lovelace"
        await session.commit()  # expires user.name and everything else
        print(f"{driver}: {sorted(inspect(user).unloaded)=}")
        #> aiosqlite: sorted(inspect(user).unloaded)=['id', 'name', 'posts']
        #> asyncpg: sorted(inspect(user).unloaded)=['id', 'name', 'posts']
        statements.clear()
        print(f"{driver}: {await user.awaitable_attrs.name}")
        #> aiosqlite: ada lovelace
        #> asyncpg: ada lovelace
        print(f"[{driver}]", *statements, sep="\n")
        #> [aiosqlite]
        #>[2.1] SELECT users.id, users.name
        #>[2.0] SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = ? (1,)
        #> [asyncpg]
        #>[2.1] SELECT users.id, users.name
        #>[2.0] SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = $1::INTEGER (1,)
    # --8<-- [end:expired]
    await engine.dispose()


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        await demo(url)


asyncio.run(main())
