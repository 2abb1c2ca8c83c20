"""MissingGreenlet on each async driver and version: which exception class
arrives, and an except clause that catches it everywhere."""

import asyncio
import warnings

from guide_support import postgres_url
from sqlalchemy import String
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# On 2.1 the wrapped error leaves an un-awaited coroutine behind (a
# RuntimeWarning at exit).
warnings.filterwarnings(
    "ignore", "coroutine .* was never awaited", RuntimeWarning
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [start:is_missing_greenlet]
def is_missing_greenlet(exc: BaseException) -> bool:
    """The bare MissingGreenlet, or a StatementError that wraps one (its
    .orig)."""
    return isinstance(exc, MissingGreenlet) or isinstance(
        getattr(exc, "orig", None), MissingGreenlet
    )


# --8<-- [end:is_missing_greenlet]


# --8<-- [start:setup_drivers]
async def read_after_commit(engine: AsyncEngine) -> BaseException:
    Session = async_sessionmaker(engine)
    driver = engine.dialect.driver
    # --8<-- [end:setup_drivers]
    # --8<-- [start:drivers]
    async with Session() as session:
        user = User(id=1, name="ada")
        session.add(user)
        await session.commit()  # expires user.name
        try:
            # a plain attribute read cannot await the SELECT it needs
            print(user.name)
        except Exception as exc:  # not "except MissingGreenlet": see below
            caught = exc
            print(
                f"[{driver}] {type(exc).__module__}.{type(exc).__name__}: "
                f"{exc}"
            )
            #>[2.1] [aiosqlite] sqlalchemy.exc.StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT users.id, users.name
            #>[2.1] FROM users
            #>[2.1] WHERE users.id = ?]
            #>[2.1] [parameters: [{'pk_1': 1}]]
            #>[2.1] (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.1] [asyncpg] sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.1] [psycopg] sqlalchemy.exc.StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT users.id, users.name
            #>[2.1] FROM users
            #>[2.1] WHERE users.id = %(pk_1)s::INTEGER]
            #>[2.1] [parameters: [{'pk_1': 1}]]
            #>[2.1] (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] [aiosqlite] sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            #>[2.0] [asyncpg] sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            #>[2.0] [psycopg] sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:drivers]
    return caught


async def which_except(engine: AsyncEngine, caught: BaseException) -> None:
    driver = engine.dialect.driver
    # --8<-- [start:which_except]
    # would "except MissingGreenlet" catch it?
    by_mg = isinstance(caught, MissingGreenlet)
    # would "except StatementError" catch it?
    by_se = isinstance(caught, StatementError)
    print(
        f"{driver:9} except MissingGreenlet: {by_mg!s:5}  except "
        f"StatementError: {by_se}"
    )
    #>[2.1] aiosqlite except MissingGreenlet: False  except StatementError: True
    #>[2.0] aiosqlite except MissingGreenlet: True   except StatementError: False
    #> asyncpg   except MissingGreenlet: True   except StatementError: False
    #>[2.1] psycopg   except MissingGreenlet: False  except StatementError: True
    #>[2.0] psycopg   except MissingGreenlet: True   except StatementError: False
    # --8<-- [end:which_except]


async def everywhere(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    async with async_sessionmaker(engine)() as session:
        user = await session.get(User, 1)
        await session.commit()
        # --8<-- [start:everywhere]
        try:
            user.name
        except (MissingGreenlet, StatementError) as exc:
            if not is_missing_greenlet(exc):
                # a StatementError with another cause is not ours to handle
                raise
            print(f"{driver:9} caught {type(exc).__name__}")
            #>[2.1] aiosqlite caught StatementError
            #>[2.0] aiosqlite caught MissingGreenlet
            #> asyncpg   caught MissingGreenlet
            #>[2.1] psycopg   caught StatementError
            #>[2.0] psycopg   caught MissingGreenlet
        # --8<-- [end:everywhere]


async def main() -> None:
    urls = ("sqlite+aiosqlite://", postgres_url("async"))
    # psycopg 3, async mode
    urls += (urls[1].set(drivername="postgresql+psycopg"),)
    engines = [create_async_engine(url) for url in urls]
    results = []
    for engine in engines:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
            await conn.run_sync(Base.metadata.create_all)
        results.append(await read_after_commit(engine))
        await everywhere(engine)
    for engine, caught in zip(engines, results, strict=True):
        await which_except(engine, caught)
    for engine in engines:
        await engine.dispose()


asyncio.run(main())
