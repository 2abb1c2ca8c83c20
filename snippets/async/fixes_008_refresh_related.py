"""Async fixes: refresh() reloads the object, not the related objects already
in the Session; populate_existing does."""

import asyncio

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, select, text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    joinedload,
    mapped_column,
    relationship,
)


# --8<-- [start:models]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # refresh(user) reloads posts too
    posts: Mapped[list["Post"]] = relationship(lazy="joined")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


# --8<-- [end:models]


# --8<-- [start:setup_refresh]
async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    session_factory = async_sessionmaker(engine, expire_on_commit=False)
    async with session_factory.begin() as session:
        session.add(User(id=1, name="ada", posts=[Post(id=1, title="first")]))
    # --8<-- [end:setup_refresh]

    # --8<-- [start:refresh]
    async with session_factory() as session:
        user = await session.get(User, 1)
        # user and post are in the identity map; the code holds post
        post = user.posts[0]
        # Someone else changes both rows (plain SQL: the Session's objects do
        # not hear of it).
        await session.execute(text("UPDATE users SET name = 'ada lovelace'"))
        await session.execute(
            text("UPDATE posts SET title = 'first, edited'")
        )

        await session.refresh(user)
        print(
            f"{driver}: refresh(): {user.name=} {post.title=} "
            f"{post is user.posts[0]}"
        )
        #> aiosqlite: refresh(): user.name='ada lovelace' post.title='first' True
        #> asyncpg: refresh(): user.name='ada lovelace' post.title='first' True

        stmt = (
            select(User).where(User.id == 1).options(joinedload(User.posts))
        )
        await session.scalars(stmt)
        print(f"{driver}: joinedload(): {post.title=}")
        #> aiosqlite: joinedload(): post.title='first'
        #> asyncpg: joinedload(): post.title='first'

        await session.scalars(stmt.execution_options(populate_existing=True))
        print(f"{driver}: joinedload() + populate_existing: {post.title=}")
        #> aiosqlite: joinedload() + populate_existing: post.title='first, edited'
        #> asyncpg: joinedload() + populate_existing: post.title='first, edited'
    # --8<-- [end:refresh]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        await demo(engine)
        await engine.dispose()


asyncio.run(main())
