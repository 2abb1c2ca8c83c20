"""expire_on_commit=False does not cover rollback: rollback() and a failed
begin() block expire everything."""

import asyncio
import warnings

from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    sessionmaker,
)
from sqlalchemy.orm.exc import DetachedInstanceError

# On 2.1 the wrapped MissingGreenlet below leaves an un-awaited coroutine
# behind (a RuntimeWarning at exit, shown on the implicit IO page); silenced
# here.
warnings.filterwarnings(
    "ignore", "coroutine .* was never awaited", RuntimeWarning
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
SessionLocal = sessionmaker(engine, expire_on_commit=False)
with SessionLocal() as setup:
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()

# --8<-- [start:rollback]
with SessionLocal() as session:  # expire_on_commit=False
    ada = session.get(User, 1)
    session.commit()
    print(f"after commit:   {inspect(ada).expired=}")
    #> after commit:   inspect(ada).expired=False

    session.get(User, 2)  # any query begins a new transaction
    session.rollback()
    print(f"after rollback: {inspect(ada).expired=}")
    #> after rollback: inspect(ada).expired=True

try:
    print(ada.name)
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Instance <User at 0x7fcbf3d8a090> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:rollback]


# --8<-- [start:setup_begin_block]
class OutOfStock(Exception):
    pass


# --8<-- [end:setup_begin_block]


# --8<-- [start:begin_block]
with SessionLocal.begin() as session:  # the block ends normally: commit
    ada = session.get(User, 1)
print(f"{inspect(ada).detached=} {inspect(ada).expired=}")
#> inspect(ada).detached=True inspect(ada).expired=False

try:
    # commits at the end, rolls back on an exception
    with SessionLocal.begin() as session:
        grace = session.get(User, 2)
        raise OutOfStock("nothing left")
except OutOfStock:
    pass

print(f"{inspect(grace).detached=} {inspect(grace).expired=}")
#> inspect(grace).detached=True inspect(grace).expired=True
try:
    print(grace.name)
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Instance <User at 0x7fcbf3d8a310> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:begin_block]

# --8<-- [start:fix]
with SessionLocal() as session:
    ada = session.get(User, 1)
    session.get(User, 2)
    session.rollback()
    session.refresh(ada)  # reload while the Session is still open
print(f"{inspect(ada).expired=} {ada.name=}")
#> inspect(ada).expired=False ada.name='ada'
# --8<-- [end:fix]


# --8<-- [start:async]
async def after_rollback() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    AsyncSessionLocal = async_sessionmaker(engine, expire_on_commit=False)
    async with AsyncSessionLocal() as session:
        user = User(id=1, name="ada")
        session.add(user)
        await session.commit()
        await session.execute(select(User))  # a new transaction begins
        await session.rollback()
        try:
            # the Session is open, but the reload would need an await
            print(user.name)
        # 2.1 on aiosqlite wraps it
        except (MissingGreenlet, StatementError) as exc:
            print(
                f"{inspect(user).expired=} "
                f"{type(getattr(exc, 'orig', exc)).__name__}"
            )
            #> inspect(user).expired=True MissingGreenlet
        await session.refresh(user)  # the reload, awaited
        print(f"after refresh: {user.name=}")
        #> after refresh: user.name='ada'
    await engine.dispose()


asyncio.run(after_rollback())
# --8<-- [end:async]
