"""MissingGreenlet, fixes for columns: expire_on_commit=False, or await
session.refresh() before reading."""

import asyncio

from sqlalchemy import String
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)

    # --8<-- [start:no_expire]
    Session = async_sessionmaker(engine, expire_on_commit=False)
    async with Session() as session:
        user = User(id=1, name="ada")
        session.add(user)
        await session.commit()  # nothing expires
        print(f"{user.name=}")
        #> user.name='ada'
    # --8<-- [end:no_expire]

    # --8<-- [start:refresh]
    Session = async_sessionmaker(engine)  # expire_on_commit=True, the default
    async with Session() as session:
        user = await session.get(User, 1)
        user.name = "ada lovelace"
        await session.commit()  # expires user
        await session.refresh(user)  # the SELECT, awaited
        print(f"{user.name=}")
        #> user.name='ada lovelace'
    # --8<-- [end:refresh]
    await engine.dispose()


asyncio.run(main())
