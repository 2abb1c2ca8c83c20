"""Blog claims: after an async commit, id is expired: an open AsyncSession
raises, a closed one too; refresh() fixes it."""

import asyncio
import gc
import warnings

from guide_support import postgres_url
from sqlalchemy import Integer, String, inspect, make_url
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError

# On 2.1 with aiosqlite, the failed read leaves an un-awaited coroutine behind
# (a RuntimeWarning at garbage collection; see docs/async/implicit-io.md).
warnings.filterwarnings(
    "ignore",
    "coroutine 'Connection.cursor' was never awaited",
    RuntimeWarning,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(255))


def read_id(user: User) -> str:
    try:
        return f"id={user.id}"
    except (MissingGreenlet, StatementError, DetachedInstanceError) as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


async def main(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    # expire_on_commit=True
    SessionLocal = async_sessionmaker(engine, class_=AsyncSession)
    # --8<-- [end:setup]

    # --8<-- [start:id_after_commit]
    async with SessionLocal() as session:
        user = User(name="ada", email="ada@example.com")
        session.add(user)
        await session.flush()
        print(f"after flush:  {user.id=}")
        #> after flush:  user.id=1
        #> after flush:  user.id=1
        await session.commit()
        print(f"after commit: {sorted(inspect(user).expired_attributes)}")
        #> after commit: ['email', 'id', 'name']
        #> after commit: ['email', 'id', 'name']
        print(f"read, session open:   {read_id(user)}")
        #>[2.1] read, session open:   StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
        #>[2.1] read, session open:   MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
        #>[2.0] read, session open:   MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
        #>[2.0] read, session open:   MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    print(f"read, session closed: {read_id(user)}")
    #> read, session closed: DetachedInstanceError: Instance <User at 0x7f2c45db80d0> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
    #> read, session closed: DetachedInstanceError: Instance <User at 0x7f2c454f8950> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
    # --8<-- [end:id_after_commit]

    # --8<-- [start:refresh]
    async with SessionLocal() as session:
        user = User(name="grace", email="grace@example.com")
        session.add(user)
        await session.commit()
        await session.refresh(user)  # the post's Fix 3
    print(f"after refresh, session closed: {read_id(user)} {user.email=}")
    #> after refresh, session closed: id=2 user.email='grace@example.com'
    #> after refresh, session closed: id=2 user.email='grace@example.com'
    # --8<-- [end:refresh]
    await engine.dispose()


# --8<-- [start:run]
for url in ("sqlite+aiosqlite://", postgres_url("async")):
    print(f"--- {make_url(url).drivername}")
    #> --- sqlite+aiosqlite
    #> --- postgresql+asyncpg
    asyncio.run(main(url))
# --8<-- [end:run]
# collect the un-awaited coroutine while the filter above still applies
gc.collect()
