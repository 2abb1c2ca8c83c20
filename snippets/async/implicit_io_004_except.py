"""Implicit IO: which except clause catches the error, per SQLAlchemy version
and driver."""

import asyncio
import warnings

from guide_support import postgres_url
from sqlalchemy import String
from sqlalchemy.exc import (
    DBAPIError,
    MissingGreenlet,
    SQLAlchemyError,
    StatementError,
)
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLAlchemy 2.1 with aiosqlite leaves an un-awaited coroutine behind when it
# raises; the "never awaited" RuntimeWarning it causes is shown further down
# the page, and silenced here.
warnings.filterwarnings(
    "ignore", "coroutine .* was never awaited", RuntimeWarning
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [start:helper]
def caused_by_missing_greenlet(exc: BaseException) -> bool:
    """True for the bare MissingGreenlet and for a StatementError wrapping
    one."""
    return isinstance(exc, MissingGreenlet) or isinstance(
        getattr(exc, "orig", None), MissingGreenlet
    )


# --8<-- [end:helper]


async def demo(engine: AsyncEngine) -> None:
    driver = engine.dialect.driver
    async with AsyncSession(engine) as session:
        user = User(id=1, name="ada")
        session.add(user)
        await session.commit()  # expires user

        # --8<-- [start:checks]
        try:
            user.name
        except SQLAlchemyError as exc:
            print(
                f"{driver}: {type(exc).__name__} "
                f"{isinstance(exc, MissingGreenlet)=} "
                f"{isinstance(exc, StatementError)=}"
            )
            #>[2.1] aiosqlite: StatementError isinstance(exc, MissingGreenlet)=False isinstance(exc, StatementError)=True
            #>[2.0] aiosqlite: MissingGreenlet isinstance(exc, MissingGreenlet)=True isinstance(exc, StatementError)=False
            #> asyncpg: MissingGreenlet isinstance(exc, MissingGreenlet)=True isinstance(exc, StatementError)=False
            orig = getattr(exc, "orig", None)  # what a StatementError wraps
            print(
                f"{driver}: {isinstance(exc, DBAPIError)=} "
                f"{type(orig).__name__=}"
            )
            #>[2.1] aiosqlite: isinstance(exc, DBAPIError)=False type(orig).__name__='MissingGreenlet'
            #>[2.0] aiosqlite: isinstance(exc, DBAPIError)=False type(orig).__name__='NoneType'
            #> asyncpg: isinstance(exc, DBAPIError)=False type(orig).__name__='NoneType'
        # --8<-- [end:checks]

        # --8<-- [start:narrow]
        try:
            try:
                user.name
            except MissingGreenlet:
                print(f"{driver}: caught by except MissingGreenlet")
                #>[2.0] aiosqlite: caught by except MissingGreenlet
                #> asyncpg: caught by except MissingGreenlet
        except StatementError as exc:
            print(
                f"{driver}: except MissingGreenlet missed it: "
                f"{type(exc).__name__} got through"
            )
            #>[2.1] aiosqlite: except MissingGreenlet missed it: StatementError got through
        # --8<-- [end:narrow]

        # --8<-- [start:both]
        try:
            user.name
        except (MissingGreenlet, StatementError) as exc:
            if not caused_by_missing_greenlet(exc):
                raise  # a StatementError with another cause
            print(
                f"{driver}: caught {type(exc).__name__}, "
                f"{caused_by_missing_greenlet(exc)=}"
            )
            #>[2.1] aiosqlite: caught StatementError, caused_by_missing_greenlet(exc)=True
            #>[2.0] aiosqlite: caught MissingGreenlet, caused_by_missing_greenlet(exc)=True
            #> asyncpg: caught MissingGreenlet, caused_by_missing_greenlet(exc)=True
        # --8<-- [end:both]


async def main() -> None:
    for url in ("sqlite+aiosqlite://", postgres_url("async")):
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        await demo(engine)
        await engine.dispose()


asyncio.run(main())
