"""Async fixes: session.run_sync() runs ordinary Session code, lazy loads included, from async code."""

import asyncio

from sqlalchemy import ForeignKey, String, event
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


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


engine = create_async_engine("sqlite+aiosqlite://")
SessionLocal = async_sessionmaker(engine)
statements: list[str] = []


@event.listens_for(engine.sync_engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


async def main() -> None:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with SessionLocal() as session:
        session.add(User(id=1, name="ada", posts=[Post(title="first"), Post(title="second")]))
        await session.commit()

    # --8<-- [start:run_sync]
    def titles_of(session: Session, user_id: int) -> list[str]:
        # Plain synchronous ORM code: Session.get() and a lazy load, no await anywhere.
        user = session.get(User, user_id)
        return [post.title for post in user.posts]

    async with SessionLocal() as session:
        statements.clear()
        print(await session.run_sync(titles_of, 1))
        #> ['first', 'second']
        print(*statements, sep="\n")
        #>[2.1] SELECT users.id, users.name
        #>[2.0] SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = ? (1,)
        #>[2.1] SELECT posts.id, posts.title, posts.user_id
        #>[2.0] SELECT posts.id AS posts_id, posts.title AS posts_title, posts.user_id AS posts_user_id
        #> FROM posts
        #> WHERE ? = posts.user_id (1,)
    # --8<-- [end:run_sync]

    # --8<-- [start:sync_session]
    async with SessionLocal() as session:
        print(f"{type(session.sync_session).__name__}")
        #> Session
        user = await session.get(User, 1)
        # The lazy load works inside run_sync, on an object loaded outside it.
        count = await session.run_sync(lambda sync_session: len(user.posts))
        print(f"{count=} {len(user.posts)=}")
        #> count=2 len(user.posts)=2
    # --8<-- [end:sync_session]
    await engine.dispose()


asyncio.run(main())
