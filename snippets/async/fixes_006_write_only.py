"""Async fixes: a write-only collection never loads by itself; add to it, and
read it with a select, on aiosqlite and asyncpg."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, event
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    WriteOnlyMapped,
    mapped_column,
    relationship,
)


class Base(DeclarativeBase):
    pass


# --8<-- [start:models]
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # the annotation makes it lazy="write_only"
    posts: WriteOnlyMapped["Post"] = relationship()


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


# --8<-- [end:models]


async def demo(url) -> None:
    engine = create_async_engine(url)
    driver = engine.dialect.driver
    SessionLocal = async_sessionmaker(engine)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    statements: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(f"{statement} {parameters}")

    # --8<-- [start:add]
    async with SessionLocal() as session:
        # a list is fine for a new object
        user = User(id=1, name="ada", posts=[Post(title="first")])
        session.add(user)
        await session.commit()
        statements.clear()
        # no SQL: the collection is not loaded
        user.posts.add(Post(title="second"))
        user.posts.add_all([Post(title="third")])
        print(f"{driver}: {statements=}")
        #> aiosqlite: statements=[]
        #> asyncpg: statements=[]
        await session.commit()
        print(f"[{driver}]", *statements, sep="\n")
        #> [aiosqlite]
        #>[2.1] SELECT users.id, users.name
        #>[2.0] SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = ? (1,)
        #> INSERT INTO posts (title, user_id) VALUES (?, ?) RETURNING id ('second', 1)
        #> INSERT INTO posts (title, user_id) VALUES (?, ?) RETURNING id ('third', 1)
        #> [asyncpg]
        #>[2.1] SELECT users.id, users.name
        #>[2.0] SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = $1::INTEGER (1,)
        #> INSERT INTO posts (title, user_id) SELECT p0::VARCHAR, p1::INTEGER FROM (VALUES ($1::VARCHAR, $2::INTEGER, 0), ($3::VARCHAR, $4::INTEGER, 1)) AS imp_sen(p0, p1, sen_counter) ORDER BY sen_counter RETURNING posts.id, posts.id AS id__1 ('second', 1, 'third', 1)
    # --8<-- [end:add]

    # --8<-- [start:read]
    async with SessionLocal() as session:
        user = await session.get(User, 1)
        stmt = user.posts.select().order_by(Post.id)
        statements.clear()
        titles = [post.title for post in await session.scalars(stmt)]
        print(f"{driver}: {titles}")
        #> aiosqlite: ['first', 'second', 'third']
        #> asyncpg: ['first', 'second', 'third']
        print(f"[{driver}]", *statements, sep="\n")
        #> [aiosqlite]
        #> SELECT posts.id, posts.title, posts.user_id
        #> FROM posts
        #> WHERE ? = posts.user_id ORDER BY posts.id (1,)
        #> [asyncpg]
        #> SELECT posts.id, posts.title, posts.user_id
        #> FROM posts
        #> WHERE $1::INTEGER = posts.user_id ORDER BY posts.id (1,)
        recent = await session.scalars(
            stmt.where(Post.title != "first").limit(1)
        )
        print(f"{driver}: {recent.one().title}")
        #> aiosqlite: second
        #> asyncpg: second
    # --8<-- [end:read]

    # --8<-- [start:not_iterable]
    async with SessionLocal() as session:
        user = await session.get(User, 1)
        try:
            list(user.posts)
        except TypeError as exc:
            print(
                f"{driver}: {type(exc).__module__}.{type(exc).__name__}: "
                f"{exc}"
            )
            #> aiosqlite: builtins.TypeError: WriteOnly collections don't support iteration in-place; to query for collection items, use the select() method to produce a SQL statement and execute it with session.scalars().
            #> asyncpg: builtins.TypeError: WriteOnly collections don't support iteration in-place; to query for collection items, use the select() method to produce a SQL statement and execute it with session.scalars().
    # --8<-- [end:not_iterable]
    await engine.dispose()


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        await demo(url)


asyncio.run(main())
