"""Async fixes: session.run_sync() runs ordinary Session code, lazy loads
included, from async code, on aiosqlite and asyncpg."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, event
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship()  # lazy="select"


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


# --8<-- [end:setup]


# --8<-- [start:function]
def titles_of(session: Session, user_id: int) -> list[str]:
    # Plain synchronous ORM code: Session.get() and a lazy load, no await
    # anywhere.
    user = session.get(User, user_id)
    return [post.title for post in user.posts]


# --8<-- [end:function]


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

    # --8<-- [start:run_sync]
    async with SessionLocal() as session:
        statements.clear()
        print(f"{driver}: {await session.run_sync(titles_of, 1)}")
        #> aiosqlite: ['first', 'second']
        #> asyncpg: ['first', 'second']
        print(f"[{driver}]", *statements, sep="\n")
        #> [aiosqlite]
        #>[2.1] SELECT users.id, users.name
        #>[2.0] SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = ? (1,)
        #>[2.1] SELECT posts.id, posts.title, posts.user_id
        #>[2.0] SELECT posts.id AS posts_id, posts.title AS posts_title, posts.user_id AS posts_user_id
        #> FROM posts
        #> WHERE ? = posts.user_id (1,)
        #> [asyncpg]
        #>[2.1] SELECT users.id, users.name
        #>[2.0] SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = $1::INTEGER (1,)
        #>[2.1] SELECT posts.id, posts.title, posts.user_id
        #>[2.0] SELECT posts.id AS posts_id, posts.title AS posts_title, posts.user_id AS posts_user_id
        #> FROM posts
        #> WHERE $1::INTEGER = posts.user_id (1,)
    # --8<-- [end:run_sync]

    # --8<-- [start:sync_session]
    async with SessionLocal() as session:
        print(f"{driver}: {type(session.sync_session).__name__}")
        #> aiosqlite: Session
        #> asyncpg: Session
        user = await session.get(User, 1)
        # The lazy load works inside run_sync, on an object loaded outside it.
        count = await session.run_sync(lambda sync_session: len(user.posts))
        print(f"{driver}: {count=} {len(user.posts)=}")
        #> aiosqlite: count=2 len(user.posts)=2
        #> asyncpg: count=2 len(user.posts)=2
    # --8<-- [end:sync_session]
    await engine.dispose()


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        await demo(url)


asyncio.run(main())
