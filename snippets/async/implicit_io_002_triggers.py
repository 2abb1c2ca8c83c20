"""Implicit IO: lazy relationships, deferred columns, and attributes expired
by rollback() or expire() all raise under asyncio."""

import asyncio
import warnings

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String
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
# raises; the "never awaited" RuntimeWarning it causes is shown further down
# the page, and silenced here.
warnings.filterwarnings(
    "ignore", "coroutine .* was never awaited", RuntimeWarning
)


# --8<-- [start:models]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # not in the first SELECT
    bio: Mapped[str] = mapped_column(String(500), deferred=True)
    # lazy="select"
    posts: Mapped[list["Post"]] = relationship(back_populates="author")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # lazy="select"
    author: Mapped[User] = relationship(back_populates="posts")


# --8<-- [end:models]


# --8<-- [start:setup_collection]
async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    session_factory = async_sessionmaker(engine, expire_on_commit=False)
    async with session_factory.begin() as session:
        session.add(
            User(
                id=1,
                name="ada",
                bio="wrote the first program",
                posts=[Post(id=1)],
            )
        )
    # --8<-- [end:setup_collection]

    # --8<-- [start:collection]
    async with session_factory() as session:
        user = await session.get(User, 1)
        try:
            user.posts
        except (MissingGreenlet, StatementError) as exc:
            # On 2.1 with aiosqlite the message goes on to list the
            # parameters, under a name that changes on every run; this prints
            # it up to there.
            head = str(exc).split("\n[parameters")[0]
            print(
                f"{driver}: {type(exc).__module__}.{type(exc).__name__}: "
                f"{head}"
            )
            #>[2.1] aiosqlite: sqlalchemy.exc.StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT posts.id, posts.user_id
            #>[2.1] FROM posts
            #>[2.1] WHERE ? = posts.user_id]
            #>[2.1] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] aiosqlite: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            #>[2.0] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:collection]

    # --8<-- [start:many_to_one]
    async with session_factory() as session:
        post = await session.get(Post, 1)
        try:
            post.author
        except (MissingGreenlet, StatementError) as exc:
            print(
                f"{driver}: {type(exc).__module__}.{type(exc).__name__}: "
                f"{exc}"
            )
            #>[2.1] aiosqlite: sqlalchemy.exc.StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT users.id, users.name
            #>[2.1] FROM users
            #>[2.1] WHERE users.id = ?]
            #>[2.1] [parameters: [{'pk_1': 1}]]
            #>[2.1] (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.1] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] aiosqlite: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            #>[2.0] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:many_to_one]

    # --8<-- [start:deferred]
    async with session_factory() as session:
        user = await session.get(User, 1)
        try:
            user.bio
        except (MissingGreenlet, StatementError) as exc:
            print(
                f"{driver}: {type(exc).__module__}.{type(exc).__name__}: "
                f"{exc}"
            )
            #>[2.1] aiosqlite: sqlalchemy.exc.StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT users.bio
            #>[2.1] FROM users
            #>[2.1] WHERE users.id = ?]
            #>[2.1] [parameters: [{'pk_1': 1}]]
            #>[2.1] (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.1] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] aiosqlite: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            #>[2.0] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:deferred]

    # --8<-- [start:rollback]
    async with session_factory() as session:
        user = await session.get(User, 1)
        user.name = "ada lovelace"
        # expires everything, whatever expire_on_commit says
        await session.rollback()
        try:
            user.name
        except (MissingGreenlet, StatementError) as exc:
            print(
                f"{driver}: {type(exc).__module__}.{type(exc).__name__}: "
                f"{exc}"
            )
            #>[2.1] aiosqlite: sqlalchemy.exc.StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT users.id, users.name
            #>[2.1] FROM users
            #>[2.1] WHERE users.id = ?]
            #>[2.1] [parameters: [{'pk_1': 1}]]
            #>[2.1] (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.1] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] aiosqlite: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            #>[2.0] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:rollback]

    # --8<-- [start:expire]
    async with session_factory() as session:
        user = await session.get(User, 1)
        session.expire(user, ["name"])  # sync, sends nothing
        try:
            user.name
        except (MissingGreenlet, StatementError) as exc:
            print(
                f"{driver}: {type(exc).__module__}.{type(exc).__name__}: "
                f"{exc}"
            )
            #>[2.1] aiosqlite: sqlalchemy.exc.StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT users.name
            #>[2.1] FROM users
            #>[2.1] WHERE users.id = ?]
            #>[2.1] [parameters: [{'pk_1': 1}]]
            #>[2.1] (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.1] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] aiosqlite: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            #>[2.0] asyncpg: sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:expire]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        await demo(engine)
        await engine.dispose()


asyncio.run(main())
