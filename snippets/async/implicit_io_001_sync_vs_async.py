"""Implicit IO: an attribute read that quietly runs a SELECT in sync code
raises under asyncio."""

import asyncio
import warnings

from guide_support import postgres_url
from sqlalchemy import String, create_engine, event
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# SQLAlchemy 2.1 with aiosqlite leaves an un-awaited coroutine behind when it
# raises; the "never awaited" RuntimeWarning it causes is shown further down
# the page, and silenced here.
warnings.filterwarnings(
    "ignore", "coroutine .* was never awaited", RuntimeWarning
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [end:setup]


# --8<-- [start:sync]
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


with Session(engine) as session:
    user = User(id=1, name="ada")
    session.add(user)
    session.commit()  # expires user
    statements.clear()
    print(f"{user.name=}")  # a plain attribute read...
    #> user.name='ada'
    for sql in statements:  # ...that ran a SELECT
        print(sql)
        #>[2.1] SELECT users.id, users.name
        #>[2.0] SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = ? (1,)
# --8<-- [end:sync]
engine.dispose()


# --8<-- [start:async]
async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    async with AsyncSession(engine) as session:
        user = User(id=1, name="ada")
        session.add(user)
        await session.commit()  # expires user
        try:
            print(f"{user.name=}")  # the same read
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


# --8<-- [end:async]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        async_engine = create_async_engine(url)
        async with async_engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        await demo(async_engine)
        await async_engine.dispose()


asyncio.run(main())
