"""Implicit IO: a plain function that builds a dict from an object after
commit hits the expired attributes."""

import asyncio
import warnings

from guide_support import postgres_url
from sqlalchemy import String, event
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError

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


statements: list[str] = []


def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


# --8<-- [end:setup]


# --8<-- [start:serialiser]
def user_to_dict(user: User) -> dict:
    """A response serialiser: plain, synchronous attribute reads."""
    return {"id": user.id, "name": user.name}


async def create_user(session_factory: async_sessionmaker, name: str) -> User:
    async with session_factory() as session:
        user = User(name=name)
        session.add(user)
        await session.commit()
        return user


# --8<-- [end:serialiser]


async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    # --8<-- [start:inside]
    default_factory = async_sessionmaker(engine)  # expire_on_commit=True
    async with default_factory() as session:
        user = User(name="ada")
        session.add(user)
        await session.commit()
        try:
            print(user_to_dict(user))  # the session is still open
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
    # --8<-- [end:inside]

    # --8<-- [start:after]
    user = await create_user(default_factory, "grace")
    try:
        print(user_to_dict(user))  # the session is closed
    except DetachedInstanceError as exc:
        print(f"{driver}: {type(exc).__module__}.{type(exc).__name__}: {exc}")
        #> aiosqlite: sqlalchemy.orm.exc.DetachedInstanceError: Instance <User at 0x7f25241c6290> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
        #> asyncpg: sqlalchemy.orm.exc.DetachedInstanceError: Instance <User at 0x7f25238fec50> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
    # --8<-- [end:after]

    # --8<-- [start:off]
    session_factory = async_sessionmaker(engine, expire_on_commit=False)
    user = await create_user(session_factory, "edsger")
    statements.clear()
    print(f"{driver}: {user_to_dict(user)} {statements=}")
    #> aiosqlite: {'id': 3, 'name': 'edsger'} statements=[]
    #> asyncpg: {'id': 3, 'name': 'edsger'} statements=[]
    # --8<-- [end:off]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        event.listen(engine.sync_engine, "before_cursor_execute", remember)
        await demo(engine)
        await engine.dispose()


asyncio.run(main())
