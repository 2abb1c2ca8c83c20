"""MissingGreenlet: an except clause for both forms raises every other
StatementError again, such as an IntegrityError."""

import asyncio

from sqlalchemy import String
from sqlalchemy.exc import IntegrityError, MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


def is_missing_greenlet(exc: BaseException) -> bool:
    return isinstance(exc, MissingGreenlet) or isinstance(
        getattr(exc, "orig", None), MissingGreenlet
    )


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    Session = async_sessionmaker(engine)
    async with Session() as session:
        session.add(User(id=1, name="ada"))
        await session.commit()

    # --8<-- [start:reraise]
    print(f"{issubclass(IntegrityError, StatementError)=}")
    #> issubclass(IntegrityError, StatementError)=True
    async with Session() as session:
        try:
            try:
                session.add(User(id=1, name="grace"))  # id 1 is taken
                await session.flush()
            except (MissingGreenlet, StatementError) as exc:
                if not is_missing_greenlet(exc):
                    raise
                print("handled as MissingGreenlet")
        except IntegrityError as exc:
            print(f"raised again: {type(exc).__name__}")
            #> raised again: IntegrityError
    # --8<-- [end:reraise]
    await engine.dispose()


asyncio.run(main())
