"""Async fixes: a write-only collection never loads by itself; add to it, and read it with a select."""

import asyncio

from sqlalchemy import ForeignKey, String, event
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, WriteOnlyMapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


# --8<-- [start:models]
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: WriteOnlyMapped["Post"] = relationship()  # the annotation makes it lazy="write_only"


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


# --8<-- [end:models]


engine = create_async_engine("sqlite+aiosqlite://")
SessionLocal = async_sessionmaker(engine)
statements: list[str] = []


@event.listens_for(engine.sync_engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


async def main() -> None:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)

    # --8<-- [start:add]
    async with SessionLocal() as session:
        user = User(id=1, name="ada", posts=[Post(title="first")])  # a list is fine for a new object
        session.add(user)
        await session.commit()
        statements.clear()
        user.posts.add(Post(title="second"))  # no SQL: the collection is not loaded
        user.posts.add_all([Post(title="third")])
        print(f"{statements=}")
        #> statements=[]
        await session.commit()
        print(*statements, sep="\n")
        #>[2.1] SELECT users.id, users.name
        #>[2.0] SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = ? (1,)
        #> INSERT INTO posts (title, user_id) VALUES (?, ?) RETURNING id ('second', 1)
        #> INSERT INTO posts (title, user_id) VALUES (?, ?) RETURNING id ('third', 1)
    # --8<-- [end:add]

    # --8<-- [start:read]
    async with SessionLocal() as session:
        user = await session.get(User, 1)
        stmt = user.posts.select().order_by(Post.id)
        print(stmt)
        #> SELECT posts.id, posts.title, posts.user_id
        #> FROM posts
        #> WHERE :param_1 = posts.user_id ORDER BY posts.id
        titles = [post.title for post in await session.scalars(stmt)]
        print(titles)
        #> ['first', 'second', 'third']
        recent = await session.scalars(stmt.where(Post.title != "first").limit(1))
        print(recent.one().title)
        #> second
    # --8<-- [end:read]

    # --8<-- [start:not_iterable]
    async with SessionLocal() as session:
        user = await session.get(User, 1)
        try:
            list(user.posts)
        except TypeError as exc:
            print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
            #> builtins.TypeError: WriteOnly collections don't support iteration in-place; to query for collection items, use the select() method to produce a SQL statement and execute it with session.scalars().
    # --8<-- [end:not_iterable]
    await engine.dispose()


asyncio.run(main())
