"""Async fixes: selectinload() and joinedload() load a relationship in the
query, on aiosqlite and asyncpg."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    joinedload,
    mapped_column,
    relationship,
    selectinload,
)


# --8<-- [start:models]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship(back_populates="author")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User] = relationship(back_populates="posts")


# --8<-- [end:models]


# --8<-- [start:setup_capture]
async def prepare(url) -> tuple:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    SessionLocal = async_sessionmaker(engine)
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
    # --8<-- [end:setup_capture]

    # --8<-- [start:capture]
    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(f"{statement} {parameters}")

    # --8<-- [end:capture]
    return engine, SessionLocal, statements


# --8<-- [start:setup_selectinload]
async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine, SessionLocal, statements = await prepare(url)
        driver = engine.dialect.driver
        # --8<-- [end:setup_selectinload]
        # --8<-- [start:selectinload]
        async with SessionLocal() as session:
            statements.clear()
            stmt = (
                select(User)
                .where(User.id == 1)
                .options(selectinload(User.posts))
            )
            user = (await session.scalars(stmt)).one()
            print(f"{driver}: {[post.title for post in user.posts]}")
            #> aiosqlite: ['first', 'second']
            #> asyncpg: ['first', 'second']
            print(f"[{driver}]", *statements, sep="\n")
            #> [aiosqlite]
            #> SELECT users.id, users.name
            #> FROM users
            #> WHERE users.id = ? (1,)
            #>[2.1] SELECT posts.user_id, posts.id, posts.title
            #>[2.0] SELECT posts.user_id AS posts_user_id, posts.id AS posts_id, posts.title AS posts_title
            #> FROM posts
            #> WHERE posts.user_id IN (?) (1,)
            #> [asyncpg]
            #> SELECT users.id, users.name
            #> FROM users
            #> WHERE users.id = $1::INTEGER (1,)
            #>[2.1] SELECT posts.user_id, posts.id, posts.title
            #>[2.0] SELECT posts.user_id AS posts_user_id, posts.id AS posts_id, posts.title AS posts_title
            #> FROM posts
            #> WHERE posts.user_id IN ($1::INTEGER) (1,)
        # --8<-- [end:selectinload]
        # --8<-- [start:joinedload]
        async with SessionLocal() as session:
            statements.clear()
            stmt = (
                select(User)
                .where(User.id == 1)
                .options(joinedload(User.posts))
            )
            user = (await session.scalars(stmt)).unique().one()
            print(f"{driver}: {[post.title for post in user.posts]}")
            #> aiosqlite: ['first', 'second']
            #> asyncpg: ['first', 'second']
            print(f"[{driver}]", *statements, sep="\n")
            #> [aiosqlite]
            #> SELECT users.id, users.name, posts_1.id AS id_1, posts_1.title, posts_1.user_id
            #> FROM users LEFT OUTER JOIN posts AS posts_1 ON users.id = posts_1.user_id
            #> WHERE users.id = ? (1,)
            #> [asyncpg]
            #> SELECT users.id, users.name, posts_1.id AS id_1, posts_1.title, posts_1.user_id
            #> FROM users LEFT OUTER JOIN posts AS posts_1 ON users.id = posts_1.user_id
            #> WHERE users.id = $1::INTEGER (1,)
        # --8<-- [end:joinedload]

        # --8<-- [start:without_unique]
        async with SessionLocal() as session:
            try:
                (await session.scalars(stmt)).one()  # no .unique()
            except InvalidRequestError as exc:
                print(f"{driver}: {type(exc).__name__}: {exc}")
                #> aiosqlite: InvalidRequestError: The unique() method must be invoked on this Result, as it contains results that include joined eager loads against collections
                #> asyncpg: InvalidRequestError: The unique() method must be invoked on this Result, as it contains results that include joined eager loads against collections
        # --8<-- [end:without_unique]
        await engine.dispose()


asyncio.run(main())
