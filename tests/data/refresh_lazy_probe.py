"""Does AsyncSession.refresh(obj, ["posts"]) load a lazy="select" relationship?

Run by tests/test_refresh_versions.py with the Python of a throwaway environment that has one
SQLAlchemy release; prints one JSON line: the version, what is unloaded after the refresh,
and what reading the collection then does.
"""

import asyncio
import json
import warnings

import sqlalchemy
from sqlalchemy import ForeignKey, String, inspect
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

warnings.filterwarnings("ignore", "coroutine .* was never awaited", RuntimeWarning)


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


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    session_factory = async_sessionmaker(engine)
    async with session_factory() as session:
        session.add(User(id=1, name="ada", posts=[Post(title="first")]))
        await session.commit()
    async with session_factory() as session:
        user = await session.get(User, 1)
        await session.refresh(user, ["posts"])
        unloaded = sorted(inspect(user).unloaded)
        try:
            read = [post.title for post in user.posts]
        except Exception as exc:  # MissingGreenlet (or StatementError wrapping it)
            read = type(exc).__name__
    await engine.dispose()
    print(json.dumps({"version": sqlalchemy.__version__, "unloaded": unloaded, "read": read}))


asyncio.run(main())
