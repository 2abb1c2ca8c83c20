"""Async fixes: lazy="raise" and raiseload("*") turn a hidden lazy load into
an immediate, clear error, on aiosqlite and asyncpg."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    raiseload,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


# --8<-- [start:models]
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship(
        lazy="raise", back_populates="author"
    )


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # lazy="select"
    author: Mapped[User] = relationship(back_populates="posts")


# --8<-- [end:models]


async def demo(url) -> None:
    engine = create_async_engine(url)
    driver = engine.dialect.driver
    SessionLocal = async_sessionmaker(engine)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with SessionLocal() as session:
        session.add(User(id=1, name="ada", posts=[Post(id=1, title="first")]))
        await session.commit()
    statements: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    # --8<-- [start:lazy_raise]
    async with SessionLocal() as session:
        user = await session.get(User, 1)
        statements.clear()
        try:
            user.posts
        except InvalidRequestError as exc:
            print(
                f"{driver}: {type(exc).__module__}.{type(exc).__name__}: "
                f"{exc}"
            )
            #> aiosqlite: sqlalchemy.exc.InvalidRequestError: 'User.posts' is not available due to lazy='raise'
            #> asyncpg: sqlalchemy.exc.InvalidRequestError: 'User.posts' is not available due to lazy='raise'
        print(f"{driver}: {statements=}")  # raised before any IO
        #> aiosqlite: statements=[]
        #> asyncpg: statements=[]
    # --8<-- [end:lazy_raise]

    # --8<-- [start:eager_allowed]
    async with SessionLocal() as session:
        stmt = (
            select(User).where(User.id == 1).options(selectinload(User.posts))
        )
        user = (await session.scalars(stmt)).one()
        print(f"{driver}: {[post.title for post in user.posts]}")
        #> aiosqlite: ['first']
        #> asyncpg: ['first']
    # --8<-- [end:eager_allowed]

    # --8<-- [start:raiseload]
    async with SessionLocal() as session:
        stmt = select(Post).where(Post.id == 1).options(raiseload("*"))
        post = (await session.scalars(stmt)).one()
        statements.clear()
        try:
            post.author
        except InvalidRequestError as exc:
            print(
                f"{driver}: {type(exc).__module__}.{type(exc).__name__}: "
                f"{exc}"
            )
            #> aiosqlite: sqlalchemy.exc.InvalidRequestError: 'Post.author' is not available due to lazy='raise'
            #> asyncpg: sqlalchemy.exc.InvalidRequestError: 'Post.author' is not available due to lazy='raise'
        print(f"{driver}: {statements=}")
        #> aiosqlite: statements=[]
        #> asyncpg: statements=[]
    # --8<-- [end:raiseload]
    await engine.dispose()


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        await demo(url)


asyncio.run(main())
