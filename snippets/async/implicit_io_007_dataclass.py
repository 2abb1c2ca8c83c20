"""Implicit IO with MappedAsDataclass: relationship(default_factory=list) sets
the collection at construction on 2.0, not on 2.1."""

import asyncio
import warnings

from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, event
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    MappedAsDataclass,
    mapped_column,
    relationship,
)

# SQLAlchemy 2.1 with aiosqlite leaves an un-awaited coroutine behind when it
# raises; silenced.
warnings.filterwarnings(
    "ignore", "coroutine .* was never awaited", RuntimeWarning
)


# --8<-- [start:models]
class Base(MappedAsDataclass, DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship(default_factory=list)


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id"), default=None
    )


# --8<-- [end:models]


async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    statements: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement.split("\n")[0])

    # --8<-- [start:default_factory]
    session_factory = async_sessionmaker(engine, expire_on_commit=False)
    async with session_factory() as session:
        user = User("ada")  # posts left to default_factory=list
        print(f"{driver}: set at construction: {'posts' in user.__dict__}")
        #>[2.1] aiosqlite: set at construction: False
        #>[2.1] asyncpg: set at construction: False
        #>[2.0] aiosqlite: set at construction: True
        #>[2.0] asyncpg: set at construction: True
        session.add(user)
        await session.commit()
        try:
            print(f"{driver}: {user.posts=}")
            #>[2.0] aiosqlite: user.posts=[]
            #>[2.0] asyncpg: user.posts=[]
        except (MissingGreenlet, StatementError) as exc:
            print(
                f"{driver}: {type(exc).__name__}: {str(exc).splitlines()[0]}"
            )
            #>[2.1] aiosqlite: StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] asyncpg: MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
    # --8<-- [end:default_factory]

    # --8<-- [start:explicit]
    async with session_factory() as session:
        # passed explicitly: set on every version
        user = User("bob", posts=[])
        session.add(user)
        await session.commit()
        statements.clear()
        print(f"{driver}: {user.posts=} {statements=}")
        #> aiosqlite: user.posts=[] statements=[]
        #> asyncpg: user.posts=[] statements=[]
    # --8<-- [end:explicit]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        await demo(engine)
        await engine.dispose()


asyncio.run(main())
